"""AnnouncementService on both databases: the lifecycle row by row, roles, four-eyes, schedule, recall, 'Gelezen'."""

from __future__ import annotations

import asyncio
import csv
import io
from dataclasses import replace
from datetime import timedelta

import pytest
from sqlalchemy import update

from cards.views import DeliveryCounts
from i18n import t
from services.announcement_delivery import AnnouncementDelivery
from services.announcement_drafts import Audience, DraftError, Link
from services.announcements import (
    AnnouncementNotFound,
    AnnouncementService,
    NotARecipient,
    StaleAnnouncement,
    WrongStatus,
)
from services.directory import NotAllowed
from storage import AnnouncementRepository
from storage.models import Job
from tests.support.announcements import (
    ANNA_CHAT,
    ESRA_CHAT,
    LAYOUT,
    NO_CHANNEL,
    deliveries,
    draft,
    jobs,
    mark_sent,
    service,
)
from tests.support.cards import actions_of, card_text, execute_actions
from tests.support.people import ANNA, DIRK, ESRA, FRANK, KEES, SARA
from tests.support.world import FM_CHANNEL, SUITE4, SUITE4_CHANNEL, World
from vocabulary import AudienceKind, Role


@pytest.fixture
async def world(database) -> World:
    return await World.build(database, LAYOUT)


async def test_create_submit_now_and_start_write_one_pending_row_per_person(world):
    announcements = service(world)
    view = await announcements.create(DIRK, draft())
    assert (view.status, view.revision, view.author.key, view.audience_label) == (
        "draft",
        1,
        DIRK.key,
        "iedereen met de app",
    )
    assert view.counts.recipients == 0 and view.links[0].url == "https://intranet.example/suite4"

    sending = await announcements.submit(DIRK, view.id, send_now=True)
    assert sending.status == "sending"
    assert await world.worker.run_due() == 1  # the start job; the report waits for its slot's end
    rows = await deliveries(world, view.id)
    assert sorted(rows) == sorted([ANNA.key, ESRA.key, SARA.key])
    assert {(r.status, r.op, r.recipient_kind) for r in rows.values()} == {("pending", "send", "personal")}
    assert rows[ESRA.key].conversation_id == ESRA_CHAT
    now = await announcements.get(view.id)
    assert now is not None and now.status == "sending"
    assert (now.counts.recipients, now.counts.pending, now.counts.sent) == (3, 3, 0)
    [report] = await jobs(world, "announcement.report")
    assert report.status == "pending" and report.payload == {"announcement_id": view.id}

    assert await world.worker.run_due() == 0
    async with world.db.transaction() as session:  # a start job run twice writes nothing twice
        await session.execute(update(Job).where(Job.kind == "announcement.start").values(status="pending"))
    await world.worker.run_due()
    assert len(await deliveries(world, view.id)) == 3


# ---------------------------------------------------------------------------------------------- roles and drafts
async def test_only_functional_managers_and_admins_author_and_a_role_given_by_the_caller_counts(world):
    announcements = service(world)
    with pytest.raises(NotAllowed):
        await announcements.create(ANNA, draft())
    with pytest.raises(NotAllowed):
        await announcements.create(KEES, draft())  # a key user is not enough
    by_key = await announcements.create(ANNA, draft(), source="api:pipeline", role=Role.FUNCTIONAL_MANAGER)
    assert (by_key.source, by_key.author.key) == ("api:pipeline", ANNA.key)
    with pytest.raises(NotAllowed):
        await announcements.create(DIRK, draft(), role=Role.KEY_USER)  # the caller's word beats the directory
    with pytest.raises(NotAllowed):
        await announcements.submit(ANNA, by_key.id, send_now=True)  # without the key, Anna is an employee
    with pytest.raises(NotAllowed):
        await announcements.report_csv(ANNA, by_key.id)
    with pytest.raises(NotAllowed):
        await announcements.set_approval(ANNA, True)
    assert (await announcements.get(by_key.id)).status == "draft"  # type: ignore[union-attr]


