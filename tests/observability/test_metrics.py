"""Prometheus metrics at /metrics (architecture §9): latency and errors by route template, queue depth,
job durations, parse and LLM failures."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import urllib.request
from pathlib import Path

from prometheus_client import CollectorRegistry
from prometheus_client.parser import text_string_to_metric_families

from resumax_adapters import Settings
from resumax_adapters.observability.metrics import (
    CONTENT_TYPE,
    Metrics,
    get_metrics,
    observe_queue_depth,
    queue_depth,
    start_metrics_server,
)
from resumax_core.errors import QueueUnavailable
from tests.fakes import FailingLanguageModel
from tests.observability.support import observed_api

Samples = dict[str, list[dict[str, str]]]


def _samples(text: str) -> Samples:
    """Sample name → the label sets it was exposed with."""
    found: Samples = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            found.setdefault(sample.name, []).append(dict(sample.labels))
    return found


async def test_metrics_name_route_templates_status_classes_and_codes_never_raw_ids(
    settings: Settings,
) -> None:
    async with observed_api(settings) as api:
        headers = await api.user("ada@example.com")
        resume = await api.upload_resume(headers)
        job = await api.add_job(headers)
        optimization = await api.completed_optimization(headers, resume["id"], job["id"])
        assert (await api.client.get(f"/resumes/{resume['id']}", headers=headers)).status_code == 200
        assert (await api.client.get("/resumes/not-a-resume-0001", headers=headers)).status_code == 404
        assert (await api.client.get("/no/such/page/4242")).status_code == 404
        assert (await api.client.post("/resumes", headers=headers)).status_code in (400, 415, 422)
        empty = await api.client.post(
            "/resumes", headers=headers, files={"file": ("blank.txt", b"   \n", "text/plain")}
        )
        assert empty.status_code == 422
        mismatch = await api.client.post(
            "/resumes",
            headers=headers,
            files={"file": ("resume.pdf", b"plain text, no PDF", "application/pdf")},
        )
        assert mismatch.status_code == 415
        scrape = await api.client.get("/metrics")

    assert scrape.status_code == 200
    assert scrape.headers["content-type"] == CONTENT_TYPE
    samples = _samples(scrape.text)

    latency = samples["resumax_http_request_duration_seconds_count"]
    assert {"method": "GET", "route": "/resumes/{resumeId}", "status_class": "2xx"} in latency
    assert {"method": "POST", "route": "/optimize", "status_class": "2xx"} in latency
    assert {"method": "GET", "route": "/optimize/{optimizationId}", "status_class": "2xx"} in latency
    assert {"method": "GET", "route": "unmatched", "status_class": "4xx"} in latency
    errors = samples["resumax_http_request_errors_total"]
    assert {
        "method": "GET",
        "route": "/resumes/{resumeId}",
        "status_class": "4xx",
        "code": "not_found",
    } in errors
    assert {"method": "GET", "route": "unmatched", "status_class": "4xx", "code": "not_found"} in errors
    assert any(labels["code"] == "empty_document" for labels in errors)

    jobs = samples["resumax_job_duration_seconds_count"]
    assert {"task": "run_optimization", "outcome": "succeeded"} in jobs
    assert samples["resumax_queue_depth"] == [{"queue": "default"}]
    # The registry is process-wide: other tests' parse failures may be counted too.
    assert {"code": "file_type_mismatch"} in samples["resumax_parse_failures_total"], "the parser's"
    if sys.platform == "linux":
        assert "process_resident_memory_bytes" in samples, "the process's CPU and memory too"

    for name in (
        "resumax_llm_failures",
        "resumax_parse_failures",
        "resumax_queue_depth",
        "resumax_job_duration_seconds",
    ):
        assert f"# TYPE {name}" in scrape.text
    for raw in (resume["id"], job["id"], optimization["id"], "not-a-resume-0001", "/no/such/page"):
        assert raw not in scrape.text, "raw paths and ids never become labels"


async def test_language_model_failures_are_counted_by_code(settings: Settings) -> None:
    async with observed_api(settings, llm=FailingLanguageModel()) as api:
        headers = await api.user("ada@example.com")
        resume = await api.upload_resume(headers)
        job = await api.add_job(headers)
        optimization = await api.completed_optimization(headers, resume["id"], job["id"])
        scrape = await api.client.get("/metrics")
    assert optimization["status"] == "failed"
    samples = _samples(scrape.text)
    assert {"code": "llm_unavailable"} in samples["resumax_llm_failures_total"]
    assert {"task": "run_optimization", "outcome": "failed"} in samples["resumax_job_duration_seconds_count"]


class _DepthQueue:
    name = "resumax"

    def __init__(self, depth: int | None) -> None:
        self._depth = depth

    async def depth(self) -> int:
        if self._depth is None:
            raise QueueUnavailable()
        return self._depth


async def test_queue_depth_comes_from_a_queue_that_can_tell_and_vanishes_when_it_cannot() -> None:
    metrics = Metrics(CollectorRegistry(), process_collectors=False)
    await observe_queue_depth(_DepthQueue(7), metrics)
    assert 'resumax_queue_depth{queue="resumax"} 7.0' in metrics.render().decode()
    await observe_queue_depth(_DepthQueue(None), metrics)
    assert 'resumax_queue_depth{queue="resumax"}' not in metrics.render().decode(), "no stale number"
    assert await queue_depth(object()) is None, "a queue without a length has no series"


def test_a_process_without_an_http_app_serves_its_metrics_on_a_port() -> None:
    get_metrics().observe_job("parse_resume", "succeeded", 0.2)
    server = start_metrics_server(0)
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{server.port}/metrics", timeout=10) as response:
            text = response.read().decode()
    finally:
        server.stop()
    assert 'resumax_job_duration_seconds_count{outcome="succeeded",task="parse_resume"}' in text


_RECORD = """
from resumax_adapters.observability.metrics import get_metrics
get_metrics().observe_job("run_optimization", "succeeded", 1.5)
"""
_RENDER = """
from resumax_adapters.observability.metrics import render_metrics
body, _ = render_metrics()
print(body.decode())
"""


def test_with_a_multiprocess_directory_samples_of_ended_processes_are_kept(tmp_path: Path) -> None:
    env = {**os.environ, "PROMETHEUS_MULTIPROC_DIR": str(tmp_path)}
    for _ in range(2):  # two work horses, each gone after its job
        subprocess.run([sys.executable, "-c", _RECORD], env=env, check=True, timeout=60)
    rendered = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(_RENDER)],
        env=env,
        check=True,
        timeout=60,
        capture_output=True,
        text=True,
    ).stdout
    assert 'resumax_job_duration_seconds_count{outcome="succeeded",task="run_optimization"} 2.0' in rendered
