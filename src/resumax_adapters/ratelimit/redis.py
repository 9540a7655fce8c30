"""``RedisRateLimiter``: the ``RateLimiter`` port as fixed windows counted in Redis (``redis://``).

One Lua script per hit, atomic on the server: ``INCR`` the key's counter and, when the counter has no
expiry yet (the window's first hit), ``PEXPIRE`` it to the window length. The window therefore opens at
its first hit and is never extended by later ones, refused hits included, exactly like the in-memory
limiter; ``retry_after`` is the key's remaining TTL rounded up to whole seconds (at least 1). Counts are
shared by every process using the same Redis, which is why this adapter exists.

Keys are stored hashed (``<namespace><sha256>``): callers key by email address or IP, which have no
business sitting in Redis in clear.

When Redis fails (down, timeout, auth), ``hit`` lets the request through and logs a warning (at most once
a minute). Failing open keeps login and sign-up available through a Redis outage at the price of no
throttling while it lasts; failing closed would turn a cache outage into a full authentication outage.
Password hashing stays capped per process, so an attacker gains guesses, not a cheaper hash.

The client is created on first use in the running event loop; use one limiter from one loop and
``aclose()`` it before that loop ends.
"""

from __future__ import annotations

import hashlib
import logging
import math
import time
from typing import Any, Final

import redis.asyncio as aioredis
from redis.exceptions import RedisError

from resumax_core.errors import RateLimited

log = logging.getLogger(__name__)

_HIT: Final = """
local count = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {count, ttl}
"""
_WARN_EVERY_SECONDS: Final = 60.0


class RedisRateLimiter:
    """Fixed-window counting per key in the Redis at ``url``; fails open when Redis is unreachable.

    ``namespace`` prefixes every Redis key; ``socket_timeout`` (seconds) bounds how long a hit may wait
    for Redis before it is let through.
    """

    def __init__(
        self, url: str, *, namespace: str = "resumax:ratelimit:", socket_timeout: float = 1.0
    ) -> None:
        self._url = url
        self._namespace = namespace
        self._socket_timeout = socket_timeout
        self._redis: Any = None
        self._script: Any = None
        self._last_warning = -math.inf

    @classmethod
    def from_url(cls, url: str, **options: Any) -> RedisRateLimiter:
        """A limiter on ``redis://[:password@]host:port/db`` (or ``rediss://``); nothing connects yet."""
        if not url.startswith(("redis://", "rediss://", "unix://")):
            raise ValueError("a Redis URL starts with redis://, rediss:// or unix://")
        return cls(url, **options)

    async def hit(self, key: str, *, limit: int, window_seconds: int) -> None:
        """Count one event for ``key``; ``RateLimited`` once more than ``limit`` fall in its window.

        ``ValueError`` for a negative ``limit`` or a window shorter than one second.
        """
        if limit < 0:
            raise ValueError("limit must not be negative")
        if window_seconds < 1:
            raise ValueError("window_seconds must be at least 1")
        try:
            count, ttl_ms = await self._hit_script()(
                keys=[self._redis_key(key)], args=[window_seconds * 1000]
            )
        except RedisError as exc:
            self._warn_open(exc)
            return
        if int(count) > limit:
            raise RateLimited(retry_after=max(1, math.ceil(int(ttl_ms) / 1000)))

    async def aclose(self) -> None:
        """Release the connections; a later ``hit`` connects again."""
        client, self._redis, self._script = self._redis, None, None
        if client is not None:
            await client.aclose()

    def _hit_script(self) -> Any:
        if self._script is None:
            self._redis = aioredis.Redis.from_url(
                self._url, socket_timeout=self._socket_timeout, socket_connect_timeout=self._socket_timeout
            )
            self._script = self._redis.register_script(_HIT)
        return self._script

    def _redis_key(self, key: str) -> str:
        return self._namespace + hashlib.sha256(key.encode("utf-8")).hexdigest()

    def _warn_open(self, exc: RedisError) -> None:
        now = time.monotonic()
        if now - self._last_warning >= _WARN_EVERY_SECONDS:
            self._last_warning = now
            log.warning(
                "rate limiting is off: Redis is unavailable (%s); requests are let through",
                type(exc).__name__,
            )
