"""What the demo walk did, through the real endpoint: several key-user groups sharing one channel, people asking,
key users acting on the cards the bot posted. Helpers for the tests in this folder."""

from __future__ import annotations

import itertools
import re
from typing import Any

from aiohttp.test_utils import TestClient, TestServer

from app import CONVERSATIONS, DIRECTORY, FAQ, TICKETS, build_app
from config import Settings
from services.faq_files import read_faq_file
from services.jobs import WorkerOptions
from storage import TicketRepository
from storage.models import Ticket
from tests.conftest import make_database
from tests.support.activities import activity, card_action
from tests.support.cards import card_text, execute_actions
from tests.support.fake_connector import FakeConnector
from tests.support.requirements import ROOT

SAMPLE = ROOT / "samples" / "faq.yaml"
TENANT = "tenant-1"
GENERAL = "19:general@thread.tacv2"
"""The key users' channel: two groups (Zaaksysteem and Outlook) share it, as in the demo's General."""
FM_CHANNEL = "19:functioneel-beheer@thread.tacv2"
BRAM = {"id": "29:bram", "name": "Bram Jansen", "aadObjectId": "aad-bram"}
CHANTAL = {"id": "29:chantal", "name": "Chantal Bakker", "aadObjectId": "aad-chantal"}
DIRK = {"id": "29:dirk", "name": "Dirk Visser", "aadObjectId": "aad-dirk"}
FLEUR = {"id": "29:fleur", "name": "Fleur de Vries", "aadObjectId": "aad-fleur"}
ESRA = {"id": "29:esra", "name": "Esra Yilmaz", "aadObjectId": "aad-esra"}
_ids = itertools.count(1)


async def start(kind: str, tmp_path, connector: FakeConnector) -> TestClient:
    """The app with the sample FAQ; Zaaksysteem and Outlook key users in General, functional management above."""
    db, cleanup = await make_database(kind, tmp_path)
    app = build_app(
        Settings(matcher="lexical"), database=db, worker_options=WorkerOptions(poll_interval=0.05, base_delay=0.05)
    )
    await app[FAQ].import_entries(read_faq_file(SAMPLE))
    directory = app[DIRECTORY]
    await directory.save_group(name="Functioneel beheer", kind="functional_management", channel_id=FM_CHANNEL)
    for name, application in (("Kerngebruikers Zaaksysteem", "Zaaksysteem"), ("Kerngebruikers Outlook", "Outlook")):
        await directory.save_group(name=name, application=application, parent="Functioneel beheer", channel_id=GENERAL)
        await directory.add_member(name, BRAM["aadObjectId"], name=BRAM["name"], chair=True)
    await directory.add_member("Kerngebruikers Outlook", CHANTAL["aadObjectId"], name=CHANTAL["name"])
    await directory.add_member("Functioneel beheer", DIRK["aadObjectId"], name=DIRK["name"], role="functional_manager")
    for channel in (GENERAL, FM_CHANNEL):
        await app[CONVERSATIONS].remember(
            conversation_id=channel,
            conversation_type="channel",
            user_key=None,
            tenant_id=TENANT,
            reference={
                "serviceUrl": connector.url,
                "channelId": "msteams",
                "bot": {"id": "28:vraagbaak-bot", "name": "Vraagbaak"},
                "conversation": {"id": channel, "conversationType": "channel", "isGroup": True, "tenantId": TENANT},
            },
        )
    client = TestClient(TestServer(app, host="127.0.0.1"))
    await client.start_server()
    client.cleanup = cleanup  # type: ignore[attr-defined]
    return client


def personal(who: dict) -> dict:
    """Someone's personal chat with the bot."""
    return {"id": f"a:personal-{who['aadObjectId']}", "conversationType": "personal", "tenantId": TENANT}


def posts_to(connector: FakeConnector, conversation: str) -> list:
    """Messages posted into a conversation, as replies or proactively."""
    path = f"/v3/conversations/{conversation}/activities"
    return [c for c in connector.calls if c.method == "POST" and (c.path == path or c.path.startswith(path + "/"))]


def threads(connector: FakeConnector, channel: str) -> list:
    """New threads the bot started in a channel."""
    return [
        c
        for c in connector.calls
        if c.method == "POST"
        and c.path == "/v3/conversations"
        and c.answer
        and ((c.json or {}).get("channelData") or {}).get("channel", {}).get("id") == channel
    ]


def thread_cards(connector: FakeConnector, channel: str) -> list[tuple[dict, str, str]]:
    """(card, thread id, card activity id) of every thread the bot started in a channel."""
    return [
        (call.json["activity"]["attachments"][0]["content"], call.answer["id"], call.answer["activityId"])
        for call in threads(connector, channel)
    ]


