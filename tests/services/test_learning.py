"""Learning from use on both databases: signals, the policy, rejected phrasings and personal data."""

from __future__ import annotations

import pytest

from services.faq import FaqService
from services.learning import LearningService, personal_data, replay_use
from services.questions import QuestionService
from storage import FaqRepository, LearnedPhrasingRepository
from vocabulary import PhrasingStatus, SignalKind

ENTRIES = [
    {
        "id": "verlof-aanvragen",
        "application": "HR",
        "question": "Hoe vraag ik verlof aan?",
        "alternates": ["vakantie aanvragen"],
        "answer": "Via het HR-portaal onder Verlof.",
        "tags": [],
    },
    {
        "id": "wachtwoord-vergeten",
        "application": "Microsoft 365",
        "question": "Ik ben mijn wachtwoord vergeten",
        "alternates": ["wachtwoord resetten"],
        "answer": "Reset het via aka.ms/sspr.",
        "tags": [],
    },
]


async def ask(questions: QuestionService, user: str, text: str) -> int:
    """Log a question as `user` asked it; its id."""
    logged = await questions.record(
        user_key=user, user_name=None, conversation_id=f"a:{user}", language="nl", text=text, decision=None
    )
    return logged.id


@pytest.fixture
async def setup(database):
    faq = FaqService(database, use_embeddings=False)
    await faq.import_entries(ENTRIES)
    yield faq, QuestionService(database), LearningService(database)
    faq.close()


async def test_a_picked_suggestion_is_proposed_and_used_once_approved_on_every_instance(database, setup):
    faq, questions, learning = setup
    other = FaqService(database, use_embeddings=False)  # a second instance of the bot
    try:
        text = "mag ik een paar dagen vrij nemen in mei"
        await other.decide(text)  # the other instance has built its index before anything was learned
        await questions.choose(await ask(questions, "aad-anna", text), "verlof-aanvragen")
        [proposed] = await learning.listed()
        assert (proposed.entry_id, proposed.text, proposed.status) == ("verlof-aanvragen", text, "proposed")
        assert (proposed.confirmations, proposed.kinds) == (1, ("picked",))
        assert (await other.decide(text)).details.get("exact") is None  # proposed is not used yet
        await learning.decide(proposed.id, approve=True, decided_by="aad-dirk")
        for instance in (faq, other):
            decision = await instance.decide(text)
            assert decision.outcome == "answered", decision
            assert decision.candidates[0].entry_id == "verlof-aanvragen"
        exported = {e["id"]: e["learned"] for e in await faq.export_entries(learned=True)}
        assert exported == {"verlof-aanvragen": [text], "wachtwoord-vergeten": []}
    finally:
        other.close()


async def test_auto_approval_needs_independent_confirmations_and_no_counts_against(database, setup):
    faq, questions, learning = setup
    assert await learning.auto_approve_after() == 2
    text = "wanneer kan ik mijn zomervakantie doorgeven"
    await questions.feedback(await ask(questions, "aad-anna", text), True, "verlof-aanvragen")
    await questions.choose(await ask(questions, "aad-anna", text), "verlof-aanvragen")  # the same asker again
    assert [(p.confirmations, p.status) for p in await learning.listed()] == [(1, "proposed")]
    await questions.feedback(await ask(questions, "aad-bram", text), False, "verlof-aanvragen")  # 'Nee'
    await questions.choose(await ask(questions, "aad-bram", text), "verlof-aanvragen")
    [still] = await learning.listed()
    assert (still.confirmations, still.counter_signals, still.status) == (2, 1, "proposed")
    await questions.choose(await ask(questions, "aad-carla", text), "verlof-aanvragen")
    assert await learning.listed() == []
    [approved] = await learning.listed((PhrasingStatus.APPROVED,))
    assert approved.text == text and set(approved.kinds) == {"helpful", "picked", "not_helpful"}
    decision = await faq.decide(text)
    assert (decision.outcome, decision.candidates[0].entry_id) == ("answered", "verlof-aanvragen")


async def test_the_policy_is_a_shared_setting_and_zero_means_review_only(database, setup):
    _, questions, learning = setup
    await learning.set_auto_approve_after(0)
    assert await LearningService(database).auto_approve_after() == 0
    text = "verlofuren opgeven"
    for user in ("aad-anna", "aad-bram", "aad-carla", "aad-dina"):
        await questions.choose(await ask(questions, user, text), "verlof-aanvragen")
    [proposed] = await learning.listed()
    assert (proposed.confirmations, proposed.status) == (4, "proposed")
    with pytest.raises(ValueError):
        await learning.set_auto_approve_after(-1)
    await learning.set_auto_approve_after(4)
    await questions.choose(await ask(questions, "aad-erik", text), "verlof-aanvragen")
    assert [p.text for p in await learning.listed((PhrasingStatus.APPROVED,))] == [text]


