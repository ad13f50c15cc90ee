"""Fan-out figures: 10,000 personal cards against a fake Bot Connector that enforces the send limit like Teams.

1. SQLite, one engine process: the fake connector (own process) answers 429 + Retry-After above --limit sends/s
   (all conversations) and above 7/s into one conversation; the engine runs with SEND_RATE_LIMIT = --limit.
   Sustained rate = accepted sends / (last - first accepted send) at the connector; rate / limit (target >= 0.95);
   lost = recipients without a card; duplicates = cards beyond the first per chat (target 0 without a crash);
   CPU ms per send of the engine process (its CPU time after start-up / sends).
2. PostgreSQL (own schema, dropped afterwards): the same. Each database runs once per --engines count (default 1
   and 2 engine processes), the limit held in aggregate over the processes.

    .venv/bin/python benchmarks/fanout_bench.py [--db sqlite|postgres|both] [--recipients 10000] [--limit 500]
                                                [--concurrency 64] [--batch 100] [--engines 1,2] [--no-pin]

3. "Gelezen": the real app (build_app, lexical matcher, job worker and engine running) in its own process on the same
   database kinds, 10,000 people with the card in their chat; each clicks 'Gelezen' once (an Action.Execute invoke to
   /api/messages) from --clients concurrent clients. Clicks/s, latency p50/p99, statuses, answers that are the
   reader's acknowledged card, rows acknowledged, server CPU ms per click.

    .venv/bin/python benchmarks/fanout_bench.py [...] [--clicks 10000] [--clients 32]   (--recipients 0 / --clicks 0
                                                                                          leave a part out)
Figures only, no asserts.

'Gelezen' figures (--recipients 0 --clicks 10000 --clients 32, 2 shared cores; docs/announcements.md has the path):
before 82/s SQLite (p99 701 ms, 11.25 ms CPU/click), 53/s PostgreSQL (p99 4166 ms, 7.02 ms); after, at load ~5,
444/s SQLite (p99 116 ms, 2.00 ms), 261/s PostgreSQL (p99 225 ms, 1.84 ms); at load 7-13 232-277/s and 73-90/s;
2026-12-04 (no person look-up per click, PostgreSQL pings only idle connections): 742/s SQLite (p99 111 ms,
1.12 ms), 574/s PostgreSQL with 5,000 clicks (p99 178 ms, 0.93 ms).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import multiprocessing as mp
import os
import signal
import sys
import tempfile
import time
import uuid
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
        db = Database(f"sqlite+aiosqlite:///{workdir}/fanout-bench-{uuid.uuid4().hex[:8]}.db")  # a fresh one per run
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


def app_main(spec: dict[str, Any], conn: Any) -> None:
    """The real app (build_app, matcher lexical, job worker and fan-out engine running) on a free port of
    127.0.0.1 in this process; 'cpu' answers its process time, anything else stops it."""
    pin(SERVER_CORE)
    logging.basicConfig(level=logging.WARNING)
    asyncio.run(_serve(spec, conn))


async def _serve(spec: dict[str, Any], conn: Any) -> None:
    from aiohttp import web

    from app import INDEX_TASK, build_app
    from config import Settings
    from storage import Database
    from tests.support.postgres import in_schema

    db = in_schema(spec["schema"], spec["url"]) if spec["schema"] else Database(spec["url"])
    app = build_app(Settings(matcher="lexical", log_level="WARNING"), database=db, freeze_gc=True)

    async def index_built(application: web.Application) -> None:
        await application[INDEX_TASK]

    app.on_startup.append(index_built)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    conn.send({"port": runner.addresses[0][1]})
    loop = asyncio.get_running_loop()
    while await loop.run_in_executor(None, conn.recv) == "cpu":
        conn.send(time.process_time())
    await runner.cleanup()
    await db.dispose()
    conn.send("stopped")


def gelezen_clicks(service_url: str, data: dict[str, Any], people: int) -> list[dict[str, Any]]:
    """Each person's click on 'Gelezen' of the card in their chat: the Action.Execute invokes Teams sends."""
    from tests.support.activities import card_action, personal_chat
    from tests.support.fanout import chat, person

    return [
        card_action(
            service_url,
            "announcement.ack",
            data,
            id=f"click-{i}",
            locale="nl-NL",
            **{
                "from": {"id": f"29:{person(i)}", "name": f"Medewerker {i}", "aadObjectId": person(i)},
                "conversation": personal_chat(chat(i)),
            },
        )
        for i in range(people)
    ]


def _acknowledged_card(answer: str, acknowledged: str) -> bool:
    """The invoke's answer is a card that shows the click acknowledged."""
    try:
        body = json.loads(answer)
    except ValueError:
        return False
    return body.get("type") == "application/vnd.microsoft.card.adaptive" and acknowledged in json.dumps(
        body.get("value"), ensure_ascii=False
    )


