"""Authoring cards of announcements: the form, the author's buttons, the approval card and 'mijn aankondigingen'."""

from __future__ import annotations

from typing import Any, Iterable

from cards.common import action_set, adaptive_card, execute, heading, quote, teams_markdown, text
from cards.views import AnnouncementView
from i18n import t
from i18n.messages.authoring import (
    AUDIENCE_CHOICE,
    AUDIENCE_PLACEHOLDER,
    AUTHORING_STATUS,
    FIELD_LABEL,
    KIND_CHOICE,
)
from vocabulary import AnnouncementKind, AnnouncementStatus, AudienceKind
from vocabulary.actions import (
    APPROVE_ANNOUNCEMENT,
    CANCEL_ANNOUNCEMENT,
    EDIT_ANNOUNCEMENT,
    FORM_LINKS,
    NEW_ANNOUNCEMENT,
    PREVIEW_ANNOUNCEMENT,
    RECALL_ANNOUNCEMENT,
    SAVE_ANNOUNCEMENT,
    SEND_BACK_ANNOUNCEMENT,
    SUBMIT_ANNOUNCEMENT,
    SUBMIT_AS_ME_ANNOUNCEMENT,
    TEXT_MAX,
    AnnouncementForm,
    AnnouncementSendBack,
    AuthoringClick,
    AuthoringVersion,
    Input,
    NewAnnouncement,
)

FORM_KINDS = (AnnouncementKind.RELEASE_NOTE, AnnouncementKind.UPDATE)
CHANNEL_AUDIENCES = frozenset({AudienceKind.CHANNELS.value, AudienceKind.GROUPS.value})
"""Audiences posted in channels: the ones a signed-in author's cards can be posted as them in."""
"""The kinds an author chooses between (the go-live kinds are the engine's own)."""
FORM_AUDIENCES = (
    AudienceKind.EVERYONE,
    AudienceKind.CHANNELS,
    AudienceKind.GROUPS,
    AudienceKind.ENTRA_GROUP,
    AudienceKind.DEPARTMENT,
)
"""The audiences the form offers, in this order."""
NO_APPLICATION = "-"
"""The application choice 'Geen bepaalde toepassing' (a renderer refuses an empty choice value)."""
CANCELLABLE = frozenset({AnnouncementStatus.SCHEDULED, AnnouncementStatus.AWAITING_APPROVAL})
LIST_MAX = 20
"""Most announcements 'mijn aankondigingen' shows."""
STATUS_COLOUR: dict[str, str] = {
    AnnouncementStatus.DRAFT: "Default",
    AnnouncementStatus.AWAITING_APPROVAL: "Attention",
    AnnouncementStatus.SCHEDULED: "Accent",
    AnnouncementStatus.SENDING: "Accent",
    AnnouncementStatus.SENT: "Good",
    AnnouncementStatus.CANCELLED: "Default",
    AnnouncementStatus.RECALLED: "Default",
}


def _check(view: AnnouncementView) -> None:
    """Refuse an announcement in a status no card knows."""
    if view.status not in tuple(AnnouncementStatus):
        raise ValueError(f"announcement status must be one of {tuple(map(str, AnnouncementStatus))}: {view.status!r}")


def status_name(view: AnnouncementView, lang: str) -> str:
    """The announcement's status in words."""
    _check(view)
    return t(AUTHORING_STATUS[AnnouncementStatus(view.status)], lang)


def _text_input(field: Input, label: str, value: str, **props: Any) -> dict[str, Any]:
    """An Input.Text for one of the form's inputs, filled in with `value`."""
    element: dict[str, Any] = {"type": "Input.Text", "id": field.id, "label": label, **props}
    if field.limit is not None:
        element["maxLength"] = field.limit
    if value:
        element["value"] = value
    return element


def _choice_input(field: Input, label: str, value: str, choices: Iterable[tuple[str, str]], **props: Any):
    """An Input.ChoiceSet of (value, title) pairs, with `value` chosen when it is one of them."""
    pairs = list(choices)
    element: dict[str, Any] = {
        "type": "Input.ChoiceSet",
        "id": field.id,
        "label": label,
        "choices": [{"title": title, "value": key} for key, title in pairs],
        **props,
    }
    if value and value in {key for key, _ in pairs}:
        element["value"] = value
    return element


