"""What the task queues that run jobs in this process share: job records, the retry rule, the job book.

Records hold a job's string args so the handler can be called again on a retry; they are never logged,
and failures are remembered by error code only (an exception's message may quote resume text).
"""

from __future__ import annotations

import uuid
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from types import MappingProxyType

from attrs import define, frozen

from resumax_core.errors import NotFound, ResumaxError, Unavailable
from resumax_core.ports.task_queue import TaskStatus

INTERRUPTED = "interrupted"
"""The error code of a job cut off by a shutdown that could not wait for it."""


@frozen
class JobInfo:
    """A read-only view of one job, for tests, the CLI and diagnostics."""

    id: str
    task: str
    args: Mapping[str, str]
    status: TaskStatus
    attempts: int
    max_retries: int
    idempotency_key: str | None
    error_code: str | None


@define
class JobRecord:
    """One job and where it stands; ``attempts`` counts runs begun, so a job may run
    ``max_retries + 1`` times."""

    id: str
    task: str
    args: Mapping[str, str]
    max_retries: int
    idempotency_key: str | None
    status: TaskStatus = TaskStatus.QUEUED
    attempts: int = 0
    error_code: str | None = None

    def info(self) -> JobInfo:
        return JobInfo(
            id=self.id,
            task=self.task,
            args=self.args,
            status=self.status,
            attempts=self.attempts,
            max_retries=self.max_retries,
            idempotency_key=self.idempotency_key,
            error_code=self.error_code,
        )


def new_record(
    task: str, args: Mapping[str, str], *, max_retries: int, idempotency_key: str | None
) -> JobRecord:
    """A queued record, after checking that the job is well formed (TypeError/ValueError otherwise)."""
    if not isinstance(task, str) or not task:
        raise ValueError("a task name must be a non-empty string")
    if not isinstance(max_retries, int) or max_retries < 0:
        raise ValueError("max_retries must be a non-negative integer")
    if idempotency_key is not None and not isinstance(idempotency_key, str):
        raise TypeError("an idempotency key must be a string")
    for name, value in args.items():
        if not isinstance(name, str) or not isinstance(value, str):
            raise TypeError("job args must map strings to strings (pass ids, never objects)")
    return JobRecord(
        id=str(uuid.uuid4()),
        task=task,
        args=MappingProxyType(dict(args)),
        max_retries=max_retries,
        idempotency_key=idempotency_key,
    )


def error_code(exc: BaseException) -> str:
    return exc.code if isinstance(exc, ResumaxError) else "internal_error"


def is_retryable(exc: BaseException) -> bool:
    """A ``ResumaxError`` other than ``Unavailable`` would fail the same way again; anything else may not."""
    return isinstance(exc, Unavailable) or not isinstance(exc, ResumaxError)


def retry_delay(delays: Sequence[float], retry_number: int) -> float:
    """The wait before retry ``retry_number`` (1-based); the last delay repeats when retries outnumber it."""
    if not delays:
        return 0.0
    return float(delays[min(retry_number, len(delays)) - 1])


class JobBook:
    """Every job not yet settled, plus the last ``history_limit`` settled ones (oldest forgotten first,
    with their idempotency keys)."""

    def __init__(self, history_limit: int) -> None:
        if history_limit < 1:
            raise ValueError("history_limit must be at least 1")
        self._limit = history_limit
        self._active: dict[str, JobRecord] = {}
        self._settled: OrderedDict[str, JobRecord] = OrderedDict()
        self._by_key: dict[str, str] = {}

    def add(self, record: JobRecord) -> None:
        self._active[record.id] = record
        if record.idempotency_key is not None:
            self._by_key[record.idempotency_key] = record.id

    def by_idempotency_key(self, key: str) -> JobRecord | None:
        job_id = self._by_key.get(key)
        return None if job_id is None else self._find(job_id)

    def get(self, job_id: str) -> JobRecord:
        record = self._find(job_id)
        if record is None:
            raise NotFound("No such job.")
        return record

    def settle(self, record: JobRecord, status: TaskStatus, code: str | None = None) -> None:
        """Mark a job finished or failed and move it to the bounded history."""
        record.status = status
        record.error_code = code
        self._active.pop(record.id, None)
        self._settled[record.id] = record
        while len(self._settled) > self._limit:
            _, old = self._settled.popitem(last=False)
            if old.idempotency_key is not None and self._by_key.get(old.idempotency_key) == old.id:
                del self._by_key[old.idempotency_key]

    def active(self) -> list[JobRecord]:
        return list(self._active.values())

    def all(self) -> list[JobRecord]:
        return [*self._settled.values(), *self._active.values()]

    def _find(self, job_id: str) -> JobRecord | None:
        return self._active.get(job_id) or self._settled.get(job_id)
