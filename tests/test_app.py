"""The whole bot over real HTTP: Teams activity in, cards out to a fake Bot Connector."""

from __future__ import annotations

import gc

import pytest
from aiohttp.test_utils import TestClient, TestServer

from app import DATABASE, FANOUT, FAQ, GC_FULL_EVERY, INDEX_TASK, build_app
from config import Settings
from services.fanout import FanoutOptions
from services.faq_files import read_faq_file
from storage import QuestionRepository
from tests.conftest import make_database
from tests.support.activities import USER, activity, card_action
from tests.support.cards import action, card_text, execute_actions
from tests.support.fake_connector import FakeConnector
from tests.support.fanout import render, seed_announcement, seed_people
from tests.support.requirements import ROOT
from tests.support.work import LIGATURES, LONG_MESSAGE, LONG_WORD, REPEATED_COMPOUND, count_work, peak_memory

SAMPLE = ROOT / "samples" / "faq.yaml"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
async def client(request, tmp_path, connector):
    """The real app on a free port, its database on SQLite or PostgreSQL, with the sample FAQ."""
    db, cleanup = await make_database(request.param, tmp_path)
    app = build_app(Settings(matcher="lexical"), database=db)
    await app[FAQ].import_entries(read_faq_file(SAMPLE))
    test_client = TestClient(TestServer(app, host="127.0.0.1"))
    await test_client.start_server()
    yield test_client
    await test_client.close()
    await cleanup()


def posted_cards(connector: FakeConnector) -> list[dict]:
    return [card for call in connector.calls if call.method == "POST" for card in call.cards]


async def test_a_serving_app_freezes_what_it_loaded_out_of_the_garbage_collector(sqlite_database):
    thresholds = gc.get_threshold()
    app = build_app(Settings(matcher="lexical"), database=sqlite_database, freeze_gc=True)
    test_client = TestClient(TestServer(app, host="127.0.0.1"))
    await test_client.start_server()
    try:
        await app[INDEX_TASK]
        assert gc.get_freeze_count() > 0
        assert gc.get_threshold()[2] == GC_FULL_EVERY
    finally:
        await test_client.close()
        gc.unfreeze()  # the rest of the suite runs with Python's defaults
        gc.set_threshold(*thresholds)


async def test_health_and_readiness(client):
    assert (await client.get("/healthz")).status == 200
    await client.server.app[INDEX_TASK]
    response = await client.get("/readyz")
    assert response.status == 200 and (await response.json())["status"] == "ready"


async def test_question_answer_card_then_nee_updates_it(client, connector):
    response = await client.post(
        "/api/messages",
        json=activity(connector.url, text="Ik ben mijn wachtwoord vergeten. Hoe kom ik weer in mijn account?"),
    )
    assert response.status == 200
    assert await connector.wait_for_async(lambda c: posted_cards(c), timeout=10)
    (card,) = posted_cards(connector)
    assert "wachtwoord" in card_text(card).lower()
    nee = action(card, "feedback", helpful=False)

    click = await client.post("/api/messages", json=card_action(connector.url, "feedback", nee["data"]))
    assert click.status == 200
    body = await click.json()
    assert body["statusCode"] == 200 and body["type"] == "application/vnd.microsoft.card.adaptive"
    assert not [a for a in execute_actions(body["value"]) if a["verb"] == "feedback"]
    assert await connector.wait_for_async(lambda c: c.count(method="PUT") == 1, timeout=10)
    put = next(call for call in connector.calls if call.method == "PUT")
    assert put.cards == [body["value"]] and "Authorization" not in put.headers, "auth off: no token is sent"

    async with client.server.app[DATABASE].transaction() as session:
        (question,) = await QuestionRepository(session).for_user(USER["aadObjectId"])
    assert (question.outcome, question.feedback) == ("answered", "not_helpful")


async def test_unknown_question_then_ask_a_key_user(client, connector):
    await client.post("/api/messages", json=activity(connector.url, text="hoeveel verlofuren heb ik nog over dit jaar"))
    assert await connector.wait_for_async(lambda c: posted_cards(c), timeout=10)
    (card,) = posted_cards(connector)
    ask = action(card, "ask_key_user")
    click = await client.post("/api/messages", json=card_action(connector.url, "ask_key_user", ask["data"]))
    assert (await click.json())["type"] == "application/vnd.microsoft.card.adaptive"


async def test_only_a_mention_and_oversized_text_get_dutch_replies(client, connector):
    mention = activity(
        connector.url,
        text="<at>Vraagbaak</at>",
        entities=[
            {
                "type": "mention",
                "text": "<at>Vraagbaak</at>",
                "mentioned": {"id": "28:vraagbaak-bot", "name": "Vraagbaak"},
            }
        ],
    )
    assert (await client.post("/api/messages", json=mention)).status == 200
    assert (await client.post("/api/messages", json=activity(connector.url, text="x" * 10_000))).status == 200
    assert (
        await client.post(
            "/api/messages",
            json=activity(
                connector.url,
                text="",
                attachments=[{"contentType": "image/png", "contentUrl": "http://127.0.0.1/x.png"}],
            ),
        )
    ).status == 200
    assert await connector.wait_for_async(lambda c: c.count(method="POST") >= 4, timeout=10)
    replies = [call.text for call in connector.calls if call.method == "POST" and call.text]
    assert any("geen vraag" in r for r in replies)
    assert any("te lang" in r for r in replies)
    assert any("bijlagen" in r for r in replies)


