"""Endpoint throughput, side by side against one fake Bot Connector: stock CloudAdapter echo, bare aiohttp, Vraagbaak.

Every server runs in its own process pinned to core 0; the load generator and the fake connector share core 1.
Each scenario: W warm-up requests, then N requests from C concurrent clients; turns/s = N / elapsed,
latency p50/p99 per request, and the outbound calls counted at the fake connector (one per turn expected).

    .venv/bin/python benchmarks/endpoint_bench.py [--requests 3000] [--concurrency 16] [--matcher hybrid] [--json]

"CPU ms/turn" is the server process's CPU time (all threads) per turn: robust when other work shares the machine.
ENDPOINT_BENCH_PROFILE=/tmp/prof writes a cProfile of each server to /tmp/prof.<scenario>.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import multiprocessing as mp
import os
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from memory import rss_mb  # noqa: E402 - benchmarks/memory.py, next to this script
from processes import CLIENT_CORE, NO_PIN, SERVER_CORE, connector_main, pin  # noqa: E402 - next to it too

BENCH_DIR = ROOT.parent / "shared" / "bench"
LIGHT_CARD = {
    "type": "AdaptiveCard",
    "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
    "version": "1.5",
    "body": [
        {"type": "TextBlock", "text": "Nieuwe versie van het zaaksysteem", "weight": "Bolder", "wrap": True},
        {"type": "TextBlock", "text": "Vanaf maandag werkt het zaaksysteem met de nieuwe zaaktypen.", "wrap": True},
        {"type": "TextBlock", "text": "✔ Gelezen", "color": "Good", "wrap": True},
    ],
    "actions": [{"type": "Action.Execute", "title": "Ja", "verb": "feedback", "data": {"useful": True}}],
}

SCENARIOS = {
    "stock": "stock CloudAdapter echo sample",
    "bare": "bare aiohttp + shared ClientSession",
    "echo": "vraagbaak echo (message -> text reply)",
    "light": "vraagbaak light turn (Action.Execute -> card update)",
    "faq": "vraagbaak FAQ question (real app, --matcher)",
    "faq_lexical": "vraagbaak FAQ question (real app, lexical only)",
}
FAQ_KINDS = ("faq", "faq_lexical")


# --- servers --------------------------------------------------------------------------------


def stock_app() -> Any:
    """The SDK's echo sample (botbuilder-python samples/02.echo-bot), as published."""
    from aiohttp import web
    from botbuilder.core import ActivityHandler, MessageFactory, TurnContext
    from botbuilder.core.integration import aiohttp_error_middleware
    from botbuilder.integration.aiohttp import CloudAdapter, ConfigurationBotFrameworkAuthentication

    class DefaultConfig:
        PORT = 3978
        APP_ID = os.environ.get("MicrosoftAppId", "")
        APP_PASSWORD = os.environ.get("MicrosoftAppPassword", "")
        APP_TYPE = os.environ.get("MicrosoftAppType", "MultiTenant")
        APP_TENANTID = os.environ.get("MicrosoftAppTenantId", "")

    class EchoBot(ActivityHandler):
        async def on_message_activity(self, turn_context: TurnContext):
            return await turn_context.send_activity(MessageFactory.text(f"Echo: {turn_context.activity.text}"))

    adapter = CloudAdapter(ConfigurationBotFrameworkAuthentication(DefaultConfig()))

    async def on_error(context: TurnContext, error: Exception):
        print(f"\n [on_turn_error] unhandled error: {error}", file=sys.stderr)

    adapter.on_turn_error = on_error
    bot = EchoBot()

    async def messages(req: web.Request) -> web.Response:
        response = await adapter.process(req, bot)
        assert response is not None, "process() answers None only to a websocket GET"
        return response

    app = web.Application(middlewares=[aiohttp_error_middleware])
    app.router.add_post("/api/messages", messages)
    return app


