"""The TaskQueue contract, run against every adapter: in-process, immediate, and RQ when configured.

RQ runs only when ``RESUMAX_TEST_REDIS_URL`` (``redis://127.0.0.1:PORT/0``) is set and
``resumax_adapters.queue.rq`` exists (and fails, rather than skips, when ``RESUMAX_REQUIRE_SERVICES=1`` and
the URL is not set). That module provides the test hook ``contract_harness(url, handler) -> (queue,
settle, close)``: a fresh RQ queue served by a real RQ worker in a thread, whose jobs call ``handler`` in
the test's event loop; ``settle()`` returns once every enqueued job is finished or failed, ``close()``
stops the worker and deletes the queue. Each harness uses its own queue name, so a shared Redis is safe.
"""

from __future__ import annotations

import asyncio
import importlib.util
import json
import logging
import os
import zlib
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pytest

from resumax_adapters.memory.task_queue import ImmediateTaskQueue
from resumax_adapters.queue.inprocess import InProcessTaskQueue
from resumax_core.errors import InvalidInput, NotFound, QueueUnavailable, StorageUnavailable
from resumax_core.ports.task_queue import TaskQueue, TaskStatus

CANARY = "canary-7f3a-resume-text"


@dataclass
class Handler:
    """Behaves according to the task name; remembers every call."""

    calls: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    release: asyncio.Event = field(default_factory=asyncio.Event)
    started: asyncio.Event = field(default_factory=asyncio.Event)

    def count(self, task: str) -> int:
        return sum(1 for name, _ in self.calls if name == task)

    async def __call__(self, task: str, args: Mapping[str, str]) -> None:
        self.calls.append((task, dict(args)))
        if task == "flaky" and self.count(task) <= 2:
            raise RuntimeError("transient failure")
        if task == "unavailable-once" and self.count(task) == 1:
            raise StorageUnavailable()
        if task == "invalid":
            raise InvalidInput("bad resume")
        if task == "broken":
            raise RuntimeError("always fails")
        if task == "leaky":
            raise RuntimeError(f"failed while reading {CANARY}")
        if task == "slow":
            self.started.set()
            await self.release.wait()


@dataclass
class Harness:
    queue: TaskQueue
    handler: Handler
    settle: Callable[[], Awaitable[None]]
    background: bool


def _require_service(variable: str) -> str:
    value = os.environ.get(variable)
    if value:
        return value
    if os.environ.get("RESUMAX_REQUIRE_SERVICES") == "1":
        pytest.fail(f"RESUMAX_REQUIRE_SERVICES=1 but {variable} is not set")
    pytest.skip(f"set {variable} to run this adapter's contract")


@pytest.fixture(params=["inprocess", "immediate", "rq"])
async def h(request: pytest.FixtureRequest) -> AsyncIterator[Harness]:
    handler = Handler()
    if request.param == "inprocess":
        queue = InProcessTaskQueue(handler, concurrency=2, retry_delays=(0.0,))

        async def settle() -> None:
            await asyncio.wait_for(queue.join(), timeout=5)

        yield Harness(queue, handler, settle, background=True)
        handler.release.set()
        await queue.stop(timeout=5)
    elif request.param == "immediate":
        immediate = ImmediateTaskQueue(handler)
        yield Harness(immediate, handler, immediate.join, background=False)
    else:
        url = _require_service("RESUMAX_TEST_REDIS_URL")
        if importlib.util.find_spec("resumax_adapters.queue.rq") is None:
            pytest.skip("resumax_adapters.queue.rq does not exist yet")
        from resumax_adapters.queue import rq as rq_adapter

        rq_queue, rq_settle, rq_close = rq_adapter.contract_harness(url, handler)
        try:
            yield Harness(rq_queue, handler, rq_settle, background=True)
        finally:
            handler.release.set()
            await rq_close()


@pytest.fixture
def bg(h: Harness) -> Harness:
    if not h.background:
        pytest.skip("jobs run inline in enqueue: nothing is ever running in the background")
    return h


async def test_a_job_runs_with_its_args(h: Harness) -> None:
    job_id = await h.queue.enqueue("echo", {"resume_id": "r-1", "user_id": "u-1"})
    await h.settle()

    assert h.handler.calls == [("echo", {"resume_id": "r-1", "user_id": "u-1"})]
    assert await h.queue.status(job_id) is TaskStatus.FINISHED


