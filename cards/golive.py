"""Go-live cards: the functional manager's form to plan a department's go-live, and what was planned."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from cards.common import action_set, adaptive_card, execute, heading, text
from cards.tickets import format_when
from cards.views import AnnouncementView
from i18n import t
from i18n.messages.announcements import ANNOUNCEMENT_STATUS_LABEL
from vocabulary.actions import PLAN_GOLIVE, GoLiveForm


def golive_form_card(
    *,
    form: GoLiveForm,
    lang: str,
    departments: tuple[str, ...],
    applications: tuple[str, ...],
    errors: dict[str, str] | None = None,
    note: str | None = None,
) -> dict[str, Any]:
    """The form: department and application (from the key-user groups), date and time (Dutch time); `errors` maps
    fields to texts said under them, `note` is a text said on top (e.g. why the last try planned nothing)."""
    errors = errors or {}
    body: list[dict[str, Any]] = [heading(t("golive.form.title", lang)), text(t("golive.form.intro", lang))]
    if note:
        body.append(text(note, color="Attention", weight="Bolder"))

    def choice(name: str, label: str, options: tuple[str, ...], value: str) -> None:
        element: dict[str, Any] = {
            "type": "Input.ChoiceSet",
            "id": PLAN_GOLIVE.input(name).id,
            "label": label,
            "choices": [{"title": option, "value": option} for option in options],
            "isRequired": True,
            "errorMessage": t("golive.form.required", lang),
        }
        if value in options:
            element["value"] = value
        body.append(element)
        body.extend(_error(errors, name))

    choice("department", t("golive.form.department", lang), departments, form.department)
    choice("application", t("golive.form.application", lang), applications, form.application)
    date: dict[str, Any] = {
        "type": "Input.Date",
        "id": PLAN_GOLIVE.input("date").id,
        "label": t("golive.form.date", lang),
        "isRequired": True,
        "errorMessage": t("golive.form.required", lang),
    }
    if form.date:
        date["value"] = form.date
    time = {
        "type": "Input.Time",
        "id": PLAN_GOLIVE.input("time").id,
        "label": t("golive.form.time", lang),
        "value": form.time or "09:00",
    }
    body += [date, *_error(errors, "date"), time]
    body.append(action_set(execute(PLAN_GOLIVE, t("golive.form.plan", lang), GoLiveForm(), style="positive")))
    return adaptive_card(body)


def _error(errors: dict[str, str], name: str) -> list[dict[str, Any]]:
    return [text(errors[name], color="Attention", size="Small", spacing="None")] if name in errors else []


def golive_planned_card(
    *,
    department: str,
    application: str,
    at: datetime,
    group: str,
    welcome: AnnouncementView,
    kickoff: AnnouncementView,
    lang: str,
) -> dict[str, Any]:
    """What was planned: both announcements with their status, and that the department is looked up at `at`."""
    when = format_when(at, lang)

    def planned(view: AnnouncementView) -> str:
        status = t(ANNOUNCEMENT_STATUS_LABEL[view.status], lang)
        return t("golive.card.announcement", lang, id=view.id, status=status)

    return adaptive_card(
        [
            heading(t("golive.card.title", lang, application=application, department=department)),
            {
                "type": "FactSet",
                "facts": [
                    {"title": t("golive.card.when", lang), "value": when},
                    {"title": t("golive.card.welcome", lang), "value": planned(welcome)},
                    {"title": t("golive.card.kickoff", lang, group=group), "value": planned(kickoff)},
                ],
            },
            text(t("golive.card.later", lang, date=when, department=department), isSubtle=True, size="Small"),
        ]
    )