def bare_app() -> Any:
    """A bare aiohttp handler replying through one shared ClientSession."""
    import aiohttp
    from aiohttp import web

    state: dict[str, aiohttp.ClientSession] = {}

    async def messages(request: web.Request) -> web.Response:
        body = await request.json()
        session = state.get("session")
        if session is None:
            session = state["session"] = aiohttp.ClientSession()
        conversation = body["conversation"]["id"]
        base = body["serviceUrl"].rstrip("/")
        url = f"{base}/v3/conversations/{quote(conversation, safe='')}/activities/{quote(body['id'], safe='')}"
        reply = {
            "type": "message",
            "text": f"Echo: {body.get('text')}",
            "from": body["recipient"],
            "recipient": body["from"],
            "conversation": body["conversation"],
            "replyToId": body["id"],
        }
        async with session.post(url, json=reply) as response:
            await response.read()
        return web.Response(status=200)

    async def close(_: web.Application) -> None:
        if "session" in state:
            await state["session"].close()

    app = web.Application()
    app.router.add_post("/api/messages", messages)
    app.on_cleanup.append(close)
    return app


def vraagbaak_app(kind: str) -> Any:
    """bot/ with a trivial handle (echo, or a card refresh for Action.Execute)."""
    from aiohttp import web

    from bot import create_endpoint
    from config import Settings
    from dialogs.types import Incoming, Outcome, Reply

    async def handle(incoming: Incoming) -> Outcome:
        if incoming.kind == "action":
            return Outcome(card=LIGHT_CARD)
        return Outcome(replies=[Reply(text=f"Echo: {incoming.text}")])

    app = web.Application()
    create_endpoint(Settings(), handle).mount(app)
    return app


def faq_app(workdir: str, matcher: str) -> Any:
    """The real application (app.build_app) on a fresh SQLite file holding the municipal KB."""
    from app import DATABASE, FAQ, INDEX_TASK, build_app
    from config import Settings
    from services.faq_files import read_faq_file

    settings = Settings(database_url=f"sqlite+aiosqlite:///{workdir}/bench.db", matcher=matcher, log_level="WARNING")
    app = build_app(settings, freeze_gc=True)  # as `vraagbaak serve` runs it

    async def load_kb(application: Any) -> None:
        await application[DATABASE].upgrade()
        await application[FAQ].import_entries(read_faq_file(BENCH_DIR / "municipal-kb.yaml"))

    async def full_index(application: Any) -> None:
        # measure the index users get once started, not the words-only one that answers during the build
        await application[INDEX_TASK]
        await application[FAQ].wait_upgraded()

    app.on_startup.insert(0, load_kb)
    app.on_startup.append(full_index)
    return app


def server_main(kind: str, conn: Any, options: dict[str, Any]) -> None:
    """Run one server on a free port; report the port (or an error), stop on request."""
    pinned = pin(SERVER_CORE)
    logging.basicConfig(level=logging.WARNING)
    profile_to = os.environ.get("ENDPOINT_BENCH_PROFILE")
    try:
        if profile_to:
            import cProfile

            cProfile.runctx(
                "asyncio.run(_serve(kind, conn, options, pinned))", globals(), locals(), f"{profile_to}.{kind}"
            )
        else:
            asyncio.run(_serve(kind, conn, options, pinned))
    except Exception as exc:  # reported to the orchestrator
        conn.send({"error": f"{type(exc).__name__}: {exc}"})


async def _serve(kind: str, conn: Any, options: dict[str, Any], pinned: bool) -> None:
    from aiohttp import web

    with tempfile.TemporaryDirectory() as workdir:
        if kind == "stock":
            app = stock_app()
        elif kind == "bare":
            app = bare_app()
        elif kind in FAQ_KINDS:
            app = faq_app(workdir, "lexical" if kind == "faq_lexical" else options["matcher"])
        else:
            app = vraagbaak_app(kind)
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
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
        conn.send({"rss_mb": rss})


# --- load generator -------------------------------------------------------------------------


def make_activity(kind: str, i: int, service_url: str, questions: list[str]) -> dict[str, Any]:
    """Request `i` of a scenario: a personal-chat message, or an Action.Execute invoke."""
    body: dict[str, Any] = {
        "type": "message",
        "id": f"msg-{kind}-{i}",
        "serviceUrl": service_url,
        "channelId": "msteams",
        "from": {"id": f"29:user-{i % 500}", "name": "Gebruiker", "aadObjectId": f"aad-{i % 500}"},
        "recipient": {"id": "28:vraagbaak-bot", "name": "Vraagbaak"},
        "conversation": {"id": f"a:conv-{i % 500}", "conversationType": "personal", "tenantId": "t-1"},
        "channelData": {"tenant": {"id": "t-1"}},
        "locale": "nl-NL",
        "text": questions[i % len(questions)] if kind in FAQ_KINDS else f"bericht {i}",
    }
    if kind == "light":
        body.update(
            type="invoke",
            name="adaptiveCard/action",
            id=f"inv-{i}",
            replyToId=f"card-{i}",
            value={
                "action": {"type": "Action.Execute", "verb": "read", "data": {"announcement": 42}},
                "trigger": "manual",
            },
        )
        del body["text"]
    return body


