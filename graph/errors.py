"""Graph failures as the port's exceptions: DeliveryError (transient or not, with Retry-After) and Unreachable."""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

import httpx
from kiota_abstractions.api_error import APIError
from msgraph.generated.models.o_data_errors.o_data_error import ODataError

from services.ports import DeliveryError

TRANSIENT_STATUSES = frozenset({408, 412, 429})
"""4xx answers that may pass when tried again (every 5xx may too)."""


def retry_after(headers: Mapping[str, str] | None, now: datetime | None = None) -> float | None:
    """Seconds from a Retry-After header (a number or an HTTP date); None when absent or unreadable."""
    if not headers:
        return None
    value = next((v for k, v in headers.items() if k.lower() == "retry-after"), None)
    if value is None:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def status_of(exc: APIError) -> int:
    """The HTTP status of a Graph error (0 when the SDK did not say)."""
    return exc.response_status_code or 0


def code_of(exc: APIError) -> str:
    """Graph's error code (`error.code`), or the status when the body had none."""
    if isinstance(exc, ODataError) and exc.error is not None and exc.error.code:
        return exc.error.code
    return f"HTTP {status_of(exc)}"


def delivery_error(exc: APIError, what: str) -> DeliveryError:
    """A Graph error answer as a DeliveryError: 429, 412, 408 and 5xx are transient, other answers permanent."""
    status = status_of(exc)
    transient = status in TRANSIENT_STATUSES or status >= 500
    wait = retry_after(exc.response_headers) if transient else None
    return DeliveryError(
        f"{what}: Graph answered {status} {code_of(exc)}", transient=transient, retry_after=wait, status=status
    )


@asynccontextmanager
async def graph_errors(what: str) -> AsyncIterator[None]:
    """Turn Graph's error answers and transport failures inside the block into DeliveryError."""
    try:
        yield
    except APIError as exc:
        raise delivery_error(exc, what) from exc
    except httpx.TimeoutException as exc:
        raise DeliveryError(f"{what}: Graph did not answer in time", transient=True) from exc
    except httpx.TransportError as exc:
        raise DeliveryError(f"{what}: Graph could not be reached ({type(exc).__name__})", transient=True) from exc
