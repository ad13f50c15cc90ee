"""Process helpers shared by the benchmark scripts: core pinning and the fake Bot Connector in its own process."""

from __future__ import annotations

import os
from typing import Any

SERVER_CORE = 0
"""The server under test runs here."""
CLIENT_CORE = 1
"""The load generator and the fake connector share this one."""
NO_PIN = "VRAAGBAAK_BENCH_NO_PIN"
"""Set to 1 (the scripts' --no-pin does) to let the processes run on any core; spawned processes inherit it."""


def pin(core: int) -> bool:
    """Pin this process to `core` when the machine has it and pinning is not switched off."""
    if os.environ.get(NO_PIN) == "1":
        return False
    try:
        if core < (os.cpu_count() or 1):
            os.sched_setaffinity(0, {core})
            return True
    except (AttributeError, OSError):
        pass
    return False


def connector_main(conn: Any) -> None:
    """Serve the fake Bot Connector (not recording: constant memory) and answer 'count' / 'stop' over the pipe."""
    pin(CLIENT_CORE)
    from tests.support.fake_connector import FakeConnector

    fake = FakeConnector(record=False).start()
    conn.send(fake.url)
    while True:
        command = conn.recv()
        if command == "count":
            conn.send(fake.count())
        elif command == "stop":
            fake.stop()
            conn.send("stopped")
            return
