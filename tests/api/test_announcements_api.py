"""The announcements API's contract over real HTTP: create, read, edit, withdraw, and every refusal."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from sqlalchemy import update

from i18n import t
from services.api_keys import ApiKeyService
from storage.models import AnnouncementDelivery
from vocabulary import DeliveryStatus

CHANNELS = ["19:general@thread.tacv2", "19:releases@thread.tacv2"]


def body(**fields):
    """A valid POST body, with `fields` changed."""
    base = {"title": "Suite4 5.2 staat live", "text": "Wat is er **nieuw**.", "audience": {"channels": CHANNELS}}
    base.update(fields)
    return base


def later(**delta) -> str:
    return (datetime.now(timezone.utc) + timedelta(**delta)).isoformat()


async def test_a_post_without_sending_is_a_draft_that_get_shows(api):
    response = await api.client.post("/api/announcements", json=body(ack=True), headers=api.auth())
    assert response.status == 201
    created = await response.json()
    assert set(created) == {"id", "status"} and created["status"] == "draft"
    assert response.headers["Location"] == f"/api/announcements/{created['id']}"
    status, shown = await api.get(created["id"])
    assert status == 200
    assert shown == {
        "id": created["id"],
        "status": "draft",
        "counts": {"recipients": 0, "sent": 0, "failed": 0, "unreachable": 0, "acknowledged": 0},
    }
    view = await api.service.get(created["id"])
    assert view.ack_required and view.source == "api:release-pipeline" and view.title == "Suite4 5.2 staat live"


async def test_send_now_goes_out_and_the_counts_follow_the_deliveries(api):
    status, created = await api.post(body(send_now=True, ack=True))
    assert status == 201 and created["status"] == "sending"

    await api.written()  # the start job resolved the two channels; the bot has no conversation to reach them by
    _, shown = await api.get(created["id"])
    assert shown["counts"] == {"recipients": 2, "sent": 0, "failed": 0, "unreachable": 2, "acknowledged": 0}
    async with api.db.transaction() as session:  # results as the fan-out engine records them (rows with no op left)
        first, second = CHANNELS
        now = datetime.now(timezone.utc)
        await session.execute(
            update(AnnouncementDelivery)
            .where(AnnouncementDelivery.recipient_key == first)
            .values(status=DeliveryStatus.SENT, op=None, sent_at=now, acknowledged_at=now)
        )
        await session.execute(
            update(AnnouncementDelivery)
            .where(AnnouncementDelivery.recipient_key == second)
            .values(status=DeliveryStatus.FAILED, op=None, last_error="403 Forbidden")
        )
    status, shown = await api.get(created["id"])
    assert status == 200
    assert shown["counts"] == {"recipients": 2, "sent": 1, "failed": 1, "unreachable": 0, "acknowledged": 1}


async def test_the_report_is_a_csv_line_per_recipient_without_names(api):
    _, created = await api.post(body(send_now=True))
    await api.written()
    response = await api.client.get(f"/api/announcements/{created['id']}/report.csv", headers=api.auth())
    assert response.status == 200 and response.content_type == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    lines = (await response.text()).strip().splitlines()
    assert len(lines) == 1 + len(CHANNELS), lines
    assert all(channel in "\n".join(lines) for channel in CHANNELS) and "unreachable" in lines[1]
    missing = await api.client.get("/api/announcements/999999/report.csv", headers=api.auth())
    assert missing.status == 404
    refused = await api.client.get(f"/api/announcements/{created['id']}/report.csv")
    assert refused.status == 401


async def test_send_at_schedules_and_delete_cancels_once(api):
    status, created = await api.post(body(send_at=later(days=1)))
    assert status == 201 and created["status"] == "scheduled"
    status, cancelled = await api.delete(created["id"])
    assert status == 200 and cancelled == {"id": created["id"], "status": "cancelled"}
    status, again = await api.delete(created["id"])
    assert status == 409 and again["error"] == "wrong_status" and "cancelled" in again["message"]


async def test_delete_recalls_a_sent_announcement(api):
    _, created = await api.post(body(send_now=True))
    status, recalled = await api.delete(created["id"])
    assert status == 200 and recalled == {"id": created["id"], "status": "recalled"}
    assert (await api.get(created["id"]))[1]["status"] == "recalled"


async def test_a_draft_is_not_withdrawn_by_delete(api):
    _, created = await api.post(body())
    status, answer = await api.delete(created["id"])
    assert status == 409 and "draft" in answer["message"]


async def test_patch_edits_a_draft_and_can_send_it(api):
    _, created = await api.post(body())
    status, edited = await api.patch(created["id"], {"title": "Suite4 5.2: nieuwe datum", "image_url": None})
    assert status == 200 and edited["status"] == "draft"
    view = await api.service.get(created["id"])
    assert view.title == "Suite4 5.2: nieuwe datum" and view.text == "Wat is er **nieuw**."
    assert view.audience == {"channels": CHANNELS}
    status, sent = await api.patch(created["id"], {"send_now": True})
    assert status == 200 and sent["status"] == "sending"
    status, refused = await api.patch(created["id"], {"send_now": True})
    assert status == 409 and refused["error"] == "wrong_status"


async def test_patch_on_a_live_announcement_updates_its_content_in_place(api):
    _, created = await api.post(body(send_now=True))
    before = await api.service.get(created["id"])
    status, edited = await api.patch(created["id"], {"text": "Wat is er nieuw (aangevuld)."})
    assert status == 200 and edited["status"] in ("sending", "sent")
    after = await api.service.get(created["id"])
    assert after.text == "Wat is er nieuw (aangevuld)." and after.revision == before.revision + 1
    status, refused = await api.patch(created["id"], {"audience": {"everyone": True}})
    assert status == 422 and refused["fields"]["audience"] == t("announcement.error.audience_live", "en")


async def test_patch_with_send_at_schedules_a_draft_and_null_cannot_unschedule_it(api):
    _, created = await api.post(body())
    status, scheduled = await api.patch(created["id"], {"send_at": later(hours=3)})
    assert status == 200 and scheduled["status"] == "scheduled"
    moved = later(hours=5)
    status, again = await api.patch(created["id"], {"send_at": moved})
    assert status == 200 and again["status"] == "scheduled"
    assert (await api.service.get(created["id"])).send_at == datetime.fromisoformat(moved)
    status, refused = await api.patch(created["id"], {"send_at": None})
    assert status == 422 and refused["fields"]["send_at"] == t("api.field.null", "en")
    status, refused = await api.patch(created["id"], {"title": None})
    assert status == 422 and refused["fields"] == {"title": t("api.field.null", "en")}


async def test_unknown_announcements_are_404_as_json(sqlite_api):
    for path in ("/api/announcements/999999", "/api/announcements/abc", "/api/announcements/0"):
        for method in ("GET", "PATCH", "DELETE"):
            response = await sqlite_api.client.request(method, path, json={"title": "x"}, headers=sqlite_api.auth())
            assert response.status == 404, (method, path)
            assert (await response.json())["error"] == "not_found"


async def test_without_a_valid_key_every_route_is_401_with_a_challenge(sqlite_api):
    cases = [
        ({}, 'Bearer realm="vraagbaak"'),
        ({"Authorization": "Basic dXNlcjpwYXNz"}, 'Bearer realm="vraagbaak"'),
        ({"Authorization": "Bearer"}, 'Bearer realm="vraagbaak"'),
        ({"Authorization": "Bearer vbk_" + "x" * 43}, 'Bearer realm="vraagbaak", error="invalid_token"'),
        ({"Authorization": "Bearer not.a.jwt"}, 'Bearer realm="vraagbaak", error="invalid_token"'),
    ]
    for headers, challenge in cases:
        for method, path in (("POST", "/api/announcements"), ("GET", "/api/announcements/1")):
            response = await sqlite_api.client.request(method, path, json=body(), headers=headers)
            assert response.status == 401, headers
            assert response.headers["WWW-Authenticate"] == challenge
            answer = await response.json()
            assert answer == {"error": "unauthorized", "message": t("api.error.unauthorized", "en")}


async def test_a_revoked_key_is_refused_at_once_and_the_other_still_works(api):
    assert (await api.post(body(), key=api.other_key))[0] == 201
    assert await ApiKeyService(api.db).revoke("deploy-script")
    status, answer = await api.post(body(), key=api.other_key)
    assert status == 401 and answer["error"] == "unauthorized"
    assert (await api.post(body()))[0] == 201


async def test_several_callers_each_author_their_own(api):
    _, first = await api.post(body())
    _, second = await api.post(body(), key=api.other_key)
    response = await api.client.post(
        "/api/announcements", json=body(), headers={"Authorization": f"Bearer {api.token()}"}
    )
    third = await response.json()
    assert response.status == 201
    sources = [(await api.service.get(made["id"])).source for made in (first, second, third)]
    assert sources == ["api:release-pipeline", "api:deploy-script", "entra:7f0c1e2d-oid-of-pipeline"]
    assert len({first["id"], second["id"], third["id"]}) == 3
    assert (await api.get(third["id"], key=api.other_key))[0] == 200  # every functional manager may read


async def test_invalid_payloads_are_422_with_every_field_named(sqlite_api):
    status, answer = await sqlite_api.post(
        {"text": "", "audience": {"everyone": True, "channels": ["x"]}, "send_now": "yes", "colour": "red"}
    )
    assert status == 422 and answer["error"] == "invalid"
    assert answer["message"] == t("api.error.invalid", "en")
    assert answer["fields"] == {
        "title": t("api.field.missing", "en"),
        "text": t("api.field.too_short", "en"),
        "audience": t("api.field.audience", "en"),
        "send_now": t("api.field.wrong_type", "en"),
        "colour": t("api.field.extra", "en"),
    }
    assert {error["type"] for error in answer["errors"]} >= {"missing", "extra_forbidden", "bool_type"}
    assert all(set(error) == {"loc", "msg", "type"} for error in answer["errors"])


async def test_each_kind_of_wrong_value_is_named(sqlite_api):
    cases = [
        (body(title="x" * 201), "title", "api.field.too_long"),
        (body(audience={"channels": []}), "audience", "api.field.too_short"),
        (body(audience={"groups": "Kerngebruikers"}), "audience", "api.field.wrong_type"),
        (body(audience={"everyone": False}), "audience", "api.field.invalid"),
        (body(audience={"team": "x"}), "audience", "api.field.audience"),
        (body(send_at="2026-12-01T09:00:00"), "send_at", "api.field.time"),
        (body(send_at="morgen"), "send_at", "api.field.time"),
        (body(send_now=True, send_at=later(days=1)), "send_at", "api.field.send_both"),
        (body(links=[{"title": "Lees", "url": "javascript:alert(1)"}]), "links", "api.field.invalid"),
        (body(kind="golive_welcome"), "kind", "api.field.invalid"),
        ([body()], "body", "api.field.wrong_type"),
    ]
    for sent, field, key in cases:
        status, answer = await sqlite_api.post(sent)
        assert status == 422, sent
        assert answer["fields"] == {field: t(key, "en")}, sent


async def test_the_service_checks_answer_422_with_the_catalogue_text(api):
    status, answer = await api.post(body(send_at=later(days=-1)))
    assert status == 422 and answer["fields"] == {"send_at": t("announcement.error.send_at_past", "en")}
    assert (await api.get(answer["id"]))[1]["status"] == "draft"  # kept, so PATCH can fix it
    status, answer = await api.post(body(audience={"department": "Burgerzaken"}, send_now=True))
    assert status == 422 and answer["fields"] == {"audience": t("announcement.error.needs_graph", "en")}
    status, answer = await api.post(body(ack=True, ack_deadline="2026-01-01T00:00:00+00:00", send_at=later(days=1)))
    assert status == 422 and answer["fields"] == {"ack_deadline": t("announcement.error.deadline_before_send", "en")}


async def test_dutch_comes_first_when_the_caller_asks_for_it(sqlite_api):
    response = await sqlite_api.client.post(
        "/api/announcements", json=body(title=""), headers={**sqlite_api.auth(), "Accept-Language": "nl-NL,nl;q=0.9"}
    )
    answer = await response.json()
    assert response.status == 422 and answer["fields"] == {"title": t("api.field.too_short", "nl")}


async def test_a_body_that_is_not_json_is_415_and_one_too_large_is_413(sqlite_api):
    response = await sqlite_api.client.post("/api/announcements", data="title=x", headers=sqlite_api.auth())
    assert response.status == 415 and (await response.json())["error"] == "not_json"
    response = await sqlite_api.client.post(
        "/api/announcements",
        data=b'{"title": "x", "text": "' + b"a" * 70_000 + b'"}',
        headers={**sqlite_api.auth(), "Content-Type": "application/json"},
    )
    assert response.status == 413 and (await response.json())["error"] == "too_large"

    async def chunks():
        yield b'{"title": "x", "text": "'
        for _ in range(10):
            yield b"a" * 8000
        yield b'"}'

    response = await sqlite_api.client.post(
        "/api/announcements", data=chunks(), headers={**sqlite_api.auth(), "Content-Type": "application/json"}
    )
    assert response.status == 413  # no Content-Length: counted while read
    response = await sqlite_api.client.post(
        "/api/announcements", data=b"{not json", headers={**sqlite_api.auth(), "Content-Type": "application/json"}
    )
    assert response.status == 422 and (await response.json())["fields"] == {"body": t("api.error.bad_json", "en")}


async def test_every_optional_field_reaches_the_announcement(api):
    sent = body(
        kind="release_note",
        ack=True,
        notify=True,
        send_at="2030-01-06T08:00:00Z",
        ack_deadline="2030-01-10T16:00:00+01:00",
        links=[{"title": "Release notes", "url": "https://suite4.example/5.2"}],
        image_url="https://suite4.example/banner.png",
        application="Suite4",
        audience={"groups": [" Kerngebruikers Suite4 ", "Kerngebruikers Suite4"]},
    )
    status, created = await api.post(sent)
    assert status == 201 and created["status"] == "scheduled"
    view = await api.service.get(created["id"])
    assert (view.kind, view.application, view.image_url) == ("release_note", "Suite4", sent["image_url"])
    assert [(link.title, link.url) for link in view.links] == [("Release notes", "https://suite4.example/5.2")]
    assert view.send_at == datetime(2030, 1, 6, 8, tzinfo=timezone.utc)
    assert view.ack_deadline == datetime(2030, 1, 10, 15, tzinfo=timezone.utc)
    assert view.audience == {"groups": ["Kerngebruikers Suite4"]}  # trimmed and once
    assert view.notify


async def test_notify_is_off_unless_asked_and_a_patch_turns_it_on(api):
    _, created = await api.post(body())
    assert not (await api.service.get(created["id"])).notify
    status, _ = await api.patch(created["id"], {"notify": True})
    assert status == 200 and (await api.service.get(created["id"])).notify
    status, refused = await api.patch(created["id"], {"notify": None})
    assert status == 422 and "notify" in str(refused)
