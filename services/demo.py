"""`vraagbaak demo`: run the bot and the Microsoft 365 Agents Playground side by side."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from i18n import t

ROOT = Path(__file__).resolve().parents[1]
PLAYGROUND_CLI = ROOT / "node_modules" / "@microsoft" / "m365agentsplayground" / "cli.js"
PLAYGROUND_CONFIG = ROOT / ".m365agentsplayground.yml"
READY_TIMEOUT = 180.0
_LISTENING = re.compile(r"Listening on (\d+)")


class DemoError(RuntimeError):
    """A child could not be started or did not become ready; the message is for the user."""


@dataclass
class Child:
    """A supervised child process and where its output goes."""

    name: str
    process: subprocess.Popen
    log: Path | None = None
    port: int | None = None
    _port_seen: threading.Event = field(default_factory=threading.Event, repr=False)

    def exited(self) -> int | None:
        """Exit code, or None while it runs."""
        return self.process.poll()


def port_free(host: str, port: int) -> bool:
    """True when nothing listens on host:port."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        return probe.connect_ex((host, port)) != 0


def free_port(host: str = "127.0.0.1") -> int:
    """A port the OS considers free right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def check_playground(lang: str = "nl") -> str:
    """Path of `node`; raises DemoError telling to run scripts/setup.sh when Node or the package is missing."""
    node = shutil.which("node")
    if node is None:
        raise DemoError(t("demo.node_missing", lang))
    if not PLAYGROUND_CLI.is_file():
        raise DemoError(t("demo.playground_missing", lang, path=PLAYGROUND_CLI.parent))
    return node


def bot_command(host: str, port: int) -> list[str]:
    """Command line that runs `vraagbaak serve` with this interpreter."""
    return [sys.executable, "-m", "cli", "serve", "--host", host, "--port", str(port)]


def demo_bot_env(base: dict[str, str] | None = None) -> dict[str, str]:
    """Environment for the demo's bot: Dutch in the Playground (which reports en-US), warnings and errors logged."""
    env = dict(os.environ if base is None else base)
    env.setdefault("FOLLOW_TEAMS_LOCALE", "false")
    env.setdefault("LOG_LEVEL", "WARNING")  # the terminal shows what to open and how to stop, and what goes wrong
    return env


def start_bot(
    argv: list[str], *, env: dict[str, str] | None = None, cwd: Path | None = None, log: Path | None = None
) -> Child:
    """Start the bot in its own session; output to `log` or inherited."""
    out = open(log, "ab") if log else None  # closed by the child's lifetime
    process = subprocess.Popen(
        argv,
        env=env,
        cwd=cwd,
        stdout=out,
        stderr=subprocess.STDOUT if out else None,
        stdin=subprocess.DEVNULL,
        start_new_session=True,
    )
    if out:
        out.close()
    return Child("Vraagbaak", process, log)


def playground_env(log: Path, base: dict[str, str] | None = None, config: Path = PLAYGROUND_CONFIG) -> dict[str, str]:
    """Environment for the Playground: no browser, its log in `log`, our mock tenant."""
    env = dict(os.environ if base is None else base)
    env["TEAMSAPPTESTER_BROWSER"] = "none"
    env["M365_AGENTS_PLAYGROUND_LOGFILE"] = str(log)
    if config.is_file():
        env["M365_AGENTS_PLAYGROUND_CONFIG_PATH"] = str(config)
    return env


