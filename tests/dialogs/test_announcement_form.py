"""The announcement form's typed values into a Draft (Amsterdam time to UTC, lists, links) and back."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timezone

import pytest

from cards.announcement_form import NO_APPLICATION
from cards.views import AnnouncementView, LinkView, PersonView
from dialogs.announcement_form import draft_of, form_of
from services import announcement_drafts
from services.announcement_drafts import DraftError
from vocabulary import actions
from vocabulary.actions import SAVE_ANNOUNCEMENT, AnnouncementForm

NOW = datetime(2026, 12, 3, 12, 0, tzinfo=timezone.utc)
FORM = AnnouncementForm(
    title="Zaaksysteem 4.2",
    text="Vanaf maandag **nieuw**.\nTweede regel.",
    audience_kind="groups",
    audience_value="Kerngebruikers Zaaksysteem\nKerngebruikers Outlook, Kerngebruikers Zaaksysteem",
    ack="true",
    notify="true",
    kind="release_note",
    application=NO_APPLICATION,
)


def test_typed_values_make_the_draft_with_the_local_send_time_in_utc():
    winter = draft_of(replace(FORM, send_date="2026-12-07", send_time="09:30"), NOW)
    assert winter.send_at == datetime(2026, 12, 7, 8, 30, tzinfo=timezone.utc)
    summer = draft_of(replace(FORM, send_date="2027-07-01", send_time="09:30"), NOW)
    assert summer.send_at == datetime(2027, 7, 1, 7, 30, tzinfo=timezone.utc)
    assert winter.audience.to_json() == {"groups": ["Kerngebruikers Zaaksysteem", "Kerngebruikers Outlook"]}
    assert (winter.ack_required, winter.notify, winter.kind, winter.application) == (True, True, "release_note", None)
    assert not draft_of(replace(FORM, notify="false"), NOW).notify
    assert draft_of(FORM, NOW).send_at is None, "no date and no time: sent by hand"


def test_the_application_typed_wins_over_the_one_chosen_and_links_keep_their_order():
    draft = draft_of(
        replace(
            FORM,
            application="Zaaksysteem",
            application_other="Suite4",
            link2_title="Handleiding",
            link2_url="https://intranet.example.nl/h",
        ),
        NOW,
    )
    assert draft.application == "Suite4"
    assert [(link.title, link.url) for link in draft.links] == [("Handleiding", "https://intranet.example.nl/h")]
    assert draft_of(replace(FORM, application="Zaaksysteem"), NOW).application == "Zaaksysteem"


@pytest.mark.parametrize(
    ("changes", "errors"),
    [
        (
            {"title": "", "text": " "},
            {"title": "announcement.error.title_empty", "text": "announcement.error.text_empty"},
        ),
        ({"send_date": "7-12-2026", "send_time": "09:30"}, {"send_at": "authoring.error.send_date"}),
        ({"send_time": "09:30"}, {"send_at": "authoring.error.send_date"}),
        ({"send_date": "2026-12-07", "send_time": "25:00"}, {"send_at": "authoring.error.send_time"}),
        ({"send_date": "2026-12-07"}, {"send_at": "authoring.error.send_time"}),
        ({"send_date": "2026-12-03", "send_time": "12:59"}, {"send_at": "authoring.error.send_past"}),
        ({"audience_kind": "somebody"}, {"audience": "authoring.error.audience_kind"}),
        ({"audience_value": " \n, "}, {"audience": "announcement.error.audience_list"}),
        ({"audience_kind": "department", "audience_value": ""}, {"audience": "announcement.error.audience_value"}),
        ({"kind": "golive_welcome"}, {"kind": "authoring.error.kind"}),
        ({"link1_title": "Zie", "link1_url": "intranet/x"}, {"links": "announcement.error.link"}),
        ({"image_url": "ftp://x"}, {"image_url": "announcement.error.url"}),
    ],
)
def test_every_wrong_field_is_named_with_its_catalogue_key(changes, errors):
    with pytest.raises(DraftError) as raised:
        draft_of(replace(FORM, **changes), NOW)
    assert raised.value.errors == errors


def test_a_stored_announcement_fills_the_form_in_again_as_typed():
    draft = draft_of(
        replace(
            FORM,
            send_date="2026-12-07",
            send_time="09:30",
            image_url="https://intranet.example.nl/i.png",
            link1_title="Zie",
            link1_url="https://intranet.example.nl/x",
        ),
        NOW,
    )
    view = AnnouncementView(
        id=3,
        kind=draft.kind,
        status="draft",
        revision=4,
        title=draft.title,
        text=draft.text,
        image_url=draft.image_url,
        links=tuple(LinkView(link.title, link.url) for link in draft.links),
        application=None,
        audience=draft.audience.to_json(),
        audience_label="",
        ack_required=True,
        notify=True,
        send_at=draft.send_at.replace(tzinfo=None) if draft.send_at else None,  # as SQLite gives it back: UTC, naive
        author=PersonView("aad-dirk", "Dirk"),
        approver=None,
        language="nl",
        created_at=NOW,
        updated_at=NOW,
    )
    form = form_of(view)
    assert (form.announcement_id, form.revision, form.send_date, form.send_time) == (3, 4, "2026-12-07", "09:30")
    assert form.audience_value == "Kerngebruikers Zaaksysteem\nKerngebruikers Outlook"
    assert draft_of(replace(form, announcement_id=None, revision=None), NOW) == draft
    everyone = form_of(replace(view, audience={"everyone": True}, send_at=None))
    assert (everyone.audience_kind, everyone.audience_value, everyone.send_date) == ("everyone", "", "")


def test_the_form_takes_what_a_draft_takes():
    limits = {field.id: field.limit for field in SAVE_ANNOUNCEMENT.inputs}
    assert limits["title"] == announcement_drafts.MAX_TITLE == actions.ANNOUNCEMENT_TITLE_MAX
    assert limits["text"] == announcement_drafts.MAX_TEXT
    assert limits["link1_title"] == announcement_drafts.MAX_LINK_TITLE
    assert limits["link3_url"] == limits["image_url"] == announcement_drafts.MAX_URL
    assert actions.FORM_LINKS == announcement_drafts.MAX_LINKS
