"""Decorator routing of incoming activities to flows, in the style of teams.py."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Awaitable, Callable

from dialogs.types import Incoming, Outcome

Flow = Callable[[Incoming], Awaitable[Outcome]]


@dataclass(frozen=True)
class _Pattern:
    regex: re.Pattern[str]
    flow: Flow


class Router:
    """Sends each Incoming to the first flow that claims it."""

    def __init__(self) -> None:
        self._patterns: list[_Pattern] = []
        self._message: Flow | None = None
        self._actions: dict[str, Flow] = {}
        self._install: Flow | None = None
        self._unknown_action: Flow | None = None

    def on_message_pattern(self, pattern: str) -> Callable[[Flow], Flow]:
        """Route messages whose whole text matches `pattern` (case-insensitive)."""
        def register(flow: Flow) -> Flow:
            self._patterns.append(_Pattern(re.compile(pattern, re.IGNORECASE), flow))
            return flow
        return register

    def on_message(self, flow: Flow) -> Flow:
        """Route every other message."""
        self._message = flow
        return flow

    def on_action(self, verb: str) -> Callable[[Flow], Flow]:
        """Route Action.Execute invokes with `verb`."""
        def register(flow: Flow) -> Flow:
            self._actions[verb] = flow
            return flow
        return register

    def on_unknown_action(self, flow: Flow) -> Flow:
        """Route Action.Execute invokes whose verb nobody registered."""
        self._unknown_action = flow
        return flow

    def on_install(self, flow: Flow) -> Flow:
        """Route the bot being added to a chat or team."""
        self._install = flow
        return flow

    async def __call__(self, incoming: Incoming) -> Outcome:
        """Dispatch one activity."""
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
