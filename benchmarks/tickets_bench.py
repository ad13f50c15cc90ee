"""Ticket figures: creation through /api/messages, and 'mijn vragen' / 'open tickets' with 10,000 tickets stored.

Per database (SQLite temp file, PostgreSQL own schema dropped afterwards):

1. 10,000 tickets are bulk-inserted (core INSERTs in batches) over ~200 askers and 5 key-user groups with
   mixed statuses (some escalated to a functional-management group, some with a second linked asker).
2. Service layer, in this process, no server running: TicketService.mine(user) ("mijn vragen") and
   open_in_group(group) (a channel's open list), both returning the list views ("+views" in the figures' names, kept
   from when those were read by a second call), each over --reads calls; SQL statements per call counted.
3. The real app (app.build_app, matcher=lexical, job worker running) serves on 127.0.0.1 in its own process;
   a fake Bot Connector answers at once in another. Each ticket is created by an Action.Execute `ticket.create`
   invoke on its own logged question (distinct texts: no near-duplicate linking), --creations each: one at a time
   with 100 ms between them (what an employee meets: the worker has posted the previous ticket's card by then),
   back to back (the worker's card posts compete for the same core), and from --concurrency clients.
   Latency = POST sent .. invoke response received.
4. Through the endpoint: "mijn vragen" in each asker's personal chat and "open tickets" in a group's channel,
   sequentially; the reply is sent inside the turn, so the POST returns after the connector got it (counted).

    .venv/bin/python benchmarks/tickets_bench.py [--db sqlite|postgres|both] [--creations 200] [--concurrency 8]
                                                 [--tickets 10000] [--reads 200] [--no-pin]

TICKETS_BENCH_PROFILE=/tmp/prof writes a cProfile of the server process to /tmp/prof.<db>.
Targets (issue): creation p99 <= 50 ms; list (service and endpoint) p99 <= 100 ms. Figures only, no asserts.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import multiprocessing as mp
import os
import random
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from memory import rss_mb  # noqa: E402 - benchmarks/memory.py, next to this script
from processes import CLIENT_CORE, NO_PIN, SERVER_CORE, connector_main, pin  # noqa: E402 - next to it too

TENANT = "tenant-bench"
BOT = {"id": "28:vraagbaak-bot", "name": "Vraagbaak"}
APPLICATIONS = ("Zaaksysteem", "Roostertool", "Financieel systeem", "HR-portaal", "Documentbeheer")
FM_GROUP = "Functioneel beheer"
FM_CHANNEL = "19:functioneel-beheer@thread.tacv2"
STATUS_WEIGHTS = {"open": 15, "claimed": 10, "escalated": 5, "answered": 15, "closed": 55}
TARGET_CREATE_P99 = 50.0
TARGET_LIST_P99 = 100.0
SYLLABLES = (
    "ba",
    "de",
    "ko",
    "mi",
    "ru",
    "sa",
    "te",
    "vo",
    "li",
    "na",
    "pe",
    "zu",
    "fa",
    "go",
    "hi",
    "jo",
    "ker",
    "lan",
    "mor",
    "nis",
    "pol",
    "ros",
    "ste",
    "tur",
    "wel",
    "dra",
    "bri",
    "gel",
    "hom",
    "vin",
)


def channel_of(i: int) -> str:
    return f"19:kerngebruikers-{i}@thread.tacv2"


def asker(i: int) -> dict[str, str]:
    return {"id": f"29:asker-{i}", "name": f"Medewerker {i}", "aadObjectId": f"aad-asker-{i}"}


def pseudo_word(rng: random.Random) -> str:
    """A made-up word: distinct questions share few content words, so none is linked as a near-duplicate."""
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(3, 4)))


def question_text(rng: random.Random, application: str) -> str:
    return (
        f"In {application} krijg ik een foutmelding bij {pseudo_word(rng)} {pseudo_word(rng)} "
        f"na het {pseudo_word(rng)} van dossier {pseudo_word(rng)}"
    )


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))] if ordered else float("nan")


def summary(latencies: list[float], elapsed: float | None = None, **extra: Any) -> dict[str, Any]:
    """p50 / p99 / max in ms (and per second when `elapsed` is given)."""
    ms = [x * 1000 for x in latencies]
    out = {
        "n": len(ms),
        "p50": percentile(ms, 0.50),
        "p99": percentile(ms, 0.99),
        "max": max(ms) if ms else float("nan"),
    }
    if elapsed:
        out["per_s"] = len(ms) / elapsed
    out.update(extra)
    return out


# --- databases ------------------------------------------------------------------------------------------


async def open_database(kind: str, workdir: str) -> tuple[Any, dict[str, Any], Any]:
    """(Database, spec to rebuild it in the server process, async cleanup) or raise RuntimeError(reason)."""
    from storage import Database
    from tests.support.postgres import new_schema

    if kind == "sqlite":
        spec = {"url": f"sqlite+aiosqlite:///{workdir}/tickets-bench.db", "schema": None}
        db = Database(spec["url"])
        await db.upgrade()
        return db, spec, db.dispose
    db, schema, cleanup = await new_schema("bench")
    await db.upgrade()
    return db, {"url": db.url, "schema": schema}, cleanup


def make_db(spec: dict[str, Any]) -> Any:
    """The database `spec` names, in this process."""
    from storage import Database
    from tests.support.postgres import in_schema

    return in_schema(spec["schema"], spec["url"]) if spec["schema"] else Database(spec["url"])


async def seed_directory(db: Any, service_url: str, askers: int) -> dict[str, int]:
    """Five key-user groups (one per application) under one functional-management group, channels known."""
    from services.conversations import ConversationService
    from services.directory import DirectoryService

    directory = DirectoryService(db)
    conversations = ConversationService(db)
    await directory.save_group(name=FM_GROUP, kind="functional_management", channel_id=FM_CHANNEL)
    for i, application in enumerate(APPLICATIONS):
        name = f"Kerngebruikers {application}"
        await directory.save_group(name=name, application=application, parent=FM_GROUP, channel_id=channel_of(i))
        await directory.add_member(name, f"aad-key-{i}-a", name=f"Kerngebruiker {i}A", chair=True)
        await directory.add_member(name, f"aad-key-{i}-b", name=f"Kerngebruiker {i}B")
    await directory.add_member(FM_GROUP, "aad-fm-1", name="Functioneel beheerder", role="functional_manager")
    for channel in (FM_CHANNEL, *(channel_of(i) for i in range(len(APPLICATIONS)))):
        reference = {
            "serviceUrl": service_url,
            "channelId": "msteams",
            "bot": BOT,
            "conversation": {"id": channel, "conversationType": "channel", "isGroup": True, "tenantId": TENANT},
        }
        await conversations.remember(
            conversation_id=channel, conversation_type="channel", user_key=None, tenant_id=TENANT, reference=reference
        )
    return {g.name: g.id for g in await directory.groups()}


async def bulk_tickets(db: Any, groups: dict[str, int], count: int, askers: int, rng: random.Random) -> dict[str, int]:
    """`count` tickets with their askers and a 'created' event, inserted in batches of 1,000; counts per status."""
    from sqlalchemy import insert, text

    from services.tickets import match_key, ticket_number
    from storage.models import Ticket, TicketAsker, TicketCounter, TicketEvent, TicketWord, utcnow

    now = utcnow()
    year = now.year - 1
    fm_id = groups[FM_GROUP]
    statuses = rng.choices(list(STATUS_WEIGHTS), weights=list(STATUS_WEIGHTS.values()), k=count)
    by_status: dict[str, int] = {}
    batch = 1000
    for start in range(0, count, batch):
        tickets, links, events, words = [], [], [], []
        for n in range(start + 1, min(count, start + batch) + 1):
            app_index = n % len(APPLICATIONS)
            application = APPLICATIONS[app_index]
            status = statuses[n - 1]
            by_status[status] = by_status.get(status, 0) + 1
            who = asker(rng.randrange(askers))
            created = now - timedelta(minutes=rng.randint(60, 60 * 24 * 300))
            updated = created + timedelta(minutes=rng.randint(0, 60 * 24 * 5))
            second = status == "escalated" or (status in ("answered", "closed") and rng.random() < 0.1)
            handled = status != "open"
            question = question_text(rng, application)
            tickets.append(
                {
                    "id": n,
                    "number": ticket_number(year, n),
                    "question_id": None,
                    "group_id": groups[f"Kerngebruikers {application}"],
                    "second_group_id": fm_id if second else None,
                    "level": "second" if second else "first",
                    "status": status,
                    "application": application,
                    "department": None,
                    "asker_key": who["aadObjectId"],
                    "asker_name": who["name"],
                    "language": "nl",
                    "text": question,
                    "context": None,
                    "match_key": match_key(question),
                    "match_size": len(match_key(question).split()),
                    "assignee_key": f"aad-key-{app_index}-a" if handled and status != "escalated" else None,
                    "assignee_name": f"Kerngebruiker {app_index}A" if handled and status != "escalated" else None,
                    "answer": "Zie de handleiding, hoofdstuk 3." if status in ("answered", "closed") else None,
                    "answered_by_key": f"aad-key-{app_index}-a" if status in ("answered", "closed") else None,
                    "answered_by_name": f"Kerngebruiker {app_index}A" if status in ("answered", "closed") else None,
                    "escalation_reason": "Rechten" if second else None,
                    "close_reason": "resolved" if status == "closed" else None,
                    "reopen_remark": None,
                    "faq_proposed": False,
                    "thread_id": f"{channel_of(app_index)};messageid=bulk-{n}",
                    "card_activity_id": f"bulk-{n}",
                    "second_thread_id": None,
                    "second_card_activity_id": None,
                    "created_at": created,
                    "due_at": created + timedelta(hours=8),
                    "first_response_at": updated if handled else None,
                    "closed_at": updated if status == "closed" else None,
                    "updated_at": updated,
                    "version": 1,
                }
            )
            links.append(
                {
                    "ticket_id": n,
                    "user_key": who["aadObjectId"],
                    "name": who["name"],
                    "question_id": None,
                    "linked_at": created,
                }
            )
            if rng.random() < 0.05:  # a second asker linked to the same question
                other = asker(rng.randrange(askers))
                if other["aadObjectId"] != who["aadObjectId"]:
                    links.append(
                        {
                            "ticket_id": n,
                            "user_key": other["aadObjectId"],
                            "name": other["name"],
                            "question_id": None,
                            "linked_at": updated,
                        }
                    )
            words.extend({"word": word, "ticket_id": n} for word in set(match_key(question).split()))
            events.append(
                {
                    "ticket_id": n,
                    "at": created,
                    "actor_key": who["aadObjectId"],
                    "actor_name": who["name"],
                    "kind": "created",
                    "data": {"application": application},
                }
            )
        async with db.transaction() as session:
            await session.execute(insert(Ticket), tickets)
            await session.execute(insert(TicketAsker), links)
            await session.execute(insert(TicketEvent), events)
            await session.execute(insert(TicketWord), words)
    async with db.transaction() as session:
        await session.execute(insert(TicketCounter).values(year=year, last=count))
        if not db.is_sqlite:  # explicit ids: move the sequence past them
            await session.execute(
                text("SELECT setval(pg_get_serial_sequence('tickets', 'id'), (SELECT max(id) FROM tickets))")
            )
            await session.execute(text("ANALYZE"))  # as autovacuum would have done by the time 10,000 tickets exist
    return by_status


async def log_questions(db: Any, texts: list[tuple[int, str]]) -> list[int]:
    """Logged, unanswered questions (asker index, text) as the FAQ dialog records them; their ids."""
    from storage.models import Question

    async with db.transaction() as session:
        rows = [
            Question(
                user_key=asker(i)["aadObjectId"],
                user_name=asker(i)["name"],
                conversation_id=f"a:personal-{i}",
                language="nl",
                text=text,
                outcome="unknown",
                candidates=[],
            )
            for i, text in texts
        ]
        session.add_all(rows)
        await session.flush()
        return [row.id for row in rows]


async def count_tickets(db: Any) -> int:
    from sqlalchemy import func, select

    from storage.models import Ticket

    async with db.transaction() as session:
        return int(await session.scalar(select(func.count()).select_from(Ticket)))


async def due_jobs(db: Any) -> int:
    from sqlalchemy import func, select

    from storage.models import Job, utcnow

    async with db.transaction() as session:
        return int(
            await session.scalar(
                select(func.count())
                .select_from(Job)
                .where(Job.status.in_(("pending", "running")), Job.run_at <= utcnow())
            )
        )


# --- service layer --------------------------------------------------------------------------------------


class StatementCounter:
    """Counts SQL statements on an engine (to see N+1 patterns)."""

    def __init__(self, db: Any) -> None:
        from sqlalchemy import event

        self.n = 0
        event.listen(db.engine.sync_engine, "before_cursor_execute", self._count)

    def _count(self, *_: Any) -> None:
        self.n += 1


async def round_trip(db: Any, calls: int = 200) -> dict[str, Any]:
    """The floor every service call pays: one short transaction running SELECT 1."""
    from sqlalchemy import text

    latencies = []
    for i in range(calls + 20):
        began = time.perf_counter()
        async with db.transaction() as session:
            await session.execute(text("SELECT 1"))
        if i >= 20:
            latencies.append(time.perf_counter() - began)
    return summary(latencies)


async def service_reads(db: Any, groups: dict[str, int], askers: int, reads: int) -> dict[str, dict[str, Any]]:
    """mine and open_in_group (list views) through TicketService, `reads` calls each (after 20 warm-up)."""
    from services.directory import DirectoryService
    from services.jobs import Jobs
    from services.tickets import TicketService

    tickets = TicketService(db, DirectoryService(db), Jobs(db))
    counter = StatementCounter(db)
    group_ids = [groups[f"Kerngebruikers {a}"] for a in APPLICATIONS] + [groups[FM_GROUP]]
    results = {}

    async def mine(i: int) -> int:
        return len(await tickets.mine(asker(i % askers)["aadObjectId"]))

    async def open_list(i: int) -> int:
        return len(await tickets.open_in_group(group_ids[i % len(group_ids)]))

    for name, call in (("mine+views", mine), ("open_in_group+views", open_list)):
        for i in range(20):
            await call(i)
        latencies, rows = [], 0
        statements = counter.n
        for i in range(reads):
            began = time.perf_counter()
            rows += await call(i)
            latencies.append(time.perf_counter() - began)
        results[name] = summary(latencies, rows_per_call=rows / reads, sql_per_call=(counter.n - statements) / reads)
    return results


# --- server process ----------------------------------------------------------------


class GcPauses:
    """Records how long each pass of the cyclic garbage collector stops the process."""

    def __init__(self) -> None:
        import gc

        self.longest_ms = 0.0
        self._began = 0.0
        gc.callbacks.append(self._track)

    def _track(self, phase: str, _info: dict) -> None:
        if phase == "start":
            self._began = time.perf_counter()
        else:
            self.longest_ms = max(self.longest_ms, (time.perf_counter() - self._began) * 1000)


def server_main(spec: dict[str, Any], conn: Any) -> None:
    """The real app on a free port of 127.0.0.1; 'cpu' answers process time, anything else stops it."""
    pinned = pin(SERVER_CORE)
    logging.basicConfig(level=logging.WARNING)
    profile_to = os.environ.get("TICKETS_BENCH_PROFILE")
    try:
        if profile_to:
            import cProfile

            cProfile.runctx(
                "asyncio.run(_serve(spec, conn, pinned))",
                globals(),
                locals(),
                f"{profile_to}.{'postgres' if spec['schema'] else 'sqlite'}",
            )
        else:
            asyncio.run(_serve(spec, conn, pinned))
    except Exception as exc:  # reported to the orchestrator
        conn.send({"error": f"{type(exc).__name__}: {exc}"})


async def _serve(spec: dict[str, Any], conn: Any, pinned: bool) -> None:
    from aiohttp import web

    from app import FAQ, INDEX_TASK, build_app
    from config import Settings
    from services.faq_files import read_faq_file

    db = make_db(spec)
    settings = Settings(matcher="lexical", log_level="WARNING")
    app = build_app(settings, database=db, freeze_gc=True)  # as `vraagbaak serve` runs it

    async def load_kb(application: web.Application) -> None:
        await application[FAQ].import_entries(read_faq_file(ROOT / "samples" / "faq.yaml"))

    async def index_built(application: web.Application) -> None:
        await application[INDEX_TASK]

    app.on_startup.insert(0, load_kb)
    app.on_startup.append(index_built)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    gc_pauses = GcPauses()
    conn.send({"port": runner.addresses[0][1], "pinned": pinned})
    loop = asyncio.get_running_loop()
    while True:
        command = await loop.run_in_executor(None, conn.recv)
        if command == "cpu":
            conn.send(time.process_time())
        else:
            break
    rss = rss_mb()
    await runner.cleanup()
    await db.dispose()
    conn.send({"rss_mb": rss, "gc_max_ms": gc_pauses.longest_ms})


# --- load through the endpoint ---------------------------------------------------------------------------


def personal(service_url: str, i: int, n: int, **fields: Any) -> dict[str, Any]:
    """A personal-chat activity from asker `i` (request number `n`)."""
    body = {
        "type": "message",
        "id": f"msg-{n}",
        "serviceUrl": service_url,
        "channelId": "msteams",
        "from": asker(i),
        "recipient": BOT,
        "conversation": {"id": f"a:personal-{i}", "conversationType": "personal", "tenantId": TENANT},
        "channelData": {"tenant": {"id": TENANT}},
        "locale": "nl-NL",
        "text": "",
    }
    body.update(fields)
    return body


def create_invoke(service_url: str, i: int, n: int, question_id: int, text: str, application: str) -> dict[str, Any]:
    """The ticket form sent: Action.Execute `ticket.create` with the form's inputs merged into the data."""
    data = {"question_id": question_id, "question": text, "application": application, "context": f"Dossier {n}"}
    body = personal(
        service_url,
        i,
        n,
        type="invoke",
        name="adaptiveCard/action",
        replyToId=f"form-{n}",
        value={"action": {"type": "Action.Execute", "verb": "ticket.create", "data": data}, "trigger": "manual"},
    )
    body.pop("text")
    return body


