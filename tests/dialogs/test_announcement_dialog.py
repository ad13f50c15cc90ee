"""The announcement flows of dialogs/announcements.py through the product's router, over the real AnnouncementService
on both databases: who may write, the form (errors on it, typed values kept), preview, send, four-eyes, the author's
buttons, and the reader's 'Gelezen'."""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select, update

from dialogs import Incoming, Outcome, Router, build_router
from i18n import t
from services.announcement_approvals import ApprovalDelivery
from services.announcement_delivery import AnnouncementDelivery
from services.announcements import AnnouncementService
from services.directory import Actor
from services.faq import FaqService
from services.questions import QuestionService
from storage import AnnouncementRepository
from storage.models import AnnouncementDelivery as DeliveryRow
from tests.support.activities import TENANT
from tests.support.cards import action, card_text, click_data, inputs_of, texts_of, verbs
from tests.support.people import ANNA, DIRK, ESRA, FRANK, KEES, user
from tests.support.world import (
    FM_CHANNEL,
    FM_GROUP,
    SERVICE_URL,
    SUITE4,
    SUITE4_CHANNEL,
    Group,
    Known,
    Layout,
    World,
    jobs_of,
)
from vocabulary import DeliveryStatus

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
LAYOUT = Layout(
    groups=(
        Group(FM_GROUP, kind="functional_management", channel=FM_CHANNEL, members=(DIRK, FRANK)),
        Group(SUITE4, "Suite4", parent=FM_GROUP, channel=SUITE4_CHANNEL, members=(KEES,)),
    ),
    people=(Known(ANNA), Known(ESRA)),
    chats=((ANNA, "a:chat-anna"), (ESRA, "a:chat-esra")),
)
"""Dirk and Frank are functional management (with a channel), Kees a key user of Suite4, Anna and Esra employees
the bot has personal chats with."""
TITLE = "Suite4 26.4: nieuw menu"
TEXT = "Vanaf maandag werkt **Suite4** met een nieuw menu.\nLees de handleiding."


@pytest.fixture
async def world(database) -> World:
    return await World.build(database, LAYOUT)


@pytest.fixture
async def announcements(world) -> AnnouncementService:
    service = AnnouncementService(world.db, world.jobs, world.directory, world.conversations, clock=world.clock)
    AnnouncementDelivery(service, world.messenger).register(world.worker)
    ApprovalDelivery(service, world.messenger).register(world.worker)
    return service


@pytest.fixture
async def router(world, announcements):
    faq = FaqService(world.db, use_embeddings=False)
    yield build_router(
        faq=faq,
        questions=QuestionService(world.db),
        conversations=world.conversations,
        tickets=world.tickets,
        directory=world.directory,
        announcements=announcements,
    )
    faq.close()


def chat_of(actor: Actor) -> str:
    return f"a:{actor.key}"


def said(actor: Actor, text: str, *, channel: str | None = None, locale: str = "nl-NL") -> Incoming:
    """`actor` types `text` in their personal chat, or in a new thread of `channel`."""
    conversation = f"{channel};messageid=post-1" if channel else chat_of(actor)
    reference = {"serviceUrl": SERVICE_URL, "conversation": {"id": conversation, "tenantId": TENANT}}
    return Incoming(
        kind="message",
        user=user(actor),
        conversation_id=conversation,
        conversation_type="channel" if channel else "personal",
        text=text,
        locale=locale,
        tenant_id=TENANT,
        channel_id=channel,
        reference=reference,
    )


def clicked(actor: Actor, card: Any, verb: str, *, card_id: str = "card-1", locale: str = "nl-NL", **values: Any):
    """`actor` clicks the `verb` button of `card` (see click_data) in their personal chat, on activity `card_id`."""
    return Incoming(
        kind="action",
        user=user(actor),
        conversation_id=chat_of(actor),
        verb=verb,
        data=click_data(card, verb, **values),
        locale=locale,
        tenant_id=TENANT,
        reply_to_id=card_id,
    )


def card_of(outcome: Outcome) -> dict[str, Any]:
    """The one card a command replied with."""
    cards = [reply.card for reply in outcome.replies if reply.card is not None]
    assert len(cards) == 1, outcome
    return cards[0]