def start_playground(
    bot_url: str, port: int, *, log: Path, env: dict[str, str] | None = None, cwd: Path | None = None, lang: str = "nl"
) -> Child:
    """Start the Playground for `bot_url`; its real port is read from its first line of output."""
    node = check_playground(lang)
    argv = [node, str(PLAYGROUND_CLI), "-e", bot_url, "-c", "msteams", "-p", str(port), "--disable-telemetry"]
    log.parent.mkdir(parents=True, exist_ok=True)
    process = subprocess.Popen(
        argv,
        env=playground_env(log, env),
        cwd=cwd or log.parent,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    child = Child("Microsoft 365 Agents Playground", process, log)
    threading.Thread(target=_read_port, args=(child,), daemon=True).start()
    return child


def _read_port(child: Child) -> None:
    """Note the port from 'Listening on N' (it falls back to a random port when busy), then drain."""
    assert child.process.stdout is not None, "started with stdout=PIPE"
    for raw in child.process.stdout:
        match = _LISTENING.search(raw.decode(errors="replace"))
        if match and child.port is None:
            child.port = int(match.group(1))
            child._port_seen.set()
    child._port_seen.set()


def _http_ok(url: str) -> bool:
    """True when GET url answers 2xx."""
    try:
        with urllib.request.urlopen(url, timeout=2) as response:  # loopback only
            return 200 <= response.status < 300
    except (urllib.error.URLError, OSError):
        return False


def wait_ready(
    child: Child, url_for: Callable[[Child], str | None], *, timeout: float = READY_TIMEOUT, lang: str = "nl"
) -> str:
    """Poll until `url_for(child)` answers 2xx; raise DemoError if the child exits or time runs out."""
    deadline = time.monotonic() + timeout
    while True:
        code = child.exited()
        if code is not None:
            raise DemoError(t("demo.exited_early", lang, name=child.name, code=code, log=child.log or "-"))
        url = url_for(child)
        if url and _http_ok(url):
            return url
        if time.monotonic() > deadline:
            raise DemoError(t("demo.timeout", lang, name=child.name, seconds=int(timeout), log=child.log or "-"))
        time.sleep(0.1)


def playground_url(child: Child, host: str = "127.0.0.1") -> str | None:
    """UI address once the Playground has said which port it took."""
    return f"http://{host}:{child.port}" if child.port else None


def stop(*children: Child, timeout: float = 10.0) -> None:
    """SIGTERM each child's process group, then SIGKILL what is still running after `timeout`."""
    for child in children:
        if child.exited() is None:
            _signal_group(child.process, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    for child in children:
        try:
            child.process.wait(max(0.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            _signal_group(child.process, signal.SIGKILL)
            child.process.wait()


def _signal_group(process: subprocess.Popen, sig: int) -> None:
    """Send `sig` to the child's process group (it runs in its own session)."""
    try:
        os.killpg(process.pid, sig)
    except ProcessLookupError:
        pass


def run_demo(
    host: str = "127.0.0.1",
    port: int = 3978,
    playground_port: int = 56150,
    lang: str = "nl",
    bot_argv: list[str] | None = None,
) -> int:
    """Run bot + Playground until Ctrl-C or SIGTERM; returns the exit code for `vraagbaak demo`."""
    try:
        check_playground(lang)
        if not port_free(host, port):
            raise DemoError(t("demo.port_busy", lang, host=host, port=port))
    except DemoError as error:
        print(error, file=sys.stderr)
        return 2

    def on_sigterm(_signum, _frame):
        raise KeyboardInterrupt  # Ctrl-C and SIGTERM both end the demo through the same path

    previous = {sig: signal.signal(sig, on_sigterm) for sig in (signal.SIGTERM, signal.SIGINT)}
    children: list[Child] = []
    bot_url = f"http://{host}:{port}"
    try:
        print(t("demo.starting", lang), flush=True)
        bot = start_bot(bot_argv or bot_command(host, port), env=demo_bot_env())
        children.append(bot)
        playground = start_playground(
            f"{bot_url}/api/messages", playground_port, log=Path.cwd() / "data" / "playground.log", lang=lang
        )
        children.append(playground)
        wait_ready(bot, lambda _child: f"{bot_url}/readyz", lang=lang)
        ui = wait_ready(
            playground, lambda child: f"{playground_url(child)}/_internal/v1/config" if child.port else None, lang=lang
        )
        ui = ui.removesuffix("/_internal/v1/config")
        print(t("demo.ready", lang, url=ui, bot_url=f"{bot_url}/api/messages", log=playground.log), flush=True)
        while True:
            for child in children:
                code = child.exited()
                if code is not None:
                    raise DemoError(t("demo.stopped_unexpectedly", lang, name=child.name, code=code))
            time.sleep(0.5)
    except KeyboardInterrupt:
        print(t("demo.stopping", lang), flush=True)
        return 0
    except DemoError as error:
        print(error, file=sys.stderr, flush=True)
        return 1
    finally:
        stop(*children)
        for sig, handler in previous.items():
            signal.signal(sig, handler)
