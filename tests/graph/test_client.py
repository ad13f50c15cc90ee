"""GraphClient against the fake Graph over real HTTP: every method, paging, error mapping, unreachable people."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import aiohttp
import pytest

from graph import GraphClient
from services.manifest import MANIFEST_DIR
from services.ports import DeliveryError, DirectoryUser, TeamChannel, Unreachable
from tests.graph.conftest import TEAMS_APP_ID
from tests.support.credentials import StaticCredential
from tests.support.fake_graph import FakeGraph
from vocabulary import ActivityType


def _people(fake: FakeGraph, count: int, department: str | None = "Sociaal Domein") -> list[dict]:
    return [
        fake.add_user(f"u{n}", f"Medewerker {n}", email=f"m{n}@gemeente.nl", department=department)
        for n in range(count)
    ]


async def test_group_members_follow_every_page_and_keep_only_users(fake_graph: FakeGraph, graph: GraphClient):
    users = _people(fake_graph, 5)
    mixed = [users[0], fake_graph.group_object("g-sub", "Subgroep"), users[1], users[2]]
    mixed += [fake_graph.device_object("d1", "Laptop"), users[3], users[4]]
    fake_graph.add_group("g1", mixed)

    members = await graph.group_members("g1")

    assert [m.id for m in members] == ["u0", "u1", "u2", "u3", "u4"]
    assert members[0] == DirectoryUser("u0", "Medewerker 0", "m0@gemeente.nl", "Sociaal Domein")
    pages = fake_graph.calls_to("/groups/g1/transitiveMembers")
    assert len(pages) == 4  # seven members, two a page
    assert {c.token for c in pages} == {"app-token"}


async def test_department_is_an_advanced_query_with_quotes_escaped(fake_graph: FakeGraph, graph: GraphClient):
    _people(fake_graph, 3, department="Burgerzaken")
    _people(fake_graph, 0)
    fake_graph.add_user("x1", "Anna", department="Wijk 's-Hertogenbosch")
    fake_graph.add_user("x2", "Bert", department="Wijk 's-Hertogenbosch")
    fake_graph.add_user("x3", "Cor", department="Wijk 's-Hertogenbosch")
    fake_graph.add_user("x4", "Dirk", department="Wijk Zuid")

    members = await graph.department_members("Wijk 's-Hertogenbosch")

    assert sorted(m.id for m in members) == ["x1", "x2", "x3"]
    calls = fake_graph.calls_to("/users")
    assert len(calls) == 2
    assert calls[0].query["$filter"] == "department eq 'Wijk ''s-Hertogenbosch'"
    assert calls[0].query["$count"] == "true"
    assert all(c.header("ConsistencyLevel") == "eventual" for c in calls)
    assert await graph.department_members("Nergens") == []


async def test_the_fake_refuses_a_department_filter_without_consistency_level(fake_graph: FakeGraph):
    """What the test above checks can fail: without the header the fake answers 400, as Graph does."""
    _people(fake_graph, 1)
    async with aiohttp.ClientSession(headers={"Authorization": "Bearer t"}) as session:
        url = f"{fake_graph.base_url}/users"
        params = {"$filter": "department eq 'Sociaal Domein'", "$count": "true"}
        async with session.get(url, params=params) as plain:
            assert plain.status == 400
        async with session.get(url, params=params, headers={"consistencylevel": "eventual"}) as advanced:
            assert advanced.status == 200
            assert (await advanced.json())["@odata.count"] == 1
        async with session.get(url, params=params, headers={"Authorization": ""}) as anonymous:
            assert anonymous.status == 401


async def test_team_members_and_channels(fake_graph: FakeGraph, graph: GraphClient):
    _people(fake_graph, 3)
    fake_graph.add_team(
        "t1", ["u0", "u1", "u2"], {"19:c1@thread.tacv2": "Algemeen", "19:c2": "Kerngebruikers", "19:c3": "Releases"}
    )

    members = await graph.team_members("t1")
    channels = await graph.team_channels("t1")

    assert members == [
        DirectoryUser("u0", "Medewerker 0", "m0@gemeente.nl"),
        DirectoryUser("u1", "Medewerker 1", "m1@gemeente.nl"),
        DirectoryUser("u2", "Medewerker 2", "m2@gemeente.nl"),
    ]
    assert channels == [
        TeamChannel("19:c1@thread.tacv2", "Algemeen"),
        TeamChannel("19:c2", "Kerngebruikers"),
        TeamChannel("19:c3", "Releases"),
    ]
    assert len(fake_graph.calls_to("/teams/t1/channels")) == 2


async def test_personal_chat_of_an_installed_app_needs_no_install(fake_graph: FakeGraph, graph: GraphClient):
    _people(fake_graph, 1)
    fake_graph.install("u0", "some-other-app")
    installation = fake_graph.install("u0", TEAMS_APP_ID)

    chat = await graph.personal_chat_id("u0")

    assert chat == f"19:u0_{TEAMS_APP_ID}@unq.gbl.spaces"
    lookup = fake_graph.calls_to("/users/u0/teamwork/installedApps", "GET")[0]
    assert lookup.query["$filter"] == f"teamsApp/id eq '{TEAMS_APP_ID}'"
    assert lookup.query["$expand"] == "teamsApp"
    assert fake_graph.calls_to("/users/u0/teamwork/installedApps", "POST") == []
    assert fake_graph.calls_to(f"/users/u0/teamwork/installedApps/{installation}/chat")


async def test_personal_chat_installs_the_app_when_missing(fake_graph: FakeGraph, graph: GraphClient):
    _people(fake_graph, 1)

    chat = await graph.personal_chat_id("u0")

    assert chat == f"19:u0_{TEAMS_APP_ID}@unq.gbl.spaces"
    (install,) = fake_graph.calls_to("/users/u0/teamwork/installedApps", "POST")
    assert install.json["teamsApp@odata.bind"] == f"{fake_graph.base_url}/appCatalogs/teamsApps/{TEAMS_APP_ID}"
    assert install.status == 201
    assert len(fake_graph.installations("u0")) == 1
    assert await graph.personal_chat_id("u0") == chat  # the second time finds it
    assert len(fake_graph.calls_to("/users/u0/teamwork/installedApps", "POST")) == 1


async def test_install_blocked_or_no_licence_is_unreachable(fake_graph: FakeGraph, graph: GraphClient):
    _people(fake_graph, 2)
    fake_graph.block_install("u0")
    fake_graph.unlicense("u1")

    with pytest.raises(Unreachable) as blocked:
        await graph.personal_chat_id("u0")
    with pytest.raises(Unreachable) as unlicensed:
        await graph.personal_chat_id("u1")
    with pytest.raises(Unreachable) as unknown:
        await graph.personal_chat_id("nobody")

    assert (blocked.value.reason, blocked.value.code) == ("install_forbidden", "Forbidden")
    assert unlicensed.value.reason == "no_user_or_licence" and unlicensed.value.code
    assert unknown.value.reason == "no_user_or_licence" and unknown.value.code
    assert fake_graph.installations("u0") == []


async def test_a_throttled_install_is_transient_not_unreachable(fake_graph: FakeGraph, graph: GraphClient):
    _people(fake_graph, 1)
    fake_graph.fail("POST", "/users/u0/teamwork/installedApps", 429, retry_after=7)

    with pytest.raises(DeliveryError) as raised:
        await graph.personal_chat_id("u0")

    assert (raised.value.transient, raised.value.retry_after) == (True, 7.0)
    assert await graph.personal_chat_id("u0")  # the next try installs


async def test_activity_notification_names_the_installation(fake_graph: FakeGraph, graph: GraphClient):
    _people(fake_graph, 1)
    manifest = json.loads((MANIFEST_DIR / "manifest.json").read_text(encoding="utf-8"))
    fake_graph.activity_types = {a["type"] for a in manifest["activities"]["activityTypes"]}
    installation = fake_graph.install("u0", TEAMS_APP_ID)

    await graph.notify_activity(
        "u0", activity_type=ActivityType.ANNOUNCEMENT, preview="Nieuwe release", params={"title": "Suite 4.2"}
    )

    ((user, body),) = fake_graph.notifications
    assert user == "u0"
    assert body["topic"] == {
        "source": "entityUrl",
        "value": f"{fake_graph.base_url}/users/u0/teamwork/installedApps/{installation}",
    }
    assert body["activityType"] == "announcement"
    assert body["previewText"]["content"] == "Nieuwe release"
    assert body["templateParameters"] == [{"name": "title", "value": "Suite 4.2"}]
    with pytest.raises(DeliveryError) as undeclared:
        await graph.notify_activity("u0", activity_type="undeclared", preview="x", params={})
    assert not undeclared.value.transient


async def test_channel_card_is_posted_on_behalf_of_the_person(fake_graph: FakeGraph, graph: GraphClient):
    _people(fake_graph, 1)
    fake_graph.add_team("t1", ["u0"], {"19:c1": "Releases"})
    card = {"type": "AdaptiveCard", "version": "1.5", "body": [{"type": "TextBlock", "text": "Release 4.2 – nu live"}]}

    message_id = await graph.post_channel_card_as("user-jwt", "t1", "19:c1", card)

    ((team, channel, body, token),) = fake_graph.channel_posts
    assert (team, channel, token) == ("t1", "19:c1", "obo-user-jwt")
    (attachment,) = body["attachments"]
    assert body["body"] == {"contentType": "html", "content": f'<attachment id="{attachment["id"]}"></attachment>'}
    assert attachment["contentType"] == "application/vnd.microsoft.card.adaptive"
    assert json.loads(attachment["content"]) == card
    (post,) = fake_graph.calls_to("/teams/t1/channels/19:c1/messages")
    assert post.status == 201 and message_id and message_id.isdigit()
    with pytest.raises(DeliveryError):
        await graph.post_channel_card_as("user-jwt", "t1", "19:missing", card)


async def test_service_messages_filter_on_modification_and_reduce_html(fake_graph: FakeGraph, graph: GraphClient):
    for n, modified in enumerate(["2026-11-01T08:00:00Z", "2026-11-20T09:30:00Z", "2026-11-21T10:00:00Z"]):
        fake_graph.add_service_message(
            {
                "id": f"MC10{n}",
                "title": f"Bericht {n}",
                "services": ["Microsoft Teams", "SharePoint Online"] if n else ["Exchange Online"],
                "category": "planForChange",
                "severity": "normal",
                "isMajorChange": n == 2,
                "actionRequiredByDateTime": "2026-12-15T00:00:00Z" if n == 2 else None,
                "lastModifiedDateTime": modified,
                "startDateTime": modified,
                "body": {
                    "contentType": "html",
                    "content": "<p>Eerste &amp; <b>tweede</b></p><ul><li>een</li><li>twee</li></ul>",
                },
            }
        )
    fake_graph.add_service_message({"id": "MC200", "title": "x", "lastModifiedDateTime": "2026-11-22T00:00:00Z"})

    changed = await graph.service_messages(datetime(2026, 11, 20, 9, 0, tzinfo=UTC))

    assert [m.id for m in changed] == ["MC101", "MC102", "MC200"]
    assert len(fake_graph.calls_to("/admin/serviceAnnouncement/messages")) == 2
    assert fake_graph.calls[0].query["$filter"] == "lastModifiedDateTime ge 2026-11-20T09:00:00Z"
    last = changed[1]
    assert last.services == ("Microsoft Teams", "SharePoint Online")
    assert (last.category, last.severity, last.is_major_change) == ("planForChange", "normal", True)
    assert last.action_required_by == datetime(2026, 12, 15, tzinfo=UTC)
    assert last.last_modified == datetime(2026, 11, 21, 10, tzinfo=UTC)
    assert last.body == "Eerste & tweede\n\n- een\n\n- twee"
    assert changed[2].body == "" and changed[2].services == ()
    assert len(await graph.service_messages(None)) == 4


@pytest.mark.parametrize(
    ("status", "retry_after", "transient", "wait"),
    [
        (429, "12", True, 12.0),
        (429, None, True, None),
        (503, "3", True, 3.0),
        (502, None, True, None),
        (504, None, True, None),
        (412, None, True, None),
        (400, None, False, None),
        (403, "5", False, None),
    ],
)
async def test_error_answers_map_to_delivery_errors(fake_graph, graph, status, retry_after, transient, wait):
    fake_graph.add_group("g1", _people(fake_graph, 3))
    fake_graph.fail("GET", "/groups/g1/transitiveMembers", status, retry_after=retry_after, code="Oops")

    with pytest.raises(DeliveryError) as raised:
        await graph.group_members("g1")

    assert (raised.value.transient, raised.value.retry_after) == (transient, wait)
    assert f"{status} Oops" in str(raised.value)
    assert len(fake_graph.calls_to("/groups/g1/transitiveMembers")) == 1  # no retry inside the client


async def test_a_failure_on_a_later_page_fails_the_whole_read(fake_graph: FakeGraph, graph: GraphClient):
    fake_graph.add_group("g1", _people(fake_graph, 5))
    fake_graph.fail("GET", "/groups/g1/transitiveMembers", 429, retry_after=30, after=1)

    with pytest.raises(DeliveryError) as raised:
        await graph.group_members("g1")

    assert (raised.value.transient, raised.value.retry_after) == (True, 30.0)
    assert [c.query.get("$skiptoken") for c in fake_graph.calls] == [None, "2"]
    assert len(await graph.group_members("g1")) == 5


async def test_no_answer_in_time_is_transient(fake_graph: FakeGraph, credential: StaticCredential):
    fake_graph.add_group("g1", [])
    fake_graph.delay("GET", "/groups/g1/transitiveMembers", 2.0)
    client = GraphClient(credential, teams_app_id=TEAMS_APP_ID, base_url=fake_graph.base_url, timeout=0.2)
    try:
        with pytest.raises(DeliveryError) as raised:
            await client.group_members("g1")
    finally:
        await client.close()
    assert raised.value.transient
    assert "in time" in str(raised.value)


async def test_tokens_go_only_to_the_configured_host(fake_graph: FakeGraph, credential: StaticCredential):
    fake_graph.add_group("g1", [])
    client = GraphClient(credential, teams_app_id=TEAMS_APP_ID, base_url=f"http://localhost:{fake_graph.port}/v1.0")
    try:
        await client.group_members("g1")
    finally:
        await client.close()
    assert fake_graph.calls[0].token == "app-token"
    assert credential.requests == [("https://graph.microsoft.com/.default",)]
    assert credential.closed