async def saved_draft(router: Router, **typed: Any) -> dict[str, Any]:
    """Dirk opens the form, fills it in and saves: the form as it comes back."""
    form = card_of(await router(said(DIRK, "nieuwe aankondiging")))
    values = {"title": TITLE, "text": TEXT, "audience_kind": "everyone", **typed}
    outcome = await router(clicked(DIRK, form, "announcement.save", **values))
    assert outcome.card is not None, outcome
    return outcome.card


async def mark_sent(world: World, announcement_id: int) -> None:
    """What the fan-out engine records once every card is posted."""
    async with world.db.transaction() as session:
        await session.execute(
            update(DeliveryRow)
            .where(DeliveryRow.announcement_id == announcement_id)
            .values(status=DeliveryStatus.SENT, op=None, revision=1, activity_id="act", sent_at=world.clock())
        )


async def test_only_functional_managers_and_admins_write_announcements(router, world):
    for text in ("nieuwe aankondiging", "mijn aankondigingen"):
        outcome = await router(said(ANNA, text))
        assert [r.text for r in outcome.replies] == [t("authoring.refused.role", "nl")]
    english = await router(said(KEES, "new announcement", locale="en-US"))
    assert [r.text for r in english.replies] == [t("authoring.refused.role", "en")]
    form = card_of(await router(said(DIRK, "nieuwe aankondiging")))
    clicked_by_anna = await router(clicked(ANNA, form, "announcement.save", title=TITLE, text=TEXT))
    assert clicked_by_anna.message == t("authoring.refused.role", "nl") and clicked_by_anna.card is None
    await world.directory.set_person("aad-admin", name="Ad Min", role="admin")
    admin = Actor("aad-admin", "Ad Min", teams_id="29:admin", tenant_id=TENANT)
    assert "announcement.save" in verbs(card_of(await router(said(admin, "New announcement!"))))


async def test_written_in_the_personal_chat_or_functional_managements_channel_only(router):
    in_fm = await router(said(DIRK, "nieuwe aankondiging", channel=FM_CHANNEL))
    assert "announcement.save" in verbs(card_of(in_fm))
    in_key_users = await router(said(DIRK, "nieuwe aankondiging", channel=SUITE4_CHANNEL))
    assert [r.text for r in in_key_users.replies] == [t("authoring.refused.place", "nl")]


async def test_errors_are_shown_on_the_form_with_the_typed_values_kept(router, announcements):
    form = card_of(await router(said(DIRK, "nieuwe aankondiging")))
    assert {"title", "text", "image_url", "link1_title", "link3_url", "application", "audience_kind"} <= set(
        inputs_of(form)
    )
    outcome = await router(
        clicked(
            DIRK,
            form,
            "announcement.save",
            title="",
            text=TEXT,
            audience_kind="department",
            audience_value="",
            link1_title="Handleiding",
            link1_url="intranet/suite4",
            send_date="2026-12-07",
            send_time="9 uur",
        )
    )
    card = outcome.card
    assert card is not None and outcome.message is None
    shown = texts_of(card)
    for key in (
        "authoring.form.has_errors",
        "announcement.error.title_empty",
        "announcement.error.audience_value",
        "announcement.error.link",
        "authoring.error.send_time",
    ):
        assert t(key, "nl") in shown, key
    fields = inputs_of(card)
    assert (fields["text"]["value"], fields["link1_url"]["value"], fields["audience_kind"]["value"]) == (
        TEXT,
        "intranet/suite4",
        "department",
    )
    assert fields["send_date"]["value"] == "2026-12-07" and "value" not in fields["title"]
    assert "announcement.preview" not in verbs(card), "nothing stored yet, so nothing to preview or send"
    assert await announcements.mine(DIRK) == []