def _error(errors: dict[str, str], name: str, lang: str) -> list[dict[str, Any]]:
    """The line under an input that says what is wrong with it (nothing when it is right)."""
    return [
        text(t(key, lang), color="Attention", size="Small", spacing="None", weight="Bolder")
        for field, key in errors.items()
        if field == name
    ]


def _field(errors: dict[str, str], name: str, lang: str, element: dict[str, Any]) -> list[dict[str, Any]]:
    """An input with its error line."""
    return [element, *_error(errors, name, lang)]


def _link_inputs(form: AnnouncementForm, errors: dict[str, str], lang: str) -> list[dict[str, Any]]:
    """Up to three link buttons: a title and a URL each, side by side."""
    rows: list[dict[str, Any]] = [text(t("authoring.form.links", lang), weight="Bolder", size="Small")]
    for number in range(1, FORM_LINKS + 1):
        title_field = SAVE_ANNOUNCEMENT.input(f"link{number}_title")
        url_field = SAVE_ANNOUNCEMENT.input(f"link{number}_url")
        title = _text_input(
            title_field,
            t("authoring.form.link_title", lang, number=number),
            getattr(form, f"link{number}_title"),
        )
        url = _text_input(
            url_field,
            t("authoring.form.link_url", lang, number=number),
            getattr(form, f"link{number}_url"),
            style="Url",
            placeholder="https://",
        )
        rows.append(
            {
                "type": "ColumnSet",
                "spacing": "Small",
                "columns": [
                    {"type": "Column", "width": 2, "items": [title]},
                    {"type": "Column", "width": 3, "items": [url]},
                ],
            }
        )
    return rows + _error(errors, "links", lang)


