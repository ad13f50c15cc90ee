"""A start that fails says so in one line; `vraagbaak serve` says it listens only once it does."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import threading
import urllib.request
from pathlib import Path

import pytest

import cli
from i18n import t
from tests.support.requirements import ROOT

SERVE = ["serve", "--port"]
COMMANDS = {
    "serve": SERVE,
    "db upgrade": ["db", "upgrade"],
    "faq import": ["faq", "import", str(ROOT / "samples" / "faq.yaml")],
    "groups import": ["groups", "import", str(ROOT / "samples" / "groups.csv")],
    "groups list": ["groups", "list"],
}


def free_port() -> int:
    """A port nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run_cli(argv: list[str], database_url: str, cwd: Path) -> subprocess.CompletedProcess:
    """`python -m cli ...` with only DATABASE_URL set (serve gets a free port), as the console script runs it."""
    if argv == SERVE:
        argv = [*SERVE, str(free_port())]
    return subprocess.run(
        [sys.executable, "-m", "cli", *argv],
        cwd=cwd,
        env=cli_env(database_url),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def cli_env(database_url: str) -> dict[str, str]:
    return {
        "PATH": "/usr/bin:/bin",
        "PYTHONPATH": str(ROOT),
        "DATABASE_URL": database_url,
        "VRAAGBAAK_MATCHER": "lexical",
    }


def assert_one_line(result: subprocess.CompletedProcess, *needles: str) -> str:
    """Non-zero exit, one line on stderr naming `needles`, no traceback, and no 'luistert op'."""
    assert result.returncode != 0, result.stdout
    assert "Traceback" not in result.stderr
    assert result.stderr.endswith("\n") and result.stderr.count("\n") == 1, result.stderr
    assert "luistert op" not in result.stdout + result.stderr
    assert all(needle in result.stderr for needle in needles), result.stderr
    return result.stderr.strip()


@pytest.fixture
def migrated(tmp_path, monkeypatch) -> Path:
    """A migrated SQLite file."""
    path = tmp_path / "vraagbaak.db"
    monkeypatch.setenv("DATABASE_URL", f"sqlite+aiosqlite:///{path}")
    assert cli.main(["db", "upgrade"]) == 0
    return path


@pytest.mark.parametrize("command", ["serve", "db upgrade", "faq import", "groups import"])
def test_a_postgres_that_is_not_running_is_one_line(command, tmp_path):
    port = free_port()
    result = run_cli(COMMANDS[command], f"postgresql+asyncpg://postgres:geheim@127.0.0.1:{port}/x", tmp_path)
    line = assert_one_line(
        result, "niet bereikbaar", f"postgresql+asyncpg://postgres:***@127.0.0.1:{port}/x", "DATABASE_URL"
    )
    assert "geheim" not in line


@pytest.mark.parametrize("command", ["serve", "db upgrade", "groups list"])
def test_a_read_only_sqlite_file_is_one_line(command, migrated, tmp_path):
    # Root ignores file permissions, so open the file read-only the way SQLite does for a user who may not write it.
    result = run_cli(COMMANDS[command], f"sqlite+aiosqlite:///file:{migrated}?mode=ro&uri=true", tmp_path)
    assert_one_line(result, "niet schrijfbaar", "readonly", str(migrated), str(migrated.parent))


@pytest.mark.parametrize("command", ["serve", "faq import"])
def test_a_sqlite_folder_that_cannot_be_made_is_one_line(command, tmp_path):
    (tmp_path / "data").write_text("a file where the folder should be")
    result = run_cli(COMMANDS[command], f"sqlite+aiosqlite:///{tmp_path / 'data' / 'vraagbaak.db'}", tmp_path)
    assert_one_line(result, "niet schrijfbaar", str(tmp_path / "data"))


def test_the_one_line_comes_from_the_catalogue_in_the_configured_language(tmp_path):
    port = free_port()
    url = f"postgresql+asyncpg://postgres@127.0.0.1:{port}/x"
    result = subprocess.run(
        [sys.executable, "-m", "cli", "db", "upgrade"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**cli_env(url), "DEFAULT_LANGUAGE": "en"},
    )
    head, tail = t("cli.db.unreachable", "en", url=url, detail="DETAIL").split("DETAIL")
    assert result.returncode == 1 and result.stderr.startswith(head) and result.stderr.endswith(tail + "\n")


def test_serve_says_it_listens_once_it_does_and_a_second_one_on_its_port_says_why_not(migrated, tmp_path):
    port = free_port()
    url = f"sqlite+aiosqlite:///{migrated}"
    server = subprocess.Popen(
        [sys.executable, "-m", "cli", *SERVE, str(port)],
        cwd=tmp_path,
        env=cli_env(url),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    stdout = server.stdout
    assert stdout is not None
    try:
        first: list[str] = []
        reader = threading.Thread(target=lambda: first.append(stdout.readline()), daemon=True)
        reader.start()
        reader.join(timeout=60)
        assert first and first[0] == t("cli.serving", "nl", host="127.0.0.1", port=port) + "\n"
        with socket.create_connection(("127.0.0.1", port), timeout=5):
            pass  # already listening when it said so (a refused connection raises)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=10) as response:
            assert response.status == 200

        busy = run_cli([*SERVE, str(port)], url, tmp_path)
        assert_one_line(busy, f"127.0.0.1:{port}", "--port")
    finally:
        server.send_signal(signal.SIGINT)
        _, err = server.communicate(timeout=60)
    assert server.returncode == 0 and "Traceback" not in err
