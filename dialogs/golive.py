"""A phased go-live planned in Teams ('livegang plannen'): the form, then both announcements at the moment chosen."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timezone

from cards.golive import golive_form_card, golive_planned_card
from dialogs.announcement_form import TIMEZONE
from dialogs.router import Router
from dialogs.tickets import actor_of
from dialogs.types import Incoming, Outcome, Reply
from i18n import t
from services.announcement_drafts import DraftError
from services.clock import REAL_CLOCK, Clock
from services.directory import DirectoryService, NotAllowed
from services.golive import GoLiveChoices, GoLiveError, GoLiveService
from vocabulary import Role
from vocabulary.actions import PLAN_GOLIVE, GoLiveForm

GOLIVE_PATTERN = r"\s*(?:(?:livegang|go[\s-]?live)\s+plannen|plan\s+(?:a\s+)?go[\s-]?live)\s*[.!?]*\s*"
_TIME = re.compile(r"(\d{1,2}):(\d{2})(?::\d{2})?")


@dataclass
class GoLiveDialog:
    """'Livegang plannen' for functional managers and admins: the same plan as `vraagbaak golive`."""

    golive: GoLiveService
    directory: DirectoryService
    content_language: str = "nl"
    """The language of the welcome card and the kick-off (the employees'), whatever the planner's."""
    clock: Clock = REAL_CLOCK

    def register(self, router: Router) -> None:
        """Attach the form's 'Plannen' to `router` (the command is listed in dialogs/__init__.py)."""
        router.action(PLAN_GOLIVE)(self.plan)

    async def _may_plan(self, incoming: Incoming) -> bool:
        return (await self.directory.role(incoming.user.key)).includes(Role.FUNCTIONAL_MANAGER)

    async def form(self, incoming: Incoming) -> Outcome:
        """'livegang plannen': the empty form, or why there is nothing to plan."""
        lang = incoming.lang
        if not await self._may_plan(incoming):
            return Outcome(replies=[Reply(text=t("golive.refused.role", lang))])
        choices = await self.golive.choices()
        if not choices.departments:
            return Outcome(replies=[Reply(text=t("golive.form.no_departments", lang))])
        return Outcome(replies=[Reply(card=self._card(GoLiveForm(), choices, lang))])

    async def plan(self, incoming: Incoming, form: GoLiveForm) -> Outcome:
        """'Plannen': both announcements scheduled, or the form again saying what to change."""
        lang = incoming.lang
        if not await self._may_plan(incoming):
            return Outcome(message=t("golive.refused.role", lang))
        choices = await self.golive.choices()
        errors: dict[str, str] = {}
        department = _pick(form.department, choices.departments, "department", errors, lang)
        application = _pick(form.application, choices.applications, "application", errors, lang)
        at = self._moment(form, errors, lang)
        if errors or department is None or application is None or at is None:
            return Outcome(card=self._card(form, choices, lang, errors=errors))
        if self.golive.announcements.graph is None:  # the welcome card's department is Graph's to name
            return Outcome(card=self._card(form, choices, lang, note=t("golive.error.no_graph", lang)))
        try:
            plan = await self.golive.plan(
                department, application, at, actor=actor_of(incoming, lang), role=None, lang=self.content_language
            )
        except GoLiveError as error:
            return Outcome(card=self._card(form, choices, lang, note=t(error.key, lang, **error.params)))
        except DraftError:  # a department audience without Microsoft Graph
            return Outcome(card=self._card(form, choices, lang, note=t("golive.error.no_graph", lang)))
        except NotAllowed:
            return Outcome(message=t("golive.refused.role", lang))
        card = golive_planned_card(
            department=department,
            application=application,
            at=at,
            group=plan.group,
            welcome=plan.welcome,
            kickoff=plan.kickoff,
            lang=lang,
        )
        return Outcome(card=card)

    def _moment(self, form: GoLiveForm, errors: dict[str, str], lang: str) -> datetime | None:
        """The moment the date and time inputs name (Dutch time), in UTC; None with an error when it is not one."""
        try:
            day = date.fromisoformat(form.date) if form.date else None
        except ValueError:
            day = None
        match = _TIME.fullmatch(form.time or "09:00")
        hour, minute = (int(match.group(1)), int(match.group(2))) if match else (-1, -1)
        if day is None or not (0 <= hour < 24 and 0 <= minute < 60):
            errors["date"] = t("golive.form.required", lang)
            return None
        moment = datetime.combine(day, time(hour, minute), TIMEZONE).astimezone(timezone.utc)
        if moment <= self.clock():
            errors["date"] = t("golive.form.past", lang)
            return None
        return moment

    @staticmethod
    def _card(
        form: GoLiveForm,
        choices: GoLiveChoices,
        lang: str,
        *,
        errors: dict[str, str] | None = None,
        note: str | None = None,
    ) -> dict:
        return golive_form_card(
            form=form,
            lang=lang,
            departments=choices.departments,
            applications=choices.applications,
            errors=errors,
            note=note,
        )


def _pick(value: str, options: tuple[str, ...], name: str, errors: dict[str, str], lang: str) -> str | None:
    """The option `value` names (case and spaces ignored); None with an error when it names none."""
    wanted = value.strip().casefold()
    found = next((option for option in options if option.casefold() == wanted), None) if wanted else None
    if found is None:
        errors[name] = t("golive.form.required" if not wanted else "golive.form.unknown_choice", lang)
    return found
