"""Fan-out figures: 10,000 personal cards against a fake Bot Connector that enforces the send limit like Teams.

1. SQLite, one engine process: the fake connector (own process) answers 429 + Retry-After above --limit sends/s
   (all conversations) and above 7/s into one conversation; the engine runs with SEND_RATE_LIMIT = --limit.
   Sustained rate = accepted sends / (last - first accepted send) at the connector; rate / limit (target >= 0.95);
   lost = recipients without a card; duplicates = cards beyond the first per chat (target 0 without a crash);
   CPU ms per send of the engine process (its CPU time after start-up / sends).
2. PostgreSQL (own schema, dropped afterwards), two engine processes: the same, the limit held in aggregate.

    .venv/bin/python benchmarks/fanout_bench.py [--db sqlite|postgres|both] [--recipients 10000] [--limit 500]
                                                [--concurrency 64] [--batch 100] [--no-pin]

The "Gelezen" burst (10,000 clicks from 32 clients on the real app's endpoint) is `gelezen_burst` below.
Figures only, no asserts.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing as mp
import os
import signal
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from processes import CLIENT_CORE, NO_PIN, SERVER_CORE, connector_main, pin  # noqa: E402 - benchmarks/processes.py

TARGET_RATIO = 0.95
PER_CONVERSATION = 7.0


async def open_database(kind: str, workdir: str) -> tuple[Any, list[str], Any]:
    """(Database, worker arguments naming it, async cleanup)."""
    from storage import Database
    from tests.support.postgres import new_schema

    if kind == "sqlite":
        db = Database(f"sqlite+aiosqlite:///{workdir}/fanout-bench.db")
        await db.upgrade()
        return db, ["--url", db.url], db.dispose
    db, schema, cleanup = await new_schema("fanout_bench")
    await db.upgrade()
    return db, ["--url", db.url, "--schema", schema], cleanup


async def start_engine(arguments: list[str], args: argparse.Namespace, core: int) -> asyncio.subprocess.Process:
    """An engine process (tests/support/fanout_worker.py), once it runs."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "tests.support.fanout_worker", *arguments]
    command += ["--rate", str(args.limit), "--concurrency", str(args.concurrency), "--batch", str(args.batch)]
    command += ["--lease", "120", "--poll", "0.2"]
    if os.environ.get(NO_PIN) != "1" and core < (os.cpu_count() or 1):
        command = ["taskset", "-c", str(core), *command]
    process = await asyncio.create_subprocess_exec(*command, cwd=ROOT, env=env, stdout=asyncio.subprocess.PIPE)
    assert process.stdout is not None
    line = await asyncio.wait_for(process.stdout.readline(), 120)
    if line.strip() != b"ready":
        raise RuntimeError(f"engine did not start: {line!r}")
    return process


async def stop_engine(process: asyncio.subprocess.Process) -> tuple[int, float]:
    """(sends, CPU ms after start-up) of an engine stopped with SIGTERM."""
    process.send_signal(signal.SIGTERM)
    out, _ = await asyncio.wait_for(process.communicate(), 120)
    words = out.decode().split()
    return int(words[words.index("sent") + 1]), float(words[words.index("cpu_ms") + 1])


def stats(pipe: Any) -> dict[str, Any]:
    pipe.send("stats")
    return pipe.recv()


async def fan_out(kind: str, engines: int, args: argparse.Namespace, workdir: str) -> dict[str, Any]:
    """One run: a fresh database and connector, every recipient seeded, `engines` processes until all are sent."""
    from tests.support.fanout import delivery_counts, seed_announcement, seed_people

    parent, child = mp.Pipe()
    connector = mp.Process(target=connector_main, args=(child, args.limit, PER_CONVERSATION), daemon=True)
    connector.start()
    url = parent.recv()
    db, arguments, cleanup = await open_database(kind, workdir)
    try:
        await seed_people(db, url, args.recipients)
        await seed_announcement(db, people=range(args.recipients))
        processes = [
            await start_engine(arguments, args, SERVER_CORE if i == 0 else CLIENT_CORE) for i in range(engines)
        ]
        timeout = max(60.0, 5 * args.recipients / args.limit)
        parent.send(("wait_conversations", args.recipients, timeout))
        await asyncio.to_thread(parent.recv)  # every chat has its card, or the time is up
        results = [await stop_engine(p) for p in processes]
        figures = stats(parent)
        counts = await delivery_counts(db)
    finally:
        await cleanup()
        parent.send("stop")
        parent.recv()
        connector.join(10)
    span = (figures["last"] or 0) - (figures["first"] or 0)
    rate = (figures["accepted"] - 1) / span if span > 0 else float("nan")
    sends = sum(n for n, _ in results)
    return {
        "db": kind,
        "engines": engines,
        "recipients": args.recipients,
        "limit": args.limit,
        "rate": rate,
        "ratio": rate / args.limit,
        "seconds": span,
        "lost": args.recipients - figures["conversations"],
        "duplicates": figures["duplicates"],
        "throttled": figures["throttled"],
        "cpu_ms_per_send": sum(ms for _, ms in results) / sends if sends else float("nan"),
        "rows": counts,
    }