async def test_a_rejected_phrasing_is_never_used_whatever_follows(database, setup):
    faq, questions, learning = setup
    text = "mijn inlog werkt niet meer"
    await questions.choose(await ask(questions, "aad-anna", text), "verlof-aanvragen")  # a wrong pick
    [proposed] = await learning.listed()
    await learning.decide(proposed.id, approve=False, decided_by="aad-dirk")
    for user in ("aad-bram", "aad-carla", "aad-dina"):
        await questions.choose(await ask(questions, user, text), "verlof-aanvragen")
    async with database.read() as session:
        [row] = await LearnedPhrasingRepository(session).with_status(list(PhrasingStatus))
    assert (row.status, row.confirmations) == ("rejected", 1)
    decision = await faq.decide(text)
    assert decision.details.get("exact") is None
    assert await learning.approve_all("aad-dirk") == 0


@pytest.mark.parametrize(
    "text",
    [
        "verlof aanvragen voor BSN 123456782",
        "bel me terug op 06-12345678 over verlof",
        "verlof voor +31 20 123 4567",
        "stuur het naar anna.jansen@gemeente.nl",
    ],
)
async def test_personal_data_is_never_learned(database, setup, text):
    _, questions, learning = setup
    assert personal_data(text)
    for user in ("aad-anna", "aad-bram", "aad-carla"):
        await questions.choose(await ask(questions, user, text), "verlof-aanvragen")
        async with database.transaction() as session:
            kind = SignalKind.TICKET_ANSWERED
            await LearningService.signal(session, entry_id="verlof-aanvragen", text=text, kind=kind, asker_key=user)
    async with database.read() as session:
        assert await LearnedPhrasingRepository(session).with_status(list(PhrasingStatus)) == []


def test_ordinary_numbers_are_not_personal_data():
    assert not personal_data("verlof voor 3 dagen in 2026, versie 10.2")


async def test_no_learning_of_written_phrasings_or_unknown_entries(database, setup):
    _, questions, learning = setup
    await questions.choose(await ask(questions, "aad-anna", "Vakantie aanvragen!"), "verlof-aanvragen")
    await questions.choose(await ask(questions, "aad-anna", "iets over verlof"), "wie-is-mijn-kerngebruiker")
    assert await learning.listed() == []
    async with database.read() as session:
        assert await FaqRepository(session).count() == 2


async def test_only_functional_management_reviews_and_the_card_shows_the_rest(database, setup):
    from services.directory import DirectoryService, NotAllowed

    _faq, questions, _ = setup
    directory = DirectoryService(database)
    await directory.set_person("aad-dirk", role="functional_manager")
    await directory.set_person("aad-bram", role="key_user")
    learning = LearningService(database, directory)
    asked = [f"mag ik vrij nemen op dag {number}" for number in range(1, 11)]
    for number, text in enumerate(asked):
        await questions.choose(await ask(questions, f"aad-{number}", text), "verlof-aanvragen")
    for refused in ("aad-bram", "aad-unknown"):
        with pytest.raises(NotAllowed):
            await learning.review(refused)
        with pytest.raises(NotAllowed):
            await learning.decide_as(refused, 1, approve=True)

    review = await learning.review("aad-dirk", limit=8)
    assert [p.text for p in review.phrasings] == asked[:8] and review.more == 2 and review.auto_approve_after == 2
    assert {p.entry_question for p in review.phrasings} == {"Hoe vraag ik verlof aan?"}
    first, second = review.phrasings[:2]
    after = await learning.decide_as("aad-dirk", first.id, approve=True)
    assert after is not None and (after.decided, after.decided_text) == ("learned.review.approved", first.text)
    assert [p.text for p in after.phrasings] == asked[1:9] and after.more == 1
    after = await learning.decide_as("aad-dirk", second.id, approve=False)
    assert after is not None and after.decided == "learned.review.rejected" and after.phrasings[0].text == asked[2]
    assert await learning.decide_as("aad-dirk", 10_000, approve=True) is None
    decided = {p.text: (p.status, p) for p in await learning.listed(("approved", "rejected"))}
    assert decided[first.text][0] == "approved" and decided[second.text][0] == "rejected"