async def test_each_enqueue_is_a_new_job(h: Harness) -> None:
    first = await h.queue.enqueue("echo", {"n": "1"})
    second = await h.queue.enqueue("echo", {"n": "1"})
    await h.settle()

    assert first != second
    assert h.handler.count("echo") == 2


async def test_an_idempotency_key_runs_the_job_once(h: Harness) -> None:
    first = await h.queue.enqueue("echo", {"n": "1"}, idempotency_key="parse:r-1")
    await h.settle()
    second = await h.queue.enqueue("echo", {"n": "2"}, idempotency_key="parse:r-1")
    third = await h.queue.enqueue("echo", {"n": "3"}, idempotency_key="parse:r-1")
    await h.settle()

    assert first == second == third
    assert h.handler.calls == [("echo", {"n": "1"})]


async def test_a_flaky_job_finishes_after_retries(h: Harness) -> None:
    job_id = await h.queue.enqueue("flaky", {}, max_retries=2)
    await h.settle()

    assert h.handler.count("flaky") == 3
    assert await h.queue.status(job_id) is TaskStatus.FINISHED


async def test_unavailable_is_retried(h: Harness) -> None:
    job_id = await h.queue.enqueue("unavailable-once", {}, max_retries=1)
    await h.settle()

    assert h.handler.count("unavailable-once") == 2
    assert await h.queue.status(job_id) is TaskStatus.FINISHED


async def test_invalid_input_fails_without_retry(h: Harness) -> None:
    job_id = await h.queue.enqueue("invalid", {}, max_retries=2)
    await h.settle()

    assert h.handler.count("invalid") == 1
    assert await h.queue.status(job_id) is TaskStatus.FAILED


async def test_a_job_fails_once_its_retries_are_spent(h: Harness) -> None:
    job_id = await h.queue.enqueue("broken", {}, max_retries=1)
    await h.settle()

    assert h.handler.count("broken") == 2
    assert await h.queue.status(job_id) is TaskStatus.FAILED


async def test_zero_retries_runs_once(h: Harness) -> None:
    job_id = await h.queue.enqueue("broken", {}, max_retries=0)
    await h.settle()

    assert h.handler.count("broken") == 1
    assert await h.queue.status(job_id) is TaskStatus.FAILED


async def test_status_of_an_unknown_job_is_not_found(h: Harness) -> None:
    with pytest.raises(NotFound) as caught:
        await h.queue.status("no-such-job")
    assert caught.value.code == "not_found"


@pytest.mark.parametrize("args", [{"resume": b"bytes"}, {"n": 1}, {1: "x"}])
async def test_jobs_carry_only_string_args(h: Harness, args: dict[object, object]) -> None:
    with pytest.raises(TypeError):
        await h.queue.enqueue("echo", args)  # type: ignore[arg-type]
    assert h.handler.calls == []


async def test_args_and_error_messages_never_reach_the_logs(
    h: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)

    job_id = await h.queue.enqueue("leaky", {"resume_text": CANARY}, max_retries=1)
    await h.settle()

    assert await h.queue.status(job_id) is TaskStatus.FAILED
    assert h.handler.count("leaky") == 2
    assert CANARY not in caplog.text
    # Structured log handlers print a record's extra fields too (RQ attaches a job's arguments).
    assert not [record for record in caplog.records if CANARY in repr(vars(record))]


# --- background queues ---------------------------------------------------------------------------------


async def _until_started(h: Harness) -> None:
    await asyncio.wait_for(h.handler.started.wait(), timeout=5)


async def test_statuses_go_queued_started_finished(bg: Harness) -> None:
    job_id = await bg.queue.enqueue("slow", {})
    assert await bg.queue.status(job_id) in (TaskStatus.QUEUED, TaskStatus.STARTED)

    await _until_started(bg)
    assert await bg.queue.status(job_id) is TaskStatus.STARTED

    bg.handler.release.set()
    await bg.settle()
    assert await bg.queue.status(job_id) is TaskStatus.FINISHED


