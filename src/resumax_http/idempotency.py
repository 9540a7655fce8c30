"""``Idempotency-Key`` for job-starting routes: a retried request gets the first response again.

The first successful response to (user, route, key) is stored through ``uow.idempotency`` with a SHA-256
of the request body's canonical JSON. The same key with the same body replays that response (marked
``Idempotent-Replayed: true``); the same key with another body is a 409 ``idempotency_conflict``. Errors
are not stored, so a request that failed (a 503, a 429) can be retried with its key. When two requests
with one key race, the one that stores second replays the winner's response.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Awaitable, Callable

from pydantic import BaseModel
from starlette.responses import Response

from resumax_core.entities import IdempotencyRecord
from resumax_core.errors import Conflict, IdempotencyConflict, InvalidInput
from resumax_http.endpoint import Call

HEADER = "Idempotency-Key"
MAX_KEY_LENGTH = 255

Produce = Callable[[str | None], Awaitable[tuple[int, BaseModel]]]
"""Runs the use case (given the key, so it can deduplicate too) and returns (status, response model)."""


def idempotency_key(call: Call) -> str | None:
    """The request's key: 1–255 printable ASCII characters, or None when the header is absent."""
    key = call.request.headers.get(HEADER)
    if key is None:
        return None
    if not 0 < len(key) <= MAX_KEY_LENGTH or not all(" " < ch <= "~" for ch in key):
        raise InvalidInput(
            f"{HEADER} must be 1 to {MAX_KEY_LENGTH} printable ASCII characters.", details={"field": HEADER}
        )
    return key


def request_fingerprint(body: BaseModel) -> str:
    """SHA-256 of the body's canonical JSON (sorted keys, no spaces, camelCase, defaults filled in)."""
    canonical = json.dumps(
        body.model_dump(mode="json", by_alias=True), sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


def _replay(record: IdempotencyRecord, fingerprint: str) -> Response:
    if record.request_hash != fingerprint:
        raise IdempotencyConflict()
    return Response(
        json.dumps(record.response, ensure_ascii=False, separators=(",", ":")),
        status_code=record.status_code,
        media_type="application/json",
        headers={"Idempotent-Replayed": "true"},
    )


async def run_idempotently(call: Call, scope: str, body: BaseModel, produce: Produce) -> Response:
    """Answer ``produce``'s response, or replay the stored one for this request's Idempotency-Key."""
    key = idempotency_key(call)
    if key is None:
        status, model = await produce(None)
        return Response(model.model_dump_json(), status_code=status, media_type="application/json")
    user_id, fingerprint = call.user.id, request_fingerprint(body)
    async with call.app.uow() as uow:
        stored = await uow.idempotency.get(user_id, scope, key)
    if stored is not None:
        return _replay(stored, fingerprint)
    status, model = await produce(key)
    record = IdempotencyRecord(
        user_id=user_id,
        scope=scope,
        key=key,
        request_hash=fingerprint,
        status_code=status,
        response=model.model_dump(mode="json"),
        created_at=call.app.clock.now(),
    )
    try:
        async with call.app.uow() as uow:
            await uow.idempotency.add(record)
            await uow.commit()
    except Conflict:
        async with call.app.uow() as uow:
            winner = await uow.idempotency.get(user_id, scope, key)
        if winner is not None:
            return _replay(winner, fingerprint)
        raise
    return Response(model.model_dump_json(), status_code=status, media_type="application/json")
