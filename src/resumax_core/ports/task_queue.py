"""Background jobs. Jobs carry ids only (never resume text): the worker loads what it needs.

Contract for every adapter:
- ``enqueue`` with an ``idempotency_key`` already used returns the first job's id and runs nothing new.
- A job whose handler raises is retried up to ``max_retries`` times with growing delays, then marked
  failed; a handler raising a ``ResumaxError`` that is not ``Unavailable`` is not retried (it would fail
  the same way again).
- ``status`` reports queued, started, finished or failed; an unknown id raises NotFound.
- Failures of the queue backend surface as ``QueueUnavailable``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from enum import StrEnum
from typing import Protocol


class TaskStatus(StrEnum):
    QUEUED = "queued"
    STARTED = "started"
    FINISHED = "finished"
    FAILED = "failed"


TaskHandler = Callable[[str, Mapping[str, str]], Awaitable[None]]
"""What a queue calls to run a job: ``handler(task_name, args)``."""


class TaskQueue(Protocol):
    async def enqueue(
        self,
        task: str,
        args: Mapping[str, str],
        *,
        idempotency_key: str | None = None,
        max_retries: int = 2,
    ) -> str:
        """Queue ``task`` with string ``args``; return the job id."""

    async def status(self, job_id: str) -> TaskStatus: ...
