"""A functional manager signed in with Entra ID sends a channel announcement through the API: the card is posted
through Graph as them (on-behalf-of, exchanged at the local token endpoint when the job runs), Graph's 429 retried by
the job worker; an expiring or refused sign-in, a scheduled send or an app-only token get the bot's post, saying why.
The whole app runs with the fake Graph, the local identity provider and the fake Bot Connector."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import jwt
import pytest
from sqlalchemy import select

from app import API, DATABASE
from cards.announcements import announcement_report_card
from storage.models import Job
from tests.api.conftest import AUDIENCE, ROLE
from tests.api.stage import DIRK_OID, POSTS, TEAM, Stage, channel_posts_by_bot
from tests.support.cards import card_text
from tests.support.world import FM_CHANNEL, ZAAK_CHANNEL
from vocabulary import JobKind


async def test_the_card_is_posted_as_the_signed_in_author_after_graphs_429(stage: Stage):
    stage.graph.fail("POST", POSTS, 429, retry_after=1, code="TooManyRequests")
    token = stage.user_token()

    announcement_id = await stage.send(token)
    await stage.until_sent(announcement_id)

    assert [(x["assertion"], x["requested_token_use"]) for x in stage.entra.exchanges] == [
        (token, "on_behalf_of")
    ] * 2, "exchanged when each attempt runs, never kept as a Graph token"
    ((team, channel, body, graph_token),) = stage.graph.channel_posts
    assert (team, channel) == (TEAM, FM_CHANNEL)
    assert graph_token is not None
    assert jwt.decode(graph_token, options={"verify_signature": False})["obo_of"] == DIRK_OID, "Dirk's delegated token"
    assert "Zaaksysteem 4.2 is live" in body["attachments"][0]["content"]
    assert [c.status for c in stage.graph.calls_to(POSTS, "POST")] == [429, 201], "no kiota retry: the job's"
    async with stage.app[DATABASE].read() as session:
        (job,) = await session.scalars(select(Job).where(Job.kind == JobKind.ANNOUNCEMENT_POST_AS))
        assert (job.status, job.attempts) == ("done", 2)
        assert token not in str(job.payload), "the token waits sealed"
    delivery = await stage.delivery(announcement_id)
    assert (delivery.status, delivery.poster, delivery.reason) == ("sent", "person", None)
    assert delivery.conversation_id == f"{FM_CHANNEL};messageid={delivery.activity_id}"
    assert channel_posts_by_bot(stage.connector) == [], "the bot posted nothing in the channel"
    line = await stage.csv(announcement_id, token)
    assert (line[2], line[5], line[6], line[7]) == ("sent", "", "", "person")

    card = card_text(announcement_report_card(view=await stage.app[API].service.get(announcement_id), lang="en"))
    assert "Posted as Dirk" in card

    # a recall cannot delete Dirk's own message: the bot leaves it alone
    response = await stage.client.delete(
        f"/api/announcements/{announcement_id}", headers={"Authorization": f"Bearer {token}"}
    )
    assert response.status == 200 and (await stage.delivery(announcement_id)).op is None


@pytest.mark.parametrize(
    ("how", "reason", "words"),
    [
        ("expiring", "signin_expired", "Posted by the bot: the author's sign-in had expired."),
        ("refused", "signin_refused", "Posted by the bot: Entra ID refused the author's sign-in."),
    ],
)
async def test_a_sign_in_that_cannot_be_used_gets_the_bots_post_saying_why(stage: Stage, how, reason, words):
    stage.entra.refuse_exchange = how == "refused"
    token = stage.user_token(lifetime=30 if how == "expiring" else 3600)

    announcement_id = await stage.send(token)
    await stage.until_sent(announcement_id)

    assert stage.graph.channel_posts == []
    assert len(stage.entra.exchanges) == (1 if how == "refused" else 0)
    (post,) = channel_posts_by_bot(stage.connector)
    assert post.json["channelData"]["channel"]["id"] == FM_CHANNEL
    delivery = await stage.delivery(announcement_id)
    assert (delivery.status, delivery.poster, delivery.reason) == ("sent", "bot", reason)
    line = await stage.csv(announcement_id, token)
    assert (line[2], line[5], line[7]) == ("sent", words, "bot")
    assert (await stage.csv(announcement_id, token, "nl"))[5].startswith("Door de bot geplaatst")


async def test_a_scheduled_send_is_posted_by_the_bot_and_an_app_token_as_always(stage: Stage):
    token = stage.user_token()
    at = (datetime.now(UTC) + timedelta(seconds=2)).isoformat()
    scheduled = await stage.send(token, send_at=at)
    pipeline = stage.entra.mint({"oid": "pipeline", "roles": [ROLE]}, audience=AUDIENCE)
    by_app = await stage.send(pipeline)

    await stage.until_sent(by_app)
    await stage.until_sent(scheduled)

    assert stage.graph.channel_posts == [] and stage.entra.exchanges == []
    assert len(channel_posts_by_bot(stage.connector)) == 2
    first, second = await stage.delivery(scheduled), await stage.delivery(by_app)
    assert (first.poster, first.reason) == ("bot", "scheduled")
    assert (second.poster, second.reason) == (None, None), "an app-only token cannot post as anyone"


async def test_graph_refusing_the_post_or_an_unknown_team_gets_the_bots_post_with_graphs_code(stage: Stage):
    stage.graph.fail("POST", POSTS, 403, times=-1, code="Forbidden")
    token = stage.user_token()
    body = {"audience": {"channels": [FM_CHANNEL, ZAAK_CHANNEL]}}

    announcement_id = await stage.send(token, **body)
    await stage.until_sent(announcement_id)

    assert stage.graph.channel_posts == [] and len(stage.graph.calls_to(POSTS, "POST")) == 1, "a 403 is not retried"
    assert len(channel_posts_by_bot(stage.connector)) == 2
    lines = {line[1]: line for line in await stage.csv_lines(announcement_id, token)}
    assert lines[FM_CHANNEL][5:] == [
        "Posted by the bot: Graph refused the message on the author's behalf.",
        "Forbidden",
        "bot",
    ]
    assert lines[ZAAK_CHANNEL][5:] == ["Posted by the bot: this channel's team is not known.", "", "bot"]
