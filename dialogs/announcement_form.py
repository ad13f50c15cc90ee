"""The announcement form's typed values into a Draft, and a stored announcement back into the form's values."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timezone
from zoneinfo import ZoneInfo

from cards.announcement_form import NO_APPLICATION
from cards.views import AnnouncementView
from services.announcement_drafts import LIST_AUDIENCES, Audience, Draft, DraftError, Link
from vocabulary import AnnouncementKind, AudienceKind
from vocabulary.actions import AnnouncementForm

TIMEZONE = ZoneInfo("Europe/Amsterdam")
"""The form's date and time are the municipality's local time; the draft holds them in UTC."""
FORM_KINDS = frozenset({AnnouncementKind.RELEASE_NOTE, AnnouncementKind.UPDATE})
_SEPARATORS = re.compile(r"[\n;,]+")
_TIME = re.compile(r"(\d{1,2}):(\d{2})(?::\d{2})?")


def _values(typed: str) -> list[str]:
    """A typed list: one a line (or separated by commas or semicolons), blanks left out."""
    return [part.strip() for part in _SEPARATORS.split(typed) if part.strip()]


def _send_at(form: AnnouncementForm, now: datetime, errors: dict[str, str]) -> datetime | None:
    """The send time the date and time inputs name, in UTC; None when both are empty (sent by hand)."""
    if not form.send_date and not form.send_time:
        return None
    try:
        day = date.fromisoformat(form.send_date) if form.send_date else None
    except ValueError:
        day = None
    if day is None:
        errors["send_at"] = "authoring.error.send_date"
        return None
    match = _TIME.fullmatch(form.send_time) if form.send_time else None
    hour, minute = (int(match.group(1)), int(match.group(2))) if match else (-1, -1)
    if not (0 <= hour < 24 and 0 <= minute < 60):
        errors["send_at"] = "authoring.error.send_time"
        return None
    local = datetime.combine(day, time(hour, minute), TIMEZONE)
    moment = local.astimezone(timezone.utc)
    if moment <= now:
        errors["send_at"] = "authoring.error.send_past"
    return moment


def _audience(form: AnnouncementForm, errors: dict[str, str]) -> Audience:
    """The audience the kind and value inputs name (checked as the API's audience object is)."""
    try:
        kind = AudienceKind(form.audience_kind)
    except ValueError:
        errors["audience"] = "authoring.error.audience_kind"
        return Audience(AudienceKind.EVERYONE)
    values = _values(form.audience_value)
    data: object
    if kind == AudienceKind.EVERYONE:
        data = {kind.value: True}
    elif kind in LIST_AUDIENCES:
        data = {kind.value: values}
    else:
        data = {kind.value: " ".join(form.audience_value.split())}
    try:
        return Audience.from_json(data)
    except DraftError as error:
        errors.update(error.errors)
        return Audience(AudienceKind.EVERYONE)


def draft_of(form: AnnouncementForm, now: datetime) -> Draft:
    """The Draft the form's typed values make; DraftError naming every field that does not fit (the form's own
    checks, dates and audience, together with the Draft's)."""
    errors: dict[str, str] = {}
    try:
        kind = AnnouncementKind(form.kind or AnnouncementKind.UPDATE)
    except ValueError:
        kind = AnnouncementKind.UPDATE
    if kind not in FORM_KINDS:
        errors["kind"] = "authoring.error.kind"
    draft = Draft(
        title=form.title,
        text=form.text,
        audience=_audience(form, errors),
        kind=kind,
        image_url=form.image_url or None,
        links=tuple(Link(title, url) for title, url in form.links()),
        application=form.application_other or (form.application if form.application != NO_APPLICATION else "") or None,
        ack_required=form.ack == "true",
        notify=form.notify == "true",
        send_at=_send_at(form, now, errors),
    )
    try:
        draft.check()
    except DraftError as error:
        errors = {**error.errors, **errors}
    if errors:
        raise DraftError(errors)
    return draft


def form_of(view: AnnouncementView) -> AnnouncementForm:
    """A stored announcement as the form shows it: its values, and which revision the form was drawn from."""
    links: dict[str, str] = {}
    for number, link in enumerate(view.links[:3], start=1):
        links[f"link{number}_title"], links[f"link{number}_url"] = link.title, link.url
    audience = view.audience if isinstance(view.audience, dict) and len(view.audience) == 1 else {}
    ((kind, value),) = audience.items() if audience else ((AudienceKind.EVERYONE.value, True),)
    typed = "\n".join(map(str, value)) if isinstance(value, list) else ("" if value is True else str(value))
    at = view.send_at
    local = (at if at.tzinfo else at.replace(tzinfo=timezone.utc)).astimezone(TIMEZONE) if at else None
    return AnnouncementForm(
        announcement_id=view.id,
        revision=view.revision,
        title=view.title,
        text=view.text,
        image_url=view.image_url or "",
        application=view.application or "",
        audience_kind=kind,
        audience_value=typed,
        ack="true" if view.ack_required else "false",
        notify="true" if view.notify else "false",
        send_date=local.date().isoformat() if local else "",
        send_time=f"{local.hour:02d}:{local.minute:02d}" if local else "",
        kind=view.kind,
        **links,
    )
