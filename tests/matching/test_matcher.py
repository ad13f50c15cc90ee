"""Decisions, incremental updates and calibration of the matcher (lexical path: fast)."""

import dataclasses

import numpy as np
import pytest

from matching import Candidate, Decision, FaqDoc, Matcher


def test_clear_question_is_answered(lexical_office):
    decision = lexical_office.decide("ik ben mijn wachtwoord vergeten")
    assert isinstance(decision, Decision)
    assert decision.candidates[0].entry_id == "ww-vergeten"
    assert decision.outcome in ("answered", "suggested")
    assert decision.score == decision.candidates[0].score


def test_abbreviation_and_typo_question_ranks_right_entry(lexical_office):
    assert lexical_office.decide("ww vergetn").candidates[0].entry_id == "ww-vergeten"
    assert lexical_office.decide("fb bereiken").candidates[0].entry_id == "functioneel-beheer"
    assert lexical_office.decide("priner installeren").candidates[0].entry_id == "printer"


def test_outcomes_respect_candidate_counts(lexical_office):
    for text in (
        "wachtwoord vergeten",
        "vergadering plannen in teams",
        "hoeveel kost een broodje kaas",
        "xyzzy qwerty",
    ):
        d = lexical_office.decide(text)
        assert d.outcome in ("answered", "suggested", "unknown")
        if d.outcome == "answered":
            assert len(d.candidates) == 1
        if d.outcome == "suggested":
            assert 1 <= len(d.candidates) <= 3
        assert "threshold_answer" in d.details


def test_empty_question_is_unknown(lexical_office):
    assert lexical_office.decide("   ") == Decision("unknown", (), 0.0, {"reason": "empty"})


def test_unknown_for_text_unlike_anything(lexical_office):
    assert lexical_office.decide("qqq zzz").outcome != "answered"


def test_upsert_and_remove_change_results_without_rebuild(office_kb):
    matcher = Matcher.build(office_kb, use_embeddings=False)
    assert matcher.decide("lunch bestellen voor de afdeling").candidates[0].entry_id != "lunch"
    matcher.upsert(
        FaqDoc(
            "lunch",
            "Facilitair",
            "Hoe bestel ik lunch voor een overleg?",
            ("Lunch bestellen voor de afdeling",),
            "Bestel via het facilitaire portaal.",
        )
    )
    assert len(matcher) == len(office_kb) + 1
    assert matcher.decide("lunch bestellen voor de afdeling").candidates[0].entry_id == "lunch"
    changed = dataclasses.replace(office_kb[4], alternates=("Lunch bestellen voor de afdeling",))
    matcher.upsert(changed)
    matcher.remove("lunch")
    assert len(matcher) == len(office_kb)
    top = matcher.decide("lunch bestellen voor de afdeling").candidates[0]
    assert top.entry_id == "verlof"
    matcher.remove("does-not-exist")
    assert len(matcher) == len(office_kb)


def test_calibration_differs_between_kbs(office_kb, other_kb):
    a = Matcher.build(office_kb, use_embeddings=False)
    b = Matcher.build(other_kb, use_embeddings=False)
    assert a.threshold_answer != b.threshold_answer
    assert a.calibration["in_scope"] == sum(1 + len(d.alternates) for d in office_kb)


def test_entries_without_alternates_can_still_be_found(other_kb):
    matcher = Matcher.build(other_kb, use_embeddings=False)
    assert matcher.decide("vergoeding fiets woon werk").candidates[0].entry_id == "fiets-vergoeding"


def test_candidates_are_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        Candidate("x", 0.5).score = 1.0  # pyright: ignore[reportAttributeAccessIssue] - the refusal under test


def test_concurrent_decides_are_consistent(lexical_office):
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(lexical_office.decide, ["printer toevoegen"] * 16))
    assert len({r.candidates[0].entry_id for r in results}) == 1


def test_calibration_does_not_depend_on_entry_order(office_kb):
    forward = Matcher.build(office_kb, use_embeddings=False)
    backward = Matcher.build(list(reversed(office_kb)), use_embeddings=False)
    assert forward.threshold_answer == pytest.approx(backward.threshold_answer)
    assert forward.calibration == pytest.approx(backward.calibration)