async def test_a_bad_draft_is_refused_with_every_field_named_and_nothing_is_stored(world):
    announcements = service(world)
    with pytest.raises(DraftError) as refused:
        await announcements.create(DIRK, draft(title=" ", links=(Link("", "ftp://x"),)))
    assert refused.value.errors == {"title": "announcement.error.title_empty", "links": "announcement.error.link"}
    assert await announcements.mine(DIRK) == []
    with pytest.raises(AnnouncementNotFound):
        await announcements.submit(DIRK, 999, send_now=True)
    assert await announcements.get(999) is None


async def test_mine_lists_the_authors_own_newest_first(world):
    announcements = service(world)
    first = await announcements.create(DIRK, draft(title="Eerste"))
    world.clock.advance(minutes=1)
    second = await announcements.create(DIRK, draft(title="Tweede"))
    await announcements.create(FRANK, draft(title="Van Frank"))
    assert [v.id for v in await announcements.mine(DIRK)] == [second.id, first.id]


# ---------------------------------------------------------------------------------------------- schedule, cancel
async def test_scheduled_waits_for_its_time_and_cancel_stops_the_start(world):
    announcements = service(world)
    later = world.clock() + timedelta(hours=2)
    view = await announcements.create(DIRK, draft(send_at=later))
    with pytest.raises(DraftError) as missing:
        await announcements.submit(DIRK, (await announcements.create(DIRK, draft())).id, send_now=False)
    assert missing.value.errors == {"send_at": "announcement.error.send_at_missing"}
    scheduled = await announcements.submit(DIRK, view.id, send_now=False)
    assert (scheduled.status, scheduled.send_at) == ("scheduled", later)
    assert await world.worker.run_due() == 0
    with pytest.raises(WrongStatus) as twice:
        await announcements.submit(DIRK, view.id, send_now=False)
    assert twice.value.status == "scheduled"

    cancelled = await announcements.cancel(FRANK, view.id)  # any functional manager may cancel
    assert cancelled.status == "cancelled"
    [start] = await jobs(world, "announcement.start")
    assert start.status == "cancelled"
    world.clock.advance(hours=3)
    assert await world.worker.run_due() == 0
    assert await deliveries(world, view.id) == {}
    with pytest.raises(WrongStatus):
        await announcements.cancel(DIRK, view.id)


async def test_the_start_job_at_its_time_writes_the_rows_and_a_past_send_time_is_refused(world):
    announcements = service(world)
    view = await announcements.create(DIRK, draft(send_at=world.clock() + timedelta(minutes=30)))
    await announcements.submit(DIRK, view.id, send_now=False)
    world.clock.advance(minutes=31)
    assert await world.worker.run_due() == 1
    started = await announcements.get(view.id)
    assert started is not None and (started.status, started.counts.pending) == ("sending", 3)

    past = await announcements.create(DIRK, draft(send_at=world.clock() - timedelta(minutes=1)))
    with pytest.raises(DraftError) as refused:
        await announcements.submit(DIRK, past.id, send_now=False)
    assert refused.value.errors == {"send_at": "announcement.error.send_at_past"}
    assert (await announcements.submit(DIRK, past.id, send_now=True)).status == "sending"


async def test_editing_a_scheduled_one_moves_its_start_to_the_new_time(world):
    announcements = service(world)
    view = await announcements.create(DIRK, draft(send_at=world.clock() + timedelta(hours=1)))
    await announcements.submit(DIRK, view.id, send_now=False)
    moved = await announcements.edit(
        DIRK, view.id, draft(title="Verzet", send_at=world.clock() + timedelta(hours=3)), revision=1
    )
    assert (moved.status, moved.revision, moved.title) == ("scheduled", 2, "Verzet")
    first, second = await jobs(world, "announcement.start")
    assert (first.status, second.status) == ("cancelled", "pending")
    world.clock.advance(hours=2)
    assert await world.worker.run_due() == 0
    world.clock.advance(hours=2)
    assert await world.worker.run_due() == 1
    assert len(await deliveries(world, view.id)) == 3