def announcement_form_card(
    *,
    form: AnnouncementForm,
    lang: str,
    applications: Iterable[str] = (),
    view: AnnouncementView | None = None,
    errors: dict[str, str] | None = None,
    note: str | None = None,
    sign_in: bool = False,
) -> dict[str, Any]:
    """The form, filled in with `form` (the typed values, or a stored version's); `view` is the stored announcement
    it edits (None: a new one), `errors` maps fields to catalogue keys, `note` is a catalogue key said on top;
    `sign_in`: Teams single sign-on can post its channel cards as the author ('Versturen als mij').

    'Opslaan' sends the typed values. 'Voorbeeld' and 'Versturen' send none: they act on the stored revision the
    card was drawn from, so a client that redraws the card (and resets typed text) cannot send other text."""
    errors = errors or {}
    if view is not None:
        _check(view)
    applications = [name for name in dict.fromkeys(applications) if name]
    title_key = "authoring.form.title_new" if view is None else "authoring.form.title_edit"
    body: list[dict[str, Any]] = [heading(t(title_key, lang))]
    if view is not None:
        body.append(
            text(
                t("authoring.form.stored", lang, status=status_name(view, lang), revision=view.revision),
                isSubtle=True,
                spacing="None",
            )
        )
    if errors:
        body.append(text(t("authoring.form.has_errors", lang), color="Attention", weight="Bolder"))
    if note:
        body.append(text(t(note, lang), weight="Bolder", color="Accent"))
    kinds = [(kind.value, t(KIND_CHOICE[kind], lang)) for kind in FORM_KINDS]
    audiences = [(kind.value, t(AUDIENCE_CHOICE[kind], lang)) for kind in FORM_AUDIENCES]
    other = form.application_other or (form.application if form.application not in applications else "")
    body += _field(
        errors,
        "kind",
        lang,
        _choice_input(
            SAVE_ANNOUNCEMENT.input("kind"),
            t(FIELD_LABEL["kind"], lang),
            form.kind or AnnouncementKind.UPDATE,
            kinds,
            style="expanded",
        ),
    )
    body += _field(
        errors,
        "title",
        lang,
        _text_input(SAVE_ANNOUNCEMENT.input("title"), t(FIELD_LABEL["title"], lang), form.title),
    )
    body += _field(
        errors,
        "text",
        lang,
        _text_input(
            SAVE_ANNOUNCEMENT.input("text"),
            t(FIELD_LABEL["text"], lang),
            form.text,
            isMultiline=True,
            placeholder=t("authoring.form.text_placeholder", lang),
        ),
    )
    body += _field(
        errors,
        "image_url",
        lang,
        _text_input(
            SAVE_ANNOUNCEMENT.input("image_url"),
            t(FIELD_LABEL["image_url"], lang),
            form.image_url,
            style="Url",
            placeholder="https://",
        ),
    )
    body += _link_inputs(form, errors, lang)
    body.append(
        _choice_input(
            SAVE_ANNOUNCEMENT.input("application"),
            t(FIELD_LABEL["application"], lang),
            form.application if form.application in applications else NO_APPLICATION,
            [(NO_APPLICATION, t("authoring.form.application_none", lang)), *((name, name) for name in applications)],
            style="compact",
        )
    )
    typed = _text_input(
        SAVE_ANNOUNCEMENT.input("application_other"), t("authoring.form.application_other", lang), other
    )
    body += _field(errors, "application", lang, typed)
    body += _field(
        errors,
        "audience",
        lang,
        _choice_input(
            SAVE_ANNOUNCEMENT.input("audience_kind"),
            t(FIELD_LABEL["audience"], lang),
            form.audience_kind or AudienceKind.EVERYONE,
            audiences,
            style="compact",
        ),
    )
    chosen = AudienceKind(form.audience_kind) if form.audience_kind in tuple(AudienceKind) else AudienceKind.EVERYONE
    body.append(
        _text_input(
            SAVE_ANNOUNCEMENT.input("audience_value"),
            t("authoring.form.audience_value", lang),
            form.audience_value,
            isMultiline=True,
            placeholder=t(AUDIENCE_PLACEHOLDER.get(chosen, "authoring.form.audience_value_hint"), lang),
        )
    )
    body.append(
        {
            "type": "Input.Toggle",
            "id": SAVE_ANNOUNCEMENT.input("ack").id,
            "title": t("authoring.form.ack", lang),
            "label": t(FIELD_LABEL["ack"], lang),
            "value": "true" if form.ack == "true" else "false",
            "valueOn": "true",
            "valueOff": "false",
        }
    )
    body.append(
        {
            "type": "Input.Toggle",
            "id": SAVE_ANNOUNCEMENT.input("notify").id,
            "title": t("authoring.form.notify", lang),
            "label": t(FIELD_LABEL["notify"], lang),
            "value": "true" if form.notify == "true" else "false",
            "valueOn": "true",
            "valueOff": "false",
        }
    )
    date = {
        "type": "Input.Date",
        "id": SAVE_ANNOUNCEMENT.input("send_date").id,
        "label": t(FIELD_LABEL["send_at"], lang),
    }
    time = {
        "type": "Input.Time",
        "id": SAVE_ANNOUNCEMENT.input("send_time").id,
        "label": t("authoring.form.send_time", lang),
    }
    if form.send_date:
        date["value"] = form.send_date
    if form.send_time:
        time["value"] = form.send_time
    body.append(
        {
            "type": "ColumnSet",
            "columns": [
                {"type": "Column", "width": "stretch", "items": [date]},
                {"type": "Column", "width": "stretch", "items": [time]},
            ],
        }
    )
    body += _error(errors, "send_at", lang) + _error(errors, "ack_deadline", lang)
    body.append(text(t("authoring.form.send_hint", lang), isSubtle=True, size="Small"))
    stored = AnnouncementForm(announcement_id=view.id if view else None, revision=view.revision if view else None)
    buttons = [execute(SAVE_ANNOUNCEMENT, t("authoring.form.save", lang), stored)]
    if view is not None and view.status in (AnnouncementStatus.DRAFT, *CANCELLABLE):
        body.append(text(t("authoring.form.stored_only", lang), isSubtle=True, size="Small"))
        shown = AuthoringVersion(announcement_id=view.id, revision=view.revision)
        preview = execute(PREVIEW_ANNOUNCEMENT, t("authoring.form.preview", lang), shown)
        preview["associatedInputs"] = "none"
        buttons.append(preview)
        if view.status == AnnouncementStatus.DRAFT:
            submit = execute(SUBMIT_ANNOUNCEMENT, t("authoring.form.submit", lang), shown, style="positive")
            submit["associatedInputs"] = "none"
            buttons.append(submit)
            if sign_in and view.send_at is None and set(view.audience) & CHANNEL_AUDIENCES:
                as_me = execute(SUBMIT_AS_ME_ANNOUNCEMENT, t("authoring.form.submit_as_me", lang), shown)
                as_me["associatedInputs"] = "none"
                buttons.append(as_me)
        else:
            cancel = execute(
                CANCEL_ANNOUNCEMENT,
                t("authoring.action.cancel", lang),
                AuthoringClick(announcement_id=view.id),
                style="destructive",
            )
            cancel["associatedInputs"] = "none"
            buttons.append(cancel)
    elif view is not None:
        body.append(text(t("authoring.form.live_note", lang), isSubtle=True, size="Small"))
        shown = AuthoringVersion(announcement_id=view.id, revision=view.revision)
        preview = execute(PREVIEW_ANNOUNCEMENT, t("authoring.form.preview", lang), shown)
        preview["associatedInputs"] = "none"
        buttons.append(preview)
    body.append(action_set(*buttons, separator=True, spacing="Medium"))
    return adaptive_card(body)


