"""Jobs through HTTP: Idempotency-Key (SECURITY 30), the event stream, throttles and the concurrency cap."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from resumax_adapters.llm.offline import OfflineLanguageModel
from resumax_core.ports import RewriteRequest
from resumax_http.config import ApiConfig, Throttle
from tests.api.support import FAST, Api, memory_settings, running, sse_events
from tests.fakes import ObservingLanguageModel


async def _ready(api: Api) -> tuple[dict[str, str], dict[str, str]]:
    headers = await api.user("ada@example.com")
    resume = await api.upload_resume(headers)
    job = await api.add_job(headers)
    return headers, {"resumeId": resume["id"], "jobDescriptionId": job["id"]}


async def test_the_same_idempotency_key_replays_the_first_response(api: Api) -> None:
    headers, body = await _ready(api)
    keyed = {**headers, "Idempotency-Key": "optimize-once-1"}
    first = await api.client.post("/optimize", headers=keyed, json=body)
    again = await api.client.post("/optimize", headers=keyed, json={**body, "strategy": "default"})
    assert first.status_code == again.status_code == 202
    assert again.json() == first.json()
    assert again.headers["idempotent-replayed"] == "true"
    assert len((await api.client.get("/optimize", headers=headers)).json()["items"]) == 1

    other_body = await api.client.post(
        "/optimize", headers=keyed, json={**body, "jobDescriptionId": (await api.add_job(headers))["id"]}
    )
    assert other_body.status_code == 409 and other_body.json()["code"] == "idempotency_conflict"

    bob = await api.user("bob@example.com")
    bobs = await api.client.post(
        "/optimize", headers={**bob, "Idempotency-Key": "optimize-once-1"}, json=body
    )
    assert bobs.status_code == 404, "keys are per user: Bob's request runs (and cannot see Alice's resume)"

    bad_key = await api.client.post("/optimize", headers={**headers, "Idempotency-Key": "x" * 256}, json=body)
    assert bad_key.status_code == 422 and bad_key.json()["details"]["field"] == "Idempotency-Key"


async def test_exports_are_idempotent_too(api: Api) -> None:
    headers = await api.user("ada@example.com")
    _, version = await api.version(headers)
    keyed = {**headers, "Idempotency-Key": "export-1"}
    body = {"versionId": version["id"], "format": "text"}
    first = await api.client.post("/exports", headers=keyed, json=body)
    again = await api.client.post("/exports", headers=keyed, json=body)
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    detail = await api.client.get(f"/versions/{version['id']}", headers=headers)
    assert len(detail.json()["exports"]) == 1
    conflict = await api.client.post("/exports", headers=keyed, json={**body, "format": "pdf"})
    assert conflict.status_code == 409


async def test_concurrent_requests_with_one_key_start_one_optimization(api: Api) -> None:
    headers, body = await _ready(api)
    keyed = {**headers, "Idempotency-Key": "race-1"}
    responses = await asyncio.gather(
        *(api.client.post("/optimize", headers=keyed, json=body) for _ in range(3))
    )
    assert {response.status_code for response in responses} <= {202, 409}
    ids = {response.json()["optimizationId"] for response in responses if response.status_code == 202}
    assert len(ids) == 1
    assert len((await api.client.get("/optimize", headers=headers)).json()["items"]) == 1


class Gate:
    """Holds every rewrite until opened, so a test can watch an optimization while it runs."""

    def __init__(self) -> None:
        self.opened = asyncio.Event()
        self.entered = asyncio.Event()

    async def __call__(self, request: RewriteRequest) -> None:
        self.entered.set()
        await self.opened.wait()


@pytest.fixture
async def gated(tmp_path: Path) -> AsyncIterator[tuple[Api, Gate]]:
    gate = Gate()
    llm = ObservingLanguageModel(OfflineLanguageModel(), gate)
    settings = memory_settings(tmp_path, max_active_optimizations_per_user=1)
    try:
        async with running(settings, llm=llm) as started:
            yield started, gate
            gate.opened.set()
    finally:
        gate.opened.set()


async def test_the_event_stream_reports_each_status_change_then_ends(gated: tuple[Api, Gate]) -> None:
    api, gate = gated
    headers, body = await _ready(api)
    started = await api.client.post("/optimize", headers=headers, json=body)
    optimization_id = started.json()["optimizationId"]
    stream = asyncio.create_task(api.client.get(f"/optimize/{optimization_id}/events", headers=headers))
    await asyncio.wait_for(gate.entered.wait(), 5)
    await asyncio.sleep(0.15)
    gate.opened.set()
    response = await asyncio.wait_for(stream, 10)
    assert response.headers["content-type"].startswith("text/event-stream")
    assert response.headers["cache-control"] == "no-store"
    assert ": heartbeat" in response.text
    events = sse_events(response.text)
    statuses = [data["status"] for name, data in events if name == "status"]
    assert statuses[0] in ("queued", "processing", "generating")
    assert statuses[-1] == "completed" and len(statuses) >= 2
    assert len(statuses) == len(set(statuses)), "one event per change"
    assert events[-1][0] == "end" and events[-1][1]["result"]["changes"]
    assert all("result" not in data for name, data in events if name == "status")


async def test_the_event_stream_closes_after_its_bound(tmp_path: Path) -> None:
    gate = Gate()
    llm = ObservingLanguageModel(OfflineLanguageModel(), gate)
    bounded = ApiConfig(
        sse_poll_seconds=0.01, sse_heartbeat_seconds=1, sse_max_seconds=0.2, auth_per_ip=FAST.auth_per_ip
    )
    try:
        async with running(memory_settings(tmp_path), api_config=bounded, llm=llm) as api:
            headers, body = await _ready(api)
            started = await api.client.post("/optimize", headers=headers, json=body)
            response = await api.client.get(
                f"/optimize/{started.json()['optimizationId']}/events", headers=headers
            )
            assert sse_events(response.text)[-1][0] == "timeout"
            gate.opened.set()
    finally:
        gate.opened.set()


async def test_a_user_has_a_few_optimizations_running_at_most(gated: tuple[Api, Gate]) -> None:
    api = gated[0]
    headers, body = await _ready(api)
    assert (await api.client.post("/optimize", headers=headers, json=body)).status_code == 202
    second = await api.client.post("/optimize", headers=headers, json=body)
    assert second.status_code == 429 and second.json()["code"] == "rate_limited"
    assert int(second.headers["retry-after"]) >= 1


async def test_new_optimizations_are_throttled_per_user(tmp_path: Path) -> None:
    config = ApiConfig(optimize_per_user=Throttle(2, 3600), auth_per_ip=FAST.auth_per_ip)
    async with running(memory_settings(tmp_path), api_config=config) as api:
        headers, body = await _ready(api)
        statuses = [
            (await api.client.post("/optimize", headers=headers, json=body)).status_code for _ in range(3)
        ]
        assert statuses == [202, 202, 429]
        bob = await api.user("bob@example.com")
        assert (await api.client.post("/optimize", headers=bob, json=body)).status_code == 404


async def test_accepting_before_completion_is_a_conflict(gated: tuple[Api, Gate]) -> None:
    api = gated[0]
    headers, body = await _ready(api)
    started = await api.client.post("/optimize", headers=headers, json=body)
    optimization_id = started.json()["optimizationId"]
    for action in ("accept", "preview"):
        response = await api.client.post(f"/optimize/{optimization_id}/{action}", headers=headers, json={})
        assert response.status_code == 409 and response.json()["code"] == "invalid_state"
    polled = await api.client.get(f"/optimize/{optimization_id}", headers=headers)
    assert polled.json()["result"] is None
