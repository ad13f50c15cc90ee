"""POST /api/messages through real HTTP with auth off: mapping, replies, card actions, bad input, retries."""

from __future__ import annotations

import logging

from config import Settings
from dialogs.types import Incoming, Outcome, Reply
from i18n import t
from storage import StorageUnavailable
from tests.support.activities import BOT, Recorder, activity, card_action

CARD = {"type": "AdaptiveCard", "version": "1.5", "body": [{"type": "TextBlock", "text": "Bedankt!"}]}
REPLY_PATH = "/v3/conversations/a:personal-conv-1/activities/1700000000001"


def echo(incoming: Incoming) -> Outcome:
    return Outcome(replies=[Reply(text=f"Echo: {incoming.text}")])


async def test_message_is_mapped_and_echoed(start_bot, connector):
    handle = Recorder(echo)
    client, _ = await start_bot(handle)
    body = activity(
        connector.url,
        text="<at>Vraagbaak</at> ww vergeten, hoe kom ik er weer in?",
        entities=[
            {"type": "mention", "mentioned": dict(BOT), "text": "<at>Vraagbaak</at>"},
            {"type": "clientInfo", "locale": "nl-NL"},
        ],
        attachments=[{"contentType": "text/html", "content": "<div>...</div>"}],
    )
    response = await client.post("/api/messages", json=body)
    assert response.status == 200
    [incoming] = handle.seen
    assert incoming.kind == "message"
    assert incoming.text == "ww vergeten, hoe kom ik er weer in?"
    assert incoming.attachment_count == 0
    assert incoming.user.aad_object_id == "aad-user-1" and incoming.user.key == "aad-user-1"
    assert incoming.user.name == "Fleur de Vries"
    assert incoming.locale == "nl-NL" and incoming.tenant_id == "tenant-1"
    assert incoming.conversation_id == "a:personal-conv-1" and incoming.conversation_type == "personal"
    assert incoming.activity_id == "1700000000001"
    assert incoming.reference["serviceUrl"] == connector.url
    assert incoming.reference["conversation"]["id"] == "a:personal-conv-1"
    assert incoming.reference["bot"]["id"] == BOT["id"] and incoming.reference["user"]["id"] == "29:user-1"
    [call] = connector.calls
    assert (call.method, call.path) == ("POST", REPLY_PATH)
    assert call.text == "Echo: ww vergeten, hoe kom ik er weer in?"
    assert call.json["textFormat"] == "markdown"
    assert call.json["from"]["id"] == BOT["id"] and call.json["recipient"]["id"] == "29:user-1"
    assert call.json["replyToId"] == "1700000000001"
    assert "Authorization" not in call.headers  # auth off: no outbound token


async def test_mention_of_someone_else_is_kept(start_bot, connector):
    handle = Recorder()
    client, _ = await start_bot(handle)
    body = activity(
        connector.url,
        text="<at>Vraagbaak</at> wie is <at>Piet</at>?",
        entities=[
            {"type": "mention", "mentioned": dict(BOT), "text": "<at>Vraagbaak</at>"},
            {"type": "mention", "mentioned": {"id": "29:piet"}, "text": "<at>Piet</at>"},
        ],
    )
    assert (await client.post("/api/messages", json=body)).status == 200
    assert handle.seen[0].text == "wie is <at>Piet</at>?"


async def test_only_a_mention_gives_empty_text(start_bot, connector):
    handle = Recorder()
    client, _ = await start_bot(handle)
    body = activity(
        connector.url,
        text="<at>Vraagbaak</at> ",
        entities=[{"type": "mention", "mentioned": dict(BOT), "text": "<at>Vraagbaak</at>"}],
    )
    assert (await client.post("/api/messages", json=body)).status == 200
    assert handle.seen[0].text == ""