def test_far_misses_leave_an_entry_to_land_on(office_kb):
    """Out-of-scope probes without their nearest sibling need a third entry; two-entry KBs still calibrate."""
    for size in (2, 3):
        matcher = Matcher.build(office_kb[:size], use_embeddings=False)
        assert matcher.calibration["out_of_scope"] > 0
        assert matcher.decide("Hoe installeer ik de printer op mijn laptop?").outcome == "answered"


def test_half_the_out_of_scope_probes_also_lose_their_nearest_sibling(office_kb, monkeypatch):
    """Every second held-out entry's phrasing is also asked without the entry it would land on instead."""
    seen = {}
    fit = Matcher._fit_decision

    def capture(self, in_scope, in_scope_2, out_scope):
        seen["out"] = out_scope
        return fit(self, in_scope, in_scope_2, out_scope)

    monkeypatch.setattr(Matcher, "_fit_decision", capture)
    matcher = Matcher.build(office_kb, use_embeddings=False)
    owners = [{int(matcher._phr.owner[u]) for u in held_out} for _, held_out, _ in seen["out"]]
    assert [len(o) for o in owners] == [1, 2] * (len(owners) // 2) + [1] * (len(owners) % 2)
    for (_, _, feats), held in zip(seen["out"], owners, strict=True):
        assert np.isnan(feats[sorted(held), 0]).all() and np.isfinite(feats[:, 0]).sum() == len(office_kb) - len(held)


def _with_learned(docs, entry_id, *learned):
    """The KB with learned phrasings on one entry."""
    return [dataclasses.replace(d, learned=learned) if d.id == entry_id else d for d in docs]


def test_learned_phrasings_leave_the_written_word_statistics_alone(office_kb):
    """Learned phrasings are users' questions: not taught to the vocabulary, not counted in idf or length."""
    plain = Matcher.build(office_kb, use_embeddings=False)
    learned = Matcher.build(
        _with_learned(office_kb, "verlof", "hoe zet ik een snipperdag in het portaal", "wachtwoord verlopen verlof"),
        use_embeddings=False,
    )
    assert not learned._vocab.known("snipperdag")
    for term in ("wachtwoord", "verlof", "portal"):
        assert learned._phr.idf(term) == pytest.approx(plain._phr.idf(term))
    question = {"wachtwoord": 1.0, "vergeten": 1.0}
    assert learned._phr.scores(question)[1] == pytest.approx(plain._phr.scores(question)[1])


def test_a_near_repeat_of_a_learned_phrasing_finds_its_entry(office_kb):
    """A question that nearly repeats a learned phrasing ranks its entry first; one shared word does not pull."""
    docs = _with_learned(office_kb, "scherm", "monitor flikkert steeds na het koffiezetapparaat aanzetten")
    matcher = Matcher.build(docs, use_embeddings=False)
    assert matcher.decide("monitor flikkert steeds na koffiezetapparaat aanzetten").candidates[0].entry_id == "scherm"
    plain = Matcher.build(office_kb, use_embeddings=False)
    far = "hoe vraag ik verlof aan na het aanzetten"
    assert matcher.decide(far).candidates[0].entry_id == plain.decide(far).candidates[0].entry_id == "verlof"


def test_learned_phrasings_are_probed_as_real_questions(office_kb, monkeypatch):
    """Written phrasings are probed as without learning; each learned one once more, marked by phrasing count 0."""
    seen = {}
    fit = Matcher._fit_decision

    def capture(self, in_scope, in_scope_2, out_scope):
        seen["counts"] = [probe[1] for probe in in_scope]
        seen["two_out"], seen["out"] = len(in_scope_2), len(out_scope)
        return fit(self, in_scope, in_scope_2, out_scope)

    monkeypatch.setattr(Matcher, "_fit_decision", capture)
    Matcher.build(office_kb, use_embeddings=False)
    plain = dict(seen)
    Matcher.build(
        _with_learned(office_kb, "verlof", "snipperdag opnemen", "vrij nemen volgende week"), use_embeddings=False
    )
    assert seen["counts"] == plain["counts"] + [0, 0]
    assert seen["two_out"] == plain["two_out"] and seen["out"] == plain["out"] + 2


CLOSED_AS_NOT_FAQ = [  # questions key users closed as 'geen FAQ': near the password entry, outside the KB
    f"wachtwoord van de {thing}"
    for thing in ("wifi", "kluis", "gastnetwerk", "salarisstrook", "kopieerpas", "fietsenstalling", "alarm", "archief")
]


def test_questions_closed_as_not_faq_are_real_negatives_in_calibration(office_kb):
    """A question near an entry is answered outright until enough like it are closed as 'geen FAQ'."""
    plain = Matcher.build(office_kb, use_embeddings=False)
    question = "wachtwoord van de wifi"
    assert plain.decide(question).outcome == "answered"
    assert plain.calibration["real_out_of_scope"] == 0
    taught = Matcher.build(office_kb, use_embeddings=False, out_of_scope=CLOSED_AS_NOT_FAQ)
    assert taught.calibration["real_out_of_scope"] == len(CLOSED_AS_NOT_FAQ)
    assert taught.calibration["out_of_scope"] == plain.calibration["out_of_scope"] + len(CLOSED_AS_NOT_FAQ)
    decision = taught.decide(question)
    assert decision.outcome == "suggested" and decision.candidates[0].entry_id == "ww-vergeten"
    for text, entry_id in (("ik ben mijn wachtwoord vergeten", "ww-vergeten"), ("hoe vraag ik verlof aan", "verlof")):
        assert (taught.decide(text).outcome, taught.decide(text).candidates[0].entry_id) == ("answered", entry_id)


def test_real_negatives_weigh_within_the_assumed_out_of_scope_share(office_kb, monkeypatch):
    """Real negatives share the out-of-scope weight with the held-out entries; REAL_NEGATIVE_WEIGHT tilts it."""
    import matching.matcher as matcher_module

    seen = {}
    fit = matcher_module.answer_threshold

    def capture(conf, correct, weight, max_wrong):
        seen.setdefault("weights", weight.copy())
        return fit(conf, correct, weight, max_wrong)

    monkeypatch.setattr(matcher_module, "answer_threshold", capture)
    for factor in (1.0, 3.0):
        seen.clear()
        monkeypatch.setattr(matcher_module, "REAL_NEGATIVE_WEIGHT", factor)
        matcher = Matcher.build(office_kb, use_embeddings=False, out_of_scope=CLOSED_AS_NOT_FAQ[:4])
        weights, n_in = seen["weights"], matcher.calibration["in_scope"]
        share = matcher_module.OUT_OF_SCOPE_SHARE
        assert weights[n_in:].sum() == pytest.approx(share / (1 - share) * n_in)
        assert weights[-1] == pytest.approx(factor * weights[n_in])  # real ones come last


def test_out_of_scope_examples_are_capped_and_follow_the_kb(office_kb, monkeypatch):
    """Only the newest OUT_OF_SCOPE_EXAMPLES count; one that became a phrasing is no longer a negative."""
    import matching.matcher as matcher_module

    monkeypatch.setattr(matcher_module, "OUT_OF_SCOPE_EXAMPLES", 3)
    texts = ["wachtwoord van de wifi", "  wachtwoord  van de wifi ", *CLOSED_AS_NOT_FAQ[1:4], "Printer toevoegen"]
    matcher = Matcher.build(office_kb, use_embeddings=False, out_of_scope=texts)
    assert matcher.out_of_scope == (*CLOSED_AS_NOT_FAQ[2:4], "Printer toevoegen")
    assert matcher.calibration["real_out_of_scope"] == 2, "'Printer toevoegen' is a written phrasing"


def test_new_out_of_scope_examples_count_as_changes(office_kb):
    """Set on a live matcher, each example added or gone counts toward recalibration like a changed entry."""
    matcher = Matcher.build(office_kb, use_embeddings=False)
    matcher.set_out_of_scope(CLOSED_AS_NOT_FAQ[:2])
    assert matcher.out_of_scope == tuple(CLOSED_AS_NOT_FAQ[:2])
    assert matcher.calibration["real_out_of_scope"] == 0, "two changes: not yet a tenth of the KB (at least 3)"
    matcher.set_out_of_scope(CLOSED_AS_NOT_FAQ[:2])  # the same set again is no change
    assert matcher._changes == 2
    matcher.set_out_of_scope(CLOSED_AS_NOT_FAQ[:3])
    assert matcher.calibration["real_out_of_scope"] == 3 and matcher._changes == 0