async def gelezen_burst(app_url: str, clicks: list[dict[str, Any]], clients: int = 32) -> dict[str, Any]:
    """POST each 'Gelezen' invoke to the app's /api/messages from `clients` concurrent clients: clicks per second,
    latency percentiles (ms), statuses, and how many answers were the reader's card showing it acknowledged."""
    import aiohttp

    from i18n import t

    acknowledged = t("announcement.card.acknowledged", "nl")
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    cards = 0
    queue = list(reversed(clicks))

    async def client(session: aiohttp.ClientSession) -> None:
        nonlocal cards
        while queue:
            body = queue.pop()
            began = time.perf_counter()
            async with session.post(f"{app_url}/api/messages", json=body) as response:
                answer = await response.text()
            latencies.append((time.perf_counter() - began) * 1000)
            statuses[response.status] = statuses.get(response.status, 0) + 1
            cards += _acknowledged_card(answer, acknowledged)

    began = time.perf_counter()
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=clients)) as session:
        await asyncio.gather(*(client(session) for _ in range(clients)))
    elapsed = time.perf_counter() - began
    ordered = sorted(latencies)
    return {
        "clicks": len(latencies),
        "per_s": len(latencies) / elapsed if elapsed else float("nan"),
        "p50": ordered[len(ordered) // 2] if ordered else float("nan"),
        "p99": ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] if ordered else float("nan"),
        "statuses": statuses,
        "acknowledged_cards": cards,
    }


async def gelezen(kind: str, args: argparse.Namespace, workdir: str) -> dict[str, Any]:
    """--clicks people each click 'Gelezen' on the card they got, from --clients clients, against the real app."""
    from sqlalchemy import func, select

    from cards.announcements import render_for
    from services.announcements import content_view
    from storage.models import Announcement, AnnouncementDelivery
    from tests.support.cards import click_data
    from tests.support.fanout import seed_announcement, seed_people

    parent, child = mp.Pipe()
    connector = mp.Process(target=connector_main, args=(child,), daemon=True)
    connector.start()
    url = parent.recv()
    db, arguments, cleanup = await open_database(kind, workdir)
    spec = {"url": db.url, "schema": arguments[3] if len(arguments) > 2 else None}
    server: Any = None
    try:
        await seed_people(db, url, args.clicks)
        announcement_id = await seed_announcement(db, people=range(args.clicks), ack_required=True, sent=True)
        async with db.read() as session:
            row = await session.get(Announcement, announcement_id)
        assert row is not None
        card = render_for(content_view(row, row.created_at), acknowledged=False, lang="nl")
        clicks = gelezen_clicks(url, click_data(card, "announcement.ack"), args.clicks)
        app_pipe, app_child = mp.Pipe()
        server = mp.Process(target=app_main, args=(spec, app_child), daemon=True)
        server.start()
        port = (await asyncio.to_thread(app_pipe.recv))["port"]
        app_pipe.send("cpu")
        cpu_before = app_pipe.recv()
        figures = await gelezen_burst(f"http://127.0.0.1:{port}", clicks, args.clients)
        app_pipe.send("cpu")
        figures["server_cpu_ms_per_click"] = (app_pipe.recv() - cpu_before) * 1000 / max(figures["clicks"], 1)
        app_pipe.send("stop")
        await asyncio.to_thread(app_pipe.recv)
        server.join(30)
        async with db.read() as session:
            figures["rows_acknowledged"] = await session.scalar(
                select(func.count())
                .select_from(AnnouncementDelivery)
                .where(AnnouncementDelivery.acknowledged_at.is_not(None))
            )
    finally:
        if server is not None and server.is_alive():
            server.terminate()
        await cleanup()
        parent.send("stop")
        parent.recv()
        connector.join(10)
    figures["db"] = kind
    return figures


def report_gelezen(result: dict[str, Any], wanted: int) -> None:
    ok = result["rows_acknowledged"] == wanted == result["acknowledged_cards"]
    print(
        f"{result['db']:8} gelezen: {result['clicks']} clicks from {wanted and result['clients']} clients: "
        f"{result['per_s']:.0f}/s, p50 {result['p50']:.1f} ms, p99 {result['p99']:.1f} ms, statuses "
        f"{result['statuses']}, acknowledged cards answered {result['acknowledged_cards']}, rows acknowledged "
        f"{result['rows_acknowledged']}, server CPU {result['server_cpu_ms_per_click']:.2f} ms/click "
        f"[{'ok' if ok else 'MISSED'}]",
        flush=True,
    )


async def main(args: argparse.Namespace) -> None:
    kinds = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    with tempfile.TemporaryDirectory() as workdir:
        for kind in kinds:
            try:
                for engines in args.engines if args.recipients else ():
                    report(await fan_out(kind, engines, args, workdir))
                if args.clicks:
                    result = await gelezen(kind, args, workdir)
                    result["clients"] = args.clients
                    report_gelezen(result, args.clicks)
            except RuntimeError as unreachable:
                print(f"{kind}: skipped: {unreachable}", flush=True)


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", choices=("sqlite", "postgres", "both"), default="both")
    parser.add_argument("--recipients", type=int, default=10_000)
    parser.add_argument("--limit", type=float, default=500.0)
    parser.add_argument("--concurrency", type=int, default=64)
    parser.add_argument("--batch", type=int, default=100)
    parser.add_argument(
        "--engines",
        type=lambda text: [int(n) for n in text.split(",")],
        default=[1, 2],
        help="engine processes, one run per number (comma-separated)",
    )
    parser.add_argument("--clicks", type=int, default=10_000, help="'Gelezen' clicks (0: none)")
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--no-pin", action="store_true", help="let every process run on any core")
    args = parser.parse_args(argv)
    if args.no_pin:
        os.environ[NO_PIN] = "1"
    return args


if __name__ == "__main__":
    arguments = parse(sys.argv[1:])
    pin(CLIENT_CORE)
    asyncio.run(main(arguments))