def channel_message(service_url: str, group_index: int, n: int, text: str) -> dict[str, Any]:
    """A key user typing in the group's channel (a new post)."""
    channel = channel_of(group_index) if group_index < len(APPLICATIONS) else FM_CHANNEL
    who = {"id": f"29:key-{group_index}", "name": "Kerngebruiker", "aadObjectId": f"aad-key-{group_index}-a"}
    return {
        "type": "message",
        "id": f"post-{n}",
        "serviceUrl": service_url,
        "channelId": "msteams",
        "from": who,
        "recipient": BOT,
        "locale": "nl-NL",
        "text": text,
        "conversation": {
            "id": f"{channel};messageid=post-{n}",
            "conversationType": "channel",
            "isGroup": True,
            "tenantId": TENANT,
        },
        "channelData": {"tenant": {"id": TENANT}, "channel": {"id": channel}, "team": {"id": "team-bench"}},
    }


async def post_all(
    url: str, bodies: list[dict[str, Any]], concurrency: int, check: Any = None, pause: float = 0.0
) -> tuple[list[float], float, int]:
    """POST every body with `concurrency` clients, each waiting `pause` s between its requests:
    (latencies, elapsed, failures)."""
    import aiohttp

    latencies: list[float] = []
    failures = 0
    pending = iter(bodies)
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=concurrency)) as session:

        async def client() -> None:
            nonlocal failures
            for body in pending:
                began = time.perf_counter()
                async with session.post(url, json=body) as response:
                    payload = await response.read()
                    status = response.status
                latencies.append(time.perf_counter() - began)
                if status != 200 or (check is not None and not check(payload)):
                    failures += 1
                if pause:
                    await asyncio.sleep(pause)  # think time, so the bot's own follow-up work is done by then

        began = time.perf_counter()
        await asyncio.gather(*(client() for _ in range(concurrency)))
        elapsed = time.perf_counter() - began
    return latencies, elapsed, failures


