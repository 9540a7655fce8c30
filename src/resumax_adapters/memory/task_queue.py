"""``ImmediateTaskQueue``: a deterministic ``TaskQueue`` that runs each job inside ``enqueue``.

For unit tests of use cases (and ``immediate://``): when ``enqueue`` returns, the job has finished or
failed, with the same retry, idempotency and status rules as the real queues, minus the waiting between
retries. A failing job never raises out of ``enqueue``; read its status, as with a real queue.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping

from resumax_adapters.queue.jobs import JobBook, JobInfo, error_code, is_retryable, new_record
from resumax_core.ports.task_queue import TaskHandler, TaskStatus

log = logging.getLogger(__name__)


class ImmediateTaskQueue:
    """Calls ``handler(task, args)`` inline, retrying up to ``max_retries`` times at once."""

    def __init__(self, handler: TaskHandler, *, history_limit: int = 1000) -> None:
        self._handler = handler
        self._book = JobBook(history_limit)

    async def enqueue(
        self,
        task: str,
        args: Mapping[str, str],
        *,
        idempotency_key: str | None = None,
        max_retries: int = 2,
    ) -> str:
        """Run the job now and return its id; a reused ``idempotency_key`` returns the first id and runs
        nothing."""
        record = new_record(task, args, max_retries=max_retries, idempotency_key=idempotency_key)
        if idempotency_key is not None and (existing := self._book.by_idempotency_key(idempotency_key)):
            return existing.id
        self._book.add(record)
        while True:
            record.status = TaskStatus.STARTED
            record.attempts += 1
            try:
                await self._handler(record.task, dict(record.args))
            except Exception as exc:  # noqa: BLE001 -- a job may fail in any way; its status records it
                code = error_code(exc)
                if is_retryable(exc) and record.attempts <= record.max_retries:
                    record.error_code = code
                    continue
                log.warning(
                    "job %s (%s) failed after %d attempt(s) with %s (%s)",
                    record.id,
                    record.task,
                    record.attempts,
                    type(exc).__name__,
                    code,
                )
                self._book.settle(record, TaskStatus.FAILED, code)
            else:
                self._book.settle(record, TaskStatus.FINISHED)
            return record.id

    async def status(self, job_id: str) -> TaskStatus:
        """queued, started, finished or failed; ``NotFound`` for an unknown id."""
        return self._book.get(job_id).status

    def job(self, job_id: str) -> JobInfo:
        return self._book.get(job_id).info()

    def jobs(self) -> tuple[JobInfo, ...]:
        """Every remembered job, settled first, for assertions."""
        return tuple(record.info() for record in self._book.all())

    async def start(self) -> None:
        """Nothing to start; here so callers can treat every queue alike."""

    async def join(self) -> None:
        """Nothing is ever pending once ``enqueue`` returns."""

    async def stop(self, drain: bool = True, timeout: float = 30) -> None:
        """Nothing runs in the background, so there is nothing to wait for."""