async def test_saving_stores_a_draft_that_preview_shows_as_recipients_get_it(router, announcements):
    card = await saved_draft(router, application="Suite4", link1_title="Handleiding", link1_url="https://x.nl/h")
    [draft] = await announcements.mine(DIRK)
    assert (draft.status, draft.revision, draft.title, draft.application) == ("draft", 1, TITLE, "Suite4")
    assert t("authoring.note.saved", "nl") in texts_of(card)
    assert inputs_of(card)["title"]["value"] == TITLE
    assert verbs(card) == ["announcement.save", "announcement.preview", "announcement.submit"]
    preview_button = action(card, "announcement.preview")
    assert preview_button["associatedInputs"] == "none" and preview_button["data"] == {
        "announcement_id": draft.id,
        "revision": 1,
    }

    preview = await router(clicked(DIRK, card, "announcement.preview"))
    assert preview.card is None and preview.message == t("authoring.reply.preview_below", "nl")
    [intro, shown] = preview.replies
    assert intro.text == t("authoring.reply.preview", "nl")
    assert shown.card is not None and TITLE in card_text(shown.card) and "https://x.nl/h" in card_text(shown.card)
    assert (await announcements.get(draft.id)).status == "draft"  # type: ignore[union-attr]


async def test_send_uses_the_stored_version_never_text_typed_after_saving(router, announcements, world):
    card = await saved_draft(router)
    [draft] = await announcements.mine(DIRK)
    # Dirk saves a change from another form (revision 2), then clicks Versturen on the old card: nothing is sent,
    # the card is drawn again with the stored version
    second = await router(clicked(DIRK, card, "announcement.save", title="Andere titel"))
    assert second.card is not None
    stale = await router(clicked(DIRK, card, "announcement.submit", title="Getypt, niet opgeslagen"))
    assert stale.card is not None and t("authoring.note.stale", "nl") in texts_of(stale.card)
    assert inputs_of(stale.card)["title"]["value"] == "Andere titel"
    assert (await announcements.get(draft.id)).status == "draft"  # type: ignore[union-attr]

    sent = await router(clicked(DIRK, stale.card, "announcement.submit", title="Getypt, niet opgeslagen"))
    view = await announcements.get(draft.id)
    assert view is not None and (view.status, view.title, view.revision) == ("sending", "Andere titel", 2)
    assert sent.card is not None and "Andere titel" in card_text(sent.card)
    assert verbs(sent.card) == ["announcement.edit", "announcement.recall"]
    async with world.db.read() as session:
        row = await AnnouncementRepository(session).get(draft.id)
    assert row is not None and (row.report_conversation_id, row.report_activity_id) == (chat_of(DIRK), "card-1")


async def test_a_scheduled_announcement_is_stored_in_utc_and_can_be_cancelled(router, announcements, world):
    tomorrow = (world.clock() + timedelta(days=1)).astimezone(AMSTERDAM)
    card = await saved_draft(router, send_date=tomorrow.date().isoformat(), send_time="09:15")
    outcome = await router(clicked(DIRK, card, "announcement.submit"))
    [view] = await announcements.mine(DIRK)
    assert view.status == "scheduled" and view.send_at is not None
    local = view.send_at.astimezone(AMSTERDAM)
    assert (local.date(), local.hour, local.minute) == (tomorrow.date(), 9, 15)
    assert outcome.card is not None and verbs(outcome.card) == ["announcement.edit", "announcement.cancel"]

    cancelled = await router(clicked(DIRK, outcome.card, "announcement.cancel"))
    assert cancelled.message == t("authoring.reply.cancelled", "nl")
    assert (await announcements.get(view.id)).status == "cancelled"  # type: ignore[union-attr]
    assert cancelled.card is not None and verbs(cancelled.card) == []
    again = await router(clicked(DIRK, outcome.card, "announcement.cancel"))
    assert again.message == t("authoring.refused.status", "nl", status=t("authoring.status.cancelled", "nl").lower())


