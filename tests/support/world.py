"""One way to set up a municipality for a test: its key-user groups, the people in them and the channels the bot
was installed in, on a database, with the services around them.

A `Layout` says what the municipality holds (groups, people the directory knows, personal chats); `furnish` puts
it in a DirectoryService and ConversationService (the app's, for a story through /api/messages), `World.build` also
makes the services a service test drives (a clock it moves, a recording messenger the job worker delivers through).
Add a layout here when a test needs another municipality; the cast is tests/support/people.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from services.conversations import ConversationService
from services.directory import Actor, DirectoryService
from services.jobs import Jobs, Worker, WorkerOptions
from services.ticket_delivery import TicketDelivery
from services.tickets import TicketService
from storage import Database, QuestionRepository, TicketRepository
from storage.models import Job, Ticket
from tests.support.activities import BOT, TENANT
from tests.support.clock import Clock
from tests.support.messenger import RecordingMessenger
from tests.support.people import ANNA, BRAM, CHANTAL, DIRK, ESRA, KARIN, KEES, SARA, ZOE

SERVICE_URL = "http://127.0.0.1:1/teams"
"""The service URL of the references a service test stores (nothing listens: its messenger records)."""

FM_GROUP = "Functioneel beheer"
SUITE4 = "Kerngebruikers Suite4"
SUITE4_SD = "Kerngebruikers Suite4 (Sociaal Domein)"
ZAAK = "Kerngebruikers Zaaksysteem"
DECOS = "Kerngebruikers Decos"
DECOS_SD = "Kerngebruikers Decos (Sociaal Domein)"

FM_CHANNEL = "19:fb@thread.tacv2"
SUITE4_CHANNEL = "19:suite4@thread.tacv2"
SD_CHANNEL = "19:sd@thread.tacv2"
ZAAK_CHANNEL = "19:zaak@thread.tacv2"
ANNA_CHAT = "a:chat-anna"
"""The personal chat the bot has with Anna in SUITE4_AND_DECOS."""


@dataclass(frozen=True)
class Member:
    """Someone in a group; `chair` makes them its chair."""

    actor: Actor
    chair: bool = False


def chair(actor: Actor) -> Member:
    """The group's chair."""
    return Member(actor, chair=True)


@dataclass(frozen=True)
class Group:
    """A key-user or functional-management group, as `DirectoryService.save_group` takes it."""

    name: str
    application: str | None = None
    kind: str = "key_users"
    department: str | None = None
    parent: str | None = None
    channel: str | None = None
    """The Teams channel its tickets go to; the bot was installed there (its reference is stored)."""
    target_minutes: int | None = None
    members: tuple[Member | Actor, ...] = ()


@dataclass(frozen=True)
class Known:
    """A person the directory knows beyond what their actions tell it (their actor's name, Teams id and tenant)."""

    actor: Actor
    role: str | None = None
    department: str | None = None
    language: str | None = None


@dataclass(frozen=True)
class Layout:
    """What a municipality holds: groups (parents first), people, and the personal chats the bot has."""

    groups: tuple[Group, ...]
    people: tuple[Known, ...] = ()
    chats: tuple[tuple[Actor, str], ...] = ()
    """(person, conversation id) of personal chats whose reference the bot stored."""


MUNICIPALITY = Layout(
    groups=(
        Group(FM_GROUP, kind="functional_management", channel=FM_CHANNEL),
        Group(SUITE4, "Suite4", parent=FM_GROUP, channel=SUITE4_CHANNEL, members=(chair(KARIN), KEES)),
        Group(
            SUITE4_SD, "Suite4", department="Sociaal Domein", parent=FM_GROUP, channel=SD_CHANNEL, target_minutes=120
        ),
        Group(ZAAK, "Zaaksysteem", parent=FM_GROUP, channel=ZAAK_CHANNEL, members=(chair(ZOE),)),
        Group(DECOS_SD, "Decos", department="Sociaal Domein"),
    ),
    people=(
        Known(DIRK, role="functional_manager"),
        Known(ANNA, department="Burgerzaken"),
        Known(SARA, department="Sociaal Domein"),
    ),
)
"""Functional management above Suite4 (with its own group for Sociaal Domein) and the Zaaksysteem, all with channels;
Decos has key users for Sociaal Domein only, without a channel. Dirk manages without being in a group."""

SUITE4_AND_DECOS = Layout(
    groups=(
        Group(FM_GROUP, kind="functional_management", channel=FM_CHANNEL, members=(DIRK,)),
        Group(SUITE4, "Suite4", parent=FM_GROUP, channel=SUITE4_CHANNEL, members=(chair(KARIN), KEES)),
        Group(DECOS, "Decos", parent=FM_GROUP, members=(KEES,)),
    ),
    people=(Known(ANNA), Known(ESRA, language="en")),
    chats=((ANNA, ANNA_CHAT),),
)
"""Functional management (Dirk) above Suite4 and Decos, whose group has no channel; Esra's Teams is in English;
the bot has a personal chat with Anna only."""

ZAAKSYSTEEM = Layout(
    groups=(
        Group(FM_GROUP, kind="functional_management", channel=FM_CHANNEL, members=(DIRK,)),
        Group(ZAAK, "Zaaksysteem", parent=FM_GROUP, channel=ZAAK_CHANNEL, members=(chair(BRAM), CHANTAL)),
    ),
)
"""The stories through /api/messages: Bram (chair) and Chantal are the Zaaksysteem's key users, Dirk manages."""


