"""A fan-out engine in its own process, for the crash test and the benchmark: runs until SIGTERM (or SIGKILL).

    python -m tests.support.fanout_worker --url URL [--schema S] [--rate 400] [--concurrency 8] [--lease 1.5]

Prints 'ready' once the engine runs; on SIGTERM it stops cleanly and prints 'sent <n> cpu_ms <ms>' (the CPU
time it spent since 'ready').
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import sys
from datetime import timedelta


async def main(args: argparse.Namespace) -> None:
    from services.conversations import ConversationService
    from services.fanout import FanoutEngine, FanoutOptions
    from storage import Database
    from tests.support.fanout import connector_messenger, render
    from tests.support.postgres import in_schema

    db = in_schema(args.schema, args.url) if args.schema else Database(args.url)
    messenger, transport = connector_messenger()
    options = FanoutOptions(
        rate=args.rate,
        concurrency=args.concurrency,
        batch=args.batch,
        lease=timedelta(seconds=args.lease),
        poll_interval=args.poll,
        base_delay=0.05,
    )
    fanout = FanoutEngine(db, messenger, ConversationService(db), render, options=options)
    stop = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
    fanout.start()
    began = os.times()
    print("ready", flush=True)
    await stop.wait()
    await fanout.stop()
    await transport.close()
    await db.dispose()
    times = os.times()
    cpu = (times.user + times.system) - (began.user + began.system)
    print(f"sent {fanout.sent} cpu_ms {cpu * 1000:.0f}", flush=True)


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", required=True)
    parser.add_argument("--schema")
    parser.add_argument("--rate", type=float, default=400.0)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--batch", type=int, default=20)
    parser.add_argument("--lease", type=float, default=1.5)
    parser.add_argument("--poll", type=float, default=0.1)
    return parser.parse_args(argv)


if __name__ == "__main__":
    profile = os.environ.get("FANOUT_WORKER_PROFILE")  # a file to write a cProfile of the run to
    if profile:
        import cProfile

        cProfile.run("asyncio.run(main(parse(sys.argv[1:])))", f"{profile}.{os.getpid()}")
    else:
        asyncio.run(main(parse(sys.argv[1:])))
