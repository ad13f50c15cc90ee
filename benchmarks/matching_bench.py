"""Print matcher quality, latency, build time and RSS on the shared bench data.

Usage: python benchmarks/matching_bench.py [--bench DIR] [--mode hybrid|lexical|both] [--skip-5k] [--learn]
    [--set MODULE.NAME=VALUE ...] [--json FILE] [--vector-store FILE]

--set is the A/B switch for a candidate change: it overrides a module constant of matching/ (a Python literal,
e.g. --set matching.matcher.FAR_MISS_SHARE=0.6) before anything is built; benchmarks/crosscheck.py runs it per
candidate. --json writes the scores (whole set, even and odd half) per mode; --vector-store keeps the embedded
KB texts in a file between runs (the cold build time is then not measured).

--learn adds a section: each half of the municipal dev set is played as a month of use through the learning
path `vraagbaak faq eval --learn-from` uses (services.learning.replay_use), the other half is scored; and the
latency with 1,000 learned phrasings added.
"""

from __future__ import annotations

import argparse
import ast
import asyncio
import importlib
import io
import json
import pickle
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from memory import rss_mb  # benchmarks/memory.py, next to this script

from matching import EMBEDDING_ID, FaqDoc, Matcher, load_kb_yaml, load_questions_jsonl, score_predictions

TARGETS = {
    "top1": ">= 0.80",
    "found": ">= 0.95",
    "wrong_answer": "<= 0.05",
    "escalation_recall": ">= 0.90",
    "false_escalation": "<= 0.05",
}


def evaluate(matcher: Matcher, questions: list[dict]) -> tuple[dict, list[dict], np.ndarray]:
    """Scores, predictions and per-question latencies (ms)."""
    preds, lat = [], []
    for q in questions:
        t = time.perf_counter()
        d = matcher.decide(q["q"])
        lat.append((time.perf_counter() - t) * 1000)
        preds.append(
            {
                "q": q["q"],
                "expect": q["expect"],
                "outcome": d.outcome,
                "entries": [c.entry_id for c in d.candidates],
                "score": d.score,
            }
        )
    return score_predictions(preds), preds, np.array(lat)


def show(name: str, scores: dict) -> None:
    """One line of scores."""
    print(f"  {name:<22}" + "  ".join(f"{k}={v:.3f}" for k, v in scores.items()))


def perturbed(questions: list[dict], seed: int = 11) -> list[dict]:
    """Each question once more as users also write it: a word dropped, two words swapped or a letter typo.

    A stress set for the answer threshold: it shows how the wrong-answer share holds up on questions that are
    farther from the KB than the development set's, in the spirit of the unseen sets' lower scores.
    """
    rng = random.Random(seed)
    out = []
    for q in questions:
        words = q["q"].split()
        kind = rng.randrange(3)
        if kind == 0 and len(words) >= 3:
            del words[rng.randrange(len(words))]
        elif kind == 1 and len(words) >= 2:
            i = rng.randrange(len(words) - 1)
            words[i], words[i + 1] = words[i + 1], words[i]
        else:
            long = [i for i, w in enumerate(words) if len(w) >= 5]
            if long:
                i = rng.choice(long)
                j = rng.randrange(1, len(words[i]) - 1)
                w = words[i]
                words[i] = w[:j] + w[j + 1] + w[j] + w[j + 2 :] if rng.random() < 0.5 else w[:j] + w[j + 1 :]
        out.append({"q": " ".join(words), "expect": q["expect"]})
    return out


def synthetic_kb(docs: list[FaqDoc], size: int, seed: int = 7) -> list[FaqDoc]:
    """A large KB recombining existing entries' texts under new ids (texts repeat: few distinct embeddings)."""
    rng = random.Random(seed)
    pool = [p for d in docs for p in (d.question, *d.alternates)]
    out = list(docs)
    while len(out) < size:
        a = rng.choice(docs)
        out.append(
            FaqDoc(
                id=f"gen-{len(out)}",
                application=a.application,
                question=rng.choice(pool),
                alternates=tuple(rng.sample(pool, 2)),
                answer=rng.choice(docs).answer,
                tags=a.tags,
            )
        )
    return out