def latest_card(connector: FakeConnector, thread: str, card_id: str, first: dict) -> dict:
    """A posted card as the bot last left it: its latest update (PUT), else as first posted."""
    puts = [
        c
        for c in connector.calls
        if c.method == "PUT"
        and c.path.endswith(f"/activities/{card_id}")
        and c.path.startswith(f"/v3/conversations/{thread}/")
    ]
    return puts[-1].cards[0] if puts else first


def verb_data(card: dict, verb: str, **where: Any) -> dict:
    """The data of the card's Action.Execute with `verb` (and data fields equal to `where`)."""
    return next(
        a["data"]
        for a in execute_actions(card)
        if a["verb"] == verb and all(a["data"].get(k) == v for k, v in where.items())
    )


async def invoke(client: TestClient, body: dict) -> dict:
    """POST an invoke; the Universal Actions body it is answered with."""
    response = await client.post("/api/messages", json=body)
    assert response.status == 200, await response.text()
    return await response.json()


def click(
    connector: FakeConnector,
    who: dict,
    verb: str,
    data: dict,
    *,
    thread: str | None = None,
    card_id: str = "1699999999999",
) -> dict:
    """An Action.Execute by `who`: on a card in a channel thread, else in their personal chat."""
    if thread is None:
        return card_action(
            connector.url, verb, data, id=f"act-{next(_ids)}", **{"from": who, "conversation": personal(who)}
        )
    return card_action(
        connector.url,
        verb,
        data,
        id=f"act-{next(_ids)}",
        replyToId=card_id,
        **{
            "from": who,
            "conversation": {"id": thread, "conversationType": "channel", "isGroup": True, "tenantId": TENANT},
            "channelData": {
                "tenant": {"id": TENANT},
                "channel": {"id": thread.split(";")[0]},
                "team": {"id": "team-1"},
            },
        },
    )


async def say_in_channel(client: TestClient, connector: FakeConnector, who: dict, channel: str, text: str) -> dict:
    """Post `text` (with the bot mentioned) as a new post in a channel; the card the bot answers with."""
    post = f"post-{next(_ids)}"
    thread = f"{channel};messageid={post}"
    await client.post(
        "/api/messages",
        json=activity(
            connector.url,
            text=text,
            id=post,
            **{
                "from": who,
                "conversation": {"id": thread, "conversationType": "channel", "isGroup": True},
                "channelData": {"tenant": {"id": TENANT}, "channel": {"id": channel}, "team": {"id": "team-1"}},
            },
        ),
    )
    assert await connector.wait_for_async(lambda c: any(x.cards for x in posts_to(c, thread)), timeout=10)
    return next(x.cards[0] for x in posts_to(connector, thread) if x.cards)


async def ask_key_users(
    client: TestClient, connector: FakeConnector, who: dict, question: str, application: str
) -> str:
    """`who` asks in their personal chat, passes the question on with the form; the new ticket's number."""
    chat = personal(who)["id"]
    before = len(posts_to(connector, chat))
    await client.post(
        "/api/messages",
        json=activity(
            connector.url, text=question, id=f"msg-{next(_ids)}", **{"from": who, "conversation": personal(who)}
        ),
    )
    assert await connector.wait_for_async(lambda c: len(posts_to(c, chat)) > before, timeout=10)
    answer = next(
        x.cards[0]
        for x in posts_to(connector, chat)[before:]
        if x.cards and any(a["verb"] == "ask_key_user" for a in execute_actions(x.cards[0]))
    )
    form = await invoke(client, click(connector, who, "ask_key_user", verb_data(answer, "ask_key_user")))
    data = {**verb_data(form["value"], "ticket.create"), "question": question, "application": application}
    created = await invoke(client, click(connector, who, "ticket.create", data))
    number = re.search(r"VB-\d{4}-\d{4}", card_text(created["value"]))
    assert number, created
    return number.group(0)


async def ticket_row(client: Any, number: str) -> Ticket:
    """The stored ticket with this number."""
    async with client.server.app[TICKETS].db.read() as session:
        ticket = await TicketRepository(session).by_number(number)
    assert ticket is not None, f"no ticket {number}"
    return ticket


def current_card(connector: FakeConnector, channel: str, number: str) -> dict | None:
    """The card of ticket `number` in a channel as the bot last left it, or None before it is posted."""
    posted = next((t for t in thread_cards(connector, channel) if number in card_text(t[0])), None)
    return latest_card(connector, posted[1], posted[2], posted[0]) if posted else None


async def posted_card(connector: FakeConnector, channel: str, number: str) -> tuple[dict, str, str]:
    """The card of ticket `number` in a channel (waiting until the worker has posted it), its thread and id."""

    def find(c):
        return next((t for t in thread_cards(c, channel) if number in card_text(t[0])), None)

    assert await connector.wait_for_async(lambda c: find(c) is not None, timeout=10), f"no card for {number}"
    found = find(connector)
    assert found is not None
    card, thread, card_id = found
    return latest_card(connector, thread, card_id, card), thread, card_id