async def test_stop_lets_the_running_job_finish(bg: Harness) -> None:
    if not isinstance(bg.queue, InProcessTaskQueue):
        pytest.skip("stopping is a worker-process concern for this queue")
    job_id = await bg.queue.enqueue("slow", {})
    await _until_started(bg)

    stopping = asyncio.create_task(bg.queue.stop(drain=False, timeout=5))
    await asyncio.sleep(0.05)
    assert not stopping.done()
    bg.handler.release.set()
    await asyncio.wait_for(stopping, timeout=5)

    assert await bg.queue.status(job_id) is TaskStatus.FINISHED
    with pytest.raises(QueueUnavailable):
        await bg.queue.enqueue("echo", {})


# --- in-process only -----------------------------------------------------------------------------------


async def test_inprocess_stop_drains_queued_jobs() -> None:
    handler = Handler()
    queue = InProcessTaskQueue(handler, concurrency=1, retry_delays=(0.0,))
    ids = [await queue.enqueue("echo", {"n": str(n)}) for n in range(5)]

    await queue.stop(drain=True, timeout=5)

    assert [await queue.status(job_id) for job_id in ids] == [TaskStatus.FINISHED] * 5


async def test_inprocess_stop_without_drain_leaves_unstarted_jobs_queued() -> None:
    handler = Handler()
    queue = InProcessTaskQueue(handler, concurrency=1, retry_delays=(0.0,))
    running = await queue.enqueue("slow", {})
    waiting = await queue.enqueue("echo", {})
    await asyncio.wait_for(handler.started.wait(), timeout=5)

    stopping = asyncio.create_task(queue.stop(drain=False, timeout=5))
    await asyncio.sleep(0)
    handler.release.set()
    await stopping

    assert await queue.status(running) is TaskStatus.FINISHED
    assert await queue.status(waiting) is TaskStatus.QUEUED

    await queue.start()
    await asyncio.wait_for(queue.join(), timeout=5)
    assert await queue.status(waiting) is TaskStatus.FINISHED
    await queue.stop()


async def test_inprocess_stop_interrupts_a_job_past_the_timeout() -> None:
    handler = Handler()
    queue = InProcessTaskQueue(handler, retry_delays=(0.0,))
    job_id = await queue.enqueue("slow", {})
    await asyncio.wait_for(handler.started.wait(), timeout=5)

    await queue.stop(drain=False, timeout=0.05)

    assert await queue.status(job_id) is TaskStatus.FAILED
    assert queue.job(job_id).error_code == "interrupted"


async def test_inprocess_runs_jobs_concurrently() -> None:
    started: list[str] = []
    release = asyncio.Event()

    async def handler(task: str, args: Mapping[str, str]) -> None:
        started.append(args["n"])
        await release.wait()

    queue = InProcessTaskQueue(handler, concurrency=2)
    await queue.enqueue("slow", {"n": "1"})
    await queue.enqueue("slow", {"n": "2"})
    await queue.enqueue("slow", {"n": "3"})
    for _ in range(20):
        await asyncio.sleep(0)

    assert sorted(started) == ["1", "2"]
    release.set()
    await asyncio.wait_for(queue.join(), timeout=5)
    assert sorted(started) == ["1", "2", "3"]
    await queue.stop()


async def test_inprocess_waits_between_retries() -> None:
    handler = Handler()
    queue = InProcessTaskQueue(handler, retry_delays=(0.05, 0.1))
    loop = asyncio.get_running_loop()
    began = loop.time()

    job_id = await queue.enqueue("flaky", {}, max_retries=2)
    await asyncio.sleep(0.02)
    assert await queue.status(job_id) is TaskStatus.QUEUED
    await asyncio.wait_for(queue.join(), timeout=5)

    assert loop.time() - began >= 0.15
    assert await queue.status(job_id) is TaskStatus.FINISHED
    await queue.stop()


async def test_inprocess_job_timeout_counts_as_a_failure() -> None:
    handler = Handler()
    queue = InProcessTaskQueue(handler, retry_delays=(0.0,), job_timeout=0.05)

    job_id = await queue.enqueue("slow", {}, max_retries=1)
    await asyncio.wait_for(queue.join(), timeout=5)

    assert handler.count("slow") == 2
    assert await queue.status(job_id) is TaskStatus.FAILED
    await queue.stop()


async def test_inprocess_forgets_the_oldest_settled_jobs() -> None:
    handler = Handler()
    queue = InProcessTaskQueue(handler, history_limit=2)
    ids = [await queue.enqueue("echo", {"n": str(n)}, idempotency_key=f"k{n}") for n in range(3)]
    await asyncio.wait_for(queue.join(), timeout=5)

    with pytest.raises(NotFound):
        await queue.status(ids[0])
    assert [await queue.status(job_id) for job_id in ids[1:]] == [TaskStatus.FINISHED] * 2
    await queue.stop()