def pct(lat: np.ndarray) -> str:
    """p50 / p99 / max of latencies in ms."""
    return f"p50={np.percentile(lat, 50):.1f} p99={np.percentile(lat, 99):.1f} max={lat.max():.1f} ms"


def top_right(preds: list[dict]) -> float:
    """Share of in-scope questions whose top entry is the expected one, whatever the outcome."""
    ranked = [p for p in preds if p["expect"] is not None]
    return sum(p["entries"][:1] == [p["expect"]] for p in ranked) / max(len(ranked), 1)


def quality(matcher: Matcher, name: str, questions: list[dict]) -> tuple[np.ndarray, dict]:
    """Print scores of a question set and its even / odd halves; return the latencies and the scores."""
    scores, preds, lat = evaluate(matcher, questions)
    show(name, scores)
    out = {"all": {**scores, "top_right": top_right(preds)}}
    for half, part in (("even", preds[0::2]), ("odd", preds[1::2])):
        out[half] = {**score_predictions(part), "top_right": top_right(part)}
        show(f"  {half} half", out[half])
    print(f"  {'':<22}top entry right (any outcome) {out['all']['top_right']:.3f}; latency {pct(lat)}")
    return lat, out


LEARN_TARGETS = {
    "top1": ">= 0.60",
    "found": ">= 0.95",
    "wrong_answer": "<= 0.05",
    "escalation_recall": ">= 0.90",
    "false_escalation": "<= 0.05",
}


async def learned_run(kb: list[FaqDoc], past: list[dict], use: bool) -> tuple[list[FaqDoc], int, list[str]]:
    """Play `past` through the learning path on a fresh database.

    Returns the KB with its approved learned phrasings, how many were approved, and the out-of-scope questions
    closed as 'geen FAQ' (the matcher's real negatives)."""
    from services.faq import FaqService
    from services.learning import LearningService, replay_use
    from services.questions import QuestionService
    from storage import Database

    items = [
        {
            "id": d.id,
            "application": d.application,
            "question": d.question,
            "alternates": list(d.alternates),
            "answer": d.answer,
            "tags": list(d.tags),
        }
        for d in kb
    ]
    with tempfile.TemporaryDirectory(prefix="vraagbaak-bench-") as tmp:
        db = Database(f"sqlite+aiosqlite:///{Path(tmp) / 'bench.db'}")
        faq = FaqService(db, use_embeddings=use)
        try:
            await db.upgrade()
            await faq.import_entries(items)
            approved = await replay_use(faq, QuestionService(db), LearningService(db), past)
            exported = {e["id"]: e["learned"] for e in await faq.export_entries(learned=True)}
            out_of_scope = await faq.out_of_scope()
        finally:
            faq.close()
            await db.dispose()
    return [FaqDoc(**{**d.__dict__, "learned": tuple(exported.get(d.id, ()))}) for d in kb], approved, out_of_scope


