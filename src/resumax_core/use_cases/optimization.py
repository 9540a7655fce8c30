"""Optimizations: request, run in the worker, poll, reconcile."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from attrs import evolve

from resumax_core.entities import Optimization, OptimizationStatus
from resumax_core.errors import (
    IdempotencyConflict,
    InvalidState,
    NotFound,
    RateLimited,
    ResumaxError,
    Unavailable,
)
from resumax_core.ports import Clock, IdGenerator, Mailer, TaskQueue, UnitOfWorkFactory
from resumax_core.use_cases._common import parsed_document, require, verified_user
from resumax_core.use_cases.emails import optimization_ready_email
from resumax_core.use_cases.job_descriptions import job_analysis_of
from resumax_core.use_cases.tailoring import TailorResume
from resumax_core.use_cases.tasks import RUN_OPTIMIZATION

STRATEGIES = ("default",)
_log = logging.getLogger(__name__)


class RequestOptimization:
    """Queue tailoring of one resume to one job description.

    Rules:
    - the resume and the job description must be the user's own; the resume must be parsed;
    - the same ``idempotency_key`` returns the first optimization; the same key with another resume, job
      or strategy is an IdempotencyConflict;
    - a user has at most ``max_active`` optimizations queued or running at once (RateLimited beyond);
    - the row is committed as queued before the job is queued: if the queue is down, the reconciler
      queues it later, so nothing is lost.
    """

    def __init__(
        self,
        uow: UnitOfWorkFactory,
        queue: TaskQueue,
        clock: Clock,
        ids: IdGenerator,
        *,
        max_active: int,
        max_retries: int,
    ) -> None:
        self._uow, self._queue, self._clock, self._ids = uow, queue, clock, ids
        self._max_active, self._max_retries = max_active, max_retries

    async def execute(
        self,
        user_id: str,
        resume_id: str,
        job_description_id: str,
        *,
        strategy: str = "default",
        idempotency_key: str | None = None,
    ) -> Optimization:
        if strategy not in STRATEGIES:
            raise InvalidState(f"Unknown strategy {strategy!r}.", details={"strategies": list(STRATEGIES)})
        async with self._uow() as uow:
            if idempotency_key:
                existing = await uow.optimizations.get_by_idempotency_key(user_id, idempotency_key)
                if existing is not None:
                    same = (existing.resume_id, existing.job_description_id, existing.strategy) == (
                        resume_id,
                        job_description_id,
                        strategy,
                    )
                    if not same:
                        raise IdempotencyConflict()
                    return existing
            await verified_user(uow, user_id)
            resume = require(await uow.resumes.get(user_id, resume_id), "Resume")
            parsed_document(resume)
            require(await uow.job_descriptions.get(user_id, job_description_id), "Job description")
            if await uow.optimizations.count_active(user_id) >= self._max_active:
                raise RateLimited(
                    f"At most {self._max_active} optimizations can run at once; wait for one to finish.",
                    retry_after=5,
                )
            now = self._clock.now()
            optimization = Optimization(
                id=self._ids.new_id(),
                user_id=user_id,
                resume_id=resume_id,
                job_description_id=job_description_id,
                strategy=strategy,
                idempotency_key=idempotency_key,
                created_at=now,
                updated_at=now,
            )
            await uow.optimizations.add(optimization)
            await uow.commit()
        # Committed as queued: if the queue is down, ReconcileOptimizations queues it once it is back.
        with contextlib.suppress(Unavailable):
            await enqueue_optimization(self._queue, optimization, self._max_retries)
        return optimization


async def enqueue_optimization(queue: TaskQueue, optimization: Optimization, max_retries: int) -> str:
    return await queue.enqueue(
        RUN_OPTIMIZATION,
        {"user_id": optimization.user_id, "optimization_id": optimization.id},
        idempotency_key=f"optimize:{optimization.id}:{optimization.attempts}",
        max_retries=max_retries,
    )


class RunOptimization:
    """Run one optimization (in the worker): processing → generating → completed | failed.

    Rules:
    - records are loaded with the job's user id: a job naming another user's records fails as not found;
    - a job delivered again for a finished optimization does nothing;
    - an error resuMAX understands (bad input, missing records) fails the optimization with its code at
      once; an infrastructure error is retried by the queue until ``max_attempts``, then recorded as failed;
    - the result is stored in the same transaction that marks the optimization completed.
    """

    def __init__(
        self,
        uow: UnitOfWorkFactory,
        tailor: TailorResume,
        clock: Clock,
        *,
        max_attempts: int,
        mailer: Mailer | None = None,
        base_url: str = "",
    ) -> None:
        self._uow, self._tailor, self._clock = uow, tailor, clock
        self._max_attempts = max_attempts
        self._mailer, self._base_url = mailer, base_url

    async def _set(self, optimization: Optimization, **changes: Any) -> Optimization:
        async with self._uow() as uow:
            current = await uow.optimizations.get(optimization.user_id, optimization.id)
            if current is None:
                raise NotFound("Optimization not found.")
            updated = evolve(current, updated_at=self._clock.now(), **changes)
            await uow.optimizations.update(updated)
            if updated.status is OptimizationStatus.COMPLETED:
                resume = await uow.resumes.get(updated.user_id, updated.resume_id)
                if resume is not None:
                    await uow.resumes.update(
                        evolve(resume, last_score=updated.alignment_score, updated_at=self._clock.now())
                    )
            await uow.commit()
        return updated

    async def execute(self, user_id: str, optimization_id: str) -> Optimization:
        async with self._uow() as uow:
            optimization = require(await uow.optimizations.get(user_id, optimization_id), "Optimization")
        if optimization.status.is_final:
            return optimization
        optimization = await self._set(
            optimization, status=OptimizationStatus.PROCESSING, attempts=optimization.attempts + 1
        )
        try:
            async with self._uow() as uow:
                resume = require(await uow.resumes.get(user_id, optimization.resume_id), "Resume")
                job = require(
                    await uow.job_descriptions.get(user_id, optimization.job_description_id),
                    "Job description",
                )
            document = parsed_document(resume)
            analysis = job_analysis_of(job)
            optimization = await self._set(optimization, status=OptimizationStatus.GENERATING)
            result = await self._tailor.execute(document, analysis)
        except Unavailable as exc:
            if optimization.attempts < self._max_attempts:
                raise
            return await self._fail(optimization, exc)
        except ResumaxError as exc:
            return await self._fail(optimization, exc)
        completed = await self._set(
            optimization,
            status=OptimizationStatus.COMPLETED,
            result=result.to_dict(),
            summary=result.summary,
            alignment_score=result.score_before.total,
            error_code=None,
            error_message=None,
            completed_at=self._clock.now(),
        )
        await self._notify(completed)
        return completed

    async def _notify(self, optimization: Optimization) -> None:
        """Email "ready" when the user wants it; a mail outage never fails a finished optimization."""
        if self._mailer is None:
            return
        async with self._uow() as uow:
            user = await uow.users.get(optimization.user_id)
        if user is None or not user.preferences.get("notifyWhenReady", False):
            return
        message = optimization_ready_email(
            user.email, self._base_url, optimization.id, optimization.summary or ""
        )
        try:
            await self._mailer.send(message)
        except ResumaxError:
            _log.warning(
                "could not send the optimization-ready email", extra={"optimization_id": optimization.id}
            )

    async def _fail(self, optimization: Optimization, exc: ResumaxError) -> Optimization:
        return await self._set(
            optimization,
            status=OptimizationStatus.FAILED,
            error_code=exc.code,
            error_message=exc.message,
            completed_at=self._clock.now(),
        )


class GetOptimization:
    def __init__(self, uow: UnitOfWorkFactory) -> None:
        self._uow = uow

    async def execute(self, user_id: str, optimization_id: str) -> Optimization:
        async with self._uow() as uow:
            return require(await uow.optimizations.get(user_id, optimization_id), "Optimization")


class ListOptimizations:
    def __init__(self, uow: UnitOfWorkFactory) -> None:
        self._uow = uow

    async def execute(self, user_id: str) -> list[Optimization]:
        async with self._uow() as uow:
            return await uow.optimizations.list(user_id)


class ReconcileOptimizations:
    """Queue again the optimizations stuck unfinished (queued, processing, generating) past ``stale_after``.

    Rules: the database is the source of truth; an optimization whose job was lost (queue restarted,
    worker killed, enqueue failed) is queued again with a fresh idempotency key; one that already used
    every attempt is failed with ``job_lost`` instead of looping forever.
    """

    def __init__(
        self,
        uow: UnitOfWorkFactory,
        queue: TaskQueue,
        clock: Clock,
        *,
        stale_after: timedelta,
        max_attempts: int,
        max_retries: int,
    ) -> None:
        self._uow, self._queue, self._clock = uow, queue, clock
        self._stale_after, self._max_attempts, self._max_retries = stale_after, max_attempts, max_retries

    async def execute(self) -> Sequence[str]:
        now = self._clock.now()
        async with self._uow() as uow:
            stale = await uow.optimizations.list_stale(now - self._stale_after)
        requeued: list[str] = []
        for optimization in stale:
            async with self._uow() as uow:
                current = await uow.optimizations.get(optimization.user_id, optimization.id)
                if current is None or current.status.is_final or current.updated_at > now - self._stale_after:
                    continue
                if current.attempts >= self._max_attempts:
                    await uow.optimizations.update(
                        evolve(
                            current,
                            status=OptimizationStatus.FAILED,
                            error_code="job_lost",
                            error_message="The optimization did not finish after several attempts.",
                            updated_at=now,
                            completed_at=now,
                        )
                    )
                    await uow.commit()
                    continue
                bumped = evolve(current, status=OptimizationStatus.QUEUED, updated_at=now)
                await uow.optimizations.update(bumped)
                await uow.commit()
            await self._queue.enqueue(
                RUN_OPTIMIZATION,
                {"user_id": bumped.user_id, "optimization_id": bumped.id},
                idempotency_key=f"optimize:{bumped.id}:{bumped.attempts}:{now.timestamp():.0f}",
                max_retries=self._max_retries,
            )
            requeued.append(bumped.id)
        return requeued