# ---------------------------------------------------------------------------------------------- four-eyes
async def test_four_eyes_a_second_manager_approves_the_revision_they_saw(world):
    announcements = service(world)
    assert await announcements.approval_required() is False
    await announcements.set_approval(DIRK, True)
    assert await service(world).approval_required() is True, "a setting every instance reads"
    view = await announcements.create(DIRK, draft())
    waiting = await announcements.submit(DIRK, view.id, send_now=True)
    assert waiting.status == "awaiting_approval"
    assert await jobs(world, "announcement.start") == []
    with pytest.raises(NotAllowed):
        await announcements.approve(DIRK, view.id, revision=1)  # not the author
    with pytest.raises(NotAllowed):
        await announcements.approve(ANNA, view.id, revision=1)  # not an employee
    edited = await announcements.edit(DIRK, view.id, draft(text="Beter geformuleerd."))
    assert (edited.status, edited.revision) == ("awaiting_approval", 2)
    with pytest.raises(StaleAnnouncement) as stale:
        await announcements.approve(FRANK, view.id, revision=1)
    assert stale.value.view.revision == 2 and stale.value.view.text == "Beter geformuleerd."
    approved = await announcements.approve(FRANK, view.id, revision=2)
    assert approved.status == "sending" and approved.approver is not None and approved.approver.key == FRANK.key
    assert await world.worker.run_due() == 2  # the approval card (of revision 1: no longer asked) and the start
    assert len(await deliveries(world, view.id)) == 3
    with pytest.raises(WrongStatus):
        await announcements.approve(FRANK, view.id, revision=2)


async def test_four_eyes_send_back_makes_it_a_draft_with_the_remark_and_a_schedule_waits_for_approval(world):
    announcements = service(world, approval_required=True)
    assert await announcements.approval_required() is True, "the configured default until the setting is stored"
    view = await announcements.create(DIRK, draft(send_at=world.clock() + timedelta(hours=1)))
    await announcements.submit(DIRK, view.id, send_now=False)
    with pytest.raises(NotAllowed):
        await announcements.send_back(DIRK, view.id, "zelf")
    back = await announcements.send_back(FRANK, view.id, "  Noem de datum van de release.  ")
    assert (back.status, back.remark) == ("draft", "Noem de datum van de release.")
    again = await announcements.submit(DIRK, view.id, send_now=False)
    assert (again.status, again.remark) == ("awaiting_approval", None)
    scheduled = await announcements.approve(FRANK, view.id, revision=again.revision)
    assert scheduled.status == "scheduled"
    edited = await announcements.edit(DIRK, view.id, draft(title="Na goedkeuring gewijzigd", send_at=scheduled.send_at))
    assert (edited.status, edited.approver) == ("awaiting_approval", None), "changed content needs a second look"
    [start] = await jobs(world, "announcement.start")
    assert start.status == "cancelled"
    await announcements.set_approval(FRANK, False)
    assert await announcements.approval_required() is False


# ---------------------------------------------------------------------------------------------- live edits, recall
async def test_an_edit_after_sending_updates_every_sent_card_and_a_stale_edit_is_refused(world):
    announcements = service(world)
    view = await announcements.create(DIRK, draft())
    await announcements.submit(DIRK, view.id, send_now=True)
    await world.worker.run_due()
    await mark_sent(world, view.id, ANNA.key, ESRA.key)
    edited = await announcements.edit(DIRK, view.id, draft(text="Correctie: vanaf dinsdag."), revision=1)
    assert (edited.status, edited.revision, edited.text) == ("sending", 2, "Correctie: vanaf dinsdag.")
    rows = await deliveries(world, view.id)
    assert {k: (r.status, r.op) for k, r in rows.items()} == {
        ANNA.key: ("sent", "update"),
        ESRA.key: ("sent", "update"),
        SARA.key: ("pending", "send"),  # not out yet: it goes out with the new text
    }
    with pytest.raises(StaleAnnouncement) as stale:
        await announcements.edit(DIRK, view.id, draft(text="Te laat"), revision=1)
    assert stale.value.view.revision == 2
    with pytest.raises(DraftError) as audience:
        await announcements.edit(DIRK, view.id, draft(audience=Audience(AudienceKind.GROUPS, (SUITE4,))))
    assert audience.value.errors == {"audience": "announcement.error.audience_live"}