def created_card(payload: bytes) -> bool:
    """The invoke answered with the 'ticket created' card (a VB- number in it)."""
    import json

    body = json.loads(payload or b"{}")
    return (
        body.get("statusCode") == 200
        and body.get("type") == "application/vnd.microsoft.card.adaptive"
        and "VB-" in json.dumps(body.get("value"))
    )


# --- one database ----------------------------------------------------------------------------------------


async def run_database(kind: str, ctx: Any, counter: Any, service_url: str, args: argparse.Namespace) -> dict[str, Any]:
    rng = random.Random(42)
    result: dict[str, Any] = {"db": kind}
    with tempfile.TemporaryDirectory() as workdir:
        try:
            db, spec, cleanup = await open_database(kind, workdir)
        except RuntimeError as error:
            return {"db": kind, "skipped": str(error)}
        try:
            began = time.perf_counter()
            groups = await seed_directory(db, service_url, args.askers)
            by_status = await bulk_tickets(db, groups, args.tickets, args.askers, rng)
            result["bulk_s"] = time.perf_counter() - began
            result["by_status"] = by_status
            print(
                f"  [{kind}] {args.tickets} tickets stored in {result['bulk_s']:.1f} s; service-layer reads ...",
                file=sys.stderr,
                flush=True,
            )
            result["round_trip"] = await round_trip(db)
            result["service"] = await service_reads(db, groups, args.askers, args.reads)

            warmup = 20
            texts = [
                (rng.randrange(args.askers), APPLICATIONS[n % len(APPLICATIONS)])
                for n in range(warmup + 3 * args.creations)
            ]
            texts = [(i, application, question_text(rng, application)) for i, application in texts]
            ids = await log_questions(db, [(i, text) for i, _, text in texts])
            before_count = await count_tickets(db)

            parent, child = ctx.Pipe()
            server = ctx.Process(target=server_main, args=(spec, child), daemon=True)
            server.start()
            if not parent.poll(120):
                server.kill()
                raise RuntimeError("server did not start within 120 s")
            started = parent.recv()
            if "error" in started:
                raise RuntimeError(f"server failed: {started['error']}")
            result["server_pinned"] = started["pinned"]
            url = f"http://127.0.0.1:{started['port']}/api/messages"
            bodies = [
                create_invoke(service_url, i, n, ids[n], text, application)
                for n, (i, application, text) in enumerate(texts)
            ]
            try:
                print(f"  [{kind}] creating tickets through the endpoint ...", file=sys.stderr, flush=True)
                await post_all(url, bodies[:warmup], 1, created_card)
                n = args.creations
                for label, chunk, concurrency, pause in (
                    ("create one at a time", bodies[warmup : warmup + n], 1, 0.1),
                    ("create back to back", bodies[warmup + n : warmup + 2 * n], 1, 0.0),
                    (f"create {args.concurrency} clients", bodies[warmup + 2 * n :], args.concurrency, 0.0),
                ):
                    parent.send("cpu")
                    cpu = parent.recv()
                    lat, elapsed, failures = await post_all(url, chunk, concurrency, created_card, pause)
                    parent.send("cpu")
                    cpu_ms = (parent.recv() - cpu) * 1000 / len(chunk)
                    result[label] = summary(lat, elapsed, failures=failures, server_cpu_ms=cpu_ms)
                result["created"] = await count_tickets(db) - before_count
                result["expected_created"] = len(bodies)
                drain = time.perf_counter()
                # The server process drains the jobs and only the database shows when it is done: poll it.
                while await due_jobs(db) and time.perf_counter() - drain < 60:  # noqa: ASYNC110 - see above
                    await asyncio.sleep(0.2)
                result["jobs_drain_s"] = time.perf_counter() - drain
                result["jobs_left"] = await due_jobs(db)
                result["stored"] = await count_tickets(db)

                print(f"  [{kind}] lists through the endpoint ...", file=sys.stderr, flush=True)
                groups_n = len(APPLICATIONS) + 1
                for label, make in (
                    (
                        "endpoint mijn vragen",
                        lambda n: personal(service_url, n % args.askers, 10**6 + n, text="mijn vragen"),
                    ),
                    (
                        "endpoint open tickets",
                        lambda n: channel_message(service_url, n % groups_n, 2 * 10**6 + n, "open tickets"),
                    ),
                ):
                    await post_all(url, [make(n) for n in range(20)], 1)
                    chunk = [make(n) for n in range(20, 20 + args.reads)]
                    counter.send("count")
                    delivered = counter.recv()
                    parent.send("cpu")
                    cpu = parent.recv()
                    lat, elapsed, failures = await post_all(url, chunk, 1)
                    parent.send("cpu")
                    cpu_ms = (parent.recv() - cpu) * 1000 / len(chunk)
                    counter.send("count")
                    delivered = counter.recv() - delivered
                    result[label] = summary(
                        lat, elapsed, failures=failures, server_cpu_ms=cpu_ms, delivered=f"{delivered}/{len(chunk)}"
                    )
            finally:
                parent.send("stop")
                final = (parent.recv() or {}) if parent.poll(30) else {}
                result["server_rss_mb"], result["gc_max_ms"] = final.get("rss_mb"), final.get("gc_max_ms")
                server.join(10)
        finally:
            await cleanup()
    return result


