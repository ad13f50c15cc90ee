"""What the fake services (Bot Connector, Graph) share: an aiohttp app on 127.0.0.1 in its own thread and loop, a
condition that tests wait on, and failures injected per method and path."""

from __future__ import annotations

import asyncio
import threading
from dataclasses import dataclass
from typing import Any, Callable, Self

from aiohttp import web


@dataclass
class Failure:
    """Answer `status` (with Retry-After, error `code`) to `times` calls (-1: all) whose body satisfies `when`,
    once `after` more calls have been answered as usual."""

    status: int
    times: int
    retry_after: str | None
    code: str
    after: int = 0
    when: Callable[[Any], bool] | None = None


class FakeServer:
    """Serves `_dispatch` for every path from a background thread; subclasses answer and record under `_condition`."""

    thread_name = "fake-server"

    def __init__(self) -> None:
        self._condition = threading.Condition()
        self._failures: dict[tuple[str, str], Failure] = {}
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self.port = 0

    # --- lifecycle ------------------------------------------------------------------------------
    def start(self) -> Self:
        """Serve in a background thread; return once the port is bound."""
        ready = threading.Event()
        errors: list[BaseException] = []

        def run() -> None:
            self._loop = asyncio.new_event_loop()
            asyncio.set_event_loop(self._loop)
            try:
                runner = self._loop.run_until_complete(self._start_site())
            except BaseException as exc:
                errors.append(exc)
                ready.set()
                return
            ready.set()
            self._loop.run_forever()
            self._loop.run_until_complete(runner.cleanup())
            self._loop.close()

        self._thread = threading.Thread(target=run, name=self.thread_name, daemon=True)
        self._thread.start()
        if not ready.wait(10):
            raise RuntimeError(f"{self.thread_name} did not start")
        if errors:
            raise errors[0]
        return self

    async def _start_site(self) -> web.AppRunner:
        await self._on_loop()
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", self._dispatch)
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        self.port = runner.addresses[0][1]
        return runner

    async def _on_loop(self) -> None:
        """Runs on the server's loop before it serves (e.g. to make the loop's events)."""

    def _before_stop(self) -> None:
        """Runs before the loop stops (e.g. to let held calls go)."""

    def stop(self) -> None:
        """Stop serving and join the thread."""
        if self._loop is not None and self._thread is not None:
            self._before_stop()
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(10)

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *_: object) -> None:
        self.stop()

    async def _dispatch(self, request: web.Request) -> web.Response:
        raise NotImplementedError

    # --- waiting --------------------------------------------------------------------------------
    def wait_for(self, predicate: Callable[[Self], object], timeout: float = 5.0) -> bool:
        """Block until `predicate(self)` is truthy (re-checked on every call) or `timeout` passes."""
        with self._condition:
            return bool(self._condition.wait_for(lambda: predicate(self), timeout))

    # The wait blocks a worker thread, which a caller's asyncio.timeout could not end: the thread needs the timeout.
    async def wait_for_async(self, predicate: Callable[[Self], object], timeout: float = 5.0) -> bool:  # noqa: ASYNC109
        """`wait_for` without blocking the caller's event loop."""
        return await asyncio.to_thread(self.wait_for, predicate, timeout)

    # --- injected failures ----------------------------------------------------------------------
    def _inject(self, method: str, path: str, failure: Failure) -> None:
        with self._condition:
            self._failures[(method.upper(), path)] = failure

    def _failure_for(self, method: str, path: str, body: Any = None) -> Failure | None:
        """The failure to answer this call with, counted (call under `_condition`); None: answer as usual."""
        failure = self._failures.get((method, path))
        if failure is None or (failure.when is not None and not failure.when(body)):
            return None
        if failure.after > 0:
            failure.after -= 1
            return None
        if failure.times == 0:
            return None
        failure.times -= 1 if failure.times > 0 else 0
        return failure