async def test_recall_deletes_sent_cards_and_stops_the_rest(world):
    announcements = service(world)
    view = await announcements.create(DIRK, draft())
    with pytest.raises(WrongStatus) as early:
        await announcements.recall(DIRK, view.id)
    assert early.value.status == "draft"
    await announcements.submit(DIRK, view.id, send_now=True)
    await world.worker.run_due()
    await mark_sent(world, view.id, ANNA.key)
    recalled = await announcements.recall(FRANK, view.id)
    assert recalled.status == "recalled"
    rows = await deliveries(world, view.id)
    assert {k: (r.status, r.op) for k, r in rows.items()} == {
        ANNA.key: ("sent", "delete"),
        ESRA.key: ("recalled", None),
        SARA.key: ("recalled", None),
    }
    with pytest.raises(WrongStatus):
        await announcements.edit(DIRK, view.id, draft())
    with pytest.raises(WrongStatus):
        await announcements.recall(DIRK, view.id)


async def test_the_fanout_wakes_when_delivery_work_became_due(world):
    announcements = service(world)
    woken: list[str] = []
    announcements.on_deliveries_due(lambda: woken.append("due"))
    view = await announcements.create(DIRK, draft())
    await announcements.submit(DIRK, view.id, send_now=True)
    assert woken == []
    await world.worker.run_due()
    assert woken == ["due"]
    await mark_sent(world, view.id, ANNA.key)
    await announcements.edit(DIRK, view.id, draft(text="Nieuw"))
    await announcements.recall(DIRK, view.id)
    assert woken == ["due", "due", "due"]


# ---------------------------------------------------------------------------------------------- acknowledge, report
async def counts_of(announcements: AnnouncementService, announcement_id: int) -> DeliveryCounts:
    """The announcement's delivery counts as its report shows them."""
    view = await announcements.get(announcement_id)
    assert view is not None
    return view.counts


async def test_acknowledge_once_per_recipient_counts_and_a_throttled_report(world):
    announcements = service(world)
    view = await announcements.create(DIRK, draft(ack_required=True))
    await announcements.submit(DIRK, view.id, send_now=True)
    await world.worker.run_due()
    with pytest.raises(NotARecipient):
        await announcements.acknowledge(ANNA.key, view.id)  # her card is not out yet
    await mark_sent(world, view.id, ANNA.key, ESRA.key)
    world.clock.advance(seconds=10)  # past the slot of the report the start enqueued
    reports_before = len(await jobs(world, "announcement.report"))
    card = await announcements.acknowledge(ANNA.key, view.id)
    assert execute_actions(card) == [] and "Gelezen ✓" in card_text(card)
    counts = await counts_of(announcements, view.id)
    assert (counts.acknowledged, counts.sent, counts.pending) == (1, 2, 1)
    assert await announcements.acknowledged(ANNA.key, view.id) is True
    assert await announcements.acknowledged(ESRA.key, view.id) is False
    first = (await deliveries(world, view.id))[ANNA.key].acknowledged_at
    world.clock.advance(seconds=1)
    again = await announcements.acknowledge(ANNA.key, view.id)
    assert again == card, "a second click answers the same card"
    assert (await counts_of(announcements, view.id)).acknowledged == 1
    assert (await deliveries(world, view.id))[ANNA.key].acknowledged_at == first, "recorded once"
    await announcements.acknowledge(ESRA.key, view.id)
    reports = await jobs(world, "announcement.report")
    assert len(reports) == reports_before + 1, "acknowledgements in one 5-second slot: one report"
    with pytest.raises(NotARecipient):
        await announcements.acknowledge(KEES.key, view.id)
    with pytest.raises(AnnouncementNotFound):
        await announcements.acknowledge(ANNA.key, 999)
    world.clock.advance(seconds=5)
    await mark_sent(world, view.id, SARA.key)
    await announcements.acknowledge(SARA.key, view.id)
    assert len(await jobs(world, "announcement.report")) == reports_before + 2, "a new slot: a new report"