async def test_inprocess_creates_nothing_until_used() -> None:
    queue = InProcessTaskQueue(Handler())

    await queue.join()
    await queue.stop()


# --- RQ only -------------------------------------------------------------------------------------------


@dataclass
class RqHarness:
    queue: Any
    handler: Handler
    settle: Callable[[], Awaitable[None]]
    url: str


@pytest.fixture
async def rqh() -> AsyncIterator[RqHarness]:
    url = _require_service("RESUMAX_TEST_REDIS_URL")
    from resumax_adapters.queue import rq as rq_adapter

    handler = Handler()
    queue, settle, close = rq_adapter.contract_harness(url, handler)
    try:
        yield RqHarness(queue, handler, settle, url)
    finally:
        handler.release.set()
        await close()


def _stored_job(url: str, job_id: str) -> Any:
    import redis
    from rq.job import Job
    from rq.serializers import JSONSerializer

    connection = redis.Redis.from_url(url)
    try:
        job = Job.fetch(job_id, connection=connection, serializer=JSONSerializer)
        raw = connection.hgetall(Job.key_for(job_id))
    finally:
        connection.close()
    return job, raw


async def test_rq_concurrent_enqueues_with_one_key_queue_one_job(rqh: RqHarness) -> None:
    ids = await asyncio.gather(
        *(rqh.queue.enqueue("echo", {"n": str(n)}, idempotency_key="parse:r-9") for n in range(20))
    )
    await rqh.settle()

    assert len(set(ids)) == 1
    assert rqh.handler.count("echo") == 1


async def test_rq_jobs_are_json_and_describe_only_their_task(rqh: RqHarness) -> None:
    job_id = await rqh.queue.enqueue("echo", {"resume_id": "r-1"}, max_retries=3)
    job, raw = _stored_job(rqh.url, job_id)

    assert raw[b"description"] == b"resumax:echo"
    assert json.loads(zlib.decompress(raw[b"data"]))[2] == ["echo", {"resume_id": "r-1"}]
    assert job.func_name == "resumax_adapters.queue.rq_jobs.run_task"
    assert job.timeout == 60
    assert job.retries_left == 3
    assert job.retry_intervals == [0, 0, 0]


async def test_rq_failed_jobs_keep_their_error_code(rqh: RqHarness) -> None:
    invalid = await rqh.queue.enqueue("invalid", {}, max_retries=2)
    broken = await rqh.queue.enqueue("broken", {}, max_retries=1)
    await rqh.settle()

    assert await rqh.queue.error_code(invalid) == "invalid_input"
    assert await rqh.queue.error_code(broken) == "internal_error"
    _, raw = _stored_job(rqh.url, invalid)
    assert b"bad resume" not in b"".join(raw.values())


async def test_rq_refuses_args_that_are_not_ids(rqh: RqHarness) -> None:
    with pytest.raises(ValueError):
        await rqh.queue.enqueue("echo", {"resume_text": "x" * 1000})
    await rqh.settle()
    assert rqh.handler.calls == []


def _closed_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def test_rq_redis_down_is_queue_unavailable() -> None:
    pytest.importorskip("rq")
    from resumax_adapters.queue.rq import RqTaskQueue

    queue = RqTaskQueue.from_url(f"redis://127.0.0.1:{_closed_port()}/0")
    try:
        with pytest.raises(QueueUnavailable) as caught:
            await queue.enqueue("echo", {"n": "1"}, idempotency_key="k")
        with pytest.raises(QueueUnavailable):
            await queue.enqueue("echo", {"n": "1"})
        with pytest.raises(QueueUnavailable):
            await queue.status("some-job")
    finally:
        await queue.aclose()
    assert caught.value.code == "queue_unavailable"


@pytest.mark.parametrize("url", ["http://127.0.0.1:6379", "inprocess://", ""])
def test_rq_queue_needs_a_redis_url(url: str) -> None:
    pytest.importorskip("rq")
    from resumax_adapters.queue.rq import RqTaskQueue

    with pytest.raises(ValueError):
        RqTaskQueue.from_url(url)