def report(result: dict[str, Any]) -> None:
    ok = "ok" if result["ratio"] >= TARGET_RATIO and result["lost"] == 0 and result["duplicates"] == 0 else "MISSED"
    print(
        f"{result['db']:8} engines={result['engines']} recipients={result['recipients']} "
        f"limit={result['limit']:.0f}/s: "
        f"sustained {result['rate']:.1f}/s = {result['ratio']:.3f} of the limit (target >= {TARGET_RATIO}) over "
        f"{result['seconds']:.1f}s; lost {result['lost']}, duplicates {result['duplicates']}, "
        f"429s {result['throttled']}, CPU {result['cpu_ms_per_send']:.2f} ms/send; rows {result['rows']} [{ok}]",
        flush=True,
    )


async def gelezen_burst(app_url: str, clicks: list[dict[str, Any]], clients: int = 32) -> dict[str, Any]:
    """POST each prepared 'Gelezen' invoke (an Action.Execute activity) to the app's /api/messages from `clients`
    concurrent clients; latencies (ms) and statuses. Needs the acknowledgement flow of the announcements dialog."""
    import aiohttp

    latencies: list[float] = []
    statuses: dict[int, int] = {}
    queue = list(reversed(clicks))

    async def client(session: aiohttp.ClientSession) -> None:
        while queue:
            body = queue.pop()
            began = time.perf_counter()
            async with session.post(f"{app_url}/api/messages", json=body) as response:
                await response.read()
                statuses[response.status] = statuses.get(response.status, 0) + 1
            latencies.append((time.perf_counter() - began) * 1000)

    began = time.perf_counter()
    async with aiohttp.ClientSession() as session:
        await asyncio.gather(*(client(session) for _ in range(clients)))
    elapsed = time.perf_counter() - began
    ordered = sorted(latencies)
    return {
        "clicks": len(latencies),
        "per_s": len(latencies) / elapsed if elapsed else float("nan"),
        "p50": ordered[len(ordered) // 2] if ordered else float("nan"),
        "p99": ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] if ordered else float("nan"),
        "statuses": statuses,
    }


async def main(args: argparse.Namespace) -> None:
    kinds = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    with tempfile.TemporaryDirectory() as workdir:
        for kind in kinds:
            try:
                report(await fan_out(kind, 1 if kind == "sqlite" else args.engines, args, workdir))
            except RuntimeError as unreachable:
                print(f"{kind}: skipped: {unreachable}", flush=True)
    print("gelezen burst: not run (the announcements' acknowledgement flow is not on this branch)", flush=True)


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", choices=("sqlite", "postgres", "both"), default="both")
    parser.add_argument("--recipients", type=int, default=10_000)
    parser.add_argument("--limit", type=float, default=500.0)
    parser.add_argument("--concurrency", type=int, default=64)
    parser.add_argument("--batch", type=int, default=100)
    parser.add_argument("--engines", type=int, default=2, help="engine processes on PostgreSQL")
    parser.add_argument("--no-pin", action="store_true", help="let every process run on any core")
    args = parser.parse_args(argv)
    if args.no_pin:
        os.environ[NO_PIN] = "1"
    return args


if __name__ == "__main__":
    arguments = parse(sys.argv[1:])
    pin(CLIENT_CORE)
    asyncio.run(main(arguments))
