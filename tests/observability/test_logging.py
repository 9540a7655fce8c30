"""Structured logs (architecture §9): every logger as JSON lines with the request's id, user and route."""

from __future__ import annotations

import io
import json
import logging
import re
import subprocess
import sys
from typing import Any

import pytest
import structlog

from resumax_adapters import Settings
from resumax_adapters.llm.offline import OfflineLanguageModel
from resumax_adapters.observability import configure_logging, configure_observability
from resumax_adapters.observability.logging import installed_handler, log_access
from resumax_core.ports import LanguageModel, RewriteRequest
from tests.api.support import memory_settings
from tests.fakes import ObservingLanguageModel
from tests.observability.support import observed_api, server_lines


def _access_line(lines: list[dict[str, Any]], method: str, route: str) -> dict[str, Any]:
    found = [
        line
        for line in lines
        if line.get("logger") == "resumax.http"
        and line.get("method") == method
        and line.get("route") == route
    ]
    assert len(found) == 1, (method, route, lines)
    return found[0]


async def test_each_request_logs_one_json_line_with_its_id_user_route_status_latency_and_code(
    settings: Settings,
) -> None:
    stream = io.StringIO()
    async with observed_api(settings, log_stream=stream) as api:
        headers = await api.user("ada@example.com")
        me = (await api.client.get("/users/me", headers=headers)).json()
        missing = await api.client.get("/resumes/not-mine-0001", headers=headers)

    lines = server_lines(stream.getvalue())
    ok = _access_line(lines, "GET", "/users/me")
    assert ok["user_id"] == me["id"] and ok["status"] == 200 and ok["level"] == "info"
    assert isinstance(ok["latency_ms"], float) and "error_code" not in ok
    assert list(ok)[:4] == ["timestamp", "level", "logger", "event"]
    assert ok["timestamp"].endswith("Z")
    failed = _access_line(lines, "GET", "/resumes/{resumeId}")
    assert failed["status"] == 404 and failed["error_code"] == "not_found"
    assert failed["request_id"] == missing.headers["x-request-id"]
    assert failed["path"] == "/resumes/not-mine-0001" and failed["user_id"] == me["id"]
    assert len({line["trace_id"] for line in (ok, failed)}) == 2, "each request has its trace"


async def test_lines_logged_while_serving_a_request_carry_its_context(settings: Settings) -> None:
    stream = io.StringIO()
    async with observed_api(settings, log_stream=stream) as api:
        headers = await api.user("ada@example.com")

        async def list_resumes(user_id: str) -> list[Any]:
            logging.getLogger("resumax.core.example").warning("stdlib line", extra={"resume_count": 0})
            structlog.get_logger("resumax.example").info("structlog line", resumes=0)
            return []

        api.resumax.list_resumes.execute = list_resumes  # type: ignore[method-assign,assignment]
        response = await api.client.get("/resumes", headers=headers)
        structlog.get_logger("resumax.example").info("after the request")

    lines = server_lines(stream.getvalue())
    by_event = {line["event"]: line for line in lines}
    request_id = response.headers["x-request-id"]
    for event in ("stdlib line", "structlog line"):
        line = by_event[event]
        assert line["request_id"] == request_id and line["route"] == "/resumes", line
        assert line["user_id"] and "trace_id" in line
    assert by_event["stdlib line"]["resume_count"] == 0 and by_event["stdlib line"]["level"] == "warning"
    assert by_event["structlog line"]["resumes"] == 0
    assert "request_id" not in by_event["after the request"], "the request's context ends with it"