def learn_section(kb: list[FaqDoc], dev: list[dict], use: bool, cache: dict, big: bool) -> dict:
    """Learn from one dev half, score the other, both ways; then latency with 1,000 learned phrasings."""
    print("  -- learning from use (learn from one dev half through the learning path, score the other)")
    print("  learning targets      " + "  ".join(f"{k} {v}" for k, v in LEARN_TARGETS.items()))
    halves = {"even": dev[0::2], "odd": dev[1::2]}
    out: dict = {}
    for learn, score in (("even", "odd"), ("odd", "even")):
        t = time.perf_counter()
        docs, approved, out_of_scope = asyncio.run(learned_run(kb, halves[learn], use))
        replay = time.perf_counter() - t
        matcher = Matcher.build(docs, use_embeddings=use, vector_cache=cache, out_of_scope=out_of_scope)
        scores, preds, _ = evaluate(matcher, halves[score])
        show(f"learn {learn} -> {score}", scores)
        out[f"learn_{learn}_score_{score}"] = {**scores, "top_right": top_right(preds)}
        ranked = [p for p in preds if p["expect"] is not None]
        top = sum(p["entries"][:1] == [p["expect"]] for p in ranked) / max(len(ranked), 1)
        print(
            f"  {'':<22}{approved} phrasings learned, {len(out_of_scope)} closed as 'geen FAQ' "
            f"(replay {replay:.1f} s); top entry right (any outcome) {top:.3f}; calibration {matcher.calibration}"
        )
    rng = random.Random(11)
    pool = [q["q"] for q in dev]
    learned: dict[str, list[str]] = {}
    for index in range(1000):  # real question texts with a word dropped or swapped, spread over the entries
        words = rng.choice(pool).split()
        if len(words) > 2:
            words.pop(rng.randrange(len(words)))
        learned.setdefault(kb[index % len(kb)].id, []).append(" ".join(words) + f" {index}")
    docs = [FaqDoc(**{**d.__dict__, "learned": tuple(learned.get(d.id, ()))}) for d in kb]
    t = time.perf_counter()
    matcher = Matcher.build(docs, use_embeddings=use, vector_cache=cache)
    build = time.perf_counter() - t
    _, _, lat = evaluate(matcher, dev)
    print(f"  municipal KB + 1,000 learned phrasings: build {build:.1f} s, latency {pct(lat)} (p50 <= 25, p99 <= 50)")
    if big:
        big_docs = synthetic_kb(kb, 5000)
        big_docs = [FaqDoc(**{**d.__dict__, "learned": tuple(learned.get(d.id, ()))}) for d in big_docs]
        t = time.perf_counter()
        bm = Matcher.build(big_docs, use_embeddings=use, vector_cache=cache)
        bt = time.perf_counter() - t
        _, _, blat = evaluate(bm, dev)
        print(f"  5k KB + 1,000 learned phrasings: build {bt:.1f} s (<= 60), latency {pct(blat)} (p99 <= 100)")
    return out


def run(bench: Path, mode: str, big: bool, store: dict, learn: bool = False) -> dict:
    """Run every measurement for one mode; return the quality scores per question set."""
    use = mode == "hybrid"
    print(f"== mode: {mode}")
    kb, dev = load_kb_yaml(bench / "municipal-kb.yaml"), load_questions_jsonl(bench / "municipal-dev.jsonl")
    cache = store
    t = time.perf_counter()
    matcher = Matcher.build(kb, use_embeddings=use, vector_cache=cache)
    build = time.perf_counter() - t
    print(
        f"  municipal KB: {len(kb)} entries, cold build+calibration {build:.1f} s, hybrid={matcher.hybrid}, "
        f"thresholds answer={matcher.threshold_answer:.3f} suggest={matcher.threshold_suggest:.2f}"
    )
    if matcher.hybrid:
        t = time.perf_counter()
        Matcher.build(kb, use_embeddings=use, vector_cache=cache)
        print(
            f"  second build with the warm vector cache ({len(cache)} vectors, {EMBEDDING_ID}): "
            f"{time.perf_counter() - t:.1f} s"
        )
    print(f"  calibration: {matcher.calibration}")
    print("  targets               " + "  ".join(f"{k} {v}" for k, v in TARGETS.items()))
    lat, dev_scores = quality(matcher, "municipal dev", dev)
    print(f"  {'':<22}targets p50 <= 25, p99 <= 50 (measured {pct(lat)})")
    _, stress_scores = quality(matcher, "dev, perturbed", perturbed(dev))
    if matcher.hybrid:
        embedder = matcher._embedder
        assert embedder is not None, "a hybrid matcher has one"
        for label, texts, is_query in (
            ("answer (clipped)", [d.answer for d in kb[:10]], False),
            ("phrasing", [p for d in kb[:10] for p in d.alternates][:20], True),
        ):
            t = time.perf_counter()
            embedder.encode(texts, is_query, {})
            per = (time.perf_counter() - t) / len(texts)
            print(f"  embedding cost: {per * 1000:.0f} ms per {label}")
    xkb, xq = load_kb_yaml(bench / "xsid-nl/kb.yaml"), load_questions_jsonl(bench / "xsid-nl/queries.jsonl")
    t = time.perf_counter()
    xm = Matcher.build(xkb, use_embeddings=use, vector_cache=store)
    print(
        f"  xSID-nl: build {time.perf_counter() - t:.1f} s, thresholds answer={xm.threshold_answer:.3f}; "
        f"target top1 >= 0.85 with wrong_answer <= 0.05"
    )
    _, xsid_scores = quality(xm, "xSID-nl", xq)
    learned = learn_section(kb, dev, use, cache, big) if learn else {}
    if big:
        docs = synthetic_kb(kb, 5000)
        big_cache: dict = {}
        t = time.perf_counter()
        bm = Matcher.build(docs, use_embeddings=use, vector_cache=big_cache)
        bt = time.perf_counter() - t
        _, _, blat = evaluate(bm, dev)
        print(
            f"  5k KB (texts recombined from the municipal KB: {len(big_cache)} distinct vectors): "
            f"build+calibration {bt:.1f} s (target <= 60), latency {pct(blat)} (target p99 <= 100)"
        )
        if bm.hybrid:
            t = time.perf_counter()
            Matcher.build(docs, use_embeddings=use, vector_cache=big_cache)
            print(f"  5k KB second build with the warm vector cache: {time.perf_counter() - t:.1f} s")
        del bm
    print(
        f"  process RSS now: {rss_mb():.0f} MB, peak {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB"
    )
    return {
        "dev": dev_scores,
        "dev_perturbed": stress_scores,
        "xsid": xsid_scores,
        "threshold_answer": matcher.threshold_answer,
        **learned,
    }


