"""The benchmark scripts still run: a tiny tickets benchmark end to end (figures are not asserted)."""

from __future__ import annotations

import re
import subprocess
import sys

from tests.support.requirements import ROOT


def test_tickets_benchmark_runs_and_every_ticket_is_created():
    run = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "tickets_bench.py"), "--db", "sqlite",
                          "--tickets", "60", "--askers", "10", "--creations", "3", "--reads", "3", "--no-pin"],
                         capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert run.returncode == 0, run.stderr[-3000:]
    assert "create one at a time" in run.stdout and "FAILED" not in run.stdout, run.stdout
    created = re.search(r"created (\d+)/(\d+)", run.stdout)
    assert created and created.group(1) == created.group(2), run.stdout
