"""Key-user groups and their members from a CSV file (kept in Excel): checked whole, then written in one transaction.

One row per member; the group columns may repeat on every row of a group or be filled on one of them.
Columns: group, kind, application, department, parent, channel_id, user_key, name, email, role, chair
(optional: team_id, channel_name). The `department` is the group's; key users of a department's group
get it as their own department. Nothing is removed: members and groups missing from the file stay.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from i18n import t
from services.faq_files import CSV_DELIMITERS
from storage import Database, GroupRepository, PersonRepository, Session
from storage.models import KeyUserGroup
from vocabulary import GroupKind, Role

COLUMNS = (
    "group",
    "kind",
    "application",
    "department",
    "parent",
    "channel_id",
    "user_key",
    "name",
    "email",
    "role",
    "chair",
    "team_id",
    "channel_name",
)
REQUIRED = ("group", "user_key")
GROUP_FIELDS = ("kind", "application", "department", "parent", "channel_id", "team_id", "channel_name")
KIND_ALIASES = {
    **{kind.value: kind for kind in GroupKind},
    "kerngebruikers": GroupKind.KEY_USERS,
    "functioneel beheer": GroupKind.FUNCTIONAL_MANAGEMENT,
    "functioneel_beheer": GroupKind.FUNCTIONAL_MANAGEMENT,
}
"""What the file's kind column may say (compared case-folded)."""
YES = ("yes", "ja", "true", "1", "y", "j", "x")
NO = ("", "no", "nee", "false", "0", "n")
MAX_LENGTH = 200


class GroupsFileError(Exception):
    """A groups file that was refused; `problems` lists every reason with its row."""

    def __init__(self, problems: list[str], heading: str = "") -> None:
        self.problems = list(problems)
        self.heading = heading
        super().__init__(str(self))

    def __str__(self) -> str:
        return "\n".join(
            [self.heading, *(f"- {problem}" for problem in self.problems)]
            if self.heading
            else [f"- {problem}" for problem in self.problems]
        )


@dataclass
class GroupPlan:
    """A group as the file describes it, with the rows that do."""

    name: str
    rows: list[int] = field(default_factory=list)
    values: dict[str, str] = field(default_factory=dict)

    @property
    def kind(self) -> str:
        return KIND_ALIASES.get(self.values.get("kind", "").casefold(), self.values.get("kind") or GroupKind.KEY_USERS)

    def get(self, name: str) -> str | None:
        return self.values.get(name) or None


@dataclass
class MemberPlan:
    """One member row."""

    row: int
    group: str
    user_key: str
    name: str | None
    email: str | None
    role: str | None
    chair: bool


@dataclass
class GroupsPlan:
    """A checked file: groups (functional management first) and members, ready to write."""

    groups: list[GroupPlan]
    members: list[MemberPlan]
    departments: dict[str, str]
    """Department of each key user of a department's group."""


@dataclass
class ImportResult:
    """What an import did."""

    groups_created: int = 0
    groups_updated: int = 0
    members_added: int = 0
    members_kept: int = 0