async def test_long_words_and_messages_are_answered_with_bounded_work_and_memory(client, connector, monkeypatch):
    """One 2,000-letter word used to take 25 s and 4 GB on the matcher thread that every question waits for."""
    await client.server.app[INDEX_TASK]
    work = count_work(monkeypatch)
    texts = [LONG_WORD, LIGATURES, REPEATED_COMPOUND, LONG_MESSAGE[:2000], LONG_MESSAGE]
    for number, text in enumerate(texts, start=1):
        work.reset()
        with peak_memory() as peak:
            assert (await client.post("/api/messages", json=activity(connector.url, text=text))).status == 200
            assert await connector.wait_for_async(lambda c, n=number: len(posted_cards(c)) == n, timeout=10)
        assert work.words <= 64, "a question's first 64 words are analysed"
        assert work.candidates <= 1_000 * work.words and work.parts <= 200 * work.words
        assert peak[0] < 16 * 1024 * 1024
    assert work.words == 0, "a 10,000-character message is refused as too long without matching"
    assert any("te lang" in (call.text or "") for call in connector.calls)


async def test_unknown_invoke_and_malformed_body(client, connector):
    odd = activity(connector.url, type="invoke", name="composeExtension/query", value={})
    response = await client.post("/api/messages", json=odd)
    assert response.status == 200 and "ken ik niet" in (await response.json())["value"]
    assert (
        await client.post("/api/messages", data=b"{not json", headers={"Content-Type": "application/json"})
    ).status == 400
    assert (await client.post("/api/messages", data=b"hallo", headers={"Content-Type": "text/plain"})).status == 415


async def test_install_greets_once_and_help_answers(client, connector):
    install = activity(connector.url, type="installationUpdate", action="add")
    install.pop("text")
    added = activity(connector.url, type="conversationUpdate", membersAdded=[{"id": "28:vraagbaak-bot"}])
    added.pop("text")
    assert (await client.post("/api/messages", json=install)).status == 200
    assert (await client.post("/api/messages", json=added)).status == 200
    assert (await client.post("/api/messages", json=activity(connector.url, text="help"))).status == 200
    assert await connector.wait_for_async(lambda c: len(posted_cards(c)) >= 2, timeout=10)
    welcome, help_card = posted_cards(connector)
    assert "Welkom" in card_text(welcome) and "Fleur" in card_text(welcome)
    assert "help" in card_text(help_card).lower() and welcome != help_card
    assert connector.count(method="POST") == 2, "Teams' two install activities greet once"


async def test_choosing_a_suggestion_and_someone_elses_click(client, connector):
    await client.post("/api/messages", json=activity(connector.url, text="hoeveel verlofuren heb ik nog over dit jaar"))
    assert await connector.wait_for_async(lambda c: posted_cards(c), timeout=10)
    question_id = action(posted_cards(connector)[0], "ask_key_user")["data"]["question_id"]

    stranger = card_action(
        connector.url,
        "choose",
        {"question_id": question_id, "entry_id": "werkplek-printen"},
        **{"from": {"id": "29:other", "name": "Iemand Anders", "aadObjectId": "aad-other"}},
    )
    refused = await (await client.post("/api/messages", json=stranger)).json()
    assert refused["type"] == "application/vnd.microsoft.activity.message" and "iemand anders" in refused["value"]
    assert connector.count(method="PUT") == 0, "a refused click changes no card"

    chosen = await (
        await client.post(
            "/api/messages",
            json=card_action(connector.url, "choose", {"question_id": question_id, "entry_id": "werkplek-printen"}),
        )
    ).json()
    assert chosen["type"] == "application/vnd.microsoft.card.adaptive" and "print" in card_text(chosen["value"]).lower()
    async with client.server.app[DATABASE].transaction() as session:
        (question,) = await QuestionRepository(session).for_user(USER["aadObjectId"])
    assert question.entry_id == "werkplek-printen"


async def test_an_answer_teams_keeps_refusing_in_the_turn_arrives_later_through_the_worker(client, connector):
    path = "/v3/conversations/a:personal-conv-1/activities/1700000000001"
    connector.fail("POST", path, 503, times=-1, retry_after=0)
    response = await client.post("/api/messages", json=activity(connector.url, text="printen lukt niet"))
    assert response.status == 200
    assert connector.count(path=path) == 4, "bounded retries in the turn"
    async with client.server.app[DATABASE].transaction() as session:
        (question,) = await QuestionRepository(session).for_user(USER["aadObjectId"])
    assert question.text == "printen lukt niet", "the question is stored even though the answer did not go out"

    late = "/v3/conversations/a:personal-conv-1/activities"
    assert await connector.wait_for_async(lambda c: any(x.path == late and x.delivered for x in c.calls), timeout=10)
    [answer] = [x for x in connector.calls if x.path == late and x.delivered]
    assert "print" in card_text(answer.cards[0]).lower(), "the answer card, kept as a job, sent by the worker"


async def test_the_app_runs_the_fan_out_engine_beside_the_job_worker(sqlite_database, connector):
    app = build_app(
        Settings(matcher="lexical"),
        database=sqlite_database,
        render=render,
        fanout_options=FanoutOptions(rate=500.0, poll_interval=0.05),
    )
    await seed_people(sqlite_database, connector.url, 3)
    await seed_announcement(sqlite_database, people=range(3))
    test_client = TestClient(TestServer(app, host="127.0.0.1"))
    await test_client.start_server()
    try:
        assert await connector.wait_for_async(lambda c: c.posted() == 3, 10.0)
    finally:
        await test_client.close()
    assert app[FANOUT].sent == 3
