"""How well services/language.detect tells Dutch from English, and how often it leaves a message undecided.

Dutch: the questions of municipal-dev.jsonl and the xSID-nl test queries (shared/bench). English: the questions
below, written for this benchmark in the style of the Dutch ones (short, informal, misspelt), with small talk.
Undecided messages fall back to the person's choice, the last language spoken, the Teams locale: not an error,
but counted apart. Wrong = detected as the other language.

    .venv/bin/python benchmarks/language_bench.py [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from services.language import detect  # noqa: E402 - after the path above

BENCH_DIR = ROOT.parent / "shared" / "bench"
ENGLISH = """
I forgot my password, how do I get back in?
how do i reset my password
my account is locked after too many attempts
How do I set up an out of office reply in Outlook?
the authenticator app doesn't work on my new phone
Can I read my work email on my own phone?
where can I find the shared calendar of my team
how do I share a file with someone outside the municipality
Teams keeps crashing when I join a meeting
my microphone is not working in teams
How can I book a meeting room?
who do I ask about the case system
How do I close a case with the right result?
can't log in to the roster tool
I need to swap a shift with a colleague, how does that work?
Where do I request a new laptop?
the printer on the second floor is broken
how to connect to the wifi in the town hall
What are the rules for working from home?
How many days off do I have left?
Is there a training for the new system?
my onedrive is not syncing
How do I restore a deleted file from SharePoint?
Can you help me with Excel?
what is the phone number of the service desk
I lost my badge, what now?
how do i change my display name
The VPN won't connect from home
Who is my key user?
where are my questions
What can you do?
how does this work
thanks for your help
thank you very much
hello
hi there
good morning
see you tomorrow
got it, thanks
that worked, great
how do I add a colleague to a team channel
my screen stays black after the update
why can't I open attachments anymore
how long does it take before a key user answers?
I want to cancel my meeting for next week
is the case system down right now?
please reset my mfa
How do I print double sided?
which browser should I use for the case system
can I install my own software on my work laptop
""".strip().splitlines()


def _questions(path: Path) -> list[str]:
    """The questions of a shared question set (JSON lines with "q")."""
    return [json.loads(line)["q"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def score(texts: Sequence[str], expected: str) -> dict[str, float | int]:
    """Shares of `texts` detected as `expected`, as the other language, and left undecided."""
    results = [detect(text) for text in texts]
    n = len(results)
    right = sum(r == expected for r in results)
    undecided = sum(r is None for r in results)
    return {
        "n": n,
        "right": round(right / n, 3),
        "wrong": round((n - right - undecided) / n, 3),
        "undecided": round(undecided / n, 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description="Dutch or English: how well the detector tells.")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    dev, xsid = (_questions(BENCH_DIR / "municipal-dev.jsonl"), _questions(BENCH_DIR / "xsid-nl" / "queries.jsonl"))
    report = {
        "municipal-dev (nl)": score(dev, "nl"),
        "xsid-nl test (nl)": score(xsid, "nl"),
        "english (written here)": score(ENGLISH, "en"),
    }
    if args.json:
        print(json.dumps(report, indent=2))
        return
    print(f"{'set':<26}{'n':>6}{'right':>8}{'wrong':>8}{'undecided':>11}")
    for name, row in report.items():
        print(f"{name:<26}{row['n']:>6}{row['right']:>8.3f}{row['wrong']:>8.3f}{row['undecided']:>11.3f}")


if __name__ == "__main__":
    main()
