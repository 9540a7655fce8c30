"""``RqTaskQueue``: background jobs in Redis, run by RQ workers in other processes (``redis://``).

Each job is ``rq_jobs.run_task(task, args)`` with the task name and its string args (ids, never resume
text), serialized as JSON: unpickling bytes from Redis would run whatever code they name (the worker, for
its part, runs no job function but this one). Its RQ description is ``resumax:<task>``, so RQ's logs
name the task but not the args.

- An ``idempotency_key`` becomes the job id (a hash of queue name and key). Checking that the id is
  free and queuing the job happen in one Redis transaction (WATCH/MULTI), so two concurrent enqueues
  with one key queue one job, and the key keeps answering that job's id for as long as Redis remembers
  it (``result_ttl`` once finished, ``failure_ttl`` once failed).
- A failing job is retried ``max_retries`` times after ``retry_intervals[n-1]`` seconds for retry n
  (the last interval repeats; 0 queues it again at once). Delayed retries need a worker started with
  RQ's scheduler (``resumax worker`` is). ``rq_jobs`` makes RQ fail at once a job that would fail again.
- ``job_timeout`` is RQ's hard limit on a job (the forking worker kills its work horse); keep it above
  the LLM timeouts.
- Redis failures surface as ``QueueUnavailable``.

The queue's worker must use the same queue name and JSON serializer (``resumax_worker`` does).
"""

from __future__ import annotations

import asyncio
import hashlib
import threading
import time
import uuid
from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Any, Final, TypeVar

import redis
from redis.exceptions import RedisError, WatchError
from rq import Queue, Retry, SimpleWorker
from rq.exceptions import NoSuchJobError
from rq.job import Job
from rq.serializers import JSONSerializer
from rq.timeouts import TimerDeathPenalty

from resumax_adapters.queue import rq_jobs
from resumax_adapters.queue.jobs import JobRecord, new_record
from resumax_core.errors import NotFound, QueueUnavailable
from resumax_core.ports.task_queue import TaskHandler, TaskStatus

T = TypeVar("T")

DEFAULT_QUEUE: Final = "resumax"
MAX_ARG_LENGTH: Final = 256
"""Job args are ids: anything longer is a bug (resume text on its way into Redis), refused up front."""

_STATUSES: Final = {
    "created": TaskStatus.QUEUED,
    "queued": TaskStatus.QUEUED,
    "deferred": TaskStatus.QUEUED,
    "scheduled": TaskStatus.QUEUED,
    "rate_limited": TaskStatus.QUEUED,
    "started": TaskStatus.STARTED,
    "finished": TaskStatus.FINISHED,
    "failed": TaskStatus.FAILED,
    "stopped": TaskStatus.FAILED,
    "canceled": TaskStatus.FAILED,
}


