"""A question that is word for word one entry's phrasing is answered, whatever the calibration says."""

from matching import FaqDoc, Matcher

DOCS = [
    FaqDoc(
        "ww",
        "Microsoft 365",
        "Ik ben mijn wachtwoord vergeten. Hoe kom ik weer in mijn account?",
        ("ww vergeten, hoe kom ik er weer in",),
        "Stel een nieuw wachtwoord in via de selfservice.",
    ),
    FaqDoc(
        "print",
        "Werkplek",
        "Hoe print ik op de printer van de gemeente?",
        ("printen lukt niet",),
        "Kies de printer Follow-me.",
    ),
    FaqDoc("ruil", "Roostertool", "Hoe ruil ik een dienst?", ("dienst ruilen",), "Kies Ruilverzoek."),
    FaqDoc("dup-a", "Werkplek", "Waar vind ik dat?", (), "Hier."),
    FaqDoc("dup-b", "Zaaksysteem", "Waar vind ik dat?", (), "Daar."),
]


def test_exact_phrasing_is_answered_ignoring_case_and_punctuation():
    matcher = Matcher.build(DOCS, use_embeddings=False)
    for text in (
        "WW vergeten, hoe kom ik er weer in?",
        "ik ben mijn wachtwoord vergeten hoe kom ik weer in mijn account",
    ):
        decision = matcher.decide(text)
        assert (decision.outcome, decision.candidates[0].entry_id, decision.details.get("exact")) == (
            "answered",
            "ww",
            True,
        )


def test_a_phrasing_two_entries_share_is_not_a_sure_answer():
    matcher = Matcher.build(DOCS, use_embeddings=False)
    assert not matcher.decide("Waar vind ik dat?").details.get("exact")


def test_exact_lookup_follows_upsert_and_remove():
    matcher = Matcher.build(DOCS, use_embeddings=False)
    matcher.upsert(FaqDoc("ruil", "Roostertool", "Hoe wissel ik een dienst?", (), "Kies Ruilverzoek."))
    assert not matcher.decide("dienst ruilen").details.get("exact")
    assert matcher.decide("hoe wissel ik een dienst").details.get("exact")
    matcher.remove("print")
    assert not matcher.decide("printen lukt niet").details.get("exact")


def test_punctuation_only_phrasing_never_answers_an_empty_question():
    matcher = Matcher.build([*DOCS, FaqDoc("vraagteken", "Werkplek", "?", (), "Typ help.")], use_embeddings=False)
    for text in ("", "  ", "?!"):
        assert matcher.decide(text).outcome != "answered"
