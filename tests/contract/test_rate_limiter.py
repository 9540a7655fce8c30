"""The RateLimiter contract, run against every adapter: in memory, and Redis when one is configured.

Redis runs when ``RESUMAX_TEST_REDIS_URL`` is set and ``resumax_adapters.ratelimit.redis`` exists (that
adapter is expected to offer ``RedisRateLimiter.from_url(url)``, and ``aclose()`` if it holds a
connection). Without the variable the Redis cases skip, or fail when ``RESUMAX_REQUIRE_SERVICES=1``.
Redis keeps its own time, so the harness lets real time pass there; windows in shared tests are kept to
a couple of seconds for that reason. Every test uses fresh random keys, so a shared server is safe.
"""

from __future__ import annotations

import asyncio
import importlib
import logging
import os
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import pytest

from resumax_adapters.memory.rate_limiter import InMemoryRateLimiter
from resumax_core.errors import RateLimited
from resumax_core.ports.rate_limiter import RateLimiter
from tests.fakes import FakeClock

REDIS_URL_VARIABLE = "RESUMAX_TEST_REDIS_URL"
REDIS_MODULE = "resumax_adapters.ratelimit.redis"
REAL_TIME_MARGIN = 0.15


@dataclass
class Harness:
    limiter: RateLimiter
    advance: Callable[[float], Awaitable[None]]
    namespace: str

    def key(self, name: str = "k") -> str:
        return f"{self.namespace}{name}"


def _redis_module() -> Any:
    url = os.environ.get(REDIS_URL_VARIABLE)
    if not url:
        if os.environ.get("RESUMAX_REQUIRE_SERVICES") == "1":
            pytest.fail(f"{REDIS_URL_VARIABLE} is not set but RESUMAX_REQUIRE_SERVICES=1")
        pytest.skip(f"set {REDIS_URL_VARIABLE} to run the Redis rate limiter contract tests")
    try:
        return importlib.import_module(REDIS_MODULE)
    except ModuleNotFoundError:
        pytest.skip(f"{REDIS_MODULE} does not exist yet")


@pytest.fixture(params=["memory", "redis"])
async def harness(request: pytest.FixtureRequest) -> AsyncIterator[Harness]:
    namespace = f"test:{uuid.uuid4().hex}:"
    if request.param == "memory":
        clock = FakeClock()

        async def advance_fake(seconds: float) -> None:
            clock.advance(seconds)

        yield Harness(InMemoryRateLimiter(clock), advance_fake, namespace)
        return
    module = _redis_module()
    limiter = module.RedisRateLimiter.from_url(os.environ[REDIS_URL_VARIABLE])

    async def advance_real(seconds: float) -> None:
        await asyncio.sleep(seconds + REAL_TIME_MARGIN)

    try:
        yield Harness(limiter, advance_real, namespace)
    finally:
        close = getattr(limiter, "aclose", None)
        if close is not None:
            await close()


async def _allowed(limiter: RateLimiter, key: str, *, limit: int, window_seconds: int) -> bool:
    try:
        await limiter.hit(key, limit=limit, window_seconds=window_seconds)
    except RateLimited:
        return False
    return True


async def test_hits_up_to_the_limit_pass_and_the_next_is_refused(harness: Harness) -> None:
    for _ in range(3):
        await harness.limiter.hit(harness.key(), limit=3, window_seconds=60)

    with pytest.raises(RateLimited):
        await harness.limiter.hit(harness.key(), limit=3, window_seconds=60)


async def test_every_hit_past_the_limit_is_refused_within_the_window(harness: Harness) -> None:
    results = [await _allowed(harness.limiter, harness.key(), limit=2, window_seconds=60) for _ in range(6)]

    assert results == [True, True, False, False, False, False]


async def test_retry_after_is_within_the_window_and_at_least_one_second(harness: Harness) -> None:
    await harness.limiter.hit(harness.key(), limit=1, window_seconds=30)

    with pytest.raises(RateLimited) as caught:
        await harness.limiter.hit(harness.key(), limit=1, window_seconds=30)

    assert 1 <= caught.value.retry_after <= 30
    assert caught.value.code == "rate_limited"


async def test_keys_are_counted_separately(harness: Harness) -> None:
    await harness.limiter.hit(harness.key("alice"), limit=1, window_seconds=60)

    await harness.limiter.hit(harness.key("bob"), limit=1, window_seconds=60)
    with pytest.raises(RateLimited):
        await harness.limiter.hit(harness.key("alice"), limit=1, window_seconds=60)


async def test_a_new_window_starts_once_the_old_one_ends(harness: Harness) -> None:
    await harness.limiter.hit(harness.key(), limit=1, window_seconds=1)
    assert not await _allowed(harness.limiter, harness.key(), limit=1, window_seconds=1)

    await harness.advance(1)

    assert await _allowed(harness.limiter, harness.key(), limit=1, window_seconds=1)
    assert not await _allowed(harness.limiter, harness.key(), limit=1, window_seconds=1)


