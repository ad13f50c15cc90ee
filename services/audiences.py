"""An announcement's audience into recipients: channels, and people in their personal chats.

People named by Microsoft Graph are looked up before any write transaction (never hold one over HTTP). Opening the
chat of someone who never wrote to the bot installs the app for them (30 calls a second per tenant at most): a
department of thousands takes minutes, so `resolve` only names them (`Resolution.to_open`) and the start job hands
them to `announcement.resolve` jobs of RESOLVE_CHUNK people, each short, retried on its own and resumable.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from services.announcement_drafts import Audience
from services.conversations import ConversationService, channel_reference_in
from services.directory import DirectoryService
from services.ports import DeliveryError, DirectoryUser, Graph, Unreachable
from storage import AnnouncementRepository, Database, GroupRepository
from vocabulary import AudienceKind, RecipientKind


class AudienceNeedsGraph(Exception):
    """The audience names people only Microsoft Graph knows, and no Graph client is configured."""


@dataclass(frozen=True)
class Recipient:
    """One delivery to write: a person's chat or a channel; `reason` set when it cannot be reached."""

    kind: RecipientKind
    key: str
    """The person's Entra object id, or the channel id (for a group without a channel: 'group:<name>')."""
    conversation_id: str | None = None
    reason: str | None = None
    """A key of i18n UNREACHABLE_REASON."""
    code: str | None = None
    """Graph's error code behind `reason`, when Graph refused."""


RESOLVE_CHUNK = 50
"""People whose chats one `announcement.resolve` job opens: under two seconds of Graph's install budget, so a job
never holds its lease long and a retry repeats little."""
CHAT_FAILED = "chat_failed"
"""The unreachable reason of people whose chat could not be opened because Graph kept failing."""


@dataclass(frozen=True)
class Resolution:
    """An audience resolved as far as it can be without opening chats."""

    recipients: list[Recipient]
    """Rows to write now: channels, people with a stored chat, and those who cannot be reached."""
    to_open: list[str] = field(default_factory=list)
    """Entra ids of people without a stored chat: Graph opens theirs (installing the app) in chunk jobs."""


@dataclass(frozen=True)
class Opened:
    """What one chunk of chat opening achieved before it stopped."""

    recipients: list[Recipient]
    """Everyone the chunk got to: by their chat, or unreachable with the reason."""
    error: DeliveryError | None = None
    """Why it stopped early (Graph throttled or failed); the rest of the chunk is to try again."""


async def resolve(
    db: Database,
    audience: Audience,
    graph: Graph | None,
    directory: DirectoryService,
    conversations: ConversationService,
) -> Resolution:
    """Every recipient of `audience`, each once, in a stable order; people whose chat is still to open apart."""
    if audience.kind == AudienceKind.EVERYONE:
        async with db.read() as session:
            chats = await AnnouncementRepository(session).personal_conversations()
        return Resolution([Recipient(RecipientKind.PERSONAL, key, chat) for key, chat in sorted(chats.items())])
    if audience.kind in (AudienceKind.CHANNELS, AudienceKind.GROUPS):
        return Resolution(await _channels(db, audience))
    if graph is None:
        raise AudienceNeedsGraph(audience.kind)
    people = await _people(graph, audience)
    return await _personal(db, people)


async def open_chats(db: Database, graph: Graph, user_keys: Sequence[str]) -> Opened:
    """Each person by the chat stored meanwhile, else the one Graph opens; stops at the first Graph failure."""
    async with db.read() as session:
        chats = await AnnouncementRepository(session).personal_conversations_of(user_keys)
    recipients = []
    for key in user_keys:
        chat = chats.get(key)
        if chat is None:
            try:
                chat = await graph.personal_chat_id(key)
            except Unreachable as unreachable:
                recipients.append(Recipient(RecipientKind.PERSONAL, key, None, unreachable.reason, unreachable.code))
                continue
            except DeliveryError as error:
                return Opened(recipients, error)
        recipients.append(Recipient(RecipientKind.PERSONAL, key, chat))
    return Opened(recipients)


def chat_failed(user_key: str) -> Recipient:
    """Someone whose chat Graph never opened, however often it was asked (the job's last error says why)."""
    return Recipient(RecipientKind.PERSONAL, user_key, None, CHAT_FAILED)


async def _channels(db: Database, audience: Audience) -> list[Recipient]:
    """A post in each channel named, or in each named group's channel."""
    found: dict[str, Recipient] = {}
    async with db.read() as session:
        targets: list[tuple[str, str | None]] = []  # (key, reason) per named value
        if audience.kind == AudienceKind.CHANNELS:
            targets = [(value, None) for value in audience.values]
        else:
            groups = {g.name.casefold(): g for g in await GroupRepository(session).all()}
            for name in audience.values:
                group = groups.get(name.casefold())
                if group is None:
                    targets.append((f"group:{name}", "no_group"))
                elif not group.channel_id:
                    targets.append((f"group:{group.name}", "no_channel"))
                else:
                    targets.append((group.channel_id, None))
        for key, reason in targets:
            if key in found:
                continue
            if reason is None and await channel_reference_in(session, key) is None:
                reason = "no_reference"
            found[key] = Recipient(RecipientKind.CHANNEL, key, None if reason else key, reason)
    return list(found.values())


async def _people(graph: Graph, audience: Audience) -> list[DirectoryUser]:
    value = audience.values[0]
    if audience.kind == AudienceKind.ENTRA_GROUP:
        return await graph.group_members(value)
    if audience.kind == AudienceKind.DEPARTMENT:
        return await graph.department_members(value)
    return await graph.team_members(value)


async def _personal(db: Database, people: list[DirectoryUser]) -> Resolution:
    """Each person by their stored personal chat; the others are left for Graph to open."""
    keys = list(dict.fromkeys(person.id for person in people if person.id))
    async with db.read() as session:
        chats = await AnnouncementRepository(session).personal_conversations_of(keys)
    stored = [Recipient(RecipientKind.PERSONAL, key, chats[key]) for key in keys if key in chats]
    return Resolution(stored, [key for key in keys if key not in chats])