def loadgen_main(
    conn: Any, url: str, kind: str, count: int, warmup: int, concurrency: int, service_url: str, questions: list[str]
) -> None:
    """Send warm-up then measured requests with `concurrency` clients; report latencies and statuses."""
    pin(CLIENT_CORE)
    conn.send(asyncio.run(_load(url, kind, count, warmup, concurrency, service_url, questions)))


async def _load(
    url: str, kind: str, count: int, warmup: int, concurrency: int, service_url: str, questions: list[str]
) -> dict[str, Any]:
    import aiohttp

    statuses: Counter[int] = Counter()
    bad_bodies = 0
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=concurrency)) as session:

        async def run(start: int, total: int, latencies: list[float] | None) -> None:
            next_index = iter(range(start, start + total))

            async def client() -> None:
                nonlocal bad_bodies
                for i in next_index:
                    body = make_activity(kind, i, service_url, questions)
                    began = time.perf_counter()
                    async with session.post(url, json=body) as response:
                        payload = await response.read()
                        statuses[response.status] += 1
                    if latencies is not None:
                        latencies.append(time.perf_counter() - began)
                    if kind == "light" and json.loads(payload or b"{}").get("statusCode") != 200:
                        bad_bodies += 1

            await asyncio.gather(*(client() for _ in range(concurrency)))

        await run(0, warmup, None)
        latencies: list[float] = []
        began = time.perf_counter()
        await run(warmup, count, latencies)
        elapsed = time.perf_counter() - began
    latencies.sort()
    return {
        "elapsed": elapsed,
        "turns_per_s": count / elapsed,
        "p50_ms": latencies[len(latencies) // 2] * 1000,
        "p99_ms": latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000,
        "statuses": dict(statuses),
        "bad_invoke_bodies": bad_bodies,
    }


# --- orchestration --------------------------------------------------------------------------


def _questions() -> list[str]:
    path = BENCH_DIR / "municipal-dev.jsonl"
    if not path.is_file():
        return ["Ik ben mijn wachtwoord vergeten"]
    return [json.loads(line)["q"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def run_scenario(
    ctx: Any, kind: str, counter: Any, service_url: str, args: argparse.Namespace, questions: list[str]
) -> dict[str, Any]:
    """Start the server, run the load, count deliveries, stop the server."""
    count = {"stock": args.stock_requests, "faq": args.faq_requests, "faq_lexical": args.faq_requests}.get(
        kind, args.requests
    )
    warmup = min(args.warmup, count)
    parent, child = ctx.Pipe()
    server = ctx.Process(target=server_main, args=(kind, child, {"matcher": args.matcher}), daemon=True)
    server.start()
    if not parent.poll(120):
        server.kill()
        return {"kind": kind, "error": "server did not start within 120 s"}
    started = parent.recv()
    if "error" in started:
        server.join(5)
        return {"kind": kind, "error": started["error"]}
    counter.send("count")
    before = counter.recv()
    parent.send("cpu")
    cpu_before = parent.recv()
    load_parent, load_child = ctx.Pipe()
    url = f"http://127.0.0.1:{started['port']}/api/messages"
    loader = ctx.Process(
        target=loadgen_main,
        args=(load_child, url, kind, count, warmup, args.concurrency, service_url, questions),
        daemon=True,
    )
    loader.start()
    result = load_parent.recv()
    loader.join()
    counter.send("count")
    delivered = counter.recv() - before
    parent.send("cpu")
    server_cpu_ms = (parent.recv() - cpu_before) * 1000 / (count + warmup)
    parent.send("stop")
    rss = parent.recv().get("rss_mb") if parent.poll(30) else None
    server.join(10)
    result.update(
        kind=kind,
        requests=count,
        warmup=warmup,
        delivered=delivered,
        expected=count + warmup,
        server_pinned=started["pinned"],
        server_rss_mb=rss,
        server_cpu_ms_per_turn=server_cpu_ms,
    )
    return result


def main(argv: list[str] | None = None) -> int:
    """Run the scenarios and print the comparison."""
    assert __doc__ is not None, "the module docstring above"
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=3000, help="measured requests for fast scenarios")
    parser.add_argument("--stock-requests", type=int, default=400, help="measured requests for the stock sample")
    parser.add_argument("--faq-requests", type=int, default=1000, help="measured FAQ questions")
    parser.add_argument("--warmup", type=int, default=50)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--matcher", default="hybrid", choices=("hybrid", "lexical"))
    parser.add_argument("--only", default=",".join(SCENARIOS), help="comma-separated subset of " + ",".join(SCENARIOS))
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    parser.add_argument(
        "--no-pin",
        action="store_true",
        help="let every process use every core (a bot process as deployed) instead of one core each",
    )
    args = parser.parse_args(argv)
    if args.no_pin:
        os.environ[NO_PIN] = "1"  # inherited by the spawned server and load processes
    kinds = [k for k in args.only.split(",") if k in SCENARIOS]

    ctx = mp.get_context("spawn")
    counter, counter_child = ctx.Pipe()
    connector = ctx.Process(target=connector_main, args=(counter_child,), daemon=True)
    connector.start()
    service_url = counter.recv()
    questions = _questions()
    results = []
    try:
        for kind in kinds:
            if not args.json:
                print(f"running {kind}: {SCENARIOS[kind]} ...", file=sys.stderr, flush=True)
            results.append(run_scenario(ctx, kind, counter, service_url, args, questions))
    finally:
        counter.send("stop")
        counter.recv()
        connector.join(5)

    stock = next((r for r in results if r["kind"] == "stock" and "error" not in r), None)
    for r in results:
        if "error" not in r and stock:
            r["ratio_vs_stock"] = r["turns_per_s"] / stock["turns_per_s"]
    for r in results:
        if r["kind"] == "faq":
            r["matcher"] = args.matcher
    if args.json:
        print(json.dumps({"cpus": os.cpu_count(), "concurrency": args.concurrency, "results": results}, indent=2))
        return 0
    placement = (
        "every process on every core"
        if args.no_pin
        else f"one server process pinned to core {SERVER_CORE}; load + fake connector on core {CLIENT_CORE}"
    )
    print(f"\nEndpoint throughput, {placement}; {args.concurrency} concurrent clients; {os.cpu_count()} CPUs\n")
    header = (
        f"{'scenario':<52} {'turns/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'delivered':>12} {'vs stock':>9} "
        f"{'CPU ms/turn':>12} {'RSS MB':>7}"
    )
    print(header)
    print("-" * len(header))
    for r in results:
        label = SCENARIOS[r["kind"]].replace("--matcher", args.matcher)
        if "error" in r:
            print(f"{label:<52} not measured: {r['error']}")
            continue
        ratio = f"{r['ratio_vs_stock']:.1f}x" if "ratio_vs_stock" in r else "-"
        rss = f"{r['server_rss_mb']:.0f}" if r.get("server_rss_mb") else "-"
        print(
            f"{label:<52} {r['turns_per_s']:>8.1f} {r['p50_ms']:>8.1f} {r['p99_ms']:>8.1f} "
            f"{r['delivered']:>5}/{r['expected']:<6} {ratio:>9} {r['server_cpu_ms_per_turn']:>12.2f} {rss:>7}"
        )
        odd = {s: n for s, n in r["statuses"].items() if int(s) >= 300}
        if odd or r.get("bad_invoke_bodies"):
            print(f"{'':<52} non-2xx answers: {odd}, bad invoke bodies: {r.get('bad_invoke_bodies')}")
    targets = {"light": 200.0, "faq": 40.0, "faq_lexical": 40.0}
    print()
    for kind, target in targets.items():
        r = next((x for x in results if x["kind"] == kind), None)
        if r is None:
            continue
        if "error" in r:
            print(f"target {kind}: >= {target:.0f}/s  NOT MEASURED ({r['error']})")
            continue
        complete = r["delivered"] >= r["expected"] and not {s for s in r["statuses"] if int(s) >= 300}
        ok = r["turns_per_s"] >= target and complete
        print(
            f"target {kind}: >= {target:.0f}/s, every reply delivered: {r['turns_per_s']:.1f}/s, "
            f"{r['delivered']}/{r['expected']} delivered -> {'MET' if ok else 'MISSED'}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