async def test_refused_hits_do_not_extend_the_window(harness: Harness) -> None:
    await harness.limiter.hit(harness.key(), limit=1, window_seconds=2)
    await harness.advance(1)
    assert not await _allowed(harness.limiter, harness.key(), limit=1, window_seconds=2)

    await harness.advance(1)

    assert await _allowed(harness.limiter, harness.key(), limit=1, window_seconds=2)


async def test_the_window_is_fixed_from_its_first_hit_not_sliding(harness: Harness) -> None:
    await harness.limiter.hit(harness.key(), limit=2, window_seconds=2)
    await harness.advance(1)
    await harness.limiter.hit(harness.key(), limit=2, window_seconds=2)
    await harness.advance(1)

    # A sliding window would still hold the hit from one second ago; a fixed one has closed.
    assert await _allowed(harness.limiter, harness.key(), limit=2, window_seconds=2)
    assert await _allowed(harness.limiter, harness.key(), limit=2, window_seconds=2)
    assert not await _allowed(harness.limiter, harness.key(), limit=2, window_seconds=2)


async def test_concurrent_hits_never_let_more_than_the_limit_through(harness: Harness) -> None:
    results = await asyncio.gather(
        *(_allowed(harness.limiter, harness.key(), limit=10, window_seconds=60) for _ in range(60))
    )

    assert results.count(True) == 10


async def test_a_limit_of_zero_refuses_every_hit(harness: Harness) -> None:
    assert not await _allowed(harness.limiter, harness.key(), limit=0, window_seconds=60)


@pytest.mark.parametrize(("limit", "window_seconds"), [(-1, 60), (5, 0), (5, -10)])
async def test_nonsense_limits_are_programming_errors(
    harness: Harness, limit: int, window_seconds: int
) -> None:
    with pytest.raises(ValueError):
        await harness.limiter.hit(harness.key(), limit=limit, window_seconds=window_seconds)


# In-memory specifics: exact retry_after by the fake clock, and bounded memory.


async def test_memory_retry_after_counts_down_to_the_end_of_the_window() -> None:
    clock = FakeClock()
    limiter = InMemoryRateLimiter(clock)
    await limiter.hit("k", limit=1, window_seconds=10)
    retries = []
    for step in (0, 2.5, 5, 2.3):
        clock.advance(step)
        with pytest.raises(RateLimited) as caught:
            await limiter.hit("k", limit=1, window_seconds=10)
        retries.append(caught.value.retry_after)

    assert retries == [10, 8, 3, 1]  # 0.2 s left still says 1: never 0


async def test_memory_drops_closed_windows() -> None:
    clock = FakeClock()
    limiter = InMemoryRateLimiter(clock)
    for number in range(1000):
        await limiter.hit(f"ip:{number}", limit=5, window_seconds=60)
    await limiter.hit("long", limit=5, window_seconds=3600)
    assert len(limiter) == 1001

    clock.advance(60)
    await limiter.hit("fresh", limit=5, window_seconds=60)

    assert len(limiter) == 2  # "long" and "fresh"


async def test_memory_limits_hold_across_threads() -> None:
    limiter = InMemoryRateLimiter(FakeClock())

    def hit_in_own_loop() -> bool:
        return asyncio.run(_allowed(limiter, "shared", limit=25, window_seconds=60))

    results = await asyncio.gather(*(asyncio.to_thread(hit_in_own_loop) for _ in range(100)))

    assert results.count(True) == 25


# Redis specifics: failing open, and keys kept out of Redis in clear.


def _closed_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def test_redis_down_lets_hits_through_with_one_warning(caplog: pytest.LogCaptureFixture) -> None:
    pytest.importorskip("redis")
    module = importlib.import_module(REDIS_MODULE)
    limiter = module.RedisRateLimiter.from_url(f"redis://127.0.0.1:{_closed_port()}/0", socket_timeout=0.5)
    caplog.set_level(logging.WARNING)
    try:
        for _ in range(3):
            await limiter.hit("login:jane@example.com", limit=0, window_seconds=60)
    finally:
        await limiter.aclose()

    warnings = [record for record in caplog.records if record.name == REDIS_MODULE]
    assert len(warnings) == 1
    assert "jane@example.com" not in caplog.text


async def test_redis_stores_keys_hashed(harness: Harness) -> None:
    if isinstance(harness.limiter, InMemoryRateLimiter):
        pytest.skip("the in-memory limiter keeps nothing outside the process")
    import redis

    key = harness.key("login:jane@example.com")
    await harness.limiter.hit(key, limit=5, window_seconds=60)

    client = redis.Redis.from_url(os.environ[REDIS_URL_VARIABLE])
    try:
        names = [name.decode() for name in client.scan_iter(match="resumax:ratelimit:*", count=1000)]
    finally:
        client.close()
    assert names
    assert not [name for name in names if "jane" in name or harness.namespace in name]


@pytest.mark.parametrize("url", ["http://127.0.0.1:6379", "127.0.0.1:6379", ""])
def test_redis_limiter_needs_a_redis_url(url: str) -> None:
    pytest.importorskip("redis")
    module = importlib.import_module(REDIS_MODULE)

    with pytest.raises(ValueError):
        module.RedisRateLimiter.from_url(url)
