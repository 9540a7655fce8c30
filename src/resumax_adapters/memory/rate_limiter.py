"""``InMemoryRateLimiter``: the ``RateLimiter`` port as fixed windows held in this process.

A key's window opens at its first hit and lasts ``window_seconds`` (as Redis ``INCR`` + ``EXPIRE`` does);
the hit that makes the count exceed ``limit`` and every later one in that window raise ``RateLimited``
with ``retry_after`` = whole seconds until the window closes (at least 1). Refused hits are counted too,
but never extend the window. The window length and limit come with each hit, so one limiter serves many
policies as long as each key is used with one of them.

Memory stays bounded by the keys active within their windows: every hit first drops windows that have
closed, using a heap ordered by closing time. ``hit`` never awaits, so it is atomic under asyncio; a lock
makes it safe across threads too. Counts live in this process only: use the Redis adapter when several
processes serve the same users.
"""

from __future__ import annotations

import heapq
import math
import threading

from attrs import define

from resumax_core.errors import RateLimited
from resumax_core.ports.clock import Clock


@define
class _Window:
    closes_at: float
    count: int


class InMemoryRateLimiter:
    """Fixed-window counting per key, timed by ``clock``."""

    def __init__(self, clock: Clock) -> None:
        self._clock = clock
        self._windows: dict[str, _Window] = {}
        self._closing: list[tuple[float, str]] = []
        self._lock = threading.Lock()

    def __len__(self) -> int:
        """How many keys have an open window (expired ones are dropped on the next hit)."""
        return len(self._windows)

    async def hit(self, key: str, *, limit: int, window_seconds: int) -> None:
        """Count one event for ``key``; ``RateLimited`` once more than ``limit`` fall in its window.

        ``ValueError`` for a negative ``limit`` or a window shorter than one second.
        """
        if limit < 0:
            raise ValueError("limit must not be negative")
        if window_seconds < 1:
            raise ValueError("window_seconds must be at least 1")
        now = self._clock.now().timestamp()
        with self._lock:
            self._prune(now)
            window = self._windows.get(key)
            if window is None:
                window = _Window(closes_at=now + window_seconds, count=0)
                self._windows[key] = window
                heapq.heappush(self._closing, (window.closes_at, key))
            window.count += 1
            count, closes_at = window.count, window.closes_at
        if count > limit:
            raise RateLimited(retry_after=max(1, math.ceil(closes_at - now)))

    def _prune(self, now: float) -> None:
        while self._closing and self._closing[0][0] <= now:
            _, key = heapq.heappop(self._closing)
            # Each open window has exactly one heap entry: a key only reopens after this pop.
            del self._windows[key]