# --- report ----------------------------------------------------------------------------------------------


ROWS = (
    ("create one at a time", TARGET_CREATE_P99),
    ("create back to back", TARGET_CREATE_P99),
    ("create {c} clients", TARGET_CREATE_P99),
    ("mine+views", TARGET_LIST_P99),
    ("open_in_group+views", TARGET_LIST_P99),
    ("endpoint mijn vragen", TARGET_LIST_P99),
    ("endpoint open tickets", TARGET_LIST_P99),
)


def report(results: list[dict[str, Any]], args: argparse.Namespace) -> None:
    pinned = (
        "not pinned"
        if args.no_pin
        else f"server pinned to core {SERVER_CORE}, load + fake connector on core {CLIENT_CORE}"
    )
    print(
        f"\nTickets benchmark: {os.cpu_count()} CPUs ({pinned}); {args.tickets} tickets over {args.askers} askers "
        f"and {len(APPLICATIONS)} key-user groups; {args.creations} creations per mode; {args.reads} list calls each\n"
    )
    header = (
        f"{'db':<9} {'measurement':<24} {'n':>5} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8} {'per s':>7} "
        f"{'target p99':>11}  notes"
    )
    print(header)
    print("-" * len(header))
    for r in results:
        if "skipped" in r:
            print(f"{r['db']:<9} skipped: {r['skipped']}")
            continue
        for row, target in ROWS:
            name = row.format(c=args.concurrency)
            s = r.get(name) or r.get("service", {}).get(name)
            if s is None:
                continue
            ok = "met" if s["p99"] <= target else "MISSED"
            notes = []
            if "sql_per_call" in s:
                notes.append(f"{s['sql_per_call']:.1f} SQL/call, {s['rows_per_call']:.0f} rows")
            if "server_cpu_ms" in s:
                notes.append(f"server CPU {s['server_cpu_ms']:.1f} ms/req")
            if s.get("delivered"):
                notes.append(f"delivered {s['delivered']}")
            if s.get("failures"):
                notes.append(f"{s['failures']} FAILED")
            per_s = f"{s['per_s']:.0f}" if "per_s" in s else "-"
            print(
                f"{r['db']:<9} {name:<24} {s['n']:>5} {s['p50']:>8.1f} {s['p99']:>8.1f} {s['max']:>8.1f} {per_s:>7} "
                f"{'<= %.0f' % target:>7} {ok:<6} {'; '.join(notes)}"
            )
        rt = r["round_trip"]
        print(
            f"{'':<9} floor: one transaction with SELECT 1 from this process "
            f"p50 {rt['p50']:.2f} ms, p99 {rt['p99']:.2f} ms"
        )
        status = ", ".join(f"{k} {v}" for k, v in sorted(r["by_status"].items()))
        print(
            f"{'':<9} bulk insert {r['bulk_s']:.1f} s ({status}); "
            f"created {r.get('created')}/{r.get('expected_created')} "
            f"(no links); {r.get('stored')} stored; worker drained due jobs in {r.get('jobs_drain_s', 0):.1f} s "
            f"({r.get('jobs_left')} left); server RSS {r.get('server_rss_mb') or 0:.0f} MB; "
            f"longest garbage-collector pause {r.get('gc_max_ms') or 0:.1f} ms"
        )


