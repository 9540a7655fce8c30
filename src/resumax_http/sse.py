"""Server-sent events: watch a record's status and stream each change until it is final.

The stream sends ``retry``, then an ``event: status`` for the current state and one for each change,
then ``event: end`` with the final state, and closes. Comment lines (``: heartbeat``) keep idle
connections and proxies alive. The stream also closes with ``event: timeout`` after a bound (the client
polls or reconnects) and ``event: gone`` if the record disappears meanwhile.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any, TypeVar

from starlette.responses import StreamingResponse

from resumax_core.errors import NotFound

T = TypeVar("T")

MEDIA_TYPE = "text/event-stream"


def format_event(event: str, data: Any) -> str:
    """One event: JSON data on a single ``data:`` line (JSON never contains a raw newline)."""
    return f"event: {event}\ndata: {json.dumps(data, ensure_ascii=False, separators=(',', ':'))}\n\n"


async def watch(
    first: T,
    fetch: Callable[[], Awaitable[T]],
    *,
    status: Callable[[T], str],
    is_final: Callable[[T], bool],
    render: Callable[[T], Any],
    render_final: Callable[[T], Any] | None = None,
    poll_seconds: float,
    heartbeat_seconds: float,
    max_seconds: float,
) -> AsyncIterator[str]:
    """Yield the event stream of one record, starting from its state ``first``.

    ``render`` makes the data of each ``status`` event, ``render_final`` (default: ``render``) that of
    the ``end`` event.
    """
    started = last_sent = time.monotonic()
    current, last_status = first, None
    yield f"retry: {max(1000, int(poll_seconds * 2000))}\n\n"
    while True:
        if status(current) != last_status:
            last_status = status(current)
            last_sent = time.monotonic()
            yield format_event("status", render(current))
        if is_final(current):
            yield format_event("end", (render_final or render)(current))
            return
        now = time.monotonic()
        if now - started >= max_seconds:
            yield format_event("timeout", {"message": "Stream closed; poll or reconnect for the status."})
            return
        if now - last_sent >= heartbeat_seconds:
            last_sent = now
            yield ": heartbeat\n\n"
        await asyncio.sleep(poll_seconds)
        try:
            current = await fetch()
        except NotFound:
            yield format_event("gone", {"message": "The record no longer exists."})
            return


def event_stream(events: AsyncIterator[str]) -> StreamingResponse:
    return StreamingResponse(
        events,
        media_type=MEDIA_TYPE,
        headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"},
    )
