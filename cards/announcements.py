"""Announcement cards: what a recipient sees ('Gelezen') and the author's report with the live counts."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from cards.common import adaptive_card, execute, heading, teams_markdown, text
from cards.tickets import format_when
from cards.views import AnnouncementView
from i18n import t
from i18n.messages.announcements import (
    ANNOUNCEMENT_KIND_LABEL,
    ANNOUNCEMENT_STATUS_LABEL,
    POSTER_REASON,
    REPORT_LABEL,
    UNREACHABLE_REASON,
)
from vocabulary.actions import ACK_ANNOUNCEMENT, AnnouncementClick


def _kind_line(view: AnnouncementView, lang: str) -> dict[str, Any]:
    kind = t(ANNOUNCEMENT_KIND_LABEL.get(view.kind, "announcement.kind.update"), lang)
    line = (
        t("announcement.card.kind_application", lang, kind=kind, application=view.application)
        if view.application
        else kind
    )
    return text(line, isSubtle=True, spacing="None", size="Small")


def _content(view: AnnouncementView, lang: str) -> list[dict[str, Any]]:
    """Title, kind, the author's markdown and the image."""
    body = [heading(view.title), _kind_line(view, lang), text(teams_markdown(view.text))]
    if view.image_url:
        body.append(
            {"type": "Image", "url": view.image_url, "altText": t("announcement.card.image", lang), "size": "Stretch"}
        )
    return body


def _links(view: AnnouncementView, urls: Sequence[str] | None) -> list[dict[str, Any]]:
    """A button per link; `urls` (same order) replaces their addresses, e.g. with counted redirects."""
    targets = list(urls) if urls is not None and len(urls) == len(view.links) else [link.url for link in view.links]
    return [
        {"type": "Action.OpenUrl", "title": link.title, "url": url}
        for link, url in zip(view.links, targets, strict=True)
    ]


def announcement_card(
    *,
    view: AnnouncementView,
    lang: str,
    acknowledged: bool = False,
    personal: bool = True,
    link_urls: Sequence[str] | None = None,
) -> dict[str, Any]:
    """The card a recipient gets: content, link buttons and, when asked, 'Gelezen' (or 'Gelezen ✓' once clicked).

    A channel post (`personal` False) has no 'Gelezen': a channel's card is one for all its members, and
    acknowledgements are counted per person's own delivery."""
    body = _content(view, lang)
    actions = _links(view, link_urls)
    if view.ack_required and personal:
        if acknowledged:
            body.append(text(t("announcement.card.acknowledged", lang), color="Good", weight="Bolder"))
        else:
            if view.reminder:
                body.append(text(t("announcement.card.reminder", lang), color="Attention", weight="Bolder"))
            asked = (
                t("announcement.card.ack_asked_by", lang, deadline=format_when(view.ack_deadline, lang))
                if view.ack_deadline
                else t("announcement.card.ack_asked", lang)
            )
            body.append(text(asked, isSubtle=True))
            actions.insert(
                0,
                execute(
                    ACK_ANNOUNCEMENT,
                    t("announcement.card.ack", lang),
                    AnnouncementClick(announcement_id=view.id, revision=view.revision),
                    style="positive",
                ),
            )
    return adaptive_card(body, actions or None)


def render_for(
    view: AnnouncementView,
    *,
    acknowledged: bool,
    lang: str,
    personal: bool = True,
    link_urls: Sequence[str] | None = None,
) -> dict[str, Any]:
    """The recipient's card for the fan-out engine: send, update (edit, reminder) and the reader's own 'Gelezen'."""
    return announcement_card(view=view, lang=lang, acknowledged=acknowledged, personal=personal, link_urls=link_urls)


def _fact(key: str, value: Any, lang: str) -> dict[str, str]:
    """One line of a FactSet: the label `key` names (always one of the report's) and the value."""
    return {"title": t(REPORT_LABEL[key], lang), "value": str(value)}


def announcement_report_card(
    *, view: AnnouncementView, lang: str, buttons: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    """The author's card: status, audience, when, and the live counts; `buttons` are the actions its status allows."""
    counts = view.counts
    send_at = format_when(view.send_at, lang) if view.send_at else t("announcement.report.send_now", lang)
    facts = [
        _fact("status", t(ANNOUNCEMENT_STATUS_LABEL[view.status], lang), lang),
        _fact("audience", view.audience_label, lang),
        _fact("send_at", send_at, lang),
    ]
    if view.ack_required and view.ack_deadline:
        facts.append(_fact("deadline", format_when(view.ack_deadline, lang), lang))
    if view.approver:
        facts.append(_fact("approver", view.approver.name, lang))
    numbers = [
        _fact("recipients", counts.recipients, lang),
        _fact("sent", counts.sent, lang),
        _fact("pending", counts.pending, lang),
        _fact("failed", counts.failed, lang),
        _fact("unreachable", counts.unreachable, lang),
    ]
    if counts.resolving:
        numbers.insert(2, _fact("resolving", counts.resolving, lang))
    if view.ack_required:
        numbers.append(_fact("acknowledged", counts.acknowledged, lang))
    if view.links:
        numbers.append(_fact("clicks", counts.clicks, lang))
    if view.posted_as_author:
        numbers.append(
            {
                "title": t("announcement.report.posted_as", lang, name=view.author.name),
                "value": str(view.posted_as_author),
            }
        )
    body = [
        heading(view.title),
        _kind_line(view, lang),
        {"type": "FactSet", "facts": facts},
        {"type": "FactSet", "facts": numbers, "separator": True},
    ]
    if view.reasons:
        body.append(text(t("announcement.report.reasons", lang), weight="Bolder", separator=True))
        body.extend(text(reason_line(r.reason, r.code, r.count, lang), isSubtle=True) for r in view.reasons)
    return adaptive_card(body, list(buttons) if buttons else None)


def reason_text(reason: str, lang: str) -> str:
    """A delivery's stored reason in words: a catalogue key's text, anything else as it is."""
    key = UNREACHABLE_REASON.get(reason) or POSTER_REASON.get(reason)
    return t(key, lang) if key else reason


def reason_line(reason: str, code: str | None, count: int, lang: str) -> str:
    """'3 × <reason in words> (<Graph's code>)' for the author's card."""
    words = reason_text(reason, lang)
    if code:
        return t("announcement.report.reason_code", lang, count=count, reason=words, code=code)
    return t("announcement.report.reason", lang, count=count, reason=words)
