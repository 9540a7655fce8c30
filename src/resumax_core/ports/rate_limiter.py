"""Rate limiting (in-memory embedded, Redis across processes).

Contract: ``hit`` counts one event for ``key`` in a fixed window and raises ``RateLimited`` (with
``retry_after`` seconds) once more than ``limit`` events fall in the current window.
"""

from __future__ import annotations

from typing import Protocol


class RateLimiter(Protocol):
    async def hit(self, key: str, *, limit: int, window_seconds: int) -> None: ...
