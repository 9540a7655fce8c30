"""A scriptable OpenAI-compatible chat server on 127.0.0.1, run in a thread by tests and benchmarks.

It serves ``POST /v1/chat/completions``. Each request is recorded (``server.requests``) and answered with
the next scripted ``Reply`` (``server.script(...)``), else with ``server.responder(received)`` (by default
an empty section reply). A reply can be slow (``delay``), an HTTP error with headers (429 + Retry-After),
a raw body (cut JSON), or a normal completion with chosen content, finish reason and token counts.
"""

from __future__ import annotations

import asyncio
import json
import re
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

# litellm imports provider modules lazily on its first call; pydantic warns about their ReadOnly TypedDicts.
LITELLM_WARNINGS = pytest.mark.filterwarnings(
    r"ignore:Items? .* on TypedDict class .* (is|are) using the .ReadOnly. qualifier:UserWarning"
)

EMPTY_SECTION = '{"edits": [], "tips": []}'


@dataclass
class Reply:
    """One scripted answer. ``content`` is the assistant message; ``raw`` replaces the whole HTTP body."""

    content: str | None = EMPTY_SECTION
    status: int = 200
    delay: float = 0.0
    headers: dict[str, str] = field(default_factory=dict)
    finish_reason: str = "stop"
    prompt_tokens: int = 100
    completion_tokens: int = 20
    raw: bytes | None = None


@dataclass
class Received:
    """One request the server got: the model, the JSON body, and when it arrived (monotonic seconds)."""

    model: str
    body: dict[str, Any]
    at: float

    @property
    def system(self) -> str:
        return "\n".join(m["content"] for m in self.body.get("messages", []) if m.get("role") == "system")

    @property
    def user(self) -> str:
        return "\n".join(m["content"] for m in self.body.get("messages", []) if m.get("role") == "user")

    @property
    def raw_text(self) -> str:
        return json.dumps(self.body, ensure_ascii=False)


def completion_body(reply: Reply, model: str) -> dict[str, Any]:
    return {
        "id": "chatcmpl-test",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": reply.content},
                "finish_reason": reply.finish_reason,
            }
        ],
        "usage": {
            "prompt_tokens": reply.prompt_tokens,
            "completion_tokens": reply.completion_tokens,
            "total_tokens": reply.prompt_tokens + reply.completion_tokens,
        },
    }


class FakeLLMServer:
    """Start with ``with FakeLLMServer() as server:``; ``base_url`` ends in ``/v1``."""

    def __init__(self, responder: Callable[[Received], Reply] | None = None) -> None:
        self.responder = responder or (lambda received: Reply())
        self.requests: list[Received] = []
        self._script: deque[Reply] = deque()
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, name="fake-llm", daemon=True
        )

    @property
    def base_url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host!s}:{port}/v1"

    def script(self, *replies: Reply | str) -> None:
        """Queue replies (a str is the content of a normal completion), answered in order."""
        with self._lock:
            self._script.extend(Reply(content=r) if isinstance(r, str) else r for r in replies)

    def models_called(self) -> list[str]:
        return [r.model for r in self.requests]

    def __enter__(self) -> FakeLLMServer:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stopping.set()
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    def _next(self, received: Received) -> Reply:
        with self._lock:
            self.requests.append(received)
            if self._script:
                return self._script.popleft()
        return self.responder(received)

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.0"

            def log_message(self, format: str, *args: Any) -> None:
                return

            def do_POST(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                body = json.loads(self.rfile.read(length) or b"{}")
                received = Received(str(body.get("model", "")), body, time.monotonic())
                if not self.path.rstrip("/").endswith("/chat/completions"):
                    self._send(404, b'{"error": {"message": "not found"}}', {})
                    return
                reply = server._next(received)
                if reply.delay and server._stopping.wait(reply.delay):
                    return
                if reply.raw is not None:
                    payload = reply.raw
                elif reply.status >= 400:
                    payload = json.dumps(
                        {"error": {"message": f"scripted {reply.status}", "type": "x"}}
                    ).encode()
                else:
                    payload = json.dumps(completion_body(reply, received.model)).encode()
                self._send(reply.status, payload, reply.headers)

            def _send(self, status: int, payload: bytes, headers: dict[str, str]) -> None:
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(payload)))
                    for name, value in headers.items():
                        self.send_header(name, value)
                    self.end_headers()
                    self.wfile.write(payload)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (its timeout); nothing to answer

        return Handler


# --- replies -------------------------------------------------------------------------------------------


def section_json(edits: list[dict[str, Any]] | None = None, tips: list[dict[str, Any]] | None = None) -> str:
    return json.dumps({"edits": edits or [], "tips": tips or []})


def summary_json(summary: str, reason: str = "Leads with the job's skills.", **extra: Any) -> str:
    return json.dumps({"summary": summary, "reason": reason, "evidence": [], **extra})


_LINE = re.compile(r"^\[(\d+)\] \((\w+)\) (.*)$", re.MULTILINE)


def section_lines(user_text: str) -> list[tuple[int, str, str]]:
    """The numbered blocks ``(index, kind, text)`` inside the prompt's <resume_section>."""
    start = user_text.rfind("<resume_section>")
    end = user_text.rfind("</resume_section>")
    return [(int(m[1]), m[2], m[3]) for m in _LINE.finditer(user_text[start:end])]


def polite_responder(received: Received) -> Reply:
    """A well-behaved model: reorders skills, trims bullets, writes a summary from resume words only."""
    text = received.user
    if "TASK: write the summary" in text:
        return Reply(summary_json("Backend Engineer skilled in Python and PostgreSQL."))
    edits: list[dict[str, Any]] = []
    tips: list[dict[str, Any]] = []
    for index, kind, line in section_lines(text):
        if kind == "entry":
            continue
        if "TASK: order skills" in text:
            items = [item.strip() for item in line.split(",")]
            after = ", ".join(reversed(items))
        elif line.startswith("Responsible for managing "):
            after = "Managed " + line.removeprefix("Responsible for managing ")
        else:
            after = line[:-1] if line.endswith(".") else line + "."
        if after != line:
            edits.append(
                {"block": index, "after": after, "reason": "Tightened the wording.", "evidence": [line]}
            )
        tips.append({"block": index, "message": "Add a measurable result if you know one."})
    return Reply(section_json(edits, tips))


@dataclass
class RecordingSleep:
    """A stand-in for ``asyncio.sleep`` that records the delays and does not wait."""

    delays: list[float] = field(default_factory=list)

    async def __call__(self, seconds: float) -> None:
        self.delays.append(seconds)
        await asyncio.sleep(0)
