"""An announcement's audience into recipients: channels, and people in their personal chats.

People named by Microsoft Graph are looked up before any write transaction (never hold one over HTTP).
"""

from __future__ import annotations

from dataclasses import dataclass

from services.announcement_drafts import Audience
from services.conversations import ConversationService, channel_reference_in
from services.directory import DirectoryService
from services.ports import DirectoryUser, Graph, Unreachable
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


async def resolve(
    db: Database,
    audience: Audience,
    graph: Graph | None,
    directory: DirectoryService,
    conversations: ConversationService,
) -> list[Recipient]:
    """Every recipient of `audience`, each once, in a stable order."""
    if audience.kind == AudienceKind.EVERYONE:
        async with db.read() as session:
            chats = await AnnouncementRepository(session).personal_conversations()
        return [Recipient(RecipientKind.PERSONAL, key, chat) for key, chat in sorted(chats.items())]
    if audience.kind in (AudienceKind.CHANNELS, AudienceKind.GROUPS):
        return await _channels(db, audience)
    if graph is None:
        raise AudienceNeedsGraph(audience.kind)
    people = await _people(graph, audience)
    return await _personal(db, graph, people)


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


async def _personal(db: Database, graph: Graph, people: list[DirectoryUser]) -> list[Recipient]:
    """Each person by their stored personal chat, else the chat Graph opens (installing the app), else unreachable."""
    keys = list(dict.fromkeys(person.id for person in people if person.id))
    async with db.read() as session:
        chats = await AnnouncementRepository(session).personal_conversations_of(keys)
    recipients = []
    for key in keys:
        chat = chats.get(key)
        if chat is None:
            try:
                chat = await graph.personal_chat_id(key)
            except Unreachable as unreachable:
                recipients.append(Recipient(RecipientKind.PERSONAL, key, None, unreachable.reason, unreachable.code))
                continue
        recipients.append(Recipient(RecipientKind.PERSONAL, key, chat))
    return recipients
