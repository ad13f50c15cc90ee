"""Who is who: people and their roles, key-user groups, their channels, and routing a question to a group."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from cards.views import GroupView, PersonView
from i18n import t
from matching.text import fold
from services.conversations import remember_channel_in
from storage import Database, GroupRepository, PersonRepository, Session
from storage.models import KeyUserGroup, Person, utcnow
from vocabulary import GroupKind, Role

GENERAL_APPLICATION = "Algemeen"
"""The application of the general key-user group: questions about no particular application ('Anders / weet ik
niet' in the ticket form: leave, HR, ...). Without such a group they go to functional management."""


class NotAllowed(Exception):
    """The acting person's role does not allow this."""


def default_group_name(kind: str, application: str | None, department: str | None) -> str:
    """A readable unique name for a group created by linking a channel."""
    prefix = t(
        "group.default_name.key_users" if kind == GroupKind.KEY_USERS else "group.default_name.functional_management"
    )
    return " ".join(part for part in (prefix, application or "", f"({department})" if department else "") if part)


@dataclass(frozen=True)
class GroupInfo:
    """A group as flows name it: which one, without its members."""

    id: int
    name: str
    kind: str


def group_info(group: KeyUserGroup) -> GroupInfo:
    """The stored group as a GroupInfo."""
    return GroupInfo(id=group.id, name=group.name, kind=group.kind)


def person_view(person: Person) -> PersonView:
    """Someone as cards show them: by name, else by key."""
    return PersonView(person.user_key, person.name or person.user_key)


@dataclass(frozen=True)
class Actor:
    """The person behind an action, as the services check it."""

    key: str
    name: str | None = None
    teams_id: str | None = None
    tenant_id: str | None = None
    language: str | None = None


class DirectoryService:
    """People, roles and groups; every check reads the database, so all instances agree."""

    def __init__(self, db: Database) -> None:
        self.db = db

    # ------------------------------------------------------------------ people
    async def person(self, user_key: str) -> Person | None:
        """One person or None."""
        async with self.db.read() as session:
            return await PersonRepository(session).get(user_key)

    async def role(self, user_key: str) -> Role:
        """Someone's role; unknown people are employees."""
        person = await self.person(user_key)
        return Role.of(person.role if person is not None else None)

    async def set_person(self, user_key: str, **fields: Any) -> Person:
        """Create or update a person (role, name, department, email)."""
        role = fields.get("role")
        if role is not None and role not in tuple(Role):
            raise ValueError(f"unknown role {role!r}; use one of {', '.join(Role)}")
        async with self.db.transaction() as session:
            return await PersonRepository(session).upsert(user_key, **fields)

    # ------------------------------------------------------------------ groups
    async def groups(self) -> list[KeyUserGroup]:
        """Every group."""
        async with self.db.read() as session:
            return await GroupRepository(session).all()

    async def groups_in_channel(self, channel_id: str) -> list[GroupInfo]:
        """Every group linked to a Teams channel, by name."""
        return [group_info(g) for g in await self.groups() if g.channel_id == channel_id]

    async def group(self, group_id: int) -> KeyUserGroup | None:
        """One group or None."""
        async with self.db.read() as session:
            return await GroupRepository(session).get(group_id)

    async def save_group(
        self,
        *,
        name: str,
        kind: str = GroupKind.KEY_USERS,
        application: str | None = None,
        department: str | None = None,
        parent: str | None = None,
        channel_id: str | None = None,
        channel_name: str | None = None,
        team_id: str | None = None,
        response_target_minutes: int | None = None,
    ) -> KeyUserGroup:
        """Create a group or update the one with this name; `parent` names its functional-management group."""
        if kind not in tuple(GroupKind):
            raise ValueError(f"unknown group kind {kind!r}; use one of {', '.join(GroupKind)}")
        if kind == GroupKind.KEY_USERS and not application:
            raise ValueError("a key-user group needs an application")
        async with self.db.transaction() as session:
            repo = GroupRepository(session)
            parent_id = None
            if parent:
                parent_group = await repo.by_name(parent)
                if parent_group is None or parent_group.kind != GroupKind.FUNCTIONAL_MANAGEMENT:
                    raise ValueError(f"parent {parent!r} is not a functional-management group")
                parent_id = parent_group.id
            group = await repo.by_name(name) or KeyUserGroup(name=name)
            group.kind, group.application, group.department = kind, application, department
            if parent_id is not None:
                group.parent_id = parent_id
            for attr, value in (
                ("channel_id", channel_id),
                ("channel_name", channel_name),
                ("team_id", team_id),
                ("response_target_minutes", response_target_minutes),
            ):
                if value is not None:
                    setattr(group, attr, value)
            return await repo.save(group)

    async def add_member(
        self,
        group_name: str,
        user_key: str,
        *,
        name: str | None = None,
        chair: bool | None = None,
        role: str | None = None,
        department: str | None = None,
        email: str | None = None,
    ) -> None:
        """Put someone in a group (creating the person); key users get at least the key_user role.

        `chair`: True makes them the group's chair, False takes that away, None leaves it."""
        async with self.db.transaction() as session:
            group = await GroupRepository(session).by_name(group_name)
            if group is None:
                raise ValueError(f"no group named {group_name!r}")
            people = PersonRepository(session)
            existing = await people.get(user_key)
            needed = Role.FUNCTIONAL_MANAGER if group.kind == GroupKind.FUNCTIONAL_MANAGEMENT else Role.KEY_USER
            current = role or (existing.role if existing else Role.EMPLOYEE)
            await people.upsert(
                user_key,
                name=name,
                department=department,
                email=email,
                role=current if Role.of(current).includes(needed) else needed,
            )
            await GroupRepository(session).set_member(group.id, user_key, chair=chair)

    async def remove_member(self, group_name: str, user_key: str) -> bool:
        """Take someone out of a group."""
        async with self.db.transaction() as session:
            group = await GroupRepository(session).by_name(group_name)
            return group is not None and await GroupRepository(session).remove_member(group.id, user_key)

    async def link_channel(
        self,
        actor: Actor,
        *,
        kind: str,
        application: str | None,
        department: str | None,
        channel_id: str,
        team_id: str | None,
        channel_name: str | None,
        reference: dict[str, Any],
    ) -> GroupView:
        """A functional manager links the channel they type in to a group (created when new), with the channel's
        reference made from their message's, so its tickets can be posted there."""
        if not (await self.role(actor.key)).includes(Role.FUNCTIONAL_MANAGER):
            raise NotAllowed("linking a channel needs the functional_manager role")
        async with self.db.transaction() as session:
            repo = GroupRepository(session)
            existing = [
                g
                for g in await repo.all()
                if g.kind == kind and _same(g.application, application) and _same(g.department, department)
            ]
            group = (
                existing[0]
                if existing
                else KeyUserGroup(
                    name=default_group_name(kind, application, department),
                    kind=kind,
                    application=application,
                    department=department,
                )
            )
            group.channel_id, group.team_id = channel_id, team_id
            group.channel_name = channel_name or group.channel_name
            if kind == GroupKind.KEY_USERS and group.parent_id is None:
                parent = _second_line(
                    [g for g in await repo.all() if g.kind == GroupKind.FUNCTIONAL_MANAGEMENT], application
                )
                group.parent_id = parent.id if parent else None
            group = await repo.save(group)
            await remember_channel_in(session, channel_id, tenant_id=actor.tenant_id, reference=reference)
        return await self.group_view(group)

    # ------------------------------------------------------------------ routing
    async def applications(self) -> list[str]:
        """Applications that have a key-user group, sorted (the general group's left out)."""
        return applications_of(await self.groups())

    async def routes_general(self) -> bool:
        """Whether a question about no particular application has somewhere to go (a general group or management)."""
        return any(is_general(g) or g.kind == GroupKind.FUNCTIONAL_MANAGEMENT for g in await self.groups())

    async def route(self, application: str, department: str | None) -> KeyUserGroup | None:
        """The key-user group for an application and the asker's department (else the application's general group)."""
        return route_in(await self.groups(), application, department)

    async def second_line(self, group: KeyUserGroup) -> KeyUserGroup | None:
        """The functional-management group above a key-user group; None above functional management itself."""
        if group.kind == GroupKind.FUNCTIONAL_MANAGEMENT:
            return None
        groups = await self.groups()
        if group.parent_id is not None:
            parent = next((g for g in groups if g.id == group.parent_id), None)
            if parent is not None:
                return parent
        return _second_line([g for g in groups if g.kind == GroupKind.FUNCTIONAL_MANAGEMENT], group.application)

    async def is_member(self, group_id: int | None, user_key: str) -> bool:
        """Whether someone is in a group."""
        if group_id is None:
            return False
        async with self.db.read() as session:
            return await GroupRepository(session).is_member(group_id, user_key)

    async def members(self, group_id: int) -> list[tuple[PersonView, bool]]:
        """(person, is_chair) of a group's members, chair first."""
        async with self.db.read() as session:
            rows = await GroupRepository(session).members(group_id)
        return [(person_view(person), member.is_chair) for member, person in rows]

    async def group_view(self, group: KeyUserGroup) -> GroupView:
        """A group as the cards show it."""
        members = await self.members(group.id)
        chair = next((person for person, is_chair in members if is_chair), None)
        return GroupView(
            name=group.name,
            application=group.application or "",
            department=group.department,
            key_users=tuple(person for person, _ in members),
            chair=chair,
            channel_name=group.channel_name,
        )

    async def key_users_for(self, user_key: str, text: str = "") -> list[GroupView]:
        """'Wie is mijn kerngebruiker?': the asker's department's groups, narrowed to applications named in `text`."""
        person = await self.person(user_key)
        department = person.department if person else None
        groups = [g for g in await self.groups() if g.kind == GroupKind.KEY_USERS]
        named = [g for g in groups if g.application and _mentions(text, g.application)]
        chosen: dict[str, KeyUserGroup] = {}
        for group in sorted(named or groups, key=lambda g: (g.application or "", g.department is None)):
            key = fold(group.application or "")
            if key in chosen:
                continue
            if group.department and not _same(group.department, department):
                continue
            chosen[key] = group
        return [await self.group_view(g) for g in chosen.values()]


def is_general(group: KeyUserGroup) -> bool:
    """The general key-user group (of a department, or of everyone): application GENERAL_APPLICATION."""
    return group.kind == GroupKind.KEY_USERS and _same(group.application, GENERAL_APPLICATION)


def applications_of(groups: list[KeyUserGroup]) -> list[str]:
    """Applications that have a key-user group, sorted; the general group's is not one."""
    return sorted(
        {g.application for g in groups if g.kind == GroupKind.KEY_USERS and g.application and not is_general(g)},
        key=str.casefold,
    )


def canonical_application(groups: list[KeyUserGroup], application: str | None) -> str | None:
    """The application as its groups spell it (case and accents ignored), or None when no group has it;
    GENERAL_APPLICATION ('Anders / weet ik niet') always stands."""
    if not application:
        return None
    if _same(application, GENERAL_APPLICATION):
        return next((g.application for g in groups if is_general(g)), GENERAL_APPLICATION)
    return next((a for a in applications_of(groups) if _same(a, application)), None)


def route_in(groups: list[KeyUserGroup], application: str, department: str | None) -> KeyUserGroup | None:
    """The key-user group for an application and a department, else the application's general group; for
    GENERAL_APPLICATION without a general group, functional management."""
    candidates = [g for g in groups if g.kind == GroupKind.KEY_USERS and _same(g.application, application)]
    for group in candidates:
        if department and _same(group.department, department):
            return group
    general = [g for g in candidates if not g.department]
    if general:
        return general[0]
    if _same(application, GENERAL_APPLICATION):
        return _second_line([g for g in groups if g.kind == GroupKind.FUNCTIONAL_MANAGEMENT], None)
    return None


async def touch_in(session: Session, actor: Actor) -> Person:
    """Remember how to reach someone inside the caller's transaction; writes only what changed, never a role."""
    people = PersonRepository(session)
    person = await people.get(actor.key)
    fields = {"name": actor.name, "teams_id": actor.teams_id, "tenant_id": actor.tenant_id, "language": actor.language}
    if person is None:
        return people.add_new(actor.key, **fields)
    changed = {key: value for key, value in fields.items() if value is not None and getattr(person, key) != value}
    for key, value in changed.items():  # written with the transaction's next flush
        setattr(person, key, value)
    if changed:
        person.updated_at = utcnow()
    return person


def _same(a: str | None, b: str | None) -> bool:
    """Names compared without case and accents; None equals None."""
    return fold(a or "").strip() == fold(b or "").strip()


def _words(text: str) -> list[str]:
    """Folded words of `text`, punctuation and hyphens taken as spaces ('suite4?' is 'suite4')."""
    return re.findall(r"\w+", fold(text))


def _mentions(text: str, application: str) -> bool:
    """Whether `text` names the application (all its words, folded)."""
    words = set(_words(text))
    needed = _words(application)
    return bool(needed) and all(word in words for word in needed)


def _second_line(groups: list[KeyUserGroup], application: str | None) -> KeyUserGroup | None:
    """The functional-management group for an application, else the general one."""
    for group in groups:
        if application and _same(group.application, application):
            return group
    general = [g for g in groups if not g.application]
    return general[0] if general else (groups[0] if groups else None)