class RqTaskQueue:
    """A ``TaskQueue`` on the RQ queue ``queue_name`` of the Redis behind ``connection``.

    ``job_timeout`` (seconds) is each job's hard limit; ``retry_intervals`` the waits between retries;
    ``result_ttl`` and ``failure_ttl`` how long finished and failed jobs (and so their idempotency keys
    and statuses) are kept.
    """

    def __init__(
        self,
        connection: redis.Redis,
        *,
        queue_name: str = DEFAULT_QUEUE,
        job_timeout: int = 300,
        retry_intervals: Sequence[int] = (10, 60, 300),
        result_ttl: int = 24 * 3600,
        failure_ttl: int = 7 * 24 * 3600,
    ) -> None:
        if job_timeout < 1:
            raise ValueError("job_timeout must be at least one second")
        if any(interval < 0 for interval in retry_intervals):
            raise ValueError("retry intervals must not be negative")
        self._connection = connection
        self._queue = Queue(
            queue_name, connection=connection, serializer=JSONSerializer, default_timeout=job_timeout
        )
        self._job_timeout = job_timeout
        self._intervals = tuple(int(interval) for interval in retry_intervals) or (0,)
        self._result_ttl = result_ttl
        self._failure_ttl = failure_ttl

    @classmethod
    def from_url(cls, url: str, **options: Any) -> RqTaskQueue:
        """A queue on ``redis://[:password@]host:port/db`` (or ``rediss://``); nothing connects yet."""
        if not url.startswith(rq_jobs.REDIS_SCHEMES):
            raise ValueError("a Redis URL starts with redis://, rediss:// or unix://")
        connection = redis.Redis.from_url(
            url, socket_timeout=10, socket_connect_timeout=5, health_check_interval=30
        )
        return cls(connection, **options)

    @property
    def name(self) -> str:
        return str(self._queue.name)

    async def enqueue(
        self,
        task: str,
        args: Mapping[str, str],
        *,
        idempotency_key: str | None = None,
        max_retries: int = 2,
    ) -> str:
        """Queue ``task`` with string ``args`` and return the job id; a reused ``idempotency_key``
        returns the first job's id and queues nothing. TypeError/ValueError for a malformed job."""
        record = new_record(task, args, max_retries=max_retries, idempotency_key=idempotency_key)
        if any(len(value) > MAX_ARG_LENGTH for value in record.args.values()):
            raise ValueError("job args are ids; a value this long does not belong in a queue")
        return await self._redis(self._enqueue, record)

    async def status(self, job_id: str) -> TaskStatus:
        """queued, started, finished or failed; ``NotFound`` for an unknown or expired id."""
        job = await self._redis(self._fetch, job_id)
        status = job.get_status(refresh=False)
        return _STATUSES.get(str(getattr(status, "value", status)), TaskStatus.QUEUED)

    async def error_code(self, job_id: str) -> str | None:
        """The error code a failed attempt of the job recorded, if any (for diagnostics and tests)."""
        job = await self._redis(self._fetch, job_id)
        code = job.meta.get(rq_jobs.ERROR_CODE_META)
        return code if isinstance(code, str) else None

    async def aclose(self) -> None:
        """Release the Redis connections."""
        await asyncio.to_thread(self._connection.close)

    def _enqueue(self, record: JobRecord) -> str:
        retries = record.max_retries
        options: dict[str, Any] = {
            "args": (record.task, dict(record.args)),
            "timeout": self._job_timeout,
            "result_ttl": self._result_ttl,
            "failure_ttl": self._failure_ttl,
            "description": f"resumax:{record.task}",
            "retry": Retry(max=retries, interval=self._retry_waits(retries)) if retries else None,
        }
        if record.idempotency_key is None:
            job_id = record.id
            self._queue.enqueue_call(rq_jobs.run_task, job_id=job_id, **options)
            return job_id
        job_id = self._job_id(record.idempotency_key)
        with self._connection.pipeline() as pipe:
            try:
                pipe.watch(Job.key_for(job_id))
                if pipe.exists(Job.key_for(job_id)):
                    return job_id
                pipe.multi()
                self._queue.enqueue_call(rq_jobs.run_task, job_id=job_id, pipeline=pipe, **options)
                pipe.execute()
            except WatchError:
                pass  # a concurrent enqueue with this key created the job first: same id, nothing new
        return job_id

    def _fetch(self, job_id: str) -> Job:
        try:
            return Job.fetch(job_id, connection=self._connection, serializer=JSONSerializer)
        except (NoSuchJobError, ValueError, TypeError) as exc:
            raise NotFound("No such job.") from exc

    def _job_id(self, idempotency_key: str) -> str:
        digest = hashlib.sha256(f"{self._queue.name}\x00{idempotency_key}".encode()).hexdigest()
        return f"idem-{digest[:40]}"

    def _retry_waits(self, retries: int) -> list[int]:
        # RQ uses the interval list from its end when it is longer than the retry count: pad or trim it.
        return [self._intervals[min(n, len(self._intervals) - 1)] for n in range(retries)]

    async def _redis(self, action: Callable[..., T], *args: Any) -> T:
        try:
            return await asyncio.to_thread(action, *args)
        except RedisError as exc:
            raise QueueUnavailable() from exc


