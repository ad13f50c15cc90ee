"""ConversationService on both databases: one store of references, one service-URL rule, one way to readdress them."""

from __future__ import annotations

from services.conversations import ConversationService, addressed_to, service_url, thread_of
from services.replies import sending_reference
from storage import ConversationRepository
from storage.models import ConversationRef

TENANT = "tenant-1"
CHANNEL = "19:suite4@thread.tacv2"


def reference(conversation_id: str, kind: str, url: str = "http://127.0.0.1:1/teams", **extra) -> dict:
    return {
        "serviceUrl": url,
        "channelId": "msteams",
        "bot": {"id": "28:vraagbaak"},
        "activityId": "act-1",
        "user": {"id": "29:anna", "aadObjectId": "emp-anna"},
        "conversation": {"id": conversation_id, "conversationType": kind, "tenantId": TENANT},
        **extra,
    }


async def row(database, conversation_id: str) -> ConversationRef | None:
    async with database.read() as session:
        return await ConversationRepository(session).get(conversation_id)


async def stored(database, conversation_id: str) -> ConversationRef:
    found = await row(database, conversation_id)
    assert found is not None, f"{conversation_id} is stored"
    return found


def test_a_service_url_has_one_form_wherever_it_goes():
    for url in ("http://127.0.0.1:1/teams", "http://127.0.0.1:1/teams/", " http://127.0.0.1:1/teams// "):
        assert service_url({"serviceUrl": url}) == "http://127.0.0.1:1/teams/"
        kept = sending_reference(reference("a:1", "personal", url))  # what a kept turn reply is sent with
        assert kept["serviceUrl"] == "http://127.0.0.1:1/teams/"
    assert service_url({}) == service_url({"serviceUrl": "  "}) == ""


def test_a_readdressed_reference_keeps_the_bot_and_service_but_not_the_user_or_activity():
    channel = reference(CHANNEL, "channel", url="http://127.0.0.1:1/teams")
    thread = thread_of(channel, f"{CHANNEL};messageid=7")
    assert thread == {
        "serviceUrl": "http://127.0.0.1:1/teams/",
        "channelId": "msteams",
        "bot": {"id": "28:vraagbaak"},
        "conversation": {"id": f"{CHANNEL};messageid=7", "conversationType": "channel", "tenantId": TENANT},
    }
    assert channel["conversation"]["id"] == CHANNEL and "user" in channel, "the original is left as it was"
    assert addressed_to({"conversation": {"id": "a:1"}}, {"id": "a:2"}) == {"conversation": {"id": "a:2"}}


async def test_remember_stores_the_normalised_url_in_the_row_and_the_reference(database):
    conversations = ConversationService(database)
    assert await conversations.remember(
        conversation_id="a:1",
        conversation_type="personal",
        user_key="emp-anna",
        tenant_id=TENANT,
        reference=reference("a:1", "personal"),
    )
    row = await stored(database, "a:1")
    assert (row.service_url, row.reference["serviceUrl"], row.user_key) == (
        "http://127.0.0.1:1/teams/",
        "http://127.0.0.1:1/teams/",
        "emp-anna",
    )
    before = row.updated_at
    again = reference("a:1", "personal", url="http://127.0.0.1:1/teams/", activityId="act-2")
    assert not await conversations.remember(
        conversation_id="a:1", conversation_type="personal", user_key="emp-anna", tenant_id=TENANT, reference=again
    )
    assert (await stored(database, "a:1")).updated_at == before, "the same chat under either spelling: nothing written"
    personal = await conversations.reference_for("emp-anna")
    assert personal is not None and personal["conversation"]["id"] == "a:1"


async def test_only_a_personal_chat_is_kept_as_someones_and_an_unusable_reference_not_at_all(database):
    conversations = ConversationService(database)
    assert await conversations.remember(
        conversation_id="19:group@thread.v2",
        conversation_type="groupChat",
        user_key="emp-anna",
        tenant_id=TENANT,
        reference=reference("19:group@thread.v2", "groupChat"),
    )
    assert (await stored(database, "19:group@thread.v2")).user_key is None
    assert await conversations.reference_for("emp-anna") is None, "a group chat does not reach Anna alone"
    no_url = reference("a:2", "personal")
    del no_url["serviceUrl"]
    assert not await conversations.remember(
        conversation_id="a:2", conversation_type="personal", user_key="emp-anna", tenant_id=TENANT, reference=no_url
    )
    assert not await conversations.remember(
        conversation_id="",
        conversation_type="personal",
        user_key="emp-anna",
        tenant_id=TENANT,
        reference=reference("", "personal"),
    )
    assert await row(database, "a:2") is None


async def test_a_channel_never_seen_is_reached_through_the_tenants_service_url(database):
    conversations = ConversationService(database)
    assert await conversations.channel_reference(CHANNEL, TENANT) is None, "nothing known in the tenant"
    await conversations.remember(
        conversation_id="a:1",
        conversation_type="personal",
        user_key="emp-anna",
        tenant_id=TENANT,
        reference=reference("a:1", "personal"),
    )
    made = await conversations.channel_reference(CHANNEL, TENANT)
    assert made == {
        "serviceUrl": "http://127.0.0.1:1/teams/",
        "channelId": "msteams",
        "bot": {"id": "28:vraagbaak"},
        "conversation": {"id": CHANNEL, "isGroup": True, "conversationType": "channel", "tenantId": TENANT},
    }
    tenant = await conversations.tenant_reference(TENANT)
    assert tenant is not None and tenant["conversation"]["id"] == "a:1"
    await conversations.remember(
        conversation_id=CHANNEL,
        conversation_type="channel",
        user_key=None,
        tenant_id=TENANT,
        reference=reference(CHANNEL, "channel", url="http://127.0.0.1:2/"),
    )
    own = await conversations.channel_reference(CHANNEL)
    assert own is not None and own["serviceUrl"] == "http://127.0.0.1:2/", "its own, once known"
