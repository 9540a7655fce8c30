"""What an RQ worker runs: ``run_task(task, args)``, the job function every resuMAX RQ job names.

In a worker process, the first job builds a runtime that the process keeps for its life: resuMAX wired
from ``Settings.from_env()`` (its queue is the RQ queue of ``RESUMAX_QUEUE_URL``, so jobs can queue
jobs) and an event loop of its own. ``run_task`` runs ``app.dispatcher(task, args)`` in that loop. With
RQ's forking worker every job runs in a fresh work horse, so each horse builds its own runtime: nothing
connected is ever shared across a fork. The embedding or test process may instead install a handler
and a running loop (``install_handler``).

Failures leave as ``TaskFailed``, whose message is the error code and class name only: RQ logs the
exception and stores it in Redis, and an exception's message may quote resume text. A ``ResumaxError``
that is not ``Unavailable`` would fail the same way again, so the job's remaining retries are dropped
before it is raised and RQ marks the job failed at once. The code is kept in the job's meta
(``error_code``). Job args are never logged.
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import logging
import os
import threading
from collections.abc import Awaitable, Callable, Coroutine, Mapping
from typing import Any, Final

from resumax_adapters.queue.jobs import error_code, is_retryable
from resumax_core.errors import InvalidInput
from resumax_core.ports.task_queue import TaskHandler

log = logging.getLogger(__name__)

JOB_TIMEOUT_CODE: Final = "job_timeout"
ERROR_CODE_META: Final = "error_code"
REDIS_SCHEMES: Final = ("redis://", "rediss://", "unix://")
_CLOSE_TIMEOUT: Final = 10.0


class TaskFailed(Exception):
    """A job's failure as RQ records it: the task, the error code and the exception's class, no message."""

    def __init__(self, task: str, code: str, cause: str, *, retryable: bool) -> None:
        self.task, self.code, self.retryable = task, code, retryable
        super().__init__(f"task {task!r} failed: {code} ({cause}){'' if retryable else ', not retried'}")


class _Runtime:
    """An event loop owned by this process and the handler that jobs call in it."""

    def __init__(self, handler: TaskHandler, close: Callable[[], Awaitable[None]] | None) -> None:
        self.pid = os.getpid()
        self.loop = asyncio.new_event_loop()
        self.handler = handler
        self._close = close

    def run(self, task: str, args: Mapping[str, str]) -> None:
        from resumax_adapters.observability import flush_tracing

        try:
            self.loop.run_until_complete(self.handler(task, args))
        finally:
            # A work horse exits with os._exit: buffered spans would be lost.
            flush_tracing()

    def close(self) -> None:
        """Release the app's connections and the loop; safe to call twice, a no-op in a forked child."""
        if self.pid != os.getpid() or self.loop.is_closed():
            return
        try:
            self.cancel_leftovers()
            if self._close is not None:
                self.loop.run_until_complete(asyncio.wait_for(self._close(), _CLOSE_TIMEOUT))
        except Exception as exc:  # noqa: BLE001 -- closing is best effort; the process is going away
            log.warning("closing the worker runtime failed: %s", type(exc).__name__)
        finally:
            self.loop.close()

    def cancel_leftovers(self) -> None:
        """Cancel tasks a job left behind (e.g. when a timeout interrupted it) and let them unwind."""
        leftovers = asyncio.all_tasks(self.loop)
        for task in leftovers:
            task.cancel()
        if leftovers:
            self.loop.run_until_complete(asyncio.gather(*leftovers, return_exceptions=True))


class _ForeignLoop:
    """Jobs run by a worker thread of this process, handled in a loop that runs in another thread."""

    def __init__(self, handler: TaskHandler, loop: asyncio.AbstractEventLoop) -> None:
        self.handler, self.loop = handler, loop

    def run(self, task: str, args: Mapping[str, str]) -> None:
        coroutine: Coroutine[Any, Any, None] = _call(self.handler, task, args)
        asyncio.run_coroutine_threadsafe(coroutine, self.loop).result()


async def _call(handler: TaskHandler, task: str, args: Mapping[str, str]) -> None:
    await handler(task, args)