async def test_readers_click_gelezen_and_get_their_own_card_back_acknowledged(router, announcements, world):
    card = await saved_draft(router, ack="true")
    report = await router(clicked(DIRK, card, "announcement.submit"))
    [view] = await announcements.mine(DIRK)
    await world.worker.run_due()
    await mark_sent(world, view.id)
    recipient_card = (await router(clicked(DIRK, card, "announcement.preview"))).replies[1].card
    assert recipient_card is not None and "announcement.ack" in verbs(recipient_card)

    read = await router(clicked(ANNA, recipient_card, "announcement.ack"))
    assert read.card is not None and t("announcement.card.acknowledged", "nl") in texts_of(read.card)
    assert "announcement.ack" not in verbs(read.card)
    twice = await router(clicked(ANNA, recipient_card, "announcement.ack"))
    assert twice.card is not None, "a second click shows the same acknowledged card"
    esra = await router(clicked(ESRA, recipient_card, "announcement.ack", locale="en-US"))
    assert esra.card is not None
    assert (await announcements.get(view.id)).counts.acknowledged == 2  # type: ignore[union-attr]

    kees = await router(clicked(KEES, recipient_card, "announcement.ack"))
    assert kees.message == t("authoring.refused.not_recipient", "nl") and kees.card is None
    garbled = await router(
        Incoming(kind="action", user=user(ANNA), conversation_id="a:x", verb="announcement.ack", data={"x": 1})
    )
    assert garbled.message == t("announcement.refused.unknown", "nl")
    gone = await router(
        Incoming(
            kind="action",
            user=user(ANNA),
            conversation_id="a:x",
            verb="announcement.ack",
            data={"announcement_id": 999, "revision": 1},
        )
    )
    assert gone.message == t("authoring.refused.not_found", "nl")

    # the author recalls it (the card asks first): cards are deleted, a late 'Gelezen' is refused politely
    assert report.card is not None
    recall = await router(clicked(DIRK, report.card, "announcement.recall"))
    assert recall.message == t("authoring.reply.recalled", "nl")
    assert (await announcements.get(view.id)).status == "recalled"  # type: ignore[union-attr]
    late = await router(clicked(ESRA, recipient_card, "announcement.ack"))
    assert late.message == t("authoring.refused.status", "nl", status=t("authoring.status.recalled", "nl").lower())


async def test_four_eyes_a_colleague_approves_or_sends_back_never_the_author(router, announcements, world):
    await announcements.set_approval(DIRK, True)
    card = await saved_draft(router)
    submitted = await router(clicked(DIRK, card, "announcement.submit"))
    assert submitted.message == t("authoring.reply.approval_asked", "nl")
    [view] = await announcements.mine(DIRK)
    assert view.status == "awaiting_approval"
    assert submitted.card is not None and verbs(submitted.card) == ["announcement.edit", "announcement.cancel"]

    await world.worker.run_due()
    [posted] = [c for c in world.messenger.of("start_thread") if c.conversation_id == FM_CHANNEL]
    approval = posted.card
    assert approval is not None and TITLE in card_text(approval)
    assert verbs(approval) == ["announcement.approve", "announcement.send_back"]
    own = await router(clicked(DIRK, approval, "announcement.approve"))
    assert own.message == t("authoring.refused.own_approval", "nl")
    empty = await router(clicked(FRANK, approval, "announcement.send_back", remark=""))
    assert empty.message == t("authoring.refused.remark_empty", "nl")

    back = await router(clicked(FRANK, approval, "announcement.send_back", remark="Noem de datum erbij."))
    assert back.message == t("authoring.reply.sent_back", "nl", name=DIRK.name)
    assert back.card is not None and verbs(back.card) == []
    assert t("authoring.approval.sent_back", "nl") in texts_of(back.card)
    assert (await announcements.get(view.id)).status == "draft"  # type: ignore[union-attr]
    await world.worker.run_due()
    notices = [c for c in world.messenger.of("send") if c.text and "Noem de datum erbij." in c.text]
    assert [c.conversation_id for c in notices] == [chat_of(DIRK)]
    stale = await router(clicked(FRANK, approval, "announcement.approve"))
    assert stale.card is not None and verbs(stale.card) == [], "sent back: nothing left to approve on that card"

    await router(clicked(DIRK, card, "announcement.submit"))
    await world.worker.run_due()
    second = [c for c in world.messenger.of("start_thread") if c.conversation_id == FM_CHANNEL]
    assert len(second) == 2
    approved = await router(clicked(FRANK, second[-1].card, "announcement.approve"))
    assert approved.card is not None and t(
        "authoring.approval.decided_by", "nl", decision=t("authoring.approval.approved", "nl"), name=FRANK.name
    ) in texts_of(approved.card)
    now = await announcements.get(view.id)
    assert now is not None and now.status == "sending" and now.approver is not None
    assert now.approver.key == FRANK.key