NOT_FAQ = [  # near the password entry, outside the FAQ: a key user closed each as 'geen FAQ-vraag'
    "wachtwoord van de wifi voor gasten",
    "wachtwoord van de kluis op de derde verdieping",
    "wachtwoord van het alarm in het stadhuis",
]


async def close_as_not_faq(database, text: str, asker: str) -> bool:
    """What TicketService.close does for 'geen FAQ-vraag', in a transaction of its own."""
    async with database.transaction() as session:
        return await LearningService.not_faq(session, text=text, asker_key=asker, decided_by="aad-karin")


async def test_questions_closed_as_not_faq_reach_the_calibration_on_every_instance(database, setup):
    faq, _, learning = setup
    other = FaqService(database, use_embeddings=False)  # a second instance, its index built before any closing
    try:
        assert (await other.matcher()).calibration["real_out_of_scope"] == 0
        for n, text in enumerate(NOT_FAQ):
            assert await close_as_not_faq(database, text, f"aad-asker-{n}")
            assert (await other.matcher()).out_of_scope == tuple(NOT_FAQ[: n + 1])  # in its index at once
        # three changes recalibrate a small KB, as three changed entries would
        assert (await other.matcher()).calibration["real_out_of_scope"] == len(NOT_FAQ)
        assert (await faq.matcher()).calibration["real_out_of_scope"] == len(NOT_FAQ)
        fresh = FaqService(database, use_embeddings=False)  # an instance started now builds with them at once
        try:
            assert (await fresh.matcher()).calibration["real_out_of_scope"] == len(NOT_FAQ)
        finally:
            fresh.close()
        assert await learning.listed() == [], "decided by the key user: nothing to review"
        assert {e["id"]: e["learned"] for e in await faq.export_entries(learned=True)} == {
            "verlof-aanvragen": [],
            "wachtwoord-vergeten": [],
        }, "no entry's phrasing"
        [first, *_] = await learning.listed((PhrasingStatus.APPROVED,))
        await learning.decide(first.id, approve=False, decided_by="aad-dirk")  # functional management disagrees
        assert (await other.matcher()).out_of_scope == tuple(NOT_FAQ[1:])
        assert not await close_as_not_faq(database, NOT_FAQ[0], "aad-asker-9"), "a rejected one stays rejected"
        assert await other.out_of_scope() == NOT_FAQ[1:]
    finally:
        other.close()


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("mijn BSN 123456782 klopt niet in het portaal", "mijn BSN … klopt niet in het portaal"),
        ("bel me op 06-12345678 over de parkeervergunning", "bel me op … over de parkeervergunning"),
        ("parkeervergunning voor +31 20 123 4567 aanvragen", "parkeervergunning voor … aanvragen"),
        ("stuur het naar anna.jansen@gemeente.nl", "stuur het naar …"),
        ("parkeren 3 dagen in 2026", "parkeren 3 dagen in 2026"),
    ],
)
async def test_a_not_faq_question_is_stored_masked(database, setup, text, masked):
    faq, _, _ = setup
    assert await close_as_not_faq(database, text, "aad-anna")
    assert await faq.out_of_scope() == [masked]
    assert not personal_data(masked)
    async with database.read() as session:
        [row] = await LearnedPhrasingRepository(session).with_status(list(PhrasingStatus))
    assert row.text == masked and not personal_data(" ".join((row.text, *row.sources, row.decided_by or "")))


async def test_nothing_but_personal_data_is_not_kept(database, setup):
    faq, _, _ = setup
    assert not await close_as_not_faq(database, "anna.jansen@gemeente.nl 0612345678", "aad-anna")
    assert not await close_as_not_faq(database, "   ", "aad-anna")
    assert await faq.out_of_scope() == []


async def test_replay_closes_out_of_scope_questions_as_not_faq(database, setup):
    """`faq eval --learn-from` and the bench replay out-of-scope questions through the same path."""
    faq, questions, learning = setup
    past = [{"q": NOT_FAQ[0], "expect": None}, {"q": "ik ben mijn wachtwoord kwijt", "expect": "wachtwoord-vergeten"}]
    await replay_use(faq, questions, learning, past)
    assert await faq.out_of_scope() == [NOT_FAQ[0]]
    assert (await faq.matcher()).out_of_scope == (NOT_FAQ[0],)