class _Problems:
    """Translated problems, ordered by row."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.found: list[tuple[int, str]] = []

    def add(self, key: str, row: int = 0, **params) -> None:
        text = t(key, self.lang, **params)
        self.found.append((row, t("groups_file.row", self.lang, number=row, problem=text) if row else text))

    @property
    def items(self) -> list[str]:
        return [text for _, text in sorted(self.found, key=lambda found: found[0])]


# --- reading and checking ------------------------------------------------------------------------


def decode(data: bytes) -> str:
    """UTF-8 (BOM or not), else Windows-1252 as Dutch Excel saves 'CSV (gescheiden door lijstscheidingsteken)'."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def read_rows(text: str) -> list[list[str]]:
    """CSV rows with the delimiter (',' ';' or tab) the header line uses most."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    first_line = next((line for line in text.split("\n") if line.strip()), "")
    delimiter = max(CSV_DELIMITERS, key=first_line.count) if first_line else ","
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


def read_groups_file(path: Path, lang: str = "nl") -> GroupsPlan:
    """The checked plan of a groups CSV; raises GroupsFileError listing every problem."""
    path = Path(path)
    problems = _Problems(lang)
    plan = GroupsPlan([], [], {})
    try:
        plan = parse_groups(read_rows(decode(path.read_bytes())), problems)
    except FileNotFoundError:
        problems.add("groups_file.not_found", name=str(path))
    except (OSError, csv.Error) as error:
        problems.add("groups_file.unreadable", name=str(path), error=getattr(error, "strerror", None) or error)
    if problems.items:
        raise GroupsFileError(problems.items, t("groups_file.refused", lang, name=path.name, count=len(problems.items)))
    return plan


def parse_groups(rows: list[list[str]], problems: _Problems) -> GroupsPlan:
    """Check rows (header first) and group them; every problem goes to `problems`."""
    if not rows or not any(cell.strip() for row in rows for cell in row):
        problems.add("groups_file.empty")
        return GroupsPlan([], [], {})
    positions: dict[str, int] = {}
    for index, name in enumerate(rows[0]):
        key = name.strip().lower()
        if key in COLUMNS and key not in positions:
            positions[key] = index
    missing = [column for column in REQUIRED if column not in positions]
    if missing:
        problems.add("groups_file.missing_columns", 1, columns=", ".join(missing))
        return GroupsPlan([], [], {})

    groups: dict[str, GroupPlan] = {}
    members: list[MemberPlan] = []
    seen_members: dict[tuple[str, str], int] = {}
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        cells = {name: (row[index].strip() if index < len(row) else "") for name, index in positions.items()}
        name, user_key = cells.get("group", ""), cells.get("user_key", "")
        if not name:
            problems.add("groups_file.no_group", number)
            continue
        for column in ("group", "user_key", "name", "application", "department", "parent"):
            if len(cells.get(column, "")) > MAX_LENGTH:
                problems.add("groups_file.too_long", number, column=column, limit=MAX_LENGTH)
        group = groups.setdefault(name, GroupPlan(name))
        group.rows.append(number)
        for column in GROUP_FIELDS:
            value = cells.get(column, "")
            if not value:
                continue
            if column in group.values and group.values[column] != value:
                problems.add(
                    "groups_file.conflict", number, group=name, column=column, value=value, other=group.values[column]
                )
            group.values.setdefault(column, value)
        kind = cells.get("kind", "")
        if kind and kind.casefold() not in KIND_ALIASES:
            problems.add("groups_file.unknown_kind", number, kind=kind, kinds=", ".join(GroupKind))
        role = cells.get("role", "") or None
        if role is not None and role not in tuple(Role):
            problems.add("groups_file.unknown_role", number, role=role, roles=", ".join(Role))
        chair = cells.get("chair", "").casefold()
        if chair not in YES + NO:
            problems.add("groups_file.bad_chair", number, value=cells.get("chair", ""))
        if not user_key:
            problems.add("groups_file.no_user_key", number, group=name)
            continue
        if (name, user_key) in seen_members:
            problems.add(
                "groups_file.duplicate_member",
                number,
                user_key=user_key,
                group=name,
                other=seen_members[(name, user_key)],
            )
            continue
        seen_members[(name, user_key)] = number
        members.append(
            MemberPlan(
                number, name, user_key, cells.get("name") or None, cells.get("email") or None, role, chair in YES
            )
        )

    _check_groups(groups, problems)
    _check_members(groups, members, problems)
    ordered = sorted(groups.values(), key=lambda g: (g.kind != GroupKind.FUNCTIONAL_MANAGEMENT, g.rows[0]))
    return GroupsPlan(ordered, members, _departments(groups, members, problems))


def _check_groups(groups: dict[str, GroupPlan], problems: _Problems) -> None:
    """Key-user groups need an application; a parent named in the file must be functional management."""
    for group in groups.values():
        if group.kind not in tuple(GroupKind):
            continue  # an unknown kind is already reported
        if group.kind == GroupKind.KEY_USERS and not group.get("application"):
            problems.add("groups_file.no_application", group.rows[0], group=group.name)
        parent = group.get("parent")
        if parent is None:
            continue
        if group.kind == GroupKind.FUNCTIONAL_MANAGEMENT:
            problems.add("groups_file.parent_of_management", group.rows[0], group=group.name)
        elif parent in groups and groups[parent].kind != GroupKind.FUNCTIONAL_MANAGEMENT:
            problems.add("groups_file.bad_parent", group.rows[0], group=group.name, parent=parent)


def _check_members(groups: dict[str, GroupPlan], members: list[MemberPlan], problems: _Problems) -> None:
    """At most one chair per group; one role per person."""
    chairs: dict[str, int] = {}
    roles: dict[str, tuple[str, int]] = {}
    for member in members:
        if member.chair:
            if member.group in chairs:
                problems.add("groups_file.two_chairs", member.row, group=member.group, other=chairs[member.group])
            else:
                chairs[member.group] = member.row
        if member.role is not None:
            role, row = roles.setdefault(member.user_key, (member.role, member.row))
            if role != member.role:
                problems.add(
                    "groups_file.role_conflict",
                    member.row,
                    user_key=member.user_key,
                    role=member.role,
                    other_role=role,
                    other=row,
                )


def _departments(groups: dict[str, GroupPlan], members: list[MemberPlan], problems: _Problems) -> dict[str, str]:
    """The department of each key user of a department's group; two different ones are refused."""
    found: dict[str, tuple[str, int]] = {}
    for member in members:
        group = groups[member.group]
        department = group.get("department")
        if group.kind != GroupKind.KEY_USERS or department is None:
            continue
        known, row = found.setdefault(member.user_key, (department, member.row))
        if known != department:
            problems.add(
                "groups_file.department_conflict",
                member.row,
                user_key=member.user_key,
                department=department,
                other_department=known,
                other=row,
            )
    return {key: department for key, (department, _row) in found.items()}


