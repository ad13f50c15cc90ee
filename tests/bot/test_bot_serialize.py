"""The fast serializer gives exactly what msrest's Model.serialize() gives for the activities the bot sends."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from botbuilder.core import TurnContext
from botbuilder.schema import (
    Activity,
    ActivityTypes,
    Attachment,
    CardAction,
    ChannelAccount,
    ConversationAccount,
    ConversationParameters,
    ConversationReference,
    Entity,
    HeroCard,
    Mention,
    SuggestedActions,
)

from bot.activities import CARD_CONTENT_TYPE, card_update, reply_activity, reply_address
from bot.serialize import to_json
from dialogs.types import Reply
from tests.support.activities import account, card_action, channel_message
from tests.support.people import ANNA

CARD = {"type": "AdaptiveCard", "version": "1.5", "body": [{"type": "TextBlock", "text": "Één antwoord", "wrap": True}]}
BOT = ChannelAccount(id="28:bot", name="Vraagbaak")
USER = ChannelAccount(id="29:user", name="Fleur", aad_object_id="aad-1", role="user")


def _cases():
    reply = reply_activity(Reply(text="**Antwoord**", card=CARD))
    assert reply is not None
    reply.from_property, reply.recipient = BOT, USER
    reply.conversation = ConversationAccount(id="a:1", conversation_type="personal", tenant_id="t-1", is_group=False)
    reply.reply_to_id, reply.service_url, reply.channel_id, reply.locale = (
        "17",
        "http://127.0.0.1:1/",
        "msteams",
        "nl-NL",
    )
    yield reply
    yield Activity(
        type=ActivityTypes.message,
        id="upd-1",
        timestamp=datetime(2026, 11, 22, 10, 0, 0, 123000, tzinfo=timezone.utc),
        attachments=[
            Attachment(
                content_type="application/vnd.microsoft.card.hero",
                content=HeroCard(title="Hero", buttons=[CardAction(type="imBack", title="Ja", value="ja")]),
            )
        ],
        entities=[Mention(mentioned=USER, text="<at>Fleur</at>", type="mention"), Entity(type="clientInfo")],
        suggested_actions=SuggestedActions(
            to=["29:user"], actions=[CardAction(type="imBack", title="Nee", value="nee")]
        ),
        channel_data={"notification": {"alert": True}, "nested": [BOT]},
        value={"when": datetime(2026, 1, 2, tzinfo=timezone.utc), "n": 3},
    )
    yield ConversationParameters(
        is_group=True,
        bot=BOT,
        members=[USER],
        channel_data={"channel": {"id": "19:x@thread.tacv2"}},
        activity=reply,
        tenant_id="t-1",
    )
    yield ConversationReference(
        activity_id="1",
        user=USER,
        bot=BOT,
        conversation=ConversationAccount(id="a:1"),
        channel_id="msteams",
        service_url="http://x/",
    )


@pytest.mark.parametrize("model", list(_cases()), ids=lambda m: type(m).__name__)
def test_fast_serializer_matches_msrest(model):
    assert to_json(model) == model.serialize()


def _sdk_addressed(body: dict, outgoing: Activity) -> dict:
    """What the SDK path gives: deserialize the incoming activity and address `outgoing` from its reference."""
    incoming = Activity().deserialize(body)
    return to_json(TurnContext.apply_conversation_reference(outgoing, TurnContext.get_conversation_reference(incoming)))


@pytest.mark.parametrize(
    "body",
    [
        card_action("http://127.0.0.1:1/", "announcement.ack", {"announcement_id": 1}, locale="nl-NL"),
        {
            **channel_message("https://smba.example/emea/", account(ANNA), "hoi", "19:chan@thread.tacv2", "p-1"),
            "recipient": {"id": "28:bot", "name": "Vraagbaak", "extra": "dropped"},
            "from": {"id": "29:anna", "name": "Anna", "aadObjectId": "aad-anna", "role": None, "userRole": "x"},
        },
        {
            "type": "conversationUpdate",
            "id": "cu-1",
            "channelId": "msteams",
            "serviceUrl": "http://x/",
            "conversation": {"id": "a:1"},
            "from": {},
            "recipient": {"id": "28:bot"},
        },
    ],
)
def test_reply_address_and_card_update_equal_the_sdks_reference_path(body):
    ours, theirs = (
        reply_activity(Reply(text="**Antwoord**", card=CARD)),
        reply_activity(Reply(text="**Antwoord**", card=CARD)),
    )
    assert ours is not None and theirs is not None
    assert {**to_json(ours), **reply_address(body)} == _sdk_addressed(body, theirs)
    sdk_update = Activity(
        type=ActivityTypes.message, id="card-1", attachments=[Attachment(content_type=CARD_CONTENT_TYPE, content=CARD)]
    )
    assert card_update("card-1", CARD, reply_address(body)) == _sdk_addressed(body, sdk_update)
