"""The benchmark scripts still run: tiny runs end to end (figures are not asserted)."""

from __future__ import annotations

import json
import re
import subprocess
import sys

from tests.support.requirements import ROOT, require_shared


def test_tickets_benchmark_runs_and_every_ticket_is_created():
    run = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "tickets_bench.py"),
            "--db",
            "sqlite",
            "--tickets",
            "60",
            "--askers",
            "10",
            "--creations",
            "3",
            "--reads",
            "3",
            "--no-pin",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    assert "create one at a time" in run.stdout and "FAILED" not in run.stdout, run.stdout
    created = re.search(r"created (\d+)/(\d+)", run.stdout)
    assert created and created.group(1) == created.group(2), run.stdout


def test_endpoint_benchmark_runs_and_every_reply_is_delivered():
    require_shared("bench", "municipal-kb.yaml")  # the FAQ scenario answers from the benchmark KB
    run = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "endpoint_bench.py"),
            "--only",
            "light,faq_lexical",
            "--requests",
            "40",
            "--faq-requests",
            "20",
            "--warmup",
            "5",
            "--concurrency",
            "4",
            "--no-pin",
            "--json",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    results = {r["kind"]: r for r in json.loads(run.stdout)["results"]}
    assert set(results) == {"light", "faq_lexical"}
    for result in results.values():
        assert result["delivered"] == result["expected"] == result["requests"] + result["warmup"], result
        assert result["statuses"] == {"200": result["expected"]} and result["bad_invoke_bodies"] == 0, result


def test_matching_benchmark_runs_on_the_words_only_path():
    require_shared("bench", "municipal-dev.jsonl")
    run = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "matching_bench.py"), "--mode", "lexical", "--skip-5k"],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    for line in ("municipal dev ", "xSID-nl ", "latency p50="):
        assert line in run.stdout, run.stdout


def test_matching_bench_refuses_an_override_of_a_constant_that_does_not_exist():
    run = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "matching_bench.py"), "--set", "matching.matcher.NO_SUCH=1"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )
    assert run.returncode != 0 and "has no NO_SUCH" in run.stderr


def test_crosscheck_drops_a_candidate_that_changes_nothing():
    require_shared("bench", "municipal-dev.jsonl")
    from matching.matcher import OUT_OF_SCOPE_SHARE

    run = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "crosscheck.py"),
            "--mode",
            "lexical",
            f"same=matching.matcher.OUT_OF_SCOPE_SHARE={OUT_OF_SCOPE_SHARE}",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    rows = {line.split("|")[1].strip(): line for line in run.stdout.splitlines() if line.startswith("| ")}
    assert rows["baseline"].split("|")[2:7] == rows["same"].split("|")[2:7]  # the same scores, every set
    assert "drop (even False, odd False, xSID True)" in rows["same"]


def test_fanout_benchmark_runs_every_card_arrives_once_and_every_click_is_acknowledged():
    run = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "fanout_bench.py"),
            "--db",
            "sqlite",
            "--recipients",
            "200",
            "--limit",
            "200",
            "--clicks",
            "40",
            "--clients",
            "4",
            "--no-pin",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    assert "recipients=200" in run.stdout and "lost 0, duplicates 0" in run.stdout, run.stdout
    assert "rows {'sent': 200, 'due': 0}" in run.stdout, run.stdout
    assert "acknowledged cards answered 40, rows acknowledged 40" in run.stdout, run.stdout