async def test_concurrent_clicks_record_one_acknowledgement_and_one_report_across_instances(world):
    first, second = service(world), service(world)
    view = await first.create(DIRK, draft(ack_required=True))
    await first.submit(DIRK, view.id, send_now=True)
    await world.worker.run_due()
    await mark_sent(world, view.id, ANNA.key, ESRA.key)
    world.clock.advance(seconds=10)
    reports_before = len(await jobs(world, "announcement.report"))
    clicks = [instance.acknowledge(ANNA.key, view.id) for _ in range(8) for instance in (first, second)]
    cards = await asyncio.gather(*clicks)
    assert all(card == cards[0] and "Gelezen ✓" in card_text(card) for card in cards)
    assert (await counts_of(first, view.id)).acknowledged == 1, "one acknowledgement, however many clicks"
    await second.acknowledge(ESRA.key, view.id)  # the other instance, same slot: its enqueue meets the dedupe key
    assert (await counts_of(second, view.id)).acknowledged == 2
    assert len(await jobs(world, "announcement.report")) == reports_before + 1, "one report per slot in the database"


async def test_the_acknowledged_card_follows_an_edit(world):
    announcements = service(world)
    view = await announcements.create(DIRK, draft(ack_required=True, title="Eerste titel"))
    await announcements.submit(DIRK, view.id, send_now=True)
    await world.worker.run_due()
    await mark_sent(world, view.id, ANNA.key, ESRA.key)
    anna = await announcements.acknowledge(ANNA.key, view.id)
    assert "Eerste titel" in card_text(anna)
    await announcements.edit(DIRK, view.id, draft(ack_required=True, title="Tweede titel"))
    esra = await announcements.acknowledge(ESRA.key, view.id)
    again = await announcements.acknowledge(ANNA.key, view.id)
    for card in (esra, again):
        assert "Tweede titel" in card_text(card) and "Eerste titel" not in card_text(card)
        assert "Gelezen ✓" in card_text(card) and execute_actions(card) == []


async def test_acknowledge_is_refused_when_no_acknowledgement_is_asked(world):
    announcements = service(world)
    view = await announcements.create(DIRK, draft(ack_required=False))
    await announcements.submit(DIRK, view.id, send_now=True)
    await world.worker.run_due()
    await mark_sent(world, view.id, ANNA.key)
    with pytest.raises(WrongStatus):
        await announcements.acknowledge(ANNA.key, view.id)


async def test_report_job_updates_the_authors_card_once_it_is_posted(world):
    announcements = service(world)
    view = await announcements.create(DIRK, draft(ack_required=True))
    await announcements.submit(DIRK, view.id, send_now=True)
    await world.worker.run_due()
    world.clock.advance(seconds=6)
    assert await world.worker.run_due() == 1  # the report: no card posted yet, nothing to update
    assert world.messenger.calls == []
    await announcements.set_report_card(view.id, f"{FM_CHANNEL};messageid=root-1", "root-1")
    await mark_sent(world, view.id, ANNA.key)
    await announcements.acknowledge(ANNA.key, view.id)
    world.clock.advance(seconds=6)
    assert await world.worker.run_due() == 1
    [call] = world.messenger.calls
    assert (call.method, call.conversation_id, call.activity_id) == (
        "update",
        f"{FM_CHANNEL};messageid=root-1",
        "root-1",
    )
    assert call.reference["conversation"]["id"] == f"{FM_CHANNEL};messageid=root-1"
    facts = {
        f["title"]: f["value"] for block in call.card["body"] if block["type"] == "FactSet" for f in block["facts"]
    }
    assert facts["Ontvangers"] == "3" and facts["Verzonden"] == "1" and facts["Gelezen"] == "1"
    assert facts["Status"] == "Wordt verstuurd"