def reference(
    conversation_id: str, kind: str = "channel", service_url: str = SERVICE_URL, **extra: Any
) -> dict[str, Any]:
    """A stored conversation reference as Teams gives it: a channel's (isGroup), or a personal chat's."""
    conversation = {
        "id": conversation_id,
        "conversationType": kind,
        "tenantId": TENANT,
        **({"isGroup": True} if kind != "personal" else {}),
    }
    return {"serviceUrl": service_url, "channelId": "msteams", "bot": dict(BOT), "conversation": conversation, **extra}


async def furnish(
    directory: DirectoryService, conversations: ConversationService, layout: Layout, *, service_url: str = SERVICE_URL
) -> dict[str, int]:
    """Put `layout` in the directory (groups and members, people) and the channels' and chats' references in the
    conversation store.

    Returns the groups' ids by name."""
    ids: dict[str, int] = {}
    for group in layout.groups:
        saved = await directory.save_group(
            name=group.name,
            kind=group.kind,
            application=group.application,
            department=group.department,
            parent=group.parent,
            channel_id=group.channel,
            response_target_minutes=group.target_minutes,
        )
        ids[group.name] = saved.id
        for member in group.members:
            member = member if isinstance(member, Member) else Member(member)
            await directory.add_member(
                group.name, member.actor.key, name=member.actor.name, chair=True if member.chair else None
            )
    for known in layout.people:
        actor = known.actor
        fields = {
            "name": actor.name,
            "teams_id": actor.teams_id,
            "tenant_id": actor.tenant_id,
            "role": known.role,
            "department": known.department,
            "language": known.language,
        }
        await directory.set_person(actor.key, **{key: value for key, value in fields.items() if value is not None})
    for group in layout.groups:
        if group.channel:
            await conversations.remember(
                conversation_id=group.channel,
                conversation_type="channel",
                user_key=None,
                tenant_id=TENANT,
                reference=reference(group.channel, service_url=service_url),
            )
    for actor, chat in layout.chats:
        user = {"id": actor.teams_id or actor.key}
        await conversations.remember(
            conversation_id=chat,
            conversation_type="personal",
            user_key=actor.key,
            tenant_id=TENANT,
            reference=reference(chat, "personal", service_url, user=user),
        )
    return ids


@dataclass
class World:
    """A municipality on a database with the services a service test drives, on a clock the test moves."""

    db: Database
    clock: Clock
    jobs: Jobs
    directory: DirectoryService
    conversations: ConversationService
    tickets: TicketService
    messenger: RecordingMessenger
    """What the job worker delivered (or failed to): ticket cards, thread replies, notices."""
    worker: Worker
    """The job worker with the ticket deliveries registered; `await worker.run_due()` runs what is due."""
    groups: dict[str, int]
    """Group ids by name."""
    faq_changes: list[str] = field(default_factory=list)
    """One entry per FAQ change the ticket service announced."""

    @classmethod
    async def build(cls, db: Database, layout: Layout = MUNICIPALITY) -> World:
        """The services on `db` with `layout` furnished."""
        clock = Clock()
        jobs = Jobs(db, clock=clock)
        directory = DirectoryService(db)
        conversations = ConversationService(db)
        faq_changes: list[str] = []

        async def faq_changed() -> None:
            faq_changes.append("changed")

        tickets = TicketService(db, directory, jobs, clock=clock, on_faq_changed=faq_changed)
        messenger = RecordingMessenger()
        worker = Worker(jobs, options=WorkerOptions(worker_id="w1", base_delay=1.0), clock=clock)
        TicketDelivery(tickets, directory, messenger, conversations=conversations).register(worker)
        groups = await furnish(directory, conversations, layout)
        return cls(db, clock, jobs, directory, conversations, tickets, messenger, worker, groups, faq_changes)


# ---------------------------------------------------------------------------------------------- reading it back
async def log_question(world: World, actor: Actor, text: str) -> int:
    """A question `actor` asked that the FAQ could not answer, as the question log keeps it: its id."""
    async with world.db.transaction() as session:
        question = await QuestionRepository(session).record(
            user_key=actor.key,
            user_name=actor.name,
            conversation_id=f"a:{actor.key}",
            language="nl",
            text=text,
            outcome="unanswered",
        )
        return question.id


async def jobs_of(world: World, *kinds: str, after: int = 0) -> list[Job]:
    """Jobs of `kinds` (all when none given) with an id above `after`, in order."""
    async with world.db.transaction() as session:
        query = select(Job).where(Job.id > after).order_by(Job.id)
        if kinds:
            query = query.where(Job.kind.in_(kinds))
        return list(await session.scalars(query))


async def last_job_id(world: World) -> int:
    """The id of the newest job, 0 when there is none."""
    rows = await jobs_of(world)
    return rows[-1].id if rows else 0


async def events(world: World, ticket_id: int) -> list[tuple[str, str | None]]:
    """(kind, actor key) of a ticket's history, in order."""
    async with world.db.transaction() as session:
        return [(e.kind, e.actor_key) for e in await TicketRepository(session).events(ticket_id)]


async def fresh(world: World, ticket_id: int) -> Ticket:
    """The ticket as stored now."""
    async with world.db.transaction() as session:
        ticket = await TicketRepository(session).get(ticket_id, fresh=True)
    assert ticket is not None
    return ticket
