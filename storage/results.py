"""What a data-changing statement reports back, typed."""

from __future__ import annotations

from typing import Any

from sqlalchemy.engine import CursorResult, Result


def rowcount(result: Result[Any]) -> int:
    """Rows an INSERT, UPDATE or DELETE touched (Session.execute is typed Result; for those it is a CursorResult)."""
    if not isinstance(result, CursorResult):
        raise TypeError(f"{type(result).__name__} has no rowcount: not the result of an INSERT, UPDATE or DELETE")
    return result.rowcount