async def test_remind_at_the_deadline_updates_the_cards_of_those_who_did_not_acknowledge(world):
    announcements = service(world)
    deadline = world.clock() + timedelta(days=2)
    view = await announcements.create(DIRK, draft(ack_required=True, ack_deadline=deadline))
    await announcements.submit(DIRK, view.id, send_now=True)
    await world.worker.run_due()
    [remind] = await jobs(world, "announcement.remind")
    assert remind.payload == {"announcement_id": view.id}
    await mark_sent(world, view.id, ANNA.key, ESRA.key)
    await announcements.acknowledge(ANNA.key, view.id)
    assert (await announcements.get(view.id)).reminder is False  # type: ignore[union-attr]
    world.clock.advance(days=2, seconds=1)
    await world.worker.run_due()
    rows = await deliveries(world, view.id)
    assert {k: r.op for k, r in rows.items()} == {ANNA.key: None, ESRA.key: "update", SARA.key: "send"}
    assert (await announcements.get(view.id)).reminder is True  # type: ignore[union-attr]


async def test_the_reminder_hands_the_unacknowledged_personal_cards_to_its_steps(world):
    """The hook the notifier's reminder notifications hang on: in the reminder's transaction, those not read yet."""
    announcements = service(world)
    reminded: list[tuple[int, list[int]]] = []

    async def step(session, announcement_id: int, delivery_ids: list[int]) -> None:
        reminded.append((announcement_id, delivery_ids))

    announcements.on_reminded(step)
    deadline = world.clock() + timedelta(days=2)
    view = await announcements.create(DIRK, draft(ack_required=True, ack_deadline=deadline))
    await announcements.submit(DIRK, view.id, send_now=True)
    await world.worker.run_due()
    await mark_sent(world, view.id, ANNA.key, ESRA.key)
    await announcements.acknowledge(ANNA.key, view.id)
    world.clock.advance(days=2, seconds=1)
    await world.worker.run_due()

    rows = await deliveries(world, view.id)
    assert reminded == [(view.id, [rows[ESRA.key].id])]


async def test_a_recall_cancels_the_reminder(world):
    announcements = service(world)
    view = await announcements.create(DIRK, draft(ack_required=True, ack_deadline=world.clock() + timedelta(days=1)))
    await announcements.submit(DIRK, view.id, send_now=True)
    await world.worker.run_due()
    await announcements.recall(DIRK, view.id)
    [remind] = await jobs(world, "announcement.remind")
    assert remind.status == "cancelled"


# ---------------------------------------------------------------------------------------------- CSV
async def test_report_csv_has_one_line_per_recipient_without_names(world):
    announcements = service(world)
    groups = Audience(AudienceKind.GROUPS, (SUITE4, NO_CHANNEL))
    view = await announcements.create(DIRK, draft(audience=groups, ack_required=True))
    await announcements.submit(DIRK, view.id, send_now=True)
    await world.worker.run_due()
    await mark_sent(world, view.id, SUITE4_CHANNEL)
    text = await announcements.report_csv(FRANK, view.id)
    lines = list(csv.reader(io.StringIO(text)))
    assert lines[0] == [
        "recipient_kind",
        "recipient_key",
        "status",
        "sent_at",
        "acknowledged_at",
        "reason",
        "reason_code",
        "poster",
    ]
    by_key = {line[1]: line for line in lines[1:]}
    assert set(by_key) == {SUITE4_CHANNEL, f"group:{NO_CHANNEL}"}
    assert by_key[SUITE4_CHANNEL][:3] == ["channel", SUITE4_CHANNEL, "sent"]
    assert by_key[SUITE4_CHANNEL][3] == world.clock().isoformat() and by_key[SUITE4_CHANNEL][4] == ""
    assert by_key[f"group:{NO_CHANNEL}"][2:] == ["unreachable", "", "", "De groep heeft geen gekoppeld kanaal.", "", ""]
    english = list(csv.reader(io.StringIO(await announcements.report_csv(FRANK, view.id, lang="en"))))
    assert english[1:][[line[1] for line in english[1:]].index(f"group:{NO_CHANNEL}")][5] == (
        "The group has no linked channel."
    )
    assert "Dirk" not in text and "Kees" not in text
    with pytest.raises(AnnouncementNotFound):
        await announcements.report_csv(DIRK, 999)