async def test_my_announcements_lists_them_with_the_buttons_their_status_allows(router, announcements, world):
    card = await saved_draft(router)
    await router(clicked(DIRK, card, "announcement.submit"))
    await saved_draft(router, title="Tweede")
    listed = card_of(await router(said(DIRK, "Mijn aankondigingen")))
    shown = texts_of(listed)
    assert TITLE in shown and "Tweede" in shown and t("authoring.status.sending", "nl") in shown
    assert verbs(listed).count("announcement.edit") == 2 and "announcement.new" in verbs(listed)
    assert card_of(await router(said(FRANK, "my announcements", locale="en-US"))) is not None

    [second, first] = await announcements.mine(DIRK)
    edit = await router(clicked(DIRK, listed, "announcement.edit", announcement_id=first.id))
    assert edit.message == t("authoring.reply.form_below", "nl")
    form = card_of(edit)
    assert inputs_of(form)["title"]["value"] == TITLE and t("authoring.form.live_note", "nl") in texts_of(form)
    new = await router(clicked(DIRK, listed, "announcement.new"))
    assert "value" not in inputs_of(card_of(new))["title"]
    assert second.title == "Tweede"
    recalled = await router(clicked(DIRK, listed, "announcement.recall", announcement_id=first.id))
    assert recalled.message == t("authoring.reply.recalled", "nl")
    assert recalled.card is not None and t("authoring.list.title", "nl") in texts_of(recalled.card)
    assert t("authoring.status.recalled", "nl") in texts_of(recalled.card), "the list as it is now"


async def test_a_preview_asked_in_the_channel_goes_to_the_authors_personal_chat(router, world):
    await router(said(DIRK, "mijn aankondigingen"))  # the bot has a personal chat with Dirk
    form = card_of(await router(said(DIRK, "nieuwe aankondiging", channel=FM_CHANNEL)))
    thread = f"{FM_CHANNEL};messageid=post-1"

    def in_channel(verb: str, card: dict[str, Any], **values: Any) -> Incoming:
        return Incoming(
            kind="action",
            user=user(DIRK),
            conversation_id=thread,
            conversation_type="channel",
            verb=verb,
            data=click_data(card, verb, **values),
            locale="nl-NL",
            tenant_id=TENANT,
            reply_to_id="form-1",
            channel_id=FM_CHANNEL,
        )

    saved = await router(in_channel("announcement.save", form, title=TITLE, text=TEXT, audience_kind="everyone"))
    assert saved.card is not None
    preview = await router(in_channel("announcement.preview", saved.card))
    assert preview.message == t("authoring.reply.preview_in_chat", "nl") and preview.replies == []
    kept = await jobs_of(world, "reply.send")
    assert [job.payload["reference"]["conversation"]["id"] for job in kept] == [chat_of(DIRK)] * 2
    assert kept[0].payload["text"] == t("authoring.reply.preview", "nl") and TITLE in card_text(kept[1].payload)


async def test_saving_a_sent_announcement_updates_every_card_already_out(router, announcements, world):
    card = await saved_draft(router)
    report = (await router(clicked(DIRK, card, "announcement.submit"))).card
    [view] = await announcements.mine(DIRK)
    await world.worker.run_due()
    await mark_sent(world, view.id)
    edit = card_of(await router(clicked(DIRK, report, "announcement.edit")))
    saved = await router(clicked(DIRK, edit, "announcement.save", text="Correctie: vanaf **dinsdag**."))
    assert saved.card is not None and t("authoring.note.live_saved", "nl") in texts_of(saved.card)
    now = await announcements.get(view.id)
    assert now is not None and (now.revision, now.text, now.status) == (2, "Correctie: vanaf **dinsdag**.", "sending")
    async with world.db.read() as session:
        rows = list(await session.scalars(select(DeliveryRow).where(DeliveryRow.announcement_id == view.id)))
    assert rows and {(row.status, row.op) for row in rows} == {("sent", "update")}