# --- writing -------------------------------------------------------------------------------------


async def apply_groups(session: Session, plan: GroupsPlan, lang: str = "nl", name: str = "") -> ImportResult:
    """Write a checked plan in the caller's transaction; a parent that is neither in the file nor a stored
    functional-management group raises GroupsFileError before anything is written."""
    repo, people = GroupRepository(session), PersonRepository(session)
    stored = {group.name: group for group in await repo.all()}
    problems = _Problems(lang)
    for group in plan.groups:
        parent = group.get("parent")
        if parent is None or any(other.name == parent for other in plan.groups):
            continue
        if parent not in stored or stored[parent].kind != GroupKind.FUNCTIONAL_MANAGEMENT:
            problems.add("groups_file.bad_parent", group.rows[0], group=group.name, parent=parent)
    if problems.items:
        count = len(problems.items)
        heading = (
            t("groups_file.refused", lang, name=name, count=count)
            if name
            else t("groups_file.refused_short", lang, count=count)
        )
        raise GroupsFileError(problems.items, heading)

    result = ImportResult()
    saved: dict[str, KeyUserGroup] = {}
    for group in plan.groups:  # functional management first, so key-user groups can name it as parent
        row = stored.get(group.name)
        if row is None:
            row, result.groups_created = KeyUserGroup(name=group.name), result.groups_created + 1
        else:
            result.groups_updated += 1
        row.kind, row.application, row.department = group.kind, group.get("application"), group.get("department")
        parent = group.get("parent")
        if parent is not None:
            row.parent_id = (saved.get(parent) or stored[parent]).id
        for column in ("channel_id", "team_id", "channel_name"):
            if group.get(column) is not None:
                setattr(row, column, group.get(column))
        saved[group.name] = await repo.save(row)

    kinds = {group.name: group.kind for group in plan.groups}
    needed: dict[str, Role] = {}
    for member in plan.members:
        need = Role.FUNCTIONAL_MANAGER if kinds[member.group] == GroupKind.FUNCTIONAL_MANAGEMENT else Role.KEY_USER
        needed[member.user_key] = max(needed.get(member.user_key, Role.KEY_USER), need, key=lambda role: role.rank)
    for member in plan.members:
        existing = await people.get(member.user_key)
        current = (
            member.role
            or next((m.role for m in plan.members if m.user_key == member.user_key and m.role), None)
            or (existing.role if existing else Role.EMPLOYEE)
        )
        need = needed[member.user_key]
        await people.upsert(
            member.user_key,
            name=member.name,
            email=member.email,
            department=plan.departments.get(member.user_key),
            role=current if Role.of(current).includes(need) else need,
        )
        group_id = saved[member.group].id
        if await repo.is_member(group_id, member.user_key):
            result.members_kept += 1
        else:
            result.members_added += 1
        await repo.set_member(group_id, member.user_key, chair=member.chair)
    return result


async def import_groups_file(db: Database, path: Path, lang: str = "nl") -> ImportResult:
    """Check the whole file, then write it in one transaction: all or nothing."""
    plan = read_groups_file(path, lang)
    async with db.transaction() as session:
        return await apply_groups(session, plan, lang, Path(path).name)