# --- test hook -----------------------------------------------------------------------------------------


class _ThreadWorker(SimpleWorker):
    """An RQ worker for a thread of a test process: no signal handlers, no command channel, and a
    timer instead of SIGALRM for job timeouts."""

    death_penalty_class = TimerDeathPenalty

    def _install_signal_handlers(self) -> None:
        """Signals belong to the main thread."""

    def subscribe(self) -> None:
        """No pubsub thread per burst."""

    def unsubscribe(self) -> None:
        """Nothing was subscribed."""

    def handle_exception(self, job: Job, *exc_info: Any) -> None:
        """Log the failure without the job's arguments, which RQ attaches to the record."""
        self.log.error("Worker %s: job %s (%s) failed: %s", self.name, job.id, job.description, exc_info[1])


class _TrackingQueue(RqTaskQueue):
    """Remembers the ids it handed out, so the harness knows when every job has settled."""

    def __init__(self, connection: redis.Redis, **options: Any) -> None:
        super().__init__(connection, **options)
        self.job_ids: set[str] = set()

    async def enqueue(
        self,
        task: str,
        args: Mapping[str, str],
        *,
        idempotency_key: str | None = None,
        max_retries: int = 2,
    ) -> str:
        job_id = await super().enqueue(task, args, idempotency_key=idempotency_key, max_retries=max_retries)
        self.job_ids.add(job_id)
        return job_id


def contract_harness(
    url: str, handler: TaskHandler, *, settle_timeout: float = 20.0
) -> tuple[RqTaskQueue, Callable[[], Awaitable[None]], Callable[[], Awaitable[None]]]:
    """For the TaskQueue contract suite: a queue on a fresh RQ queue name, served by a real RQ worker in
    a thread of this process whose jobs call ``handler`` in the running event loop (call this from it).

    Returns ``(queue, settle, close)``: ``settle()`` returns once every job enqueued so far is finished
    or failed (TimeoutError after ``settle_timeout`` seconds); ``close()`` stops the worker, deletes the
    queue's jobs and releases the connection. Retries run at once.
    """
    loop = asyncio.get_running_loop()
    name = f"resumax-test-{uuid.uuid4().hex[:12]}"
    connection = redis.Redis.from_url(url)
    queue = _TrackingQueue(connection, queue_name=name, job_timeout=60, retry_intervals=(0,))
    uninstall = rq_jobs.install_handler(handler, loop)
    stopping = threading.Event()

    def serve() -> None:
        while not stopping.is_set():
            worker = _ThreadWorker([name], connection=connection, serializer=JSONSerializer)
            worker.work(burst=True)
            stopping.wait(0.02)

    thread = threading.Thread(target=serve, name=f"rq-{name}", daemon=True)
    thread.start()

    async def settle() -> None:
        deadline = time.monotonic() + settle_timeout
        while True:
            statuses = [await queue.status(job_id) for job_id in list(queue.job_ids)]
            if all(status in (TaskStatus.FINISHED, TaskStatus.FAILED) for status in statuses):
                return
            if time.monotonic() > deadline:
                raise TimeoutError("RQ jobs did not settle")
            await asyncio.sleep(0.02)

    async def close() -> None:
        stopping.set()
        await asyncio.to_thread(thread.join, settle_timeout)
        uninstall()
        await asyncio.to_thread(_forget, connection, name, set(queue.job_ids))
        await queue.aclose()

    return queue, settle, close


def _forget(connection: redis.Redis, name: str, job_ids: set[str]) -> None:
    """Delete a test queue, its registries and its jobs."""
    keys = [key for job_id in job_ids for key in (Job.key_for(job_id), f"rq:results:{job_id}")]
    keys += connection.scan_iter(match=f"rq:*{name}*", count=1000)
    if keys:
        connection.delete(*keys)
    connection.srem(Queue.redis_queues_keys, f"{Queue.redis_queue_namespace_prefix}{name}")