# ---------------------------------------------------------------------------------------------- the engine's hooks
async def test_render_gives_each_recipient_their_card_of_the_current_revision(world):
    announcements = service(world)
    announcements.link_url = lambda delivery_id, index, url: f"https://bot.example/r/{delivery_id}-{index}"
    view = await announcements.create(DIRK, draft(ack_required=True))
    await announcements.submit(DIRK, view.id, send_now=True)
    await world.worker.run_due()
    await mark_sent(world, view.id, ANNA.key)
    await announcements.acknowledge(ANNA.key, view.id)
    await announcements.edit(DIRK, view.id, draft(ack_required=True, title="Nieuwe titel"))
    rows = await deliveries(world, view.id)
    async with world.db.read() as session:
        row = await AnnouncementRepository(session).get(view.id)
    assert row is not None
    anna, esra = announcements.render(row, rows[ANNA.key]), announcements.render(row, rows[ESRA.key])
    assert "Nieuwe titel" in card_text(anna) and "Gelezen ✓" in card_text(anna) and execute_actions(anna) == []
    [ack] = execute_actions(esra)
    assert ack["data"]["announcement_id"] == view.id and ack["data"]["revision"] == 2
    links = [a["url"] for a in actions_of(esra) if a["type"] == "Action.OpenUrl"]
    assert links == [f"https://bot.example/r/{rows[ESRA.key].id}-0"]


async def test_recorded_settles_a_fully_sent_announcement_and_refreshes_the_report(world):
    announcements = service(world)
    view = await announcements.create(DIRK, draft())
    await announcements.submit(DIRK, view.id, send_now=True)
    await world.worker.run_due()
    world.clock.advance(seconds=10)
    await mark_sent(world, view.id, ANNA.key, ESRA.key)
    async with world.db.transaction() as session:
        await announcements.recorded(session, {view.id})
    assert (await announcements.get(view.id)).status == "sending"  # type: ignore[union-attr]
    await mark_sent(world, view.id, SARA.key)
    async with world.db.transaction() as session:
        await announcements.recorded(session, {view.id})
    assert (await announcements.get(view.id)).status == "sent"  # type: ignore[union-attr]
    assert len(await jobs(world, "announcement.report")) == 2, "the start's slot and this one"
    edited = await announcements.edit(DIRK, view.id, draft(text="Nog een correctie"))
    assert edited.status == "sent" and edited.revision == 2


async def test_the_report_card_carries_the_buttons_the_dialog_gives_for_its_status(world):
    announcements = service(world)
    seen: list[tuple[str, str]] = []

    def buttons(view, lang):
        seen.append((view.status, lang))
        return [{"type": "Action.OpenUrl", "title": "Intrekken", "url": "https://x.example/"}]

    AnnouncementDelivery(announcements, world.messenger, report_buttons=buttons).register(world.worker)
    view = await announcements.create(DIRK, draft())
    await announcements.set_report_card(view.id, ANNA_CHAT, "card-1")
    await announcements.submit(DIRK, view.id, send_now=True)
    await world.worker.run_due()
    world.clock.advance(seconds=6)
    await world.worker.run_due()
    [call] = world.messenger.calls
    assert (call.method, call.conversation_id, call.activity_id) == ("update", ANNA_CHAT, "card-1")
    assert call.card is not None and call.card["actions"][0]["title"] == "Intrekken"
    assert seen == [("sending", "nl")]


