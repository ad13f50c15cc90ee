"""The `vraagbaak` command line: db, faq import/export/ask/eval, manifest."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile

import pytest

import cli
from tests.support.requirements import ROOT, require_shared

SAMPLE = ROOT / "samples" / "faq.yaml"


@pytest.fixture
def env(tmp_path, monkeypatch):
    """A fresh SQLite file for the CLI, and no stray bot registration from the developer's shell."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path / 'cli.db'}")
    monkeypatch.setenv("VRAAGBAAK_MATCHER", "lexical")
    for name in ("BOT_ID", "BOT_PASSWORD", "MicrosoftAppId", "MicrosoftAppPassword"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path


def test_import_export_round_trip_all_formats(env, capsys):
    assert cli.main(["db", "upgrade"]) == 0
    assert cli.main(["faq", "import", str(SAMPLE)]) == 0
    assert "0 ongewijzigd" in capsys.readouterr().out
    assert cli.main(["faq", "import", str(SAMPLE)]) == 0
    assert " 0 nieuw, 0 bijgewerkt" in capsys.readouterr().out
    for suffix in ("yaml", "csv", "xlsx"):
        out = env / f"export.{suffix}"
        assert cli.main(["faq", "export", str(out)]) == 0
        assert out.stat().st_size > 0
    assert cli.main(["faq", "import", str(env / "export.xlsx")]) == 0
    assert " 0 nieuw, 0 bijgewerkt" in capsys.readouterr().out


def test_bad_file_is_refused_whole(env, capsys):
    bad = env / "bad.csv"
    bad.write_text(
        "id,application,question,alternates,answer,tags\n"
        "nieuw-1,Werkplek,Vraag een?,,Antwoord,\n"
        "nieuw-2,Werkplek,Vraag twee?,,,\n",
        encoding="utf-8",
    )
    assert cli.main(["faq", "import", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "3" in err and "answer" in err
    assert cli.main(["faq", "export", str(env / "after.yaml")]) == 0
    assert "nieuw-1" not in (env / "after.yaml").read_text(encoding="utf-8")


def test_ask_prints_decision_with_scores(env, capsys):
    cli.main(["faq", "import", str(SAMPLE)])
    capsys.readouterr()
    assert cli.main(["faq", "ask", "ww vergeten, hoe kom ik er weer in?"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Besluit: ") and "wachtwoord" in out


def test_ask_on_empty_faq_says_how_to_fill_it(env, capsys):
    assert cli.main(["faq", "ask", "hallo"]) == 1
    assert "vraagbaak faq import" in capsys.readouterr().err


def test_eval_json_on_the_sample_faq(env, tmp_path, capsys):
    questions = tmp_path / "q.jsonl"
    questions.write_text(
        "\n".join(
            json.dumps(q)
            for q in [
                {"q": "ww vergeten, hoe kom ik er weer in?", "expect": None},
                {"q": "hoeveel verlofuren heb ik nog over dit jaar", "expect": None},
            ]
        ),
        encoding="utf-8",
    )
    assert cli.main(["faq", "eval", "--kb", str(SAMPLE), "--questions", str(questions), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert set(result) >= {"top1", "found", "wrong_answer", "escalation_recall", "false_escalation", "predictions"}
    assert [p["q"] for p in result["predictions"]] == [
        "ww vergeten, hoe kom ik er weer in?",
        "hoeveel verlofuren heb ik nog over dit jaar",
    ]
    assert all(p["outcome"] in ("answered", "suggested", "unknown") for p in result["predictions"])


def test_eval_on_the_bench_kb_through_the_console_script(env):
    kb = require_shared("bench", "municipal-kb.yaml")
    questions = require_shared("bench", "municipal-dev.jsonl")
    result = subprocess.run(
        [sys.executable, "-m", "cli", "faq", "eval", "--kb", str(kb), "--questions", str(questions), "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    scores = json.loads(result.stdout)
    assert len(scores["predictions"]) == sum(1 for line in questions.read_text().splitlines() if line.strip())
    # the words-only matcher (the fixture's setting): few wrong answers, most questions found
    assert scores["wrong_answer"] <= 0.05 and scores["escalation_recall"] >= 0.90 and scores["found"] >= 0.85


def test_manifest_build_needs_a_bot_id_and_writes_a_zip(env, capsys):
    assert cli.main(["manifest", "build"]) == 2
    assert "BOT_ID" in capsys.readouterr().err
    out = env / "app.zip"
    assert cli.main(["manifest", "build", "--bot-id", "0f3c2a51-7d1e-4c55-9a8b-2b6f1e0d4c77", "--out", str(out)]) == 0
    with zipfile.ZipFile(out) as package:
        manifest = json.loads(package.read("manifest.json"))
    assert manifest["bots"][0]["botId"] == "0f3c2a51-7d1e-4c55-9a8b-2b6f1e0d4c77"


@pytest.mark.parametrize(
    "language, expected",
    [
        (None, "iemand aan een groep toevoegen"),
        ("en", "put someone in a group"),
        ("xx", "iemand aan een groep toevoegen"),
    ],
)
def test_help_comes_from_the_catalogue_in_the_configured_language(env, capsys, monkeypatch, language, expected):
    if language is None:
        monkeypatch.delenv("DEFAULT_LANGUAGE", raising=False)
    else:
        monkeypatch.setenv("DEFAULT_LANGUAGE", language)
    with pytest.raises(SystemExit):
        cli.main(["groups", "member", "--help"])
    assert expected in capsys.readouterr().out
