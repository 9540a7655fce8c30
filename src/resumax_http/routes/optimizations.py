"""Optimization routes: start (idempotent), list, poll, stream status, preview and accept changes."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel
from starlette.responses import Response

from resumax_core.entities import Optimization
from resumax_http.endpoint import Call, Operation, Raw, endpoint, json_response
from resumax_http.idempotency import run_idempotently
from resumax_http.schemas.optimizations import (
    ChangesIn,
    OptimizationListOut,
    OptimizationOut,
    OptimizationSummaryOut,
    OptimizeAcceptedOut,
    OptimizeIn,
    PreviewOut,
)
from resumax_http.schemas.versions import VersionCreatedOut
from resumax_http.sse import MEDIA_TYPE, event_stream, watch

TAG = "optimization"


@endpoint(
    Operation(
        summary="Tailor a resume to a job description",
        description="Queues the optimization; poll GET /optimize/{optimizationId} or stream "
        "GET /optimize/{optimizationId}/events. Send an Idempotency-Key to retry safely: the same key and "
        "body replay the first answer, the same key with another body is a 409. A few optimizations "
        "may run at once per user (429 beyond).",
        tag=TAG,
        body=OptimizeIn,
        responses={202: OptimizeAcceptedOut},
        throttle="optimize",
        idempotent=True,
    )
)
async def request_optimization(call: Call) -> Response:
    body = await call.body(OptimizeIn)

    async def produce(key: str | None) -> tuple[int, BaseModel]:
        optimization = await call.app.request_optimization.execute(
            call.user.id,
            body.resume_id,
            body.job_description_id,
            strategy=body.strategy,
            idempotency_key=key,
        )
        return 202, OptimizeAcceptedOut(optimization_id=optimization.id, status=optimization.status)

    return await run_idempotently(call, "POST /optimize", body, produce)


@endpoint(Operation(summary="Your optimizations", tag=TAG, responses={200: OptimizationListOut}))
async def list_optimizations(call: Call) -> Response:
    optimizations = await call.app.list_optimizations.execute(call.user.id)
    return json_response(
        OptimizationListOut(items=[OptimizationSummaryOut.of(item) for item in optimizations])
    )


@endpoint(
    Operation(
        summary="An optimization's status, and its result once completed",
        tag=TAG,
        responses={200: OptimizationOut},
    )
)
async def get_optimization(call: Call) -> Response:
    optimization = await call.app.get_optimization.execute(call.user.id, call.path_id("optimizationId"))
    return json_response(OptimizationOut.of(optimization))


def _summary(optimization: Optimization) -> dict[str, Any]:
    return OptimizationSummaryOut.of(optimization).model_dump(mode="json")


def _full(optimization: Optimization) -> dict[str, Any]:
    return OptimizationOut.of(optimization).model_dump(mode="json")


@endpoint(
    Operation(
        summary="Stream an optimization's status as server-sent events",
        description="`status` on each change (an OptimizationSummary), then `end` with the final "
        "Optimization, then the stream closes; `: heartbeat` comments keep it alive. It also closes with "
        "`timeout` after a bound, or `gone` if the optimization is deleted.",
        tag=TAG,
        responses={200: Raw(media_types=(MEDIA_TYPE,), description="An event stream.")},
    )
)
async def optimization_events(call: Call) -> Response:
    user_id, optimization_id = call.user.id, call.path_id("optimizationId")
    first = await call.app.get_optimization.execute(user_id, optimization_id)

    async def fetch() -> Optimization:
        return await call.app.get_optimization.execute(user_id, optimization_id)

    config = call.config
    return event_stream(
        watch(
            first,
            fetch,
            status=lambda optimization: optimization.status.value,
            is_final=lambda optimization: optimization.status.is_final,
            render=_summary,
            render_final=_full,
            poll_seconds=config.sse_poll_seconds,
            heartbeat_seconds=config.sse_heartbeat_seconds,
            max_seconds=config.sse_max_seconds,
        )
    )


@endpoint(
    Operation(
        summary="Preview the score with a selection of changes",
        description="Re-scores the resume with the chosen changes applied; nothing is stored.",
        tag=TAG,
        body=ChangesIn,
        responses={200: PreviewOut},
    )
)
async def preview_changes(call: Call) -> Response:
    body = await call.body(ChangesIn)
    preview = await call.app.preview_changes.execute(
        call.user.id, call.path_id("optimizationId"), body.accepted_changes, apply_all=body.apply_all
    )
    return json_response(PreviewOut.of(preview))


@endpoint(
    Operation(
        summary="Accept changes into a new version",
        description="The accepted change ids, or applyAll; accepting none keeps the resume as parsed.",
        tag=TAG,
        body=ChangesIn,
        responses={201: VersionCreatedOut},
    )
)
async def accept_changes(call: Call) -> Response:
    body = await call.body(ChangesIn)
    version = await call.app.accept_changes.execute(
        call.user.id, call.path_id("optimizationId"), body.accepted_changes, apply_all=body.apply_all
    )
    return json_response(VersionCreatedOut.created(version), 201)
