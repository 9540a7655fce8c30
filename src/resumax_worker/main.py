"""The resuMAX worker process: an RQ worker for the queues of ``RESUMAX_QUEUE_URL`` (``redis://``).

- By default (``fork=False``, RQ's ``SimpleWorker``) jobs run in this process on one wiring and event
  loop kept for the process's life: about 20 times cheaper per job than forking (the parser pool stays
  warm), and safe because the risky work is bounded elsewhere: documents are parsed in separate
  processes with memory, CPU and wall-time limits, and language-model calls have timeouts below the job
  timeout, which is a SIGALRM here. With ``fork=True`` (RQ's ``Worker``) each job runs in a work horse
  forked for it: a job that crashes or hangs in native code takes down its horse only, and the worker
  kills a horse that outlives its job timeout (+60 s).
- SIGTERM or Ctrl+C is a warm shutdown: the current job (or reconcile) finishes, then the worker exits;
  a second signal is a cold shutdown that kills the horse (RQ's rules).
- Between jobs, at start and then every ``reconcile_every`` seconds, the worker runs
  ``reconcile_optimizations``: optimizations the database holds as unfinished whose job was lost (Redis
  restarted without persistence, a worker vanished, the enqueue failed) are queued again or failed. It
  runs in this process with its own short-lived wiring, so no connection outlives it into a fork.
- The worker runs resuMAX's job function only (``job_functions``): a job naming anything else, which
  only someone with write access to Redis could queue, fails without running. Job data is JSON, never
  pickle, and log records carry no job arguments.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import os
import time
from collections.abc import Callable, Collection, Sequence
from typing import Any, Final

from pydantic import SecretStr
from redis import Redis
from redis.exceptions import RedisError
from rq import SimpleWorker, Worker
from rq.exceptions import StopRequested
from rq.job import Job
from rq.serializers import JSONSerializer
from rq.worker import BaseWorker, WorkerStatus

from resumax_adapters import Settings, bootstrap
from resumax_adapters.settings import ENV_PREFIX
from resumax_core.errors import InvalidInput, QueueUnavailable, ResumaxError

log = logging.getLogger(__name__)

DEFAULT_QUEUES: Final = ("resumax",)
JOB_FUNCTIONS: Final = frozenset({"resumax_adapters.queue.rq_jobs.run_task"})
"""What the worker may run: the function every resuMAX job names (``resumax_adapters.queue.rq_jobs``)."""

_REDIS_SCHEMES: Final = ("redis://", "rediss://", "unix://")


class ForbiddenJob(Exception):
    """A job naming a function this worker does not run."""


def allowlisted_job_class(functions: Collection[str]) -> type[Job]:
    """An RQ job class that refuses to resolve any function outside ``functions``."""
    allowed = frozenset(functions)

    class AllowlistedJob(Job):
        @property
        def func(self) -> Any:
            if self.func_name not in allowed or self.instance is not None:
                raise ForbiddenJob(f"this worker does not run {self.func_name!r}")
            return super().func

    return AllowlistedJob


class _ResumaxBehaviour(BaseWorker):
    """What resuMAX adds to an RQ worker: a periodic ``reconcile`` call between jobs, and log records
    without job arguments. ``reconcile_every`` must be shorter than the worker TTL so that an idle
    worker's blocking dequeue wakes up for it (``run_worker`` sets both)."""

    def __init__(
        self,
        *args: Any,
        reconcile: Callable[[], object] | None = None,
        reconcile_every: float = 60.0,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self._reconcile = reconcile
        self._reconcile_every = reconcile_every
        self._next_reconcile = time.monotonic()

    @property
    def should_run_maintenance_tasks(self) -> bool:
        return bool(super().should_run_maintenance_tasks) or self._reconcile_due()

    def run_maintenance_tasks(self) -> None:
        if super().should_run_maintenance_tasks:
            super().run_maintenance_tasks()
        if self._reconcile_due():
            self._run_reconcile()

    def handle_exception(self, job: Job, *exc_info: Any) -> None:
        """Log the failure without the job's arguments, which RQ attaches to the record."""
        self.log.error("Worker %s: job %s (%s) failed: %s", self.name, job.id, job.description, exc_info[1])

    def _reconcile_due(self) -> bool:
        return self._reconcile is not None and time.monotonic() >= self._next_reconcile

    def _run_reconcile(self) -> None:
        assert self._reconcile is not None
        self._next_reconcile = time.monotonic() + self._reconcile_every
        previous = self.get_state()
        # Marked busy, a SIGTERM arriving now waits for the reconcile instead of cutting it short.
        self.set_state(WorkerStatus.BUSY)
        try:
            self._reconcile()
        except Exception as exc:  # noqa: BLE001 -- a failed reconcile is retried at the next tick
            log.warning("reconciling optimizations failed: %s", _describe(exc))
        finally:
            self.set_state(previous)
        if self._stop_requested:
            raise StopRequested()


class ResumaxWorker(_ResumaxBehaviour, Worker):
    """RQ's forking worker (a work horse per job) with resuMAX's additions."""


class ResumaxSimpleWorker(_ResumaxBehaviour, SimpleWorker):
    """RQ's in-process worker (jobs run in the worker process) with resuMAX's additions."""


def reconcile_optimizations(settings: Settings) -> int:
    """Queue again the optimizations whose job was lost; return how many."""

    async def run() -> int:
        app = bootstrap(settings)
        try:
            return len(await app.reconcile_optimizations.execute())
        finally:
            await app.close()

    requeued = asyncio.run(run())
    if requeued:
        log.info("re-queued %d stale optimization(s)", requeued)
    return requeued


def prepare(settings: Settings) -> None:
    """Ready the stores before the first job (migrates an embedded SQLite database)."""

    async def run() -> None:
        app = bootstrap(settings)
        try:
            await app.start()
        finally:
            await app.close()

    asyncio.run(run())


def export_settings(settings: Settings) -> None:
    """Write explicitly set fields to ``RESUMAX_*`` variables: work horses wire resuMAX from the
    environment, and must see what this process was given."""
    for name in sorted(settings.model_fields_set):
        variable = ENV_PREFIX + name.upper()
        value = getattr(settings, name)
        if value is None:
            os.environ.pop(variable, None)
        elif isinstance(value, SecretStr):
            os.environ[variable] = value.get_secret_value()
        elif isinstance(value, tuple):
            os.environ[variable] = ",".join(str(part) for part in value)
        else:
            os.environ[variable] = str(value)


def run_worker(
    settings: Settings | None = None,
    *,
    burst: bool = False,
    queues: Sequence[str] = DEFAULT_QUEUES,
    reconcile_every: float = 60.0,
    fork: bool = False,
    job_functions: Collection[str] = JOB_FUNCTIONS,
) -> bool:
    """Serve ``queues`` until SIGTERM (or, with ``burst``, until they are empty); True if any job ran.

    ``fork`` chooses a work horse per job or jobs in this process (the default); ``job_functions`` are
    the job functions this worker runs (resuMAX's by default).

    Raises ``InvalidInput`` when the queue URL is not Redis and ``QueueUnavailable`` when Redis cannot
    be reached at start (a running worker waits for Redis to come back, with backoff).
    """
    settings = settings or Settings.from_env()
    if not settings.queue_url.startswith(_REDIS_SCHEMES):
        raise InvalidInput("RESUMAX_QUEUE_URL must be a redis:// URL to run a worker.")
    if reconcile_every < 1:
        raise ValueError("reconcile_every must be at least one second")
    export_settings(settings)
    prepare(settings)
    connection = Redis.from_url(settings.queue_url, socket_connect_timeout=5, health_check_interval=30)
    try:
        worker_class = ResumaxWorker if fork else ResumaxSimpleWorker
        worker = worker_class(
            list(queues),
            connection=connection,
            serializer=JSONSerializer,
            job_class=allowlisted_job_class(job_functions),
            worker_ttl=int(reconcile_every) + 15,
            log_job_description=True,
            reconcile=functools.partial(reconcile_optimizations, settings),
            reconcile_every=reconcile_every,
        )
        return worker.work(burst=burst, with_scheduler=True, logging_level=settings.log_level.upper())
    except RedisError as exc:
        raise QueueUnavailable() from exc
    finally:
        connection.close()


def _describe(exc: BaseException) -> str:
    """An error's code (ours) or class (anyone's): messages may quote user data."""
    return exc.code if isinstance(exc, ResumaxError) else type(exc).__name__