async def test_a_jobs_lines_carry_its_task_and_user_not_the_request_that_started_the_worker(
    settings: Settings,
) -> None:
    stream = io.StringIO()

    async def log_call(request: RewriteRequest) -> None:
        logging.getLogger("resumax.worker.example").info("engine called")

    engine: LanguageModel = ObservingLanguageModel(OfflineLanguageModel(), log_call)
    async with observed_api(settings, llm=engine, log_stream=stream) as api:
        headers = await api.user("ada@example.com")
        user_id = (await api.client.get("/users/me", headers=headers)).json()["id"]
        resume = await api.upload_resume(headers)
        job = await api.add_job(headers)
        await api.completed_optimization(headers, resume["id"], job["id"])

    lines = server_lines(stream.getvalue())
    calls = [line for line in lines if line["event"] == "engine called"]
    assert calls
    optimize = _access_line(lines, "POST", "/optimize")
    for line in calls:
        assert line["task"] == "run_optimization" and line["user_id"] == user_id
        assert "request_id" not in line and "route" not in line
        assert line["trace_id"] == optimize["trace_id"], "the job's lines join the request's trace"


def test_console_lines_when_json_is_off(tmp_path: Any) -> None:
    stream = io.StringIO()
    configure_observability(memory_settings(tmp_path, log_json=False), log_stream=stream)
    logging.getLogger("resumax.example").info("plain %s", "words", extra={"status": 201})
    try:
        raise ValueError("boom for alice@example.com")
    except ValueError:
        logging.getLogger("resumax.example").exception("it failed")
    text = stream.getvalue()
    assert "plain words" in text and "status=201" in text
    with pytest.raises(json.JSONDecodeError):
        json.loads(text.splitlines()[0])
    assert "Traceback" in text and "ValueError" in text
    assert "alice@example.com" not in text, "exception text is redacted too"


def test_configuring_twice_leaves_one_handler_and_the_last_settings() -> None:
    first, second = io.StringIO(), io.StringIO()
    configure_logging("INFO", json=True, stream=first)
    configure_logging("WARNING", json=True, stream=second)
    handlers = [h for h in logging.getLogger().handlers if h is installed_handler()]
    assert len(handlers) == 1
    logging.getLogger("resumax.example").info("too quiet")
    logging.getLogger("resumax.example").warning("loud enough")
    assert first.getvalue() == ""
    assert [line["event"] for line in map(json.loads, second.getvalue().splitlines())] == ["loud enough"]
    with pytest.raises(ValueError, match="log level"):
        configure_logging("LOUD")


def test_nothing_is_configured_at_import() -> None:
    probe = """
import logging, structlog
from opentelemetry import trace
import resumax_http.app, resumax_adapters.observability, resumax_http.middleware
assert logging.getLogger().handlers == [], logging.getLogger().handlers
assert not structlog.is_configured()
assert type(trace.get_tracer_provider()).__name__ == "ProxyTracerProvider"
"""
    subprocess.run([sys.executable, "-c", probe], check=True, timeout=60)


@pytest.mark.parametrize("json_lines", [True, False])
def test_access_lines_render_as_the_full_processor_chain_would(json_lines: bool) -> None:
    fields = {
        "method": "GET",
        "path": "/users/ada@example.com",
        "route": "/x",
        "status": 200,
        "latency_ms": 1.5,
    }
    fast, full = io.StringIO(), io.StringIO()
    configure_logging("INFO", json=json_lines, stream=fast)
    log_access(logging.getLogger("resumax.http"), "GET /users/ada@example.com 200", fields)
    configure_logging("INFO", json=json_lines, stream=full)
    logging.getLogger("resumax.http").info("GET /users/ada@example.com 200", extra=fields)

    def without_time(text: str) -> str:
        text = re.sub(r"\d{4}-\d\d-\d\dT[\d:.]+Z", "<time>", text)
        # pytest's capture handler formats the record first, which leaves a ``message`` attribute that
        # the full chain then reports as an extra; no such handler runs in a server.
        return re.sub(r""", "message": "[^"]*"| message='[^']*'""", "", text)

    assert without_time(fast.getvalue()) == without_time(full.getvalue())
    assert "ada@example.com" not in fast.getvalue() and "[email]" in fast.getvalue()
