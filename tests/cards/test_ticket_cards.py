"""Ticket and group cards: the verbs, data and inputs the ticket dialogs rely on, per state and level."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone

import pytest

from cards import (
    channel_linked_card,
    faq_proposal_card,
    key_users_card,
    my_tickets_card,
    open_tickets_card,
    ticket_answer_card,
    ticket_card,
    ticket_created_card,
    ticket_form_card,
    ticket_status_card,
)
from cards.tickets import LIST_MAX, format_age, format_when, status_text
from cards.views import EventView
from i18n import t
from tests.cards.samples import (
    ANNE,
    ANSWERED,
    APPLICATIONS,
    BRAM,
    CHAIR,
    CLAIMED,
    CLOSED,
    ESCALATED,
    GROUP,
    GROUP_M365,
    KEY_USERS,
    NOW,
    OPEN,
    PROPOSAL,
    REOPENED,
    TICKET_ANSWER,
    TICKET_QUESTION,
)
from tests.cards.structure import structural_problems
from tests.support.cards import actions_of, execute_actions, inputs_of, textblocks, texts_of, verbs

LANGS = pytest.mark.parametrize("lang", ["nl", "en"])


def executes(card: dict) -> list[tuple[str, dict]]:
    """(verb, data) of every Action.Execute on `card`, ShowCard submits included, in order."""
    return [(a["verb"], a["data"]) for a in execute_actions(card)]


def show_card(card: dict, title: str) -> dict:
    """The ShowCard action titled `title`."""
    return next(a for a in actions_of(card) if a["type"] == "Action.ShowCard" and a["title"] == title)


# --- the asker's form ---------------------------------------------------------------------


@LANGS
def test_form_prefills_question_and_preselects_application(lang):
    card = ticket_form_card(
        question_id=42, question=TICKET_QUESTION, applications=APPLICATIONS, application="Outlook", lang=lang
    )
    fields = inputs_of(card)
    assert list(fields) == ["question", "application", "context"]
    question, application, context = fields["question"], fields["application"], fields["context"]
    assert question["value"] == TICKET_QUESTION and question["isMultiline"] and question["maxLength"] == 2000
    assert question["isRequired"] and question["errorMessage"] == t("ticket.card.form.question_error", lang)
    assert [c["value"] for c in application["choices"]] == APPLICATIONS
    assert application["value"] == "Outlook" and application["isRequired"] and application["errorMessage"]
    assert not context.get("isRequired") and context["isMultiline"] and context["maxLength"] == 2000
    assert context["placeholder"] == t("ticket.card.form.context_placeholder", lang)
    assert executes(card) == [("ticket.create", {"question_id": 42})]


def test_form_preselects_nothing_for_an_unknown_application_and_needs_applications():
    card = ticket_form_card(question_id=1, question="x", applications=APPLICATIONS, application="Excel", lang="nl")
    assert "value" not in inputs_of(card)["application"]
    card = ticket_form_card(question_id=1, question="x", applications=APPLICATIONS, application=None, lang="nl")
    assert "value" not in inputs_of(card)["application"]
    with pytest.raises(ValueError, match="application"):
        ticket_form_card(question_id=1, question="x", applications=[], application=None, lang="nl")


@LANGS
def test_form_ends_with_other_when_such_questions_can_go_somewhere(lang):
    card = ticket_form_card(
        question_id=1, question="x", applications=APPLICATIONS, application=None, lang=lang, other="Algemeen"
    )
    choices = inputs_of(card)["application"]["choices"]
    assert choices[-1] == {"title": t("ticket.card.form.application_other", lang), "value": "Algemeen"}
    assert [c["value"] for c in choices[:-1]] == APPLICATIONS
    only = ticket_form_card(question_id=1, question="x", applications=[], application=None, lang=lang, other="Algemeen")
    assert [c["value"] for c in inputs_of(only)["application"]["choices"]] == ["Algemeen"]


def test_functional_management_as_first_line_has_no_escalate_button():
    card = ticket_card(ticket=replace(OPEN, escalatable=False), lang="nl", key_users=KEY_USERS)
    assert "ticket.escalate" not in verbs(card) and "ticket.claim" in verbs(card)


# --- dates ------------------------------------------------------------------------------------


def test_dates_read_dutch_and_english_in_amsterdam_time():
    winter = datetime(2026, 12, 1, 9, 0, tzinfo=timezone.utc)
    assert format_when(winter, "nl") == "di 1 dec 10:00"
    assert format_when(winter, "en") == "Tue 1 Dec 10:00"
    summer = datetime(2026, 7, 5, 6, 7, tzinfo=timezone.utc)
    assert format_when(summer, "nl") == "zo 5 jul 08:07"
    assert format_when(datetime(2026, 3, 2, 14, 30), "nl") == "ma 2 mrt 14:30", "naive times are shown as they are"


def test_ages_count_minutes_hours_and_days():
    start = datetime(2026, 12, 1, 10, 0, tzinfo=timezone.utc)
    assert format_age(start, start + timedelta(minutes=59), "nl") == "59 min"
    assert format_age(start, start + timedelta(hours=5, minutes=59), "nl") == "5 uur"
    assert format_age(start, start + timedelta(days=1, hours=3), "nl") == "1 dag"
    assert format_age(start, start + timedelta(days=3), "en") == "3 days"
    assert format_age(start, start - timedelta(hours=1), "nl") == "0 min"
    assert format_age(start.replace(tzinfo=None), start + timedelta(hours=2), "en") == "2 h"


# --- confirmation to the asker ------------------------------------------------------------------


@LANGS
def test_created_card_gives_number_group_and_target(lang):
    shown = texts_of(ticket_created_card(ticket=OPEN, lang=lang))
    assert t("ticket.card.created.text", lang, number="VB-2026-0042", group="Kerngebruikers Zaaksysteem") in shown
    assert t("ticket.card.created.notify", lang) in shown
    when = "wo 2 dec 10:00" if lang == "nl" else "Wed 2 Dec 10:00"
    assert t("ticket.card.created.due", lang, when=when) in shown
    assert TICKET_QUESTION in shown
    no_target = texts_of(ticket_created_card(ticket=replace(OPEN, due_at=None), lang=lang))
    assert when not in no_target and t("ticket.card.created.notify", lang) in no_target


# --- the key users' card --------------------------------------------------------------------


@LANGS
def test_open_ticket_offers_every_action_with_ticket_and_version(lang):
    card = ticket_card(ticket=OPEN, lang=lang, key_users=KEY_USERS)
    assert verbs(card) == ["ticket.claim", "ticket.answer", "ticket.assign", "ticket.close", "ticket.escalate"]
    assert all(data == {"ticket_id": 17, "v": 1} for _, data in executes(card))
    assert set(inputs_of(card)) == {"answer", "assignee", "reason", "close_reason", "duplicate_of"}
    assert actions_of(card)[0]["title"] == t("ticket.card.action.claim", lang)
    assert structural_problems(card) == []


def test_version_in_actions_follows_the_ticket():
    card = ticket_card(ticket=replace(OPEN, version=41), lang="nl", key_users=KEY_USERS)
    assert {data["v"] for _, data in executes(card)} == {41}
    assert {data["ticket_id"] for _, data in executes(card)} == {17}


@LANGS
def test_inputs_behind_show_cards_are_required_and_labelled(lang):
    card = ticket_card(ticket=OPEN, lang=lang, key_users=KEY_USERS)
    answer = show_card(card, t("ticket.card.action.answer", lang))
    (field,) = answer["card"]["body"]
    assert (field["id"], field["isRequired"], field["isMultiline"], field["maxLength"]) == ("answer", True, True, 4000)
    assert field["errorMessage"] == t("ticket.card.input.answer_error", lang) and field["label"]
    assert [a["verb"] for a in answer["card"]["actions"]] == ["ticket.answer"]
    escalate = show_card(card, t("ticket.card.action.escalate", lang))
    assert escalate["card"]["body"][0]["id"] == "reason" and escalate["card"]["body"][0]["isRequired"]
    assert escalate["card"]["actions"][0]["verb"] == "ticket.escalate"
    close = show_card(card, t("ticket.card.action.close", lang))
    chooser = close["card"]["body"][0]
    assert chooser["id"] == "close_reason" and chooser["isRequired"]
    assert [(c["value"], c["title"]) for c in chooser["choices"]] == [
        ("answered", t("ticket.card.close_reason.answered", lang)),
        ("duplicate", t("ticket.card.close_reason.duplicate", lang)),
        ("not_a_question", t("ticket.card.close_reason.not_a_question", lang)),
        ("not_faq", t("ticket.card.close_reason.not_faq", lang)),
    ]
    if lang == "nl":
        assert [c["title"] for c in chooser["choices"]] == ["beantwoord", "dubbel", "geen vraag", "geen FAQ-vraag"]
    other = close["card"]["body"][1]
    assert (other["id"], other.get("isRequired", False)) == ("duplicate_of", False) and other["label"]
    assign = show_card(card, t("ticket.card.action.assign", lang))
    assert [(c["value"], c["title"]) for c in assign["card"]["body"][0]["choices"]] == [
        (p.key, p.name) for p in KEY_USERS
    ]
    assert assign["card"]["actions"][0]["verb"] == "ticket.assign"


def test_claimed_ticket_cannot_be_claimed_again_and_assigns_to_colleagues_only():
    card = ticket_card(ticket=CLAIMED, lang="nl", key_users=KEY_USERS)
    assert verbs(card) == ["ticket.answer", "ticket.assign", "ticket.close", "ticket.escalate"]
    assert {data["v"] for _, data in executes(card)} == {2}
    assignees = inputs_of(card)["assignee"]["choices"]
    assert [c["value"] for c in assignees] == [BRAM.key, CHAIR.key], "the current assignee is not offered"
    assert t("ticket.card.status.claimed", "nl", name="Anne Jansen") in texts_of(card)
    assigned = texts_of(ticket_card(ticket=replace(CLAIMED, claimed_by_assignee=False), lang="nl"))
    assert t("ticket.card.status.assigned", "nl", name="Anne Jansen") in assigned and "Opgepakt" not in assigned


def test_assign_is_left_out_when_there_is_nobody_to_hand_to():
    assert "ticket.assign" not in verbs(ticket_card(ticket=OPEN, lang="nl"))
    assert "ticket.assign" not in verbs(ticket_card(ticket=CLAIMED, lang="nl", key_users=[ANNE]))
    assert "ticket.claim" in verbs(ticket_card(ticket=OPEN, lang="nl"))


@LANGS
def test_escalated_ticket_is_read_only_for_key_users(lang):
    card = ticket_card(ticket=ESCALATED, lang=lang, key_users=KEY_USERS, level="first")
    assert actions_of(card) == [] and inputs_of(card) == {}
    shown = texts_of(card)
    assert t("ticket.card.escalation_reason", lang) in shown and str(ESCALATED.escalation_reason) in shown
    assert t("ticket.card.status.escalated", lang) in shown
    taken_at_second = replace(ESCALATED, status="claimed", assignee=CHAIR)
    assert actions_of(ticket_card(ticket=taken_at_second, lang=lang, key_users=KEY_USERS, level="first")) == []
    answered_at_second = replace(ESCALATED, status="answered", answer="Rol aangepast.", answered_by=CHAIR)
    closed_at_second = replace(answered_at_second, status="closed", close_reason="resolved")
    for later in (answered_at_second, closed_at_second):  # key users may not act on it: no buttons they can't use
        assert actions_of(ticket_card(ticket=later, lang=lang, key_users=KEY_USERS, level="first")) == []
        assert actions_of(ticket_card(ticket=later, lang=lang, key_users=KEY_USERS, level="second")) != []


def test_functional_management_can_claim_answer_and_close_but_not_escalate():
    card = ticket_card(ticket=ESCALATED, lang="nl", key_users=[CHAIR], level="second")
    assert verbs(card) == ["ticket.claim", "ticket.answer", "ticket.close"]
    assert {data["v"] for _, data in executes(card)} == {3}
    assert str(ESCALATED.escalation_reason) in texts_of(card)
    claimed = replace(ESCALATED, status="claimed", assignee=CHAIR)
    assert "ticket.escalate" not in verbs(
        ticket_card(ticket=claimed, lang="nl", key_users=[CHAIR, BRAM], level="second")
    )
    assert "ticket.claim" not in verbs(ticket_card(ticket=claimed, lang="nl", level="second"))


@LANGS
def test_answered_ticket_offers_faq_until_proposed(lang):
    card = ticket_card(ticket=ANSWERED, lang=lang, key_users=KEY_USERS)
    assert verbs(card) == ["ticket.propose_faq", "ticket.close"]
    assert executes(card)[0][1] == {"ticket_id": 17, "v": 4}
    assert inputs_of(card)["close_reason"]["value"] == "answered"
    shown = texts_of(card)
    assert t("ticket.card.answer_by", lang, name="Anne Jansen") in shown
    assert "1. Open de zaak.\n2. Kies **Acties > Opschorten**." in shown, "the answer keeps its list"
    proposed = ticket_card(ticket=replace(ANSWERED, faq_proposed=True), lang=lang)
    assert verbs(proposed) == ["ticket.close"]
    assert t("ticket.card.faq_proposed", lang) in texts_of(proposed)


@LANGS
def test_closed_ticket_only_offers_faq_from_an_unproposed_answer(lang):
    card = ticket_card(ticket=CLOSED, lang=lang, key_users=KEY_USERS)
    assert executes(card) == [("ticket.propose_faq", {"ticket_id": 17, "v": 6})]
    assert inputs_of(card) == {}
    assert t("ticket.card.status.closed", lang, reason=t("ticket.card.close_reason.resolved", lang)) in texts_of(card)
    assert actions_of(ticket_card(ticket=replace(CLOSED, faq_proposed=True), lang=lang)) == []
    duplicate = replace(OPEN, status="closed", close_reason="duplicate")
    assert actions_of(ticket_card(ticket=duplicate, lang=lang)) == []
    assert t("ticket.card.status.closed", lang, reason=t("ticket.card.close_reason.duplicate", lang)) in texts_of(
        ticket_card(ticket=duplicate, lang=lang)
    )


@LANGS
def test_ticket_card_shows_the_whole_story(lang):
    shown = texts_of(ticket_card(ticket=OPEN, lang=lang, key_users=KEY_USERS))
    assert TICKET_QUESTION in shown
    assert "Scherm: zaakdetails.\n\nZaaknummer Z-2026-0815." in shown, "the asker's lines stay apart"
    assert (
        t("ticket.card.fact.application_department", lang, application="Zaaksysteem", department="Burgerzaken") in shown
    )
    assert "Fatima de Vries" in shown
    assert t("ticket.card.linked.many", lang, count=2) in shown
    assert OPEN.due_at is not None
    assert format_when(OPEN.created_at, lang) in shown and format_when(OPEN.due_at, lang) in shown
    assert t("ticket.card.status.open", lang) in shown
    reopened = texts_of(ticket_card(ticket=REOPENED, lang=lang, key_users=KEY_USERS))
    assert t("ticket.card.reopen_remark", lang) in reopened and str(REOPENED.reopen_remark) in reopened


def test_history_shows_the_last_five_events():
    at = datetime(2026, 12, 1, 8, 0, tzinfo=timezone.utc)
    events = tuple(EventView(at + timedelta(hours=i), f"Persoon {i}", "reminder") for i in range(7))
    events += (
        EventView(at + timedelta(hours=8), "Bram", "closed", "dubbel van VB-2026-0001"),
        EventView(at, "X", "teleported"),
    )
    shown = texts_of(ticket_card(ticket=replace(OPEN, events=events), lang="nl"))
    assert "Persoon 3" not in shown and "Persoon 4" in shown and "Persoon 6" in shown
    assert "Bram: gesloten (dubbel van VB-2026-0001)" in shown
    assert "X: gewijzigd" in shown, "an unknown event kind gets a neutral label"
    assert t("ticket.card.history", "nl") not in texts_of(ticket_card(ticket=replace(OPEN, events=()), lang="nl"))


def test_user_text_is_shortened_and_links_show_where_they_go():
    sneaky = "Werkt dit? [klik hier](https://evil.example/login) en  \n\n  ook  dit"
    asker = replace(OPEN.asker, name="[Baas](https://x.example)")
    ticket = replace(OPEN, text=sneaky, context="[](https://leeg.example)", asker=asker)
    shown = texts_of(ticket_card(ticket=ticket, lang="nl"))
    assert "[klik hier]" not in shown and "klik hier (https://evil.example/login)" in shown
    assert "Werkt dit? klik hier (https://evil.example/login) en\n\nook dit" in shown, "paragraphs kept, spaces folded"
    assert "https://leeg.example" in shown and "Baas (https://x.example)" in shown
    huge = replace(OPEN, text="waarom " * 1000)
    status = ticket_status_card(ticket=huge, lang="nl")
    quoted = [b for b in status["body"] if b["type"] == "Container"][0]["items"][0]["text"]
    assert len(quoted) <= 500 and quoted.endswith("…") and "\n" not in quoted
    whole = [b for b in ticket_card(ticket=huge, lang="nl")["body"] if b["type"] == "Container"][0]["items"][0]["text"]
    assert len(whole) <= 2000 and whole.endswith("…")


def test_a_long_answer_is_shown_whole():
    answer = ("Stap voor stap uitgelegd, met alle details die je nodig hebt. " * 64).strip()
    assert 3900 < len(answer) <= 4000
    for card in (
        ticket_card(ticket=replace(ANSWERED, answer=answer), lang="nl"),
        ticket_answer_card(ticket=replace(ANSWERED, answer=answer), lang="nl"),
    ):
        assert answer in texts_of(card), "not cut"
        assert all(block["wrap"] is True for block in textblocks(card))


def test_ticket_cards_refuse_unknown_states():
    with pytest.raises(ValueError, match="status"):
        ticket_card(ticket=replace(OPEN, status="parked"), lang="nl")
    with pytest.raises(ValueError, match="level"):
        ticket_card(ticket=OPEN, lang="nl", level="third")
    with pytest.raises(ValueError, match="state"):
        ticket_answer_card(ticket=ANSWERED, lang="nl", state="maybe")


# --- the asker's answer and status notices --------------------------------------------------------


@LANGS
def test_answer_card_asks_whether_it_is_solved(lang):
    card = ticket_answer_card(ticket=ANSWERED, lang=lang)
    assert executes(card) == [
        ("ticket.resolved", {"ticket_id": 17, "v": 4, "solved": True}),
        ("ticket.resolved", {"ticket_id": 17, "v": 4, "solved": False}),
    ]
    no = show_card(card, t("ticket.card.answer.no", lang))
    remark = no["card"]["body"][0]
    assert remark["id"] == "remark" and remark["isRequired"] and remark["errorMessage"]
    shown = texts_of(card)
    assert t("ticket.card.answer.solved_question", lang) in shown and TICKET_QUESTION in shown
    assert "Is de knop grijs, vraag dan je teamleider" in shown
    assert t("ticket.card.answer_by", lang, name="Anne Jansen") in shown
    if lang == "nl":
        assert "Opgelost?" in shown and [a["title"] for a in card["actions"]] == ["Ja", "Nee"]


@LANGS
def test_answer_card_after_states_have_no_buttons(lang):
    solved = ticket_answer_card(ticket=ANSWERED, lang=lang, state="solved")
    assert actions_of(solved) == [] and t("ticket.card.answer.thanks_solved", lang) in texts_of(solved)
    reopened = ticket_answer_card(ticket=ANSWERED, lang=lang, state="reopened")
    assert actions_of(reopened) == [] and t("ticket.card.answer.reopened", lang) in texts_of(reopened)
    assert TICKET_ANSWER.split("\n")[-1] in texts_of(reopened)


@LANGS
def test_status_card_says_what_changed(lang):
    for ticket, expected in (
        (CLAIMED, t("ticket.card.status.claimed", lang, name="Anne Jansen")),
        (ESCALATED, t("ticket.card.status.escalated", lang)),
        (CLOSED, t("ticket.card.status.closed", lang, reason=t("ticket.card.close_reason.resolved", lang))),
        (REOPENED, t("ticket.card.status_update.reopened", lang, remark=REOPENED.reopen_remark)),
    ):
        card = ticket_status_card(ticket=ticket, lang=lang)
        shown = texts_of(card)
        assert expected in shown and "VB-2026-0042" in shown and TICKET_QUESTION in shown
        assert actions_of(card) == []


# --- lists ------------------------------------------------------------------------------------------


@LANGS
def test_my_tickets_lists_status_and_last_change(lang):
    card = my_tickets_card(tickets=[OPEN, CLOSED], lang=lang)
    shown = texts_of(card)
    assert t("ticket.card.status.open", lang) in shown
    assert t("ticket.card.mine.changed", lang, when=format_when(CLOSED.events[-1].at, lang)) in shown
    assert t("ticket.card.mine.changed", lang, when=format_when(OPEN.events[-1].at, lang)) in shown
    assert shown.count(TICKET_QUESTION) == 2
    empty = my_tickets_card(tickets=[], lang=lang)
    assert t("ticket.card.mine.empty", lang) in texts_of(empty) and actions_of(empty) == []


def test_long_lists_are_cut_and_counted():
    many = [replace(OPEN, id=i, number=f"VB-2026-{i:04d}") for i in range(LIST_MAX + 3)]
    for card in (
        my_tickets_card(tickets=many, lang="nl"),
        open_tickets_card(groups=[("G", many)], lang="nl", now=NOW),
    ):
        shown = texts_of(card)
        assert f"VB-2026-{LIST_MAX - 1:04d}" in shown and f"VB-2026-{LIST_MAX:04d}" not in shown
        assert t("ticket.card.list.more", "nl", count=3) in shown


@LANGS
def test_open_tickets_show_age_and_the_status_their_cards_show(lang):
    card = open_tickets_card(groups=[(GROUP.name, [OPEN, CLAIMED])], lang=lang, now=NOW)
    shown = texts_of(card)
    age = t("ticket.card.open.age", lang, age=t("date.age.days", lang, count=2))
    for ticket in (OPEN, CLAIMED):
        assert t("ticket.card.open.state", lang, status=status_text(ticket, lang), age=age) in shown
    assert t("ticket.card.open.title", lang, group=GROUP.name) in shown
    empty = texts_of(open_tickets_card(groups=[(GROUP.name, [])], lang=lang))
    assert t("ticket.card.open.empty", lang, group=GROUP.name) in empty


@LANGS
def test_open_tickets_of_a_channel_serving_several_groups_come_per_group(lang):
    card = open_tickets_card(
        groups=[("Kerngebruikers Outlook", []), (GROUP.name, [OPEN, ESCALATED]), ("Kerngebruikers Teams", [CLAIMED])],
        lang=lang,
        now=NOW,
    )
    shown = texts_of(card)
    assert t("ticket.card.open.title_channel", lang) in shown
    headings = [item["items"][0]["text"] for item in card["body"] if item.get("id", "").startswith("group-")]
    assert headings == [
        t("ticket.card.open.group", lang, group=GROUP.name, count=2),
        t("ticket.card.open.group", lang, group="Kerngebruikers Teams", count=1),
    ]
    assert t("ticket.card.open.none_for", lang, group="Kerngebruikers Outlook") in shown
    assert status_text(ESCALATED, lang) in shown


# --- FAQ proposals --------------------------------------------------------------------------------


@LANGS
def test_faq_proposal_shows_what_approving_saves_and_is_edited_behind_a_save(lang):
    card = faq_proposal_card(proposal=PROPOSAL, lang=lang)
    shown = texts_of({"body": card["body"]})
    assert PROPOSAL.question in shown and "zaak op pauze zetten" in shown and "Opschorten" in shown
    assert executes(card) == [
        ("faq.approve", {"proposal_id": 5, "v": 1}),
        ("faq.save", {"proposal_id": 5}),
        ("faq.reject", {"proposal_id": 5}),
    ]
    approve, edit, reject = card["actions"]
    assert approve["associatedInputs"] == "none", "approving sends no typed text, only the version the card shows"
    assert reject["associatedInputs"] == "none", "rejecting does not demand a filled-in entry"
    assert edit == show_card(card, t("ticket.card.faq.edit", lang))
    fields = {field["id"]: field for field in edit["card"]["body"]}
    assert list(fields) == ["question", "alternates", "answer"]
    assert fields["question"]["value"] == PROPOSAL.question and fields["question"]["isRequired"]
    assert fields["question"]["isMultiline"]
    assert fields["alternates"]["value"] == "zaak op pauze zetten\nzaak opschorten wachten op stukken"
    assert not fields["alternates"].get("isRequired") and fields["alternates"]["isMultiline"]
    assert fields["answer"]["value"] == TICKET_ANSWER and fields["answer"]["maxLength"] == 4000
    assert fields["answer"]["isRequired"] and fields["answer"]["isMultiline"]
    assert edit["card"]["actions"][0]["title"] == t("ticket.card.faq.save", lang)
    assert t("ticket.card.faq.new_entry", lang) in texts_of(card)
    improves = replace(PROPOSAL, entry_id="zaak-007", entry_question="Hoe schort ik op?", version=3)
    update = faq_proposal_card(proposal=improves, lang=lang)
    assert t("ticket.card.faq.existing_entry", lang, question="Hoe schort ik op?") in texts_of(update)
    assert "zaak-007" not in texts_of(update) and executes(update)[0] == ("faq.approve", {"proposal_id": 5, "v": 3})
    noted = faq_proposal_card(proposal=PROPOSAL, lang=lang, note="faq.note.changed")
    assert t("faq.note.changed", lang) in texts_of(noted)


@LANGS
def test_decided_proposal_is_read_only_and_says_who_decided(lang):
    approved = faq_proposal_card(
        proposal=replace(PROPOSAL, status="approved", decided_by=CHAIR, entry_id="zaak-009"), lang=lang
    )
    assert actions_of(approved) == [] and inputs_of(approved) == {}
    assert t("ticket.card.faq.approved_by", lang, name="Carla Smit") in texts_of(approved)
    facts = {f["title"]: f["value"] for f in approved["body"][1]["facts"]}
    assert facts[t("ticket.card.faq.target", lang)] == PROPOSAL.question, "the entry by its question, not its id"
    rejected = faq_proposal_card(proposal=replace(PROPOSAL, status="rejected"), lang=lang)
    assert actions_of(rejected) == [] and t("ticket.card.faq.rejected", lang) in texts_of(rejected)
    with pytest.raises(ValueError, match="proposal status"):
        faq_proposal_card(proposal=replace(PROPOSAL, status="maybe"), lang=lang)


# --- groups -----------------------------------------------------------------------------------------


@LANGS
def test_key_users_card_names_key_users_and_chair(lang):
    card = key_users_card(groups=[GROUP, GROUP_M365], lang=lang)
    shown = texts_of(card)
    assert t("group.card.application_department", lang, application="Zaaksysteem", department="Burgerzaken") in shown
    assert f"{t('group.card.key_users', lang)} Anne Jansen, Bram Bakker" in shown
    assert f"{t('group.card.chair', lang)} Carla Smit" in shown
    assert shown.count(t("group.card.chair", lang)) == 1, "the M365 group has no chair"
    nobody = texts_of(key_users_card(groups=[replace(GROUP_M365, key_users=())], lang=lang))
    assert t("group.card.no_key_users", lang) in nobody
    empty = key_users_card(groups=[], lang=lang)
    assert t("group.card.empty", lang) in texts_of(empty)
    assert t("group.card.empty", lang) not in shown


@LANGS
def test_channel_linked_card_names_the_group_and_level(lang):
    first = texts_of(channel_linked_card(group=GROUP, level="first", lang=lang))
    application = t("group.card.application_department", lang, application="Zaaksysteem", department="Burgerzaken")
    assert t("group.card.linked.first", lang, group=GROUP.name, application=application) in first
    second = texts_of(channel_linked_card(group=GROUP, level="second", lang=lang))
    assert t("group.card.linked.second", lang, group=GROUP.name, application=application) in second
    assert first != second
    with pytest.raises(ValueError, match="level"):
        channel_linked_card(group=GROUP, level="third", lang=lang)


@LANGS
def test_history_names_a_close_reason_in_the_cards_language(lang):
    shown = texts_of(ticket_card(ticket=CLOSED, lang=lang))
    closed = t(
        "ticket.card.history_detail",
        lang,
        what=t("ticket.card.event.closed", lang),
        detail=t("ticket.card.close_reason.resolved", lang),
    )
    assert closed in shown and "(resolved)" not in shown


@LANGS
def test_a_duplicate_names_the_ticket_it_duplicates(lang):
    duplicate = replace(OPEN, status="closed", close_reason="duplicate", duplicate_of="VB-2026-0004")
    label = t("ticket.card.close_reason.duplicate_of", lang, number="VB-2026-0004")
    assert t("ticket.card.status.closed", lang, reason=label) in texts_of(ticket_card(ticket=duplicate, lang=lang))
    notice = texts_of(ticket_status_card(ticket=duplicate, lang=lang))
    assert t("ticket.card.status_update.duplicate", lang, number="VB-2026-0004") in notice
