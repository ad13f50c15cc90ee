"""The router on its own: one flow per verb, patterns in their order before the catch-all, the before-turn hook."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from dialogs import Incoming, Outcome, Router, User, build_router, language_hook
from dialogs.announcements import MINE_PATTERN, NEW_PATTERN
from dialogs.golive import GOLIVE_PATTERN
from dialogs.learning import REVIEW_PATTERN
from dialogs.tickets import LINK_PATTERN, OPEN_TICKETS_PATTERN
from i18n import t
from services.announcements import AnnouncementService
from services.conversations import ConversationService
from services.directory import DirectoryService
from services.faq import FaqService
from services.jobs import Jobs
from services.language import LanguageService
from services.learning import LearningService
from services.questions import QuestionService
from services.release_watch import ReleaseWatchService
from services.tickets import TicketService
from vocabulary.actions import ANSWER, CLAIM, FEEDBACK, Feedback, TicketAnswer, TicketClick
from vocabulary.verbs import CardVerb

ANNA = User(id="29:anna", aad_object_id="aad-anna", name="Anna de Vries")


def message(text: str, locale: str = "nl-NL") -> Incoming:
    return Incoming(kind="message", user=ANNA, conversation_id="a:anna", text=text, locale=locale)


def click(verb: str, data: dict, locale: str = "nl-NL") -> Incoming:
    return Incoming(kind="action", user=ANNA, conversation_id="a:anna", verb=verb, data=data, locale=locale)


class Calls:
    """Flows that record what reached them."""

    def __init__(self) -> None:
        self.seen: list[tuple[str, Any]] = []

    def flow(self, name: str):
        async def run(incoming: Incoming) -> Outcome:
            self.seen.append((name, incoming))
            return Outcome(message=name)

        return run

    def action_flow(self, name: str):
        async def run(incoming: Incoming, payload) -> Outcome:
            self.seen.append((name, payload))
            return Outcome(message=name)

        return run


def test_a_verb_registered_twice_raises_naming_the_verb():
    router, calls = Router(), Calls()
    router.action(CLAIM)(calls.action_flow("claim"))
    with pytest.raises(ValueError, match="'ticket.claim'"):
        router.action(CLAIM)(calls.action_flow("claim again"))


@pytest.mark.parametrize("register", ["on_message", "on_unknown_action", "on_install"])
def test_a_single_flow_registered_twice_raises(register):
    router, calls = Router(), Calls()
    getattr(router, register)(calls.flow("first"))
    with pytest.raises(ValueError, match="twice"):
        getattr(router, register)(calls.flow("second"))


async def test_patterns_are_tried_in_their_order_and_the_catch_all_takes_the_rest():
    router, calls = Router(), Calls()
    router.on_message_pattern(r"help.*")(calls.flow("help"))
    router.on_message_pattern(r".*me")(calls.flow("me"))
    router.on_message(calls.flow("question"))
    assert router.patterns == (r"help.*", r".*me")
    assert (await router(message("HELP me"))).message == "help", "both match: the first registered wins"
    assert (await router(message("tell me"))).message == "me"
    assert (await router(message("help"))).message == "help"
    assert (await router(message("hoe print ik?"))).message == "question"
    assert (await router(message("say help"))).message == "question", "a pattern matches the whole text"


def test_a_pattern_after_the_catch_all_is_refused():
    router, calls = Router(), Calls()
    router.on_message(calls.flow("question"))
    with pytest.raises(ValueError, match="catch-all"):
        router.on_message_pattern(r"help")(calls.flow("help"))


async def test_the_before_hook_runs_once_per_turn_and_the_flow_gets_what_it_returns():
    router, calls = Router(), Calls()
    hooked: list[Incoming] = []

    @router.before
    def mark(incoming: Incoming) -> Incoming:
        hooked.append(incoming)
        return replace(incoming, lang="en")

    router.on_message_pattern(r"help")(calls.flow("help"))
    router.on_message(calls.flow("question"))
    router.action(CLAIM)(calls.action_flow("claim"))
    await router(message("help"))
    await router(message("hoe print ik?"))
    assert (await router(click("ticket.claim", {"ticket_id": 1}))).message == t("ticket.refused.unknown", "en")
    assert len(hooked) == 3, "once per turn"
    assert [incoming.lang for _, incoming in calls.seen] == ["en", "en"]


async def test_an_unprepared_action_skips_the_hooks_until_its_flow_or_a_garbled_payload_asks_for_them():
    router = Router()
    hooked: list[Incoming] = []

    @router.before
    def mark(incoming: Incoming) -> Incoming:
        hooked.append(incoming)
        return replace(incoming, lang="en")

    async def claim(incoming: Incoming, payload: TicketClick) -> Outcome:
        if payload.ticket_id == 2:  # the flow's own refusal needs the language
            incoming = await router.prepare(incoming)
        return Outcome(message=incoming.lang)

    router.action(CLAIM, prepared=False)(claim)
    router.on_message(Calls().flow("question"))
    assert (await router(click("ticket.claim", {"ticket_id": 1, "v": 1}))).message == "nl"
    assert hooked == [], "the usual answer needs no hook"
    assert (await router(click("ticket.claim", {"ticket_id": 2, "v": 1}))).message == "en"
    assert (await router(click("ticket.claim", {"ticket_id": "x"}))).message == t("ticket.refused.unknown", "en")
    await router(message("hoe print ik?"))
    assert len(hooked) == 3, "once for the flow that asked, once for the garbled payload, once for the message"


@pytest.mark.parametrize(
    ("locale", "default", "follow", "expected"),
    [
        ("en-US", "nl", True, "en"),
        ("en-US", "nl", False, "nl"),
        ("nl-NL", "en", True, "nl"),
        (None, "en", True, "en"),
        ("de-DE", "nl", True, "nl"),
        ("en-GB", "en", False, "en"),
    ],
)
async def test_without_a_stored_language_an_undecided_message_follows_the_teams_locale_setting(
    locale, default, follow, expected
):
    hook = language_hook(LanguageService(None, default, follow))
    assert (await hook(message("ok", locale=locale))).lang == expected
    assert (await hook(click("feedback", {}, locale=locale))).lang == expected


@pytest.mark.parametrize("locale", ["nl-NL", "en-US", None])
async def test_a_message_written_in_a_language_gets_that_language_whatever_the_locale(locale):
    hook = language_hook(LanguageService(None, "nl", True))
    assert (await hook(message("Hoe stel ik mijn afwezigheidsmelding in?", locale=locale))).lang == "nl"
    assert (await hook(message("How do I set up my out of office reply?", locale=locale))).lang == "en"


async def test_an_unknown_verb_goes_to_the_unknown_action_flow_only():
    router, calls = Router(), Calls()
    router.action(CLAIM)(calls.action_flow("claim"))
    router.on_unknown_action(calls.flow("unknown"))
    assert (await router(click("selfDestruct", {"ticket_id": 1, "v": 1}))).message == "unknown"
    assert (await router(Incoming(kind="action", user=ANNA, conversation_id="a:anna"))).message == "unknown"
    assert [name for name, _ in calls.seen] == ["unknown", "unknown"]


@pytest.mark.parametrize(
    ("data", "key", "params"),
    [
        ({}, "ticket.refused.unknown", {}),
        ({"ticket_id": "abc", "v": 1, "answer": "Herstart"}, "ticket.refused.unknown", {}),
        ({"ticket_id": 7, "answer": "Herstart"}, "ticket.refused.unknown", {}),
        ({"ticket_id": 7, "v": 1, "answer": ["Herstart"]}, "ticket.refused.unknown", {}),
        ({"ticket_id": 7, "v": 1, "answer": "x" * 4001}, "ticket.refused.too_long", {"length": 4001, "limit": 4000}),
    ],
)
async def test_a_garbled_payload_gets_the_polite_answer_and_never_reaches_the_flow(data, key, params):
    router, calls = Router(), Calls()
    router.before(language_hook(LanguageService()))
    router.action(ANSWER)(calls.action_flow("answer"))
    outcome = await router(click("ticket.answer", data, locale="en-US"))
    assert (outcome.message, outcome.card, outcome.replies) == (t(key, "en", **params), None, [])
    assert calls.seen == []


async def test_the_flow_receives_the_validated_payload():
    router, calls = Router(), Calls()
    router.action(ANSWER)(calls.action_flow("answer"))
    router.action(FEEDBACK)(calls.action_flow("feedback"))
    router.action(CLAIM)(calls.action_flow("claim"))
    await router(click("ticket.answer", {"ticket_id": "7", "v": 2, "answer": " Herstart de melding. "}))
    await router(click("feedback", {"question_id": 3, "entry_id": "m365-wachtwoord", "helpful": False}))
    await router(click("ticket.claim", {"ticket_id": 7, "v": 2, "answer": "ignored"}))
    assert calls.seen == [
        ("answer", TicketAnswer(ticket_id=7, version=2, answer="Herstart de melding.")),
        ("feedback", Feedback(question_id=3, entry_id="m365-wachtwoord", helpful=False)),
        ("claim", TicketClick(ticket_id=7, version=2)),
    ]


async def test_the_product_router_tries_its_commands_in_the_listed_order_and_routes_every_verb(sqlite_database):
    db = sqlite_database
    directory, faq = DirectoryService(db), FaqService(db, use_embeddings=False)
    conversations = ConversationService(db)
    announcements = AnnouncementService(db, Jobs(db), directory, conversations)
    with_tickets = build_router(
        faq=faq,
        questions=QuestionService(db),
        conversations=conversations,
        tickets=TicketService(db, directory, Jobs(db)),
        directory=directory,
        announcements=announcements,
        release_watch=ReleaseWatchService(announcements, None),
        learning=LearningService(db, directory),
    )
    assert with_tickets.patterns == (
        OPEN_TICKETS_PATTERN,
        LINK_PATTERN,
        NEW_PATTERN,
        MINE_PATTERN,
        GOLIVE_PATTERN,
        REVIEW_PATTERN,
    )
    assert with_tickets.verbs == set(CardVerb)
    without = build_router(faq=faq, questions=QuestionService(db), conversations=ConversationService(db))
    assert without.patterns == ()
    assert without.verbs == {CardVerb.FEEDBACK, CardVerb.CHOOSE, CardVerb.ASK_KEY_USER}
    faq.close()