async def test_attachments_only_are_counted_without_cards_and_html(start_bot, connector):
    handle = Recorder()
    client, _ = await start_bot(handle)
    body = activity(
        connector.url,
        text=None,
        attachments=[
            {"contentType": "application/vnd.microsoft.teams.file.download.info", "name": "scan.pdf"},
            {"contentType": "image/png", "contentUrl": "https://example.invalid/i.png"},
            {"contentType": "text/html", "content": "<p></p>"},
            {"contentType": "application/vnd.microsoft.card.adaptive", "content": CARD},
        ],
    )
    assert (await client.post("/api/messages", json=body)).status == 200
    assert handle.seen[0].text == "" and handle.seen[0].attachment_count == 2


async def test_long_message_reaches_the_handler_whole(start_bot, connector):
    handle = Recorder(echo)
    client, _ = await start_bot(handle)
    text = "wachtwoord " * 910  # 10,010 characters
    assert (await client.post("/api/messages", json=activity(connector.url, text=text))).status == 200
    assert handle.seen[0].text == text.strip()
    assert connector.count(REPLY_PATH) == 1


async def test_replies_are_sent_in_order_with_cards(start_bot, connector):
    handle = Recorder(
        lambda _: Outcome(replies=[Reply(text="Eerste"), Reply(card=CARD), Reply(text="Derde", card=CARD)])
    )
    client, _ = await start_bot(handle)
    assert (await client.post("/api/messages", json=activity(connector.url, text="help"))).status == 200
    calls = connector.calls
    assert [c.text for c in calls] == ["Eerste", None, "Derde"]
    assert [c.cards for c in calls] == [[], [CARD], [CARD]]


async def test_card_action_updates_card_and_answers_invoke(start_bot, connector):
    handle = Recorder(lambda _: Outcome(card=CARD, replies=[Reply(text="Dank voor je reactie")]))
    client, _ = await start_bot(handle)
    response = await client.post(
        "/api/messages", json=card_action(connector.url, "feedback", {"entry": "ww-1", "useful": False})
    )
    assert response.status == 200
    assert await response.json() == {
        "statusCode": 200,
        "type": "application/vnd.microsoft.card.adaptive",
        "value": CARD,
    }
    [incoming] = handle.seen
    assert incoming.kind == "action" and incoming.verb == "feedback"
    assert incoming.data == {"entry": "ww-1", "useful": False}
    assert incoming.reply_to_id == "1699999999999"
    assert await connector.wait_for_async(lambda c: c.count(method="PUT") == 1), "the card is updated after the answer"
    [put] = [c for c in connector.calls if c.method == "PUT"]
    [reply] = [c for c in connector.calls if c.method != "PUT"]
    assert (put.method, put.path) == ("PUT", "/v3/conversations/a:personal-conv-1/activities/1699999999999")
    assert put.cards == [CARD] and put.json["id"] == "1699999999999"
    assert reply.method == "POST" and reply.text == "Dank voor je reactie"


async def test_card_action_with_message_outcome(start_bot, connector):
    client, _ = await start_bot(Recorder(lambda _: Outcome(message="Genoteerd")))
    response = await client.post("/api/messages", json=card_action(connector.url, "ask_key_user"))
    assert response.status == 200
    assert await response.json() == {
        "statusCode": 200,
        "type": "application/vnd.microsoft.activity.message",
        "value": "Genoteerd",
    }
    assert connector.calls == []  # no card: nothing to update in place