_lock = threading.Lock()
_runtime: _Runtime | None = None
_installed: _ForeignLoop | None = None


def install_handler(handler: TaskHandler, loop: asyncio.AbstractEventLoop) -> Callable[[], None]:
    """Make jobs run in this process call ``handler`` inside ``loop`` (running in another thread)
    instead of the app's dispatcher; return the function that undoes it. For tests and embedding."""
    global _installed
    installed = _ForeignLoop(handler, loop)
    with _lock:
        _installed = installed

    def uninstall() -> None:
        global _installed
        with _lock:
            if _installed is installed:
                _installed = None

    return uninstall


def close_runtime() -> None:
    """Close this process's runtime, if it built one (also registered with ``atexit``)."""
    global _runtime
    with _lock:
        runtime, _runtime = _runtime, None
    if runtime is not None:
        runtime.close()


def run_task(task: str, args: dict[str, str]) -> None:
    """The RQ job function: run ``task`` with its string ``args`` through resuMAX's dispatcher.

    Raises ``TaskFailed`` (never the original exception, whose message may hold user text); a failure
    that would fail again is marked so that RQ does not retry it.
    """
    if not isinstance(task, str) or not isinstance(args, dict):
        raise TaskFailed(str(task)[:64], "invalid_input", "malformed job", retryable=False)
    runtime: _Runtime | _ForeignLoop | None = None
    try:
        runtime = _runtime_for_this_process()
        runtime.run(task, args)
    except Exception as exc:  # noqa: BLE001 -- a job may fail in any way; RQ records TaskFailed instead
        if isinstance(runtime, _Runtime):
            runtime.cancel_leftovers()
        failure = _failure(task, exc)
        if not failure.retryable:
            _drop_retries(failure.code)
        else:
            _record_code(failure.code)
        log.warning("task %s failed: %s (%s)", task, failure.code, type(exc).__name__)
        raise failure from None


def _failure(task: str, exc: Exception) -> TaskFailed:
    from rq.timeouts import JobTimeoutException

    if isinstance(exc, JobTimeoutException):
        return TaskFailed(task, JOB_TIMEOUT_CODE, type(exc).__name__, retryable=True)
    return TaskFailed(task, error_code(exc), type(exc).__name__, retryable=is_retryable(exc))


def _drop_retries(code: str) -> None:
    from rq import get_current_job

    job = get_current_job()
    if job is not None:
        job.retries_left = 0
        _save_code(job, code)


def _record_code(code: str) -> None:
    from rq import get_current_job

    job = get_current_job()
    if job is not None:
        _save_code(job, code)


def _save_code(job: Any, code: str) -> None:
    from redis.exceptions import RedisError

    job.meta[ERROR_CODE_META] = code
    # The code is diagnostics only: losing it must not change how the job ends.
    with contextlib.suppress(RedisError):
        job.save_meta()


def _runtime_for_this_process() -> _Runtime | _ForeignLoop:
    global _runtime
    with _lock:
        if _installed is not None:
            return _installed
        if _runtime is None or _runtime.pid != os.getpid():
            _runtime = _build_runtime()
            atexit.register(close_runtime)
        return _runtime


def _build_runtime() -> _Runtime:
    from resumax_adapters.bootstrap import bootstrap
    from resumax_adapters.observability import configure_observability, observed_task_handler
    from resumax_adapters.queue.rq import RqTaskQueue
    from resumax_adapters.settings import Settings

    settings = Settings.from_env()
    configure_observability(settings, service_name="resumax-worker")
    if not settings.queue_url.startswith(REDIS_SCHEMES):
        raise InvalidInput("RESUMAX_QUEUE_URL must be the redis:// URL of this worker's queue.")
    # The app's own queue is this RQ queue, whatever bootstrap would pick, so follow-up jobs land here.
    queue = RqTaskQueue.from_url(settings.queue_url, job_timeout=settings.job_timeout_seconds)
    app = bootstrap(settings, queue=queue)

    async def close() -> None:
        try:
            await app.close()
        finally:
            await queue.aclose()

    return _Runtime(observed_task_handler(app.dispatcher), close)