async def test_submit_refuses_a_revision_other_than_the_one_previewed_and_gives_the_readers_own_card(world):
    announcements = service(world)
    view = await announcements.create(DIRK, draft(ack_required=True))
    await announcements.edit(DIRK, view.id, draft(ack_required=True, title="Tweede versie"))
    with pytest.raises(StaleAnnouncement) as stale:
        await announcements.submit(DIRK, view.id, send_now=True, revision=1)
    assert stale.value.view.title == "Tweede versie"
    await announcements.submit(DIRK, view.id, send_now=True, revision=2)
    await world.worker.run_due()
    await mark_sent(world, view.id, ESRA.key)
    assert await announcements.recipient_card(KEES.key, view.id) is None
    before = await announcements.recipient_card(ESRA.key, view.id)
    assert before is not None and len(execute_actions(before)) == 1
    await announcements.acknowledge(ESRA.key, view.id)
    after = await announcements.recipient_card(ESRA.key, view.id)
    assert after is not None and execute_actions(after) == [] and "Gelezen ✓" in card_text(after)


async def test_two_instances_approving_at_once_approve_once_and_two_readers_acknowledge_once(world):
    first, second = service(world, approval_required=True), service(world, approval_required=True)
    view = await first.create(DIRK, draft(ack_required=True))
    await first.submit(DIRK, view.id, send_now=True)
    outcomes = await asyncio.gather(
        first.approve(FRANK, view.id, revision=1),
        second.approve(replace(FRANK, name="Frank (tweede venster)"), view.id, revision=1),
        return_exceptions=True,
    )
    assert sorted(type(o).__name__ for o in outcomes) == ["AnnouncementView", "WrongStatus"]
    assert len(await jobs(world, "announcement.start")) == 1
    await world.worker.run_due()
    await mark_sent(world, view.id, ANNA.key)
    cards = await asyncio.gather(first.acknowledge(ANNA.key, view.id), second.acknowledge(ANNA.key, view.id))
    assert cards[0] == cards[1] and "Gelezen ✓" in card_text(cards[0])
    assert (await counts_of(first, view.id)).acknowledged == 1


async def test_a_scheduled_edit_keeps_a_send_time_in_the_future(world):
    announcements = service(world)
    view = await announcements.create(DIRK, draft(send_at=world.clock() + timedelta(hours=1)))
    await announcements.submit(DIRK, view.id, send_now=False)
    for send_at, error in (
        (None, "announcement.error.send_at_missing"),
        (world.clock(), "announcement.error.send_at_past"),
    ):
        with pytest.raises(DraftError) as refused:
            await announcements.edit(DIRK, view.id, draft(send_at=send_at))
        assert refused.value.errors == {"send_at": error}
    still = await announcements.get(view.id)
    assert still is not None and (still.status, still.revision) == ("scheduled", 1)
    [start] = await jobs(world, "announcement.start")
    assert start.status == "pending", "a refused edit changes nothing"


async def test_a_persons_card_speaks_the_language_they_chose_and_the_rest_the_announcements(world):
    await world.directory.set_person(ESRA.key, preferred_language="en")
    announcements = service(world)
    view = await announcements.create(DIRK, draft(ack_required=True))
    await announcements.submit(DIRK, view.id, send_now=True)
    await world.worker.run_due()
    rows = await deliveries(world, view.id)
    assert (rows[ESRA.key].language, rows[ANNA.key].language) == ("en", None), "Anna has no language of her own"
    async with world.db.read() as session:
        row = await AnnouncementRepository(session).get(view.id)
    assert row is not None
    [esra_ack] = execute_actions(announcements.render(row, rows[ESRA.key]))
    [anna_ack] = execute_actions(announcements.render(row, rows[ANNA.key]))
    assert (esra_ack["title"], anna_ack["title"]) == (
        t("announcement.card.ack", "en"),
        t("announcement.card.ack", "nl"),
    )