async def test_a_sign_in_outcome_asks_teams_for_single_sign_on_and_the_token_comes_back_on_the_click(
    start_bot, connector
):
    def ask_or_thank(incoming: Incoming) -> Outcome:
        return Outcome(message="Dank") if incoming.sign_in_token else Outcome(sign_in="Meld je aan")

    handle = Recorder(ask_or_thank)
    settings = Settings(sso_connection_name="vraagbaak-sso", sso_resource="api://x/botid-y", tenant_id="t")
    client, _ = await start_bot(handle, settings)

    asked = await (await client.post("/api/messages", json=card_action(connector.url, "x"))).json()
    assert asked["statusCode"] == 401 and asked["type"] == "application/vnd.microsoft.activity.loginRequest"
    assert asked["value"]["text"] == "Meld je aan" and asked["value"]["connectionName"] == "vraagbaak-sso"
    resource = asked["value"]["tokenExchangeResource"]
    assert resource["uri"] == "api://x/botid-y" and resource["id"]
    again = card_action(connector.url, "x")
    again["value"]["authentication"] = {"id": resource["id"], "connectionName": "vraagbaak-sso", "token": "eyJ.t.s"}
    thanked = await (await client.post("/api/messages", json=again)).json()
    assert thanked["value"] == "Dank"
    assert [seen.sign_in_token for seen in handle.seen] == [None, "eyJ.t.s"]

    without, _ = await start_bot(Recorder(lambda _: Outcome(sign_in="Meld je aan", message="Niet ingesteld")))
    plain = await (await without.post("/api/messages", json=card_action(connector.url, "x"))).json()
    assert plain == {"statusCode": 200, "type": "application/vnd.microsoft.activity.message", "value": "Niet ingesteld"}


async def test_unknown_invoke_name_gets_dutch_message_not_500(start_bot, connector):
    handle = Recorder(echo)
    client, _ = await start_bot(handle)
    body = card_action(connector.url, "x", name="composeExtension/query")
    response = await client.post("/api/messages", json=body)
    assert response.status == 200
    assert (await response.json())["value"] == t("reply.unknown_action", "nl")
    assert handle.seen == []


async def test_submit_action_is_not_an_execute(start_bot, connector):
    handle = Recorder(echo)
    client, _ = await start_bot(handle)
    body = card_action(connector.url, "x", value={"action": {"type": "Action.Submit"}})
    response = await client.post("/api/messages", json=body)
    assert response.status == 200 and (await response.json())["type"] == "application/vnd.microsoft.activity.message"
    assert handle.seen == []


async def test_handler_crash_on_message_replies_in_dutch(start_bot, connector, caplog):
    def boom(_: Incoming) -> Outcome:
        raise RuntimeError("database weg")

    client, _ = await start_bot(Recorder(boom))
    with caplog.at_level(logging.ERROR, logger="bot"):
        response = await client.post("/api/messages", json=activity(connector.url, text="hallo"))
    assert response.status == 200
    [call] = connector.calls
    assert call.text == t("reply.error", "nl")
    assert any(r.exc_info and "database weg" in str(r.exc_info[1]) for r in caplog.records)


async def test_handler_crash_on_action_answers_invoke_in_english(start_bot, connector):
    def boom(_: Incoming) -> Outcome:
        raise RuntimeError("kapot")

    client, _ = await start_bot(Recorder(boom))
    response = await client.post("/api/messages", json=card_action(connector.url, "feedback", locale="en-US"))
    assert response.status == 200
    assert (await response.json())["value"] == t("reply.error", "en")


def test_the_generic_error_claims_nothing_it_cannot_know():
    for lang in ("nl", "en"):
        assert "bewaard" not in t("reply.error", lang) and "saved" not in t("reply.error", lang)


async def test_storage_unavailable_says_not_saved_without_a_traceback(start_bot, connector, caplog):
    def full(_: Incoming) -> Outcome:
        raise StorageUnavailable("database or disk is full (SQLITE_FULL)")

    client, _ = await start_bot(Recorder(full))
    with caplog.at_level(logging.DEBUG, logger="bot"):
        assert (await client.post("/api/messages", json=activity(connector.url, text="hallo"))).status == 200
        click = await client.post("/api/messages", json=card_action(connector.url, "feedback", locale="en-US"))
    [call] = connector.calls
    assert call.text == t("reply.not_saved", "nl")
    assert (await click.json())["value"] == t("reply.action_not_saved", "en")
    assert not [r for r in caplog.records if r.exc_info or r.levelno >= logging.WARNING], "storage.db logs it, once"