def author_buttons(view: AnnouncementView, lang: str, *, listed: bool = False) -> list[dict[str, Any]]:
    """The author's buttons on their card of an announcement, by status: 'Bewerken', 'Annuleren', 'Terugroepen'
    (`listed`: on 'mijn aankondigingen', whose clicks are answered with the list)."""
    _check(view)
    click = AuthoringClick(announcement_id=view.id, listed=True if listed else None)
    status = view.status
    buttons: list[dict[str, Any]] = []
    if status in (AnnouncementStatus.DRAFT, *CANCELLABLE, AnnouncementStatus.SENDING, AnnouncementStatus.SENT):
        buttons.append(execute(EDIT_ANNOUNCEMENT, t("authoring.action.edit", lang), click))
    if status in CANCELLABLE:
        buttons.append(execute(CANCEL_ANNOUNCEMENT, t("authoring.action.cancel", lang), click, style="destructive"))
    if status in (AnnouncementStatus.SENDING, AnnouncementStatus.SENT):
        confirm = execute(RECALL_ANNOUNCEMENT, t("authoring.recall.confirm", lang), click, style="destructive")
        buttons.append(
            {
                "type": "Action.ShowCard",
                "title": t("authoring.action.recall", lang),
                "card": {
                    "type": "AdaptiveCard",
                    "body": [
                        text(
                            t("authoring.recall.question", lang, count=view.counts.sent),
                            weight="Bolder",
                            color="Attention",
                        )
                    ],
                    "actions": [confirm],
                },
            }
        )
    return buttons


def _counts_line(view: AnnouncementView, lang: str) -> str:
    """Delivered, failed, unreachable and read, in one line."""
    counts = view.counts
    if view.ack_required:
        return t(
            "authoring.list.counts_ack",
            lang,
            sent=counts.sent,
            failed=counts.failed,
            unreachable=counts.unreachable,
            read=counts.acknowledged,
        )
    return t("authoring.list.counts", lang, sent=counts.sent, failed=counts.failed, unreachable=counts.unreachable)


