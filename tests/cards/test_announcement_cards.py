"""The announcement cards' contract: 'Gelezen' and its payload, its acknowledged and reminder states, links, counts."""

from __future__ import annotations

from dataclasses import replace

from cards.announcements import announcement_card, announcement_report_card, render_for
from tests.cards.announcement_samples import RELEASE_NOTE, UPDATE
from tests.support.cards import actions_of, card_text, execute_actions
from vocabulary.actions import ACK_ANNOUNCEMENT, AnnouncementClick


def test_the_recipients_card_asks_gelezen_with_the_announcement_and_revision_it_shows():
    card = announcement_card(view=RELEASE_NOTE, lang="nl")
    [ack] = execute_actions(card)
    assert (ack["title"], ack["verb"]) == ("Gelezen", "announcement.ack")
    assert ACK_ANNOUNCEMENT.parse(ack["data"]) == AnnouncementClick(announcement_id=7, revision=2)
    text = card_text(card)
    assert "Suite4 versie 26.4" in text and "**Wat is er nieuw**" in text and "Releasenotes · Suite4" in text
    assert "Laat vóór" in text and "Herinnering" not in text
    assert [(a["title"], a["url"]) for a in actions_of(card) if a["type"] == "Action.OpenUrl"] == [
        ("Handleiding", "https://intranet.example/suite4"),
        ("Video", "https://video.example/s4"),
    ]
    assert any(e.get("type") == "Image" for e in card["body"])


def test_acknowledged_shows_gelezen_tick_and_no_button_and_a_reminder_says_so():
    done = render_for(RELEASE_NOTE, acknowledged=True, lang="en")
    assert execute_actions(done) == [] and "Read ✓" in card_text(done)
    reminded = render_for(replace(RELEASE_NOTE, reminder=True), acknowledged=False, lang="nl")
    assert "Herinnering" in card_text(reminded) and len(execute_actions(reminded)) == 1
    acked_after_deadline = render_for(replace(RELEASE_NOTE, reminder=True), acknowledged=True, lang="nl")
    assert "Herinnering" not in card_text(acked_after_deadline)


def test_a_channel_post_has_no_gelezen_and_counted_links_replace_the_addresses():
    channel = render_for(RELEASE_NOTE, acknowledged=False, lang="nl", personal=False)
    assert execute_actions(channel) == [] and "gelezen" not in card_text(channel).lower()
    counted = render_for(RELEASE_NOTE, acknowledged=False, lang="nl", link_urls=["https://bot/r/a", "https://bot/r/b"])
    assert [a["url"] for a in actions_of(counted) if a["type"] == "Action.OpenUrl"] == [
        "https://bot/r/a",
        "https://bot/r/b",
    ]
    plain = announcement_card(view=UPDATE, lang="nl")
    assert "actions" not in plain, "nothing to click: no empty action bar"


def test_the_report_card_shows_the_counts_and_the_buttons_it_is_given():
    card = announcement_report_card(view=RELEASE_NOTE, lang="nl", buttons=[{"type": "Action.Submit", "title": "X"}])
    facts = {f["title"]: f["value"] for part in card["body"] if part["type"] == "FactSet" for f in part["facts"]}
    assert facts == {
        "Status": "Verstuurd",
        "Doelgroep": "groep Kerngebruikers Suite4",
        "Verzendmoment": "do 3 dec 09:00",
        "Termijn 'Gelezen'": "do 10 dec 17:00",
        "Goedgekeurd door": "Frank",
        "Ontvangers": "120",
        "Verzonden": "110",
        "Nog te versturen": "5",
        "Mislukt": "2",
        "Onbereikbaar": "3",
        "Gelezen": "64",
        "Klikken op links": "31",
    }
    assert card["actions"] == [{"type": "Action.Submit", "title": "X"}]
    draft = announcement_report_card(view=UPDATE, lang="en")
    facts = {f["title"]: f["value"] for part in draft["body"] if part["type"] == "FactSet" for f in part["facts"]}
    assert facts["Status"] == "Draft" and facts["Send time"] == "when sent" and "Read" not in facts
    assert "actions" not in draft


def test_the_report_card_counts_chats_still_being_opened_only_while_there_are_any():
    opening = replace(RELEASE_NOTE, status="sending", counts=replace(RELEASE_NOTE.counts, resolving=40))
    card = announcement_report_card(view=opening, lang="nl")
    titles = [f["title"] for part in card["body"] if part["type"] == "FactSet" for f in part["facts"]]
    assert titles[titles.index("Verzonden") + 1] == "Chat wordt nog geopend"
    facts = {f["title"]: f["value"] for part in card["body"] if part["type"] == "FactSet" for f in part["facts"]}
    assert facts["Chat wordt nog geopend"] == "40"
    english = announcement_report_card(view=opening, lang="en")
    assert "Chat still being opened" in card_text(english)
    assert "Chat wordt nog geopend" not in card_text(announcement_report_card(view=RELEASE_NOTE, lang="nl"))


def test_send_as_me_is_offered_with_single_sign_on_for_a_channel_audience_sent_now_only():
    from cards.announcement_form import announcement_form_card
    from tests.cards.samples import ANNOUNCEMENT
    from tests.support.cards import verbs
    from vocabulary.actions import AnnouncementForm

    form = AnnouncementForm(announcement_id=ANNOUNCEMENT.id, revision=ANNOUNCEMENT.revision, title="x")
    now = replace(ANNOUNCEMENT, send_at=None)

    def offered(view, sign_in=True) -> bool:
        card = announcement_form_card(form=form, lang="nl", view=view, sign_in=sign_in)
        return "announcement.submit_as_me" in verbs(card)

    assert offered(now)
    card = announcement_form_card(form=form, lang="en", view=now, sign_in=True)
    [button] = [a for a in execute_actions(card) if a["verb"] == "announcement.submit_as_me"]
    assert button["title"] == "Send as me" and button["associatedInputs"] == "none"
    assert button["data"] == {"announcement_id": ANNOUNCEMENT.id, "revision": ANNOUNCEMENT.revision}
    assert not offered(now, sign_in=False), "without single sign-on"
    assert not offered(ANNOUNCEMENT), "at a send time the token has long expired: the bot posts"
    assert not offered(replace(now, audience={"everyone": True})), "personal chats are the bot's anyway"
    assert not offered(replace(now, status="scheduled"))
