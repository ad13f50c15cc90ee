"""Cross-check candidate matcher changes on the two halves of the development set (and xSID-nl).

Usage: python benchmarks/crosscheck.py [--mode hybrid|lexical] [--base 'MODULE.NAME=VALUE ...']
    NAME='MODULE.NAME=VALUE[ MODULE.NAME=VALUE]' ...

Each candidate is one or more --set overrides of benchmarks/matching_bench.py, run against a baseline (the
code as it is, or with --base's overrides, which every candidate starts from too). A candidate is kept only when
it helps both halves of municipal-dev.jsonl (even and odd lines) within the wrong-answer and escalation bounds
and does not hurt xSID-nl; among several values of one choice, the one picked on the even half is measured on
the odd half and the other way round.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

BENCH = Path(__file__).resolve().parent / "matching_bench.py"
KEYS = ("top1", "found", "wrong_answer", "escalation_recall", "false_escalation")
MAX_WRONG, MIN_RECALL = 0.05, 0.90
XSID_SLACK = 0.005  # two of xSID-nl's 500 queries: less than that is noise, not harm


def measure(bench: str, mode: str, sets: list[str], store: Path) -> dict:
    """One bench run (no 5k KB) with the given overrides; its scores for the mode."""
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        args = [sys.executable, str(BENCH), "--bench", bench, "--mode", mode, "--skip-5k", "--json", out.name]
        args += ["--vector-store", str(store)]
        for assignment in sets:
            args += ["--set", assignment]
        subprocess.run(args, check=True, stdout=subprocess.DEVNULL)
        return json.loads(Path(out.name).read_text(encoding="utf-8"))[mode]


def within(scores: dict, base: dict) -> bool:
    """Wrong answers and escalation recall within the targets, or no worse than the baseline's."""
    return (
        scores["wrong_answer"] <= max(MAX_WRONG, base["wrong_answer"]) + 1e-9
        and scores["escalation_recall"] >= min(MIN_RECALL, base["escalation_recall"]) - 1e-9
    )


def helps(scores: dict, base: dict) -> bool:
    """Within bounds and a higher top1 (or the same top1 and more found)."""
    top1, found = scores["top1"] - base["top1"], scores["found"] - base["found"]
    return within(scores, base) and (top1 > 1e-9 or (abs(top1) <= 1e-9 and found > 1e-9))


def xsid_ok(scores: dict, base: dict) -> bool:
    """xSID-nl top1 not lower beyond noise, wrong answers within the target."""
    return scores["top1"] >= base["top1"] - XSID_SLACK and scores["wrong_answer"] <= MAX_WRONG + 1e-9


def utility(scores: dict, base: dict) -> tuple:
    """Order for picking a value on one half: within bounds first, then top1, then found."""
    return (within(scores, base), round(scores["top1"], 6), round(scores["found"], 6))


def row(name: str, result: dict) -> str:
    """A table row: even / odd / xSID-nl scores, then the perturbed dev halves (see matching_bench.perturbed)."""
    cells = []
    parts = (result["dev"]["even"], result["dev"]["odd"], result["xsid"]["all"])
    for part in (*parts, result["dev_perturbed"]["even"], result["dev_perturbed"]["odd"]):
        cells.append(" ".join(f"{part[k]:.3f}" for k in KEYS))
    return f"| {name} | " + " | ".join(cells) + " |"


def main() -> int:
    """Entry point."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--bench", default=str(BENCH.parents[2] / "shared" / "bench"))
    parser.add_argument("--mode", choices=("hybrid", "lexical"), default="hybrid")
    parser.add_argument("--base", default="", help="overrides of the baseline, applied to every candidate first")
    parser.add_argument("candidates", nargs="+", metavar="NAME='MODULE.NAME=VALUE ...'")
    args = parser.parse_args()
    candidates = {}
    for spec in args.candidates:
        name, _, sets = spec.partition("=")
        candidates[name] = args.base.split() + sets.split()
    with tempfile.TemporaryDirectory() as tmp:
        store = Path(tmp) / "vectors.pkl"
        base = measure(args.bench, args.mode, args.base.split(), store)
        results = {name: measure(args.bench, args.mode, sets, store) for name, sets in candidates.items()}
    print(f"mode {args.mode}; columns per set: {' '.join(KEYS)}")
    print("| candidate | even half | odd half | xSID-nl | perturbed even | perturbed odd | verdict |")
    print(row("baseline", base) + "  |")
    for name, result in results.items():
        even, odd = (helps(result["dev"][h], base["dev"][h]) for h in ("even", "odd"))
        xsid = xsid_ok(result["xsid"]["all"], base["xsid"]["all"])
        verdict = "keep" if even and odd and xsid else f"drop (even {even}, odd {odd}, xSID {xsid})"
        print(row(name, result) + f" {verdict} |")
    if len(results) > 1:
        for pick, check in (("even", "odd"), ("odd", "even")):
            best = max(results, key=lambda n: utility(results[n]["dev"][pick], base["dev"][pick]))
            confirmed = helps(results[best]["dev"][check], base["dev"][check])
            print(
                f"picked on the {pick} half: {best}; on the {check} half it {'helps' if confirmed else 'does not help'}"
            )
    print(json.dumps({"baseline": base, **results}), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