def my_announcements_card(*, announcements: list[AnnouncementView], lang: str) -> dict[str, Any]:
    """'Mijn aankondigingen': each announcement with its status, its counts once sent, and its buttons."""
    body: list[dict[str, Any]] = [heading(t("authoring.list.title", lang))]
    if not announcements:
        body.append(text(t("authoring.list.empty", lang)))
    for view in announcements[:LIST_MAX]:
        _check(view)
        status = text(
            status_name(view, lang), weight="Bolder", color=STATUS_COLOUR[view.status], horizontalAlignment="Right"
        )
        row: list[dict[str, Any]] = [
            {
                "type": "ColumnSet",
                "columns": [
                    {"type": "Column", "width": "stretch", "items": [text(quote(view.title, 120), weight="Bolder")]},
                    {"type": "Column", "width": "auto", "items": [status]},
                ],
            },
            text(quote(view.audience_label, 200), size="Small", isSubtle=True, spacing="None"),
        ]
        if view.status in (AnnouncementStatus.SENDING, AnnouncementStatus.SENT, AnnouncementStatus.RECALLED):
            row.append(text(_counts_line(view, lang), size="Small", spacing="None"))
        buttons = author_buttons(view, lang, listed=True)
        if buttons:
            row.append(action_set(*buttons, spacing="Small"))
        body.append({"type": "Container", "separator": True, "spacing": "Medium", "items": row})
    if len(announcements) > LIST_MAX:
        body.append(text(t("authoring.list.more", lang, count=len(announcements) - LIST_MAX), isSubtle=True))
    new = execute(NEW_ANNOUNCEMENT, t("authoring.list.new", lang), NewAnnouncement())
    return adaptive_card(body, [new])


def approval_card(
    *, view: AnnouncementView, lang: str, submitted: int | None = None, decided_by: str | None = None
) -> dict[str, Any]:
    """What a second functional manager approves: the announcement as submitted (revision `submitted`, default the
    current one), with 'Goedkeuren' and 'Terugsturen'; once decided (or changed since) it says so, without buttons.

    `decided_by`: who approved or sent it back (shown with the decision)."""
    _check(view)
    revision = view.revision if submitted is None else submitted
    body: list[dict[str, Any]] = [
        heading(t("authoring.approval.title", lang)),
        {
            "type": "FactSet",
            "facts": [
                {"title": t("authoring.approval.author", lang), "value": quote(view.author.name or "?", 80)},
                {"title": t(FIELD_LABEL["audience"], lang), "value": quote(view.audience_label, 200)},
                {"title": t("authoring.approval.revision", lang), "value": str(revision)},
            ],
        },
        {
            "type": "Container",
            "style": "emphasis",
            "items": [
                text(quote(view.title, 200), weight="Bolder", size="Medium"),
                text(teams_markdown(view.text[:TEXT_MAX]) or "…"),
            ],
        },
    ]
    pending = view.status == AnnouncementStatus.AWAITING_APPROVAL and view.revision == revision
    if not pending:
        if view.status == AnnouncementStatus.AWAITING_APPROVAL or view.revision != revision:
            key = "authoring.approval.changed"
        elif view.status == AnnouncementStatus.DRAFT:
            key = "authoring.approval.sent_back"
        elif view.status in (AnnouncementStatus.CANCELLED, AnnouncementStatus.RECALLED):
            key = "authoring.approval.withdrawn"
        else:
            key = "authoring.approval.approved"
        line = t(key, lang)
        if decided_by and key in ("authoring.approval.sent_back", "authoring.approval.approved"):
            line = t("authoring.approval.decided_by", lang, decision=line, name=quote(decided_by, 80))
        body.append(text(line, weight="Bolder", color="Good" if key == "authoring.approval.approved" else "Default"))
        return adaptive_card(body)
    body.append(text(t("authoring.approval.intro", lang), spacing="Medium"))
    approve = execute(
        APPROVE_ANNOUNCEMENT,
        t("authoring.approval.approve", lang),
        AuthoringVersion(announcement_id=view.id, revision=revision),
        style="positive",
    )
    approve["associatedInputs"] = "none"
    remark = {
        "type": "Input.Text",
        "id": SEND_BACK_ANNOUNCEMENT.input("remark").id,
        "label": t("authoring.approval.remark", lang),
        "isMultiline": True,
        "isRequired": True,
        "errorMessage": t("authoring.approval.remark_error", lang),
        "maxLength": TEXT_MAX,
    }
    send_back = {
        "type": "Action.ShowCard",
        "title": t("authoring.approval.send_back", lang),
        "card": {
            "type": "AdaptiveCard",
            "body": [remark],
            "actions": [
                execute(
                    SEND_BACK_ANNOUNCEMENT,
                    t("authoring.approval.send_back_submit", lang),
                    AnnouncementSendBack(announcement_id=view.id),
                )
            ],
        },
    }
    return adaptive_card(body, [approve, send_back])