def override(assignment: str) -> None:
    """Apply one --set MODULE.NAME=VALUE to an already defined constant of matching/."""
    target, _, literal = assignment.partition("=")
    module_name, _, name = target.rpartition(".")
    if not module_name.startswith("matching.") or not literal:
        raise SystemExit(f"--set wants matching.MODULE.NAME=VALUE, got {assignment!r}")
    module = importlib.import_module(module_name)
    if not hasattr(module, name):
        raise SystemExit(f"--set: {module_name} has no {name}")
    setattr(module, name, ast.literal_eval(literal))
    print(f"  A/B: {module_name}.{name} = {getattr(module, name)!r}")


def main() -> int:
    """Entry point."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--bench", default=str(Path(__file__).resolve().parents[2] / "shared" / "bench"))
    parser.add_argument("--mode", choices=("hybrid", "lexical", "both"), default="both")
    parser.add_argument("--skip-5k", action="store_true")
    parser.add_argument("--set", action="append", default=[], metavar="MODULE.NAME=VALUE")
    parser.add_argument("--json", metavar="FILE")
    parser.add_argument("--vector-store", metavar="FILE")
    parser.add_argument("--learn", action="store_true", help="add the learning-from-use section")
    args = parser.parse_args()
    assert isinstance(sys.stdout, io.TextIOWrapper), "a script's stdout"
    sys.stdout.reconfigure(line_buffering=True)
    bench = Path(args.bench)
    if not (bench / "municipal-kb.yaml").exists():
        print(f"bench data not found at {bench}; skipping")
        return 0
    for assignment in args.set:
        override(assignment)
    store_path = Path(args.vector_store) if args.vector_store else None
    stored: dict = pickle.loads(store_path.read_bytes()) if store_path and store_path.exists() else {}
    store = stored.setdefault(EMBEDDING_ID, {})  # vectors of another model or truncation are never reused
    results = {}
    for mode in ("lexical", "hybrid") if args.mode == "both" else (args.mode,):
        results[mode] = run(bench, mode, not args.skip_5k, store, args.learn)
    if store_path:
        store_path.write_bytes(pickle.dumps(stored))
    if args.json:
        Path(args.json).write_text(json.dumps({"set": args.set, **results}, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
