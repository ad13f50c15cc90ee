"""'Versturen als mij' in Teams, through /api/messages: the click is answered with a single sign-on request, Teams
sends it again with Dirk's token (minted by the local identity provider), and the channel card is posted through Graph
as Dirk (on-behalf-of at the local token endpoint). A token of someone else, one for another app or an expired one
sends nothing; a key user is refused before any sign-in; 'Versturen' still has the bot post it."""

from __future__ import annotations

from typing import Any

import jwt
import pytest
from sqlalchemy import select

from app import DATABASE
from i18n import t
from storage.models import Announcement
from tests.api.stage import (
    DIRK_OID,
    SSO_CONNECTION,
    SSO_RESOURCE,
    TEAM,
    Stage,
    channel_posts_by_bot,
)
from tests.support.activities import account, activity, card_action, personal_chat
from tests.support.cards import card_text, click, click_data, invoke, verbs
from tests.support.conversations import posts_to
from tests.support.people import BRAM, DIRK
from tests.support.world import FM_CHANNEL

TITLE = "Zaaksysteem 4.2 is live"
LOGIN = "application/vnd.microsoft.activity.loginRequest"


def chat(actor) -> str:
    return f"a:chat-{actor.key}"


async def saved_form(stage: Stage) -> dict[str, Any]:
    """Dirk asks for the form in his chat and saves it for functional management's channel: the saved form."""
    before = len(posts_to(stage.connector, chat(DIRK)))
    body = activity(
        stage.connector.url,
        text="nieuwe aankondiging",
        id="msg-sso-1",
        **{"from": account(DIRK), "conversation": personal_chat(chat(DIRK))},
    )
    response = await stage.client.post("/api/messages", json=body)
    assert response.status in (200, 201)
    assert await stage.connector.wait_for_async(lambda c: len(posts_to(c, chat(DIRK))) > before, timeout=10)
    form = posts_to(stage.connector, chat(DIRK))[before].cards[0]
    saved = await click(
        stage.client,
        stage.connector.url,
        form,
        "announcement.save",
        by=DIRK,
        chat=chat(DIRK),
        title=TITLE,
        text="Vanaf vandaag **opschorten**.",
        audience_kind="channels",
        audience_value=FM_CHANNEL,
    )
    assert saved["type"] == "application/vnd.microsoft.card.adaptive", saved
    return saved["value"]


async def send_as_me(stage: Stage, form: dict[str, Any], token: str | None = None, by=DIRK) -> dict[str, Any]:
    """`by` clicks 'Versturen als mij'; with `token`, as Teams sends the click again after single sign-on."""
    data = click_data(form, "announcement.submit_as_me")
    body = card_action(
        stage.connector.url,
        "announcement.submit_as_me",
        data,
        **{"from": account(by), "conversation": personal_chat(chat(by))},
    )
    if token is not None:
        body["value"]["authentication"] = {"id": "exchange-1", "connectionName": SSO_CONNECTION, "token": token}
    return await invoke(stage.client, body)


def sso_token(stage: Stage, lifetime: int = 3600, audience: str = SSO_RESOURCE, **claims: Any) -> str:
    """The token Teams gets for Vraagbaak's app by single sign-on: delegated (scp), no app role needed."""
    values = {"oid": DIRK_OID, "name": "Dirk", "tid": "tenant", "scp": "access_as_user", **claims}
    return stage.entra.mint(values, audience=audience, lifetime=lifetime)


async def announcements(stage: Stage) -> list[Announcement]:
    async with stage.app[DATABASE].read() as session:
        return list(await session.scalars(select(Announcement)))


async def test_send_as_me_signs_in_through_teams_and_posts_the_card_through_graph_as_the_author(stage: Stage):
    form = await saved_form(stage)
    assert verbs(form)[-1] == "announcement.submit_as_me", "offered: single sign-on and Graph are on"

    asked = await send_as_me(stage, form)
    assert asked["statusCode"] == 401 and asked["type"] == LOGIN
    assert asked["value"]["connectionName"] == SSO_CONNECTION
    assert asked["value"]["tokenExchangeResource"]["uri"] == SSO_RESOURCE
    assert asked["value"]["text"] == t("authoring.sign_in.request", "nl")
    [draft] = await announcements(stage)
    assert draft.status == "draft", "nothing is sent before the sign-in"

    token = sso_token(stage)
    sent = await send_as_me(stage, form, token)

    assert verbs(sent["value"]) == ["announcement.edit", "announcement.recall"], "the form became Dirk's card"
    announcement_id = draft.id
    await stage.until_sent(announcement_id)
    ((team, channel, body, graph_token),) = stage.graph.channel_posts
    assert (team, channel) == (TEAM, FM_CHANNEL) and TITLE in body["attachments"][0]["content"]
    assert graph_token is not None
    assert jwt.decode(graph_token, options={"verify_signature": False})["obo_of"] == DIRK_OID
    assert [x["assertion"] for x in stage.entra.exchanges] == [token], "Teams' token, exchanged on Dirk's behalf"
    assert channel_posts_by_bot(stage.connector) == []
    delivery = await stage.delivery(announcement_id)
    assert (delivery.status, delivery.poster) == ("sent", "person")


@pytest.mark.parametrize(
    "how",
    ["someone_else", "other_app", "expired", "app_only", "garbage"],
)
async def test_a_token_that_is_not_the_authors_sends_nothing(stage: Stage, how: str):
    form = await saved_form(stage)
    token = {
        "someone_else": lambda: sso_token(stage, oid="aad-someone-else"),
        "other_app": lambda: sso_token(stage, audience="api://another-app"),
        "expired": lambda: sso_token(stage, lifetime=-600),
        "app_only": lambda: stage.entra.mint({"oid": DIRK_OID, "tid": "tenant"}, audience=SSO_RESOURCE),
        "garbage": lambda: "not-a-token",
    }[how]()

    refused = await send_as_me(stage, form, token)

    assert refused["statusCode"] == 200 and refused["value"] == t("authoring.sign_in.refused", "nl")
    [draft] = await announcements(stage)
    assert draft.status == "draft" and stage.entra.exchanges == [] and stage.graph.channel_posts == []


async def test_a_key_user_is_refused_before_any_sign_in_and_versturen_still_has_the_bot_post(stage: Stage):
    form = await saved_form(stage)
    refused = await send_as_me(stage, form, by=BRAM)
    assert refused["statusCode"] == 200 and refused["value"] == t("authoring.refused.role", "nl")

    sent = await click(stage.client, stage.connector.url, form, "announcement.submit", by=DIRK, chat=chat(DIRK))
    assert "announcement.recall" in verbs(sent["value"])
    [draft] = await announcements(stage)
    await stage.until_sent(draft.id)
    assert stage.graph.channel_posts == [] and len(channel_posts_by_bot(stage.connector)) == 1
    assert TITLE in card_text(channel_posts_by_bot(stage.connector)[0].json)
