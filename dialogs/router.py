"""Decorator routing of incoming activities to flows, in the style of teams.py."""

from __future__ import annotations

import inspect
import re
from dataclasses import dataclass
from typing import Awaitable, Callable, TypeVar

from dialogs.types import Incoming, Outcome
from i18n import t
from vocabulary.actions import ActionRefused, CardAction

Flow = Callable[[Incoming], Awaitable[Outcome]]
Hook = Callable[[Incoming], Incoming | Awaitable[Incoming]]
P = TypeVar("P")
ActionFlow = Callable[[Incoming, P], Awaitable[Outcome]]


@dataclass(frozen=True)
class _Pattern:
    regex: re.Pattern[str]
    flow: Flow


class Router:
    """Sends each Incoming to the first flow that claims it: patterns in the order registered, then the catch-all."""

    def __init__(self) -> None:
        self._before: list[Hook] = []
        self._patterns: list[_Pattern] = []
        self._message: Flow | None = None
        self._actions: dict[str, Flow] = {}
        self._unprepared: set[str] = set()
        """Verbs whose flows run without the before-hooks and call `prepare` only where they need them."""
        self._install: Flow | None = None
        self._unknown_action: Flow | None = None

    def before(self, hook: Hook) -> Hook:
        """Run `hook` (plain or async) once per turn before routing; the flow receives the Incoming it returns."""
        self._before.append(hook)
        return hook

    def on_message_pattern(self, pattern: str) -> Callable[[Flow], Flow]:
        """Route messages whose whole text matches `pattern` (case-insensitive); tried in registration order."""

        def register(flow: Flow) -> Flow:
            if self._message is not None:
                raise ValueError(f"pattern {pattern!r} registered after the catch-all, which would never let it match")
            self._patterns.append(_Pattern(re.compile(pattern, re.IGNORECASE), flow))
            return flow

        return register

    def on_message(self, flow: Flow) -> Flow:
        """Route every other message: the catch-all, registered once and last."""
        self._message = _once(self._message, flow, "the catch-all message flow")
        return flow

    def action(self, action: CardAction[P], *, prepared: bool = True) -> Callable[[ActionFlow[P]], ActionFlow[P]]:
        """Route Action.Execute invokes with the action's verb; the flow gets the payload, parsed before it runs.

        With `prepared=False` the before-hooks do not run first: the flow calls `prepare` for the answers that need
        them (a hot click whose usual answer does not depend on the person saves their look-up); a refused payload
        still gets them.
        """

        def register(flow: ActionFlow[P]) -> ActionFlow[P]:
            if action.verb in self._actions:
                raise ValueError(f"verb {action.verb.value!r} is registered twice")

            async def run(incoming: Incoming) -> Outcome:
                try:
                    payload = action.parse(incoming.data)
                except ActionRefused as refused:  # garbled card data: the polite answer, the flow never runs
                    if not prepared:
                        incoming = await self.prepare(incoming)
                    return Outcome(message=t(refused.key, incoming.lang, **refused.params))
                return await flow(incoming, payload)

            self._actions[action.verb] = run
            if not prepared:
                self._unprepared.add(action.verb)
            return flow

        return register

    def on_unknown_action(self, flow: Flow) -> Flow:
        """Route Action.Execute invokes whose verb nobody registered."""
        self._unknown_action = _once(self._unknown_action, flow, "the unknown-action flow")
        return flow

    def on_install(self, flow: Flow) -> Flow:
        """Route the bot being added to a chat or team."""
        self._install = _once(self._install, flow, "the install flow")
        return flow

    @property
    def patterns(self) -> tuple[str, ...]:
        """The message patterns in the order they are tried."""
        return tuple(pattern.regex.pattern for pattern in self._patterns)

    @property
    def verbs(self) -> frozenset[str]:
        """The verbs that have a route."""
        return frozenset(self._actions)

    async def prepare(self, incoming: Incoming) -> Incoming:
        """`incoming` after the before-hooks (the language of the turn among them)."""
        for hook in self._before:
            result = hook(incoming)
            incoming = await result if inspect.isawaitable(result) else result
        return incoming

    async def __call__(self, incoming: Incoming) -> Outcome:
        """Run the before-hooks (unless the action's flow runs them itself), then dispatch one activity."""
        if incoming.kind != "action" or incoming.verb not in self._unprepared:
            incoming = await self.prepare(incoming)
        if incoming.kind == "message":
            for pattern in self._patterns:
                if pattern.regex.fullmatch(incoming.text):
                    return await pattern.flow(incoming)
            if self._message is not None:
                return await self._message(incoming)
        elif incoming.kind == "action":
            flow = self._actions.get(incoming.verb or "", self._unknown_action)
            if flow is not None:
                return await flow(incoming)
        elif incoming.kind == "install" and self._install is not None:
            return await self._install(incoming)
        return Outcome()


def _once(current: Flow | None, flow: Flow, what: str) -> Flow:
    """`flow`, unless one is registered already: a second registration would silently replace the first."""
    if current is not None:
        raise ValueError(f"{what} is registered twice")
    return flow
