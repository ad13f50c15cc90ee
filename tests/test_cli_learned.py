"""`vraagbaak faq learned` (review, policy) and `vraagbaak faq eval --learn-from` (a month of use replayed)."""

from __future__ import annotations

import asyncio
import csv
import json

import cli
from services.questions import QuestionService
from storage import Database
from tests.support.requirements import ROOT
from tests.test_cli import env  # noqa: F401  (the fixture: a fresh SQLite file for the CLI)

SAMPLE = ROOT / "samples" / "faq.yaml"
PRINTING = "kan ik thuis printen"
"""Suggested, not answered, by the sample FAQ; werkplek-printen among the suggestions."""


def picked(folder, asked: list[tuple[str, str, str]]) -> None:
    """Each (asker, question, entry): the asker picked the entry from the suggestions, as the card click records it."""

    async def work() -> None:
        db = Database(f"sqlite+aiosqlite:///{folder / 'cli.db'}")
        try:
            questions = QuestionService(db)
            for asker, text, entry in asked:
                logged = await questions.record(
                    user_key=asker,
                    user_name=None,
                    conversation_id=f"a:{asker}",
                    language="nl",
                    text=text,
                    decision=None,
                )
                await questions.choose(logged.id, entry)
        finally:
            await db.dispose()

    asyncio.run(work())


def rows(out: str) -> dict[str, int]:
    """The listed phrasings' text -> id, from `faq learned`'s rows ('#ID  ENTRY  "TEXT"  ...')."""
    found = {}
    for line in out.splitlines():
        if line.startswith("#"):
            number, _entry, text = line.split("  ")[:3]
            found[text.strip('"')] = int(number[1:])
    return found


def test_review_approve_reject_and_the_policy(env, capsys):  # noqa: F811
    assert cli.main(["db", "upgrade"]) == 0
    assert cli.main(["faq", "import", str(SAMPLE)]) == 0
    assert cli.main(["faq", "learned"]) == 0
    out = capsys.readouterr().out
    assert "na 2 onafhankelijke bevestigingen" in out and "Er wachten geen geleerde formuleringen" in out

    picked(env, [("aad-anna", PRINTING, "werkplek-printen"), ("aad-esra", "printer thuis instellen", "werkplek-vpn")])
    assert cli.main(["faq", "learned"]) == 0
    listed = rows(capsys.readouterr().out)
    assert set(listed) == {PRINTING, "printer thuis instellen"}

    assert cli.main(["faq", "learned", "--approve", str(listed[PRINTING])]) == 0
    assert "is nu in gebruik" in capsys.readouterr().out
    assert cli.main(["faq", "learned", "--reject", str(listed["printer thuis instellen"])]) == 0
    assert "is nu afgewezen" in capsys.readouterr().out
    assert cli.main(["faq", "learned"]) == 0
    assert rows(capsys.readouterr().out) == {}
    assert cli.main(["faq", "learned", "--approve", "999"]) == 1
    assert "#999 bestaat niet" in capsys.readouterr().err

    # the FAQ export shows the approved phrasing in its own column, never the rejected one
    assert cli.main(["faq", "export", str(env / "faq.csv")]) == 0
    with (env / "faq.csv").open(encoding="utf-8-sig") as handle:  # with the BOM Excel needs
        learned = {row["id"]: row["learned"] for row in csv.DictReader(handle)}
    assert learned["werkplek-printen"] == PRINTING and learned["werkplek-vpn"] == ""

    assert cli.main(["faq", "learned", "--auto-approve-after", "-1"]) == 1
    assert "0 of meer" in capsys.readouterr().err
    assert cli.main(["faq", "learned", "--auto-approve-after", "0"]) == 0
    assert "na 0 onafhankelijke bevestigingen" in capsys.readouterr().out

    picked(env, [("aad-bram", "thuis printen gaat niet", "werkplek-printen")])
    assert cli.main(["faq", "learned", "--approve-all"]) == 0
    assert "1 geleerde formuleringen goedgekeurd" in capsys.readouterr().out


def test_eval_learns_from_past_use_before_scoring(env, tmp_path, capsys):  # noqa: F811
    def jsonl(name: str, items: list[dict]) -> str:
        path = tmp_path / name
        path.write_text("\n".join(json.dumps(item) for item in items), encoding="utf-8")
        return str(path)

    past = jsonl(
        "past.jsonl",
        [
            {"q": PRINTING, "expect": "werkplek-printen"},  # suggested: picked and 'nuttig'
            {"q": "hoeveel verlofuren heb ik nog over dit jaar", "expect": None},  # out of scope: 'geen FAQ'
        ],
    )
    questions = jsonl(
        "questions.jsonl",
        [{"q": PRINTING, "expect": "werkplek-printen"}, {"q": "hoeveel verlofuren heb ik nog over dit jaar"}],
    )
    command = ["faq", "eval", "--kb", str(SAMPLE), "--questions", questions, "--json"]

    assert cli.main(command) == 0
    without = json.loads(capsys.readouterr().out)
    before = without["predictions"]
    assert before[0]["outcome"] == "suggested" and "werkplek-printen" in before[0]["entries"]

    assert cli.main([*command, "--learn-from", past]) == 0
    after = json.loads(capsys.readouterr().out)
    assert (after["predictions"][0]["outcome"], after["predictions"][0]["entries"][0]) == (
        "answered",
        "werkplek-printen",
    )
    assert after["predictions"][1]["outcome"] == before[1]["outcome"], (
        "closed as geen FAQ, it is a real negative: still not answered"
    )
    assert after["top1"] == 1.0 > without["top1"]


def test_questions_closed_as_geen_faq_are_listed_and_can_be_rejected(env, capsys):  # noqa: F811
    from services.learning import LearningService

    assert cli.main(["db", "upgrade"]) == 0
    assert cli.main(["faq", "learned", "--out-of-scope"]) == 0
    assert "Er is nog geen vraag als 'geen FAQ-vraag' gesloten." in capsys.readouterr().out

    async def close(text: str, asker: str) -> None:
        db = Database(f"sqlite+aiosqlite:///{env / 'cli.db'}")
        try:
            async with db.transaction() as session:
                await LearningService.not_faq(session, text=text, asker_key=asker, decided_by="ku-kees")
        finally:
            await db.dispose()

    asyncio.run(close("wat is het wifi wachtwoord, mail me op a.b@gemeente.nl", "aad-anna"))
    asyncio.run(close("wat is het wifi wachtwoord, mail me op a.b@gemeente.nl", "aad-esra"))
    asyncio.run(close("waar staat de koffieautomaat", "aad-anna"))
    assert cli.main(["faq", "learned", "--out-of-scope"]) == 0
    out = capsys.readouterr().out
    lines = [line for line in out.splitlines() if line.startswith("#")]
    assert len(lines) == 2 and "koffieautomaat" in lines[0], "newest first"
    assert "gesloten als geen FAQ-vraag: 2 keer, in gebruik" in lines[1]
    assert "a.b@gemeente.nl" not in out, "personal data was masked before it was stored"
    wifi = int(lines[1].split()[0][1:])

    assert cli.main(["faq", "learned", "--reject", str(wifi)]) == 0
    assert f"#{wifi} is nu afgewezen:" in (said := capsys.readouterr().out) and "(gesloten als geen FAQ-vraag)" in said
    assert cli.main(["faq", "learned", "--out-of-scope"]) == 0
    assert "2 keer, afgewezen" in capsys.readouterr().out