def main(argv: list[str] | None = None) -> int:
    assert __doc__ is not None, "the module docstring above"
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=("sqlite", "postgres", "both"), default="both")
    parser.add_argument("--creations", type=int, default=200, help="tickets created per mode (sequential, concurrent)")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--tickets", type=int, default=10_000, help="tickets stored before the list measurements")
    parser.add_argument("--askers", type=int, default=200)
    parser.add_argument("--reads", type=int, default=200, help="calls per list measurement")
    parser.add_argument("--no-pin", action="store_true", help="let every process use every core")
    args = parser.parse_args(argv)
    if args.no_pin:
        os.environ[NO_PIN] = "1"  # inherited by the spawned processes
    logging.basicConfig(level=logging.WARNING)
    pin(CLIENT_CORE)
    kinds = ("sqlite", "postgres") if args.db == "both" else (args.db,)

    ctx = mp.get_context("spawn")
    counter, counter_child = ctx.Pipe()
    connector = ctx.Process(target=connector_main, args=(counter_child,), daemon=True)
    connector.start()
    service_url = counter.recv()
    results = []
    began = time.perf_counter()
    try:
        for kind in kinds:
            print(f"running on {kind} ...", file=sys.stderr, flush=True)
            results.append(asyncio.run(run_database(kind, ctx, counter, service_url, args)))
    finally:
        counter.send("stop")
        counter.recv()
        connector.join(5)
    report(results, args)
    load = os.getloadavg() if hasattr(os, "getloadavg") else ("-",) * 3
    print(
        f"\ntotal run time {time.perf_counter() - began:.0f} s; "
        f"load average at the end {load[0]:.1f} / {load[1]:.1f} / "
        f"{load[2]:.1f} on {os.cpu_count()} CPUs (other work on the machine inflates every wall-clock figure)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
