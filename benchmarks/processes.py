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


def connector_main(conn: Any, rate: float | None = None, per_conversation: float | None = None) -> None:
    """Serve the fake Bot Connector (not recording: constant memory) and answer 'count' / 'stats' / 'stop' and
    ("wait_conversations", n, seconds) over the pipe; with `rate` or `per_conversation` it answers 429 + Retry-After
    above those sends per second."""
    pin(CLIENT_CORE)
    from tests.support.fake_connector import FakeConnector

    fake = FakeConnector(record=False).start()
    if rate is not None or per_conversation is not None:
        fake.limit(rate=rate, per_conversation=per_conversation)
    conn.send(fake.url)
    while True:
        command = conn.recv()
        if command == "count":
            conn.send(fake.count())
        elif isinstance(command, tuple) and command[0] == "wait_conversations":  # ("wait_conversations", n, seconds)
            conn.send(fake.wait_for(lambda c, wanted=int(command[1]): c.conversations_posted() >= wanted, command[2]))
        elif command == "stats":
            conn.send(
                {
                    "accepted": fake.accepted_sends,
                    "throttled": fake.throttled,
                    "posted": fake.posted(),
                    "conversations": fake.conversations_posted(),
                    "duplicates": fake.duplicates(),
                    "first": fake.first_send_at,
                    "last": fake.last_send_at,
                }
            )
        elif command == "stop":
            fake.stop()
            conn.send("stopped")
            return