async def test_install_and_conversation_updates(start_bot, connector):
    handle = Recorder()
    client, _ = await start_bot(handle)
    install = activity(connector.url, type="installationUpdate", action="add")
    bot_added = activity(connector.url, type="conversationUpdate", membersAdded=[dict(BOT)])
    user_added = activity(connector.url, type="conversationUpdate", membersAdded=[{"id": "29:user-2"}])
    removed = activity(connector.url, type="installationUpdate", action="remove")
    reaction = activity(connector.url, type="messageReaction", reactionsAdded=[{"type": "like"}])
    for body in (install, bot_added, user_added, removed, reaction):
        response = await client.post("/api/messages", json=body)
        assert response.status == 200, body["type"]
    assert [i.kind for i in handle.seen] == ["install", "install"]
    assert handle.seen[0].reference["conversation"]["id"] == "a:personal-conv-1"


async def test_malformed_json_is_400(start_bot, connector):
    client, _ = await start_bot(Recorder(echo))
    response = await client.post(
        "/api/messages", data=b'{"type": "message",', headers={"Content-Type": "application/json"}
    )
    assert response.status == 400
    assert connector.calls == []


async def test_wrong_content_type_is_415(start_bot, connector):
    client, _ = await start_bot(Recorder(echo))
    response = await client.post(
        "/api/messages", data=b"type=message", headers={"Content-Type": "application/x-www-form-urlencoded"}
    )
    assert response.status == 415
    response = await client.post("/api/messages", data=b"{}")  # no Content-Type at all
    assert response.status == 415


async def test_json_that_is_not_an_activity_is_400(start_bot, connector):
    handle = Recorder(echo)
    client, _ = await start_bot(handle)
    no_type = activity(connector.url, text="hallo")
    del no_type["type"]
    no_service_url = activity(connector.url, text="hallo")
    del no_service_url["serviceUrl"]
    no_conversation = activity(connector.url, text="hallo", conversation={})
    bad_shape = activity(connector.url, text="hallo", timestamp="niet een datum")
    for body in ([1, 2, 3], "message", no_type, no_service_url, no_conversation, bad_shape):
        response = await client.post("/api/messages", json=body)
        assert response.status == 400, body
    assert handle.seen == [] and connector.calls == []


async def test_throttled_reply_is_retried_in_the_turn_honouring_a_retry_after_that_fits(start_bot, connector):
    connector.fail("POST", REPLY_PATH, status=429, times=2, retry_after=2)
    client, endpoint = await start_bot(Recorder(echo))
    response = await client.post("/api/messages", json=activity(connector.url, text="hallo"))
    assert response.status == 200
    assert connector.count(REPLY_PATH) == 3
    assert [c.text for c in connector.calls] == ["Echo: hallo"] * 3
    assert endpoint.transport.retry.sleep.delays == [2.0, 2.0]  # within the 5 s a turn may spend sending


async def test_unavailable_connector_gives_up_after_bounded_attempts_and_logs(start_bot, connector, caplog):
    connector.fail("POST", REPLY_PATH, status=503, times=-1)
    client, endpoint = await start_bot(Recorder(echo))
    with caplog.at_level(logging.ERROR, logger="bot"):
        response = await client.post("/api/messages", json=activity(connector.url, text="hallo"))
    assert response.status == 200
    assert connector.count(REPLY_PATH) == endpoint.transport.retry.attempts == 4
    assert len(endpoint.transport.retry.sleep.delays) == 3
    assert any("Could not deliver" in r.getMessage() for r in caplog.records)


async def test_client_error_is_not_retried(start_bot, connector, caplog):
    connector.fail("POST", REPLY_PATH, status=403, times=-1)
    client, _ = await start_bot(Recorder(echo))
    with caplog.at_level(logging.ERROR, logger="bot"):
        assert (await client.post("/api/messages", json=activity(connector.url, text="hallo"))).status == 200
    assert connector.count(REPLY_PATH) == 1
    assert any("403" in r.getMessage() for r in caplog.records)
