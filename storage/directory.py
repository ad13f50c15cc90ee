"""People, roles and key-user groups."""

from __future__ import annotations

from typing import Any

from sqlalchemy import bindparam, delete, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import GroupMember, KeyUserGroup, Person, utcnow
from storage.results import rowcount
from vocabulary import Role

PERSON_FIELDS = ("name", "email", "department", "role", "teams_id", "tenant_id", "language", "preferred_language")


class PersonRepository:
    """People Vraagbaak knows, by Entra object id."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, user_key: str) -> Person | None:
        """One person or None."""
        return await self.session.get(Person, user_key)

    async def get_many(self, keys: list[str]) -> dict[str, Person]:
        """People by key; unknown keys are left out."""
        if not keys:
            return {}
        rows = await self.session.scalars(select(Person).where(Person.user_key.in_(keys)))
        return {row.user_key: row for row in rows}

    async def upsert(self, user_key: str, **fields: Any) -> Person:
        """Create or update a person; None values leave a stored value alone."""
        values = {k: v for k, v in fields.items() if k in PERSON_FIELDS and v is not None}
        dialect = postgresql if self.session.bind.dialect.name == "postgresql" else sqlite
        insert = dialect.insert(Person).values(
            user_key=user_key, role=values.pop("role", Role.EMPLOYEE), updated_at=utcnow(), **values
        )
        await self.session.execute(insert.on_conflict_do_nothing())
        if fields.get("role") is not None:
            values["role"] = fields["role"]
        if values:
            await self.session.execute(
                update(Person).where(Person.user_key == user_key).values(updated_at=utcnow(), **values)
            )
        person = await self.session.get(Person, user_key, populate_existing=True)
        assert person is not None, "inserted or already there just above"
        return person

    def add_new(self, user_key: str, **fields: Any) -> Person:
        """A person seen for the first time, as an employee (inserted with the next flush; if another instance
        stored them meanwhile the transaction fails with IntegrityError and the caller tries again)."""
        values = {k: v for k, v in fields.items() if k in PERSON_FIELDS and k != "role" and v is not None}
        person = Person(user_key=user_key, role=Role.EMPLOYEE, updated_at=utcnow(), **values)
        self.session.add(person)
        return person

    async def with_role(self, roles: tuple[str, ...]) -> list[Person]:
        """Everyone with one of `roles`, by name."""
        rows = await self.session.scalars(select(Person).where(Person.role.in_(roles)).order_by(Person.name))
        return list(rows)


class GroupRepository:
    """Key-user and functional-management groups and their members."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, group_id: int) -> KeyUserGroup | None:
        """One group or None."""
        return await self.session.get(KeyUserGroup, group_id)

    async def by_name(self, name: str) -> KeyUserGroup | None:
        """A group by its unique name."""
        return await self.session.scalar(select(KeyUserGroup).where(KeyUserGroup.name == name))

    async def all(self) -> list[KeyUserGroup]:
        """Every group, by name."""
        return list(await self.session.scalars(select(KeyUserGroup).order_by(KeyUserGroup.name)))

    async def save(self, group: KeyUserGroup) -> KeyUserGroup:
        """Add or keep a group, with its id assigned."""
        group.updated_at = utcnow()
        self.session.add(group)
        await self.session.flush()
        return group

    async def members(self, group_id: int) -> list[tuple[GroupMember, Person]]:
        """Members of a group with their person rows, chair first, then by name."""
        rows = await self.session.execute(_MEMBERS, {"group": group_id})
        return [(member, person) for member, person in rows]

    async def is_member(self, group_id: int, user_key: str) -> bool:
        """Whether a person belongs to a group."""
        return await self.session.get(GroupMember, (group_id, user_key)) is not None

    async def set_member(self, group_id: int, user_key: str, *, chair: bool | None = None) -> None:
        """Add a member; `chair` True makes them the chair (replacing the old one), False takes the flag away,
        None leaves it as it is."""
        if chair:
            await self.session.execute(
                update(GroupMember).where(GroupMember.group_id == group_id).values(is_chair=False)
            )
        member = await self.session.get(GroupMember, (group_id, user_key))
        if member is None:
            self.session.add(GroupMember(group_id=group_id, user_key=user_key, is_chair=bool(chair)))
        elif chair is not None:
            member.is_chair = chair
        await self.session.flush()

    async def remove_member(self, group_id: int, user_key: str) -> bool:
        """Take someone out of a group; True when they were in it."""
        result = await self.session.execute(
            delete(GroupMember).where(GroupMember.group_id == group_id, GroupMember.user_key == user_key)
        )
        return rowcount(result) == 1


_MEMBERS = (
    select(GroupMember, Person)
    .join(Person, Person.user_key == GroupMember.user_key)
    .where(GroupMember.group_id == bindparam("group"))
    .order_by(GroupMember.is_chair.desc(), Person.name)
)
"""Built once: it runs for every ticket card."""
