"""``InProcessTaskQueue``: background jobs on asyncio workers inside the app process (``inprocess://``).

For the embedded default: no broker, nothing durable. The database stays the source of truth (a job
lost with the process is re-enqueued by the reconciler). Workers start in the running event loop on the
first ``enqueue`` or on ``start()``; ``stop()`` is the SIGTERM path: no new jobs, the running ones finish.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Mapping, Sequence

from resumax_adapters.queue.jobs import (
    INTERRUPTED,
    JobBook,
    JobInfo,
    JobRecord,
    error_code,
    is_retryable,
    new_record,
    retry_delay,
)
from resumax_core.errors import QueueUnavailable
from resumax_core.ports.task_queue import TaskHandler, TaskStatus

log = logging.getLogger(__name__)


class InProcessTaskQueue:
    """A ``TaskQueue`` whose ``concurrency`` asyncio workers call ``handler(task, args)``.

    Retries follow the port: a failure is retried up to the job's ``max_retries`` after
    ``retry_delays[n-1]`` seconds for retry n (the last delay repeats), unless it is a ``ResumaxError``
    that is not ``Unavailable``. A job waiting for its retry reads as queued. ``job_timeout`` (seconds),
    when set, cancels a run that takes longer and counts it as a retryable failure. The last
    ``history_limit`` settled jobs stay queryable; older ones answer ``NotFound``.
    """

    def __init__(
        self,
        handler: TaskHandler,
        *,
        concurrency: int = 2,
        retry_delays: Sequence[float] = (1.0, 5.0, 30.0),
        job_timeout: float | None = None,
        history_limit: int = 1000,
    ) -> None:
        if concurrency < 1:
            raise ValueError("concurrency must be at least 1")
        self._handler = handler
        self._concurrency = concurrency
        self._delays = tuple(retry_delays)
        self._job_timeout = job_timeout
        self._book = JobBook(history_limit)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._ready: asyncio.Queue[str] | None = None
        self._workers: set[asyncio.Task[None]] = set()
        self._busy: set[asyncio.Task[None]] = set()
        self._timers: set[asyncio.Task[None]] = set()
        self._idle = asyncio.Event()
        self._idle.set()
        self._outstanding = 0
        self._closing = False
        self._stopped = False

    async def enqueue(
        self,
        task: str,
        args: Mapping[str, str],
        *,
        idempotency_key: str | None = None,
        max_retries: int = 2,
    ) -> str:
        """Queue a job and return its id; a reused ``idempotency_key`` returns the first job's id and
        queues nothing. ``QueueUnavailable`` once the queue is stopped."""
        record = new_record(task, args, max_retries=max_retries, idempotency_key=idempotency_key)
        if idempotency_key is not None and (existing := self._book.by_idempotency_key(idempotency_key)):
            return existing.id
        if self._stopped:
            raise QueueUnavailable("The job queue is shutting down.")
        ready = self._ensure_started()
        self._book.add(record)
        self._outstanding += 1
        self._idle.clear()
        ready.put_nowait(record.id)
        return record.id

    async def status(self, job_id: str) -> TaskStatus:
        """queued, started, finished or failed; ``NotFound`` for an unknown (or long forgotten) id."""
        return self._book.get(job_id).status

    def job(self, job_id: str) -> JobInfo:
        """A read-only view of one job (args included: for tests and diagnostics, never for logs)."""
        return self._book.get(job_id).info()

    def jobs(self) -> tuple[JobInfo, ...]:
        return tuple(record.info() for record in self._book.all())

    async def start(self) -> None:
        """Start the workers in the running loop (also done by the first ``enqueue``); undoes ``stop``."""
        self._stopped = False
        self._ensure_started()

    async def join(self) -> None:
        """Wait until no job is queued, running or waiting for a retry (at once when not running)."""
        if self._workers:
            await self._idle.wait()

    async def stop(self, drain: bool = True, timeout: float = 30) -> None:
        """Refuse new jobs, then wait up to ``timeout`` seconds: with ``drain`` for every queued job
        (retries included), otherwise only for the running ones. Jobs still running at the deadline are
        cancelled and fail with code ``interrupted``; jobs never started stay queued for the reconciler."""
        self._stopped = True
        if not self._workers:
            return
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        if drain:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._idle.wait(), timeout)
        self._closing = True
        for timer in list(self._timers):
            timer.cancel()
        for worker in self._workers - self._busy:
            worker.cancel()
        remaining = max(0.0, deadline - loop.time())
        _, late = await asyncio.wait(self._workers, timeout=remaining) if self._workers else (set(), set())
        for worker in late:
            worker.cancel()
        await asyncio.gather(*self._workers, *self._timers, return_exceptions=True)
        self._reset()

    def _ensure_started(self) -> asyncio.Queue[str]:
        loop = asyncio.get_running_loop()
        if self._loop is not None and self._loop is not loop:
            if not self._loop.is_closed():
                raise RuntimeError("this InProcessTaskQueue is running in another event loop")
            self._abandon_dead_loop()
        if self._ready is None:
            self._loop = loop
            self._ready = asyncio.Queue()
            self._workers = {
                loop.create_task(self._work(), name=f"resumax-worker-{n}") for n in range(self._concurrency)
            }
            for record in self._book.active():
                self._ready.put_nowait(record.id)
        return self._ready

    def _abandon_dead_loop(self) -> None:
        """The loop the workers ran in is gone (e.g. a CLI's previous ``asyncio.run``): what was running
        there is lost; what was queued runs again in the new loop."""
        for record in self._book.active():
            if record.status is TaskStatus.STARTED:
                self._book.settle(record, TaskStatus.FAILED, INTERRUPTED)
            else:
                record.status = TaskStatus.QUEUED
        self._reset()
        self._outstanding = len(self._book.active())
        self._idle = asyncio.Event()
        if self._outstanding == 0:
            self._idle.set()

    def _reset(self) -> None:
        self._loop = None
        self._ready = None
        self._workers = set()
        self._busy = set()
        self._timers = set()
        self._closing = False

    async def _work(self) -> None:
        current = asyncio.current_task()
        assert current is not None and self._ready is not None
        ready = self._ready
        while not self._closing:
            job_id = await ready.get()
            self._busy.add(current)
            try:
                await self._run(self._book.get(job_id))
            finally:
                self._busy.discard(current)
                ready.task_done()

    async def _run(self, record: JobRecord) -> None:
        record.status = TaskStatus.STARTED
        record.attempts += 1
        log.debug("job %s (%s) started, attempt %d", record.id, record.task, record.attempts)
        try:
            async with asyncio.timeout(self._job_timeout):
                await self._handler(record.task, dict(record.args))
        except asyncio.CancelledError:
            self._settle(record, TaskStatus.FAILED, INTERRUPTED)
            raise
        except Exception as exc:  # noqa: BLE001 -- a job may fail in any way; its status records it
            self._failed(record, exc)
        else:
            log.debug("job %s (%s) finished", record.id, record.task)
            self._settle(record, TaskStatus.FINISHED)

    def _failed(self, record: JobRecord, exc: Exception) -> None:
        code = error_code(exc)
        if is_retryable(exc) and record.attempts <= record.max_retries:
            record.status = TaskStatus.QUEUED
            record.error_code = code
            if self._closing:
                # Shutting down: the job stays queued for a restart or the reconciler.
                log.warning("job %s (%s) failed during shutdown; left queued", record.id, record.task)
                return
            delay = retry_delay(self._delays, record.attempts)
            log.warning(
                "job %s (%s) attempt %d failed with %s (%s); retrying in %.1fs",
                record.id,
                record.task,
                record.attempts,
                type(exc).__name__,
                code,
                delay,
            )
            timer = asyncio.get_running_loop().create_task(self._retry_later(record.id, delay))
            self._timers.add(timer)
            timer.add_done_callback(self._timers.discard)
            return
        log.warning(
            "job %s (%s) failed after %d attempt(s) with %s (%s)",
            record.id,
            record.task,
            record.attempts,
            type(exc).__name__,
            code,
        )
        self._settle(record, TaskStatus.FAILED, code)

    async def _retry_later(self, job_id: str, delay: float) -> None:
        await asyncio.sleep(delay)
        if self._ready is not None:
            self._ready.put_nowait(job_id)

    def _settle(self, record: JobRecord, status: TaskStatus, code: str | None = None) -> None:
        self._book.settle(record, status, code)
        self._outstanding -= 1
        if self._outstanding <= 0:
            self._outstanding = 0
            self._idle.set()
