"""A phased go-live: the welcome card to every employee of a department and the kick-off in its key users' channel,
both scheduled at the go-live moment through the announcement service (with four-eyes approval when it is on)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timezone

from cards.tickets import format_when
from cards.views import AnnouncementView
from i18n import t
from services.announcement_drafts import Audience, Draft
from services.announcements import AnnouncementService
from services.directory import Actor
from storage import CONFLICTS, AnnouncementRepository, Session
from storage.models import Announcement
from vocabulary import AnnouncementKind, AnnouncementStatus, AudienceKind, GroupKind, Role

SOURCE = "golive"
GOLIVE_ACTOR = Actor(key="vraagbaak:golive", name="Vraagbaak")
"""The author of go-live announcements made from the command line (an administrator's tool)."""


class GoLiveError(Exception):
    """The go-live cannot be planned: `key` is the catalogue text that says why (with `params`)."""

    def __init__(self, key: str, **params: str) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


@dataclass(frozen=True)
class GoLiveChoices:
    """What a go-live can be planned for: the departments and applications of the key-user groups."""

    departments: tuple[str, ...]
    applications: tuple[str, ...]


@dataclass(frozen=True)
class GoLivePlan:
    """The two announcements planned, and the key-user group whose channel gets the kick-off."""

    group: str
    welcome: AnnouncementView
    kickoff: AnnouncementView


def plan_key(kind: AnnouncementKind, department: str, application: str, at: datetime) -> str:
    """The settings row that names the announcement of this kind planned for department, application and moment
    (case and spaces ignored; a hash, so any names fit the key's 100 characters)."""
    moment = at.astimezone(timezone.utc).isoformat()
    name = "|".join([kind.value, department.strip().casefold(), application.strip().casefold(), moment])
    return "golive:" + hashlib.sha256(name.encode()).hexdigest()[:40]


def _same(a: str | None, b: str | None) -> bool:
    return (a or "").strip().casefold() == (b or "").strip().casefold()


class GoLiveService:
    """Plans a department's go-live of an application."""

    def __init__(self, announcements: AnnouncementService) -> None:
        self.announcements = announcements
        self.directory = announcements.directory

    async def choices(self) -> GoLiveChoices:
        """The departments with a key-user group, and those groups' applications, each once, sorted."""
        groups = [g for g in await self.directory.groups() if g.kind == GroupKind.KEY_USERS and g.department]
        departments = {(g.department or "").strip().casefold(): (g.department or "").strip() for g in groups}
        applications = {(g.application or "").strip().casefold(): (g.application or "").strip() for g in groups}
        return GoLiveChoices(
            tuple(sorted(v for v in departments.values() if v)), tuple(sorted(v for v in applications.values() if v))
        )

    async def plan(
        self,
        department: str,
        application: str,
        at: datetime,
        *,
        actor: Actor = GOLIVE_ACTOR,
        role: Role | None = Role.ADMIN,
        lang: str = "nl",
    ) -> GoLivePlan:
        """Create and submit both announcements for `at` (timezone-aware); GoLiveError when the department's
        key-user group for the application is missing or has no channel."""
        groups = [
            g
            for g in await self.directory.groups()
            if g.kind == GroupKind.KEY_USERS and _same(g.application, application) and _same(g.department, department)
        ]
        if not groups:
            raise GoLiveError("golive.error.no_group", department=department, application=application)
        group = groups[0]
        if not group.channel_id:
            raise GoLiveError("golive.error.no_channel", group=group.name)
        view = await self.directory.group_view(group)
        names = ", ".join(p.name for p in view.key_users if view.chair is None or p.key != view.chair.key)
        when = format_when(at, lang)
        people = [t("golive.key_users", lang, names=names)] if names else [t("golive.no_key_users", lang)]
        if view.chair is not None:
            people.append(t("golive.chair", lang, name=view.chair.name))
        welcome = Draft(
            title=t("golive.welcome.title", lang, application=application),
            text="\n\n".join(
                [
                    t("golive.welcome.text", lang, application=application, department=department, date=when),
                    *people,
                    t("golive.welcome.how_to_ask", lang, application=application),
                ]
            ),
            audience=Audience(AudienceKind.DEPARTMENT, (department,)),
            kind=AnnouncementKind.GOLIVE_WELCOME,
            application=application,
            send_at=at,
        )
        kickoff = Draft(
            title=t("golive.kickoff.title", lang, application=application, department=department),
            text="\n\n".join(
                [
                    t("golive.kickoff.text", lang, application=application, department=department, date=when),
                    *people,
                    t("golive.kickoff.tickets", lang),
                ]
            ),
            audience=Audience(AudienceKind.GROUPS, (group.name,)),
            kind=AnnouncementKind.GOLIVE_KICKOFF,
            application=application,
            send_at=at,
        )
        planned = []
        for draft in (welcome, kickoff):
            key = plan_key(draft.kind, department, application, at)
            planned.append(await self._plan_one(key, draft, actor, role))
        return GoLivePlan(group.name, planned[0], planned[1])

    async def _plan_one(self, key: str, draft: Draft, actor: Actor, role: Role | None) -> AnnouncementView:
        """The announcement `key` names, created (and its marker written in the same transaction) unless one that
        was not cancelled exists; submitted when it is still a draft (a run cut off between the two steps)."""
        service = self.announcements
        for attempt in range(2):
            async with service.db.read() as session:
                value = await AnnouncementRepository(session).setting(key)
            existing = await service.get(int(value)) if value is not None else None
            if existing is not None and existing.status != AnnouncementStatus.CANCELLED:
                if existing.status != AnnouncementStatus.DRAFT:
                    return existing
                return await service.submit(actor, existing.id, send_now=False, role=role)

            async def mark(session: Session, row: Announcement, first: bool = value is None) -> None:
                repo = AnnouncementRepository(session)
                if first:
                    await repo.add_setting(key, str(row.id))  # a concurrent run's marker makes this a conflict
                else:
                    await repo.set_setting(key, str(row.id))

            try:
                created = await service.create(actor, draft, source=SOURCE, role=role, within=mark)
            except CONFLICTS:
                if attempt:
                    raise
                continue  # another run planned it meanwhile: take theirs
            return await service.submit(actor, created.id, send_now=False, role=role)
        raise AssertionError("unreachable: the last attempt returns or raises")
