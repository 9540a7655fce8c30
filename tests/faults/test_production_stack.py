"""The production stack under faults, end to end: two ``resumax serve`` APIs (real uvicorn) and two
``resumax worker`` processes on PostgreSQL, Redis (RQ) and S3, while workers are SIGKILLed, Redis is
restarted (without persistence) and PostgreSQL is restarted.

The database is the source of truth (SECURITY.md, Faults): every accepted optimization ends
``completed`` or ``failed`` with an error code, none is stuck or duplicated, and while PostgreSQL is down
the API answers 503 with ``{code, message}`` and recovers by itself.

Gated like the other service tests: skipped unless ``RESUMAX_TEST_POSTGRES_URL``,
``RESUMAX_TEST_REDIS_URL`` and ``RESUMAX_TEST_S3_URL`` are set (failed instead when
``RESUMAX_REQUIRE_SERVICES=1``); ``.ci/services.sh`` sets them. The S3 server is the services' one (a
fresh prefix per run); PostgreSQL and Redis are this test's own, started with the commands
``.ci/services.sh`` uses, so that it can stop and restart them freely without disturbing other tests.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import policy
from email.parser import BytesParser
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import httpx
import pytest

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
VARIABLES = ("RESUMAX_TEST_POSTGRES_URL", "RESUMAX_TEST_REDIS_URL", "RESUMAX_TEST_S3_URL")
PASSWORD = "correct horse battery staple 42"
SECRET = "production-stack-secret-key-" + "s" * 32
JOB_TIMEOUT = 20  # the reconciler's stale bound is twice this
RECONCILE_EVERY = 5
USERS = 6
REQUESTS = 36  # 6 per user: below the optimize throttle (30 per user per hour) even with retries
SETTLE_BOUND = 180.0  # seconds from the first optimize request until every optimization is final
ACCEPT_BOUND = 60.0  # seconds a client keeps retrying one optimize request (same Idempotency-Key)


# --- processes -----------------------------------------------------------------------------------------


def _required_services() -> dict[str, str]:
    values = {name: os.environ.get(name, "") for name in VARIABLES}
    missing = [name for name, value in values.items() if not value]
    if missing:
        message = f"set {', '.join(missing)} (source .ci/services.sh; start_services) to run the stack"
        if os.environ.get("RESUMAX_REQUIRE_SERVICES") == "1":
            pytest.fail(f"RESUMAX_REQUIRE_SERVICES=1 but {message}")
        pytest.skip(message)
    for tool in ("redis-server", "redis-cli"):
        if shutil.which(tool) is None:
            pytest.fail(f"{tool} is not installed (.ci/services.sh installs it)")
    return values


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _pg_bin() -> Path:
    wanted = Path(f"/usr/lib/postgresql/{os.environ.get('RESUMAX_SERVICES_PG_VERSION', '15')}/bin")
    if (wanted / "initdb").exists():
        return wanted
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parts[-3]))
    if not found:
        pytest.fail("no PostgreSQL binaries under /usr/lib/postgresql (.ci/services.sh installs them)")
    return found[-1].parent


def _as_postgres(command: list[str]) -> list[str]:
    """PostgreSQL refuses to run as root: root runs it as ``postgres`` (as .ci/services.sh does)."""
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


def _wait(check: Any, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            if check():
                return
        except Exception:  # noqa: BLE001 -- not up yet
            pass
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} did not come up within {timeout} s")
        time.sleep(0.1)


class Postgres:
    """A PostgreSQL cluster of this test only (trust auth, 127.0.0.1, no fsync), restartable."""

    def __init__(self, root: Path) -> None:
        self.bin = _pg_bin()
        self.port = _free_port()
        self.root = root / "postgres"
        self.data, self.socket_dir = self.root / "db", self.root / "socket"
        self.socket_dir.mkdir(parents=True)
        self.data.mkdir()
        if os.geteuid() == 0:
            subprocess.run(["chown", "-R", "postgres:", str(self.root)], check=True)
        subprocess.run(
            _as_postgres(
                [
                    str(self.bin / "initdb"),
                    "-D",
                    str(self.data),
                    "-U",
                    "postgres",
                    "--auth=trust",
                    "-E",
                    "UTF8",
                    "--no-sync",
                ]
            ),
            check=True,
            capture_output=True,
        )
        self.start()
        subprocess.run(
            _as_postgres(
                [
                    str(self.bin / "createdb"),
                    "-h",
                    "127.0.0.1",
                    "-p",
                    str(self.port),
                    "-U",
                    "postgres",
                    "resumax",
                ]
            ),
            check=True,
            capture_output=True,
        )
        self.url = f"postgresql+asyncpg://postgres@127.0.0.1:{self.port}/resumax"

    def _ctl(self, *args: str) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run(
            _as_postgres([str(self.bin / "pg_ctl"), "-D", str(self.data), *args]),
            capture_output=True,
            check=False,
        )

    def start(self) -> None:
        started = self._ctl(
            "-l",
            str(self.root / "postgres.log"),
            "-w",
            "-t",
            "60",
            "-o",
            f"-k {self.socket_dir} -p {self.port} -h 127.0.0.1 -F",
            "start",
        )
        assert started.returncode == 0, started.stderr.decode() + self.log()
        _wait(self.ready, 30, "PostgreSQL")

    def stop(self) -> None:
        self._ctl("-m", "fast", "-w", "-t", "30", "stop")

    def ready(self) -> bool:
        probe = subprocess.run(
            [str(self.bin / "pg_isready"), "-q", "-h", "127.0.0.1", "-p", str(self.port)], check=False
        )
        return probe.returncode == 0

    def running(self) -> bool:
        return self._ctl("status").returncode == 0

    def log(self) -> str:
        path = self.root / "postgres.log"
        return path.read_text(errors="replace")[-3000:] if path.exists() else ""

    def close(self) -> None:
        if self.running():
            self._ctl("-m", "immediate", "-w", "-t", "30", "stop")


class RedisServer:
    """A Redis of this test only, without persistence (as .ci/services.sh runs it), restartable."""

    def __init__(self, root: Path) -> None:
        self.port = _free_port()
        self.dir = root / "redis"
        self.dir.mkdir()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen[bytes] | None = None
        self.start()

    def start(self) -> None:
        log = (self.dir / "redis.log").open("ab")
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--bind",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.dir),
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        log.close()
        _wait(self.ready, 30, "Redis")

    def ready(self) -> bool:
        ping = subprocess.run(
            ["redis-cli", "-h", "127.0.0.1", "-p", str(self.port), "ping"], capture_output=True, check=False
        )
        return ping.stdout.strip() == b"PONG"

    def stop(self) -> None:
        """Gone at once, its data with it (no persistence)."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)

    close = stop


@dataclass
class Proc:
    """A ``resumax`` subprocess in a session of its own (so a kill takes its children too)."""

    name: str
    command: list[str]
    env: dict[str, str]
    logdir: Path
    process: subprocess.Popen[bytes] | None = None
    generation: int = 0
    logs: list[Path] = field(default_factory=list)

    def start(self) -> None:
        self.generation += 1
        path = self.logdir / f"{self.name}-{self.generation}.log"
        self.logs.append(path)
        with path.open("wb") as output:
            self.process = subprocess.Popen(
                self.command, env=self.env, stdout=output, stderr=subprocess.STDOUT, start_new_session=True
            )

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def kill(self) -> None:
        """SIGKILL the process and everything it started (a worker's work horse included)."""
        if self.process is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(10)

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.kill()

    def output(self) -> str:
        return "".join(path.read_text(errors="replace") for path in self.logs if path.exists())


@dataclass
class Stack:
    root: Path
    env: dict[str, str]
    postgres: Postgres
    redis: RedisServer
    apis: list[Proc]
    api_urls: list[str]
    workers: list[Proc]

    @property
    def outbox(self) -> Path:
        return Path(self.env["RESUMAX_DATA_DIR"]) / "outbox"

    def diagnostics(self) -> str:
        parts = [f"--- {proc.name}\n{proc.output()[-3000:]}" for proc in (*self.apis, *self.workers)]
        parts.append(f"--- postgres\n{self.postgres.log()}")
        return "\n".join(parts)


def _resumax() -> list[str]:
    script = Path(sys.executable).with_name("resumax")
    return [str(script)] if script.exists() else [sys.executable, "-m", "resumax_cli"]


def _with_prefix(s3_url: str, prefix: str) -> str:
    parts = urlsplit(s3_url)
    return urlunsplit((parts.scheme, parts.netloc, "/" + prefix, parts.query, ""))


def _api_ready(url: str) -> bool:
    return httpx.get(f"{url}/readyz", timeout=2).status_code == 200


@pytest.fixture
def stack() -> Iterator[Stack]:
    services = _required_services()
    root = Path(tempfile.mkdtemp(prefix="resumax-stack-"))
    root.chmod(0o755)  # PostgreSQL runs as another user when we are root
    started: list[Any] = []
    try:
        postgres = Postgres(root)
        started.append(postgres)
        redis_server = RedisServer(root)
        started.append(redis_server)
        env = {name: value for name, value in os.environ.items() if not name.startswith("RESUMAX_")}
        env.setdefault("AWS_ACCESS_KEY_ID", "testing")
        env.setdefault("AWS_SECRET_ACCESS_KEY", "testing")
        env.setdefault("AWS_DEFAULT_REGION", "us-east-1")
        env.update(
            RESUMAX_DATA_DIR=str(root / "data"),
            RESUMAX_DATABASE_URL=postgres.url,
            RESUMAX_QUEUE_URL=redis_server.url,
            RESUMAX_STORAGE_URL=_with_prefix(
                services["RESUMAX_TEST_S3_URL"], f"stack-{uuid.uuid4().hex[:12]}"
            ),
            RESUMAX_MAIL_URL="outbox://",
            RESUMAX_SECRET_KEY=SECRET,
            RESUMAX_JOB_TIMEOUT_SECONDS=str(JOB_TIMEOUT),
            RESUMAX_LLM_TIMEOUT_SECONDS="10",
            RESUMAX_MAX_ACTIVE_OPTIMIZATIONS_PER_USER="100",
            RESUMAX_ARGON2_TIME_COST="2",
            RESUMAX_ARGON2_MEMORY_KIB="19456",
            RESUMAX_BASE_URL="http://127.0.0.1:8000",
            RESUMAX_LOG_LEVEL="INFO",
            PYTHONUNBUFFERED="1",
        )
        migrated = subprocess.run(
            [*_resumax(), "db", "upgrade"], env=env, capture_output=True, text=True, timeout=120, check=False
        )
        assert migrated.returncode == 0, migrated.stdout + migrated.stderr
        logdir = root / "logs"
        logdir.mkdir()
        ports = [_free_port(), _free_port()]
        apis = [
            Proc(f"api{n}", [*_resumax(), "serve", "--host", "127.0.0.1", "--port", str(port)], env, logdir)
            for n, port in enumerate(ports)
        ]
        workers = [
            Proc(
                f"worker{n}", [*_resumax(), "worker", "--reconcile-every", str(RECONCILE_EVERY)], env, logdir
            )
            for n in range(2)
        ]
        for proc in (*apis, *workers):
            started.append(proc)
            proc.start()
        urls = [f"http://127.0.0.1:{port}" for port in ports]
        for proc, url in zip(apis, urls, strict=True):
            try:
                _wait(lambda url=url: _api_ready(url), 60, proc.name)
            except AssertionError:
                raise AssertionError(proc.output()[-4000:]) from None
        built = Stack(root, env, postgres, redis_server, apis, urls, workers)
        yield built
    finally:
        for thing in reversed(started):
            with contextlib.suppress(Exception):
                thing.stop() if isinstance(thing, Proc) else thing.close()
        shutil.rmtree(root, ignore_errors=True)


# --- the flow ------------------------------------------------------------------------------------------


def _emailed_token(outbox: Path, to: str) -> str:
    for path in sorted(outbox.glob("*.eml"), key=lambda p: p.stat().st_mtime, reverse=True):
        message = BytesParser(policy=policy.default).parsebytes(path.read_bytes())
        if str(message["To"]).strip() != to:
            continue
        body = message.get_body(preferencelist=("plain",))
        assert body is not None
        for word in str(body.get_content()).split():
            if "/verify-email?token=" in word:
                return httpx.URL(word.strip("<>")).params["token"]
    raise AssertionError(f"no verification email to {to} in {outbox}")


@dataclass
class User:
    email: str
    headers: dict[str, str]
    resume_id: str
    job_id: str


async def _sign_up(stack: Stack, clients: list[httpx.AsyncClient], n: int) -> User:
    client = clients[n % 2]
    other = clients[(n + 1) % 2]
    email = f"stack-{n}-{uuid.uuid4().hex[:6]}@example.com"
    registered = await client.post(
        "/auth/register", json={"email": email, "password": PASSWORD, "name": "Ada"}
    )
    assert registered.status_code == 202, registered.text
    verified = await other.post("/auth/verify", json={"token": _emailed_token(stack.outbox, email)})
    assert verified.status_code == 200, verified.text
    login = await client.post("/auth/login", json={"email": email, "password": PASSWORD})
    assert login.status_code == 200, login.text
    headers = {"Authorization": f"Bearer {login.json()['accessToken']}"}
    resume = await other.post(
        "/resumes",
        headers=headers,
        files={"file": ("resume.txt", (EXAMPLES / "resume.txt").read_bytes(), "text/plain")},
        data={"title": f"Resume {n}"},
    )
    assert resume.status_code == 201, resume.text
    job = await client.post(
        "/job-descriptions", headers=headers, json={"text": (EXAMPLES / "job.txt").read_text()}
    )
    assert job.status_code == 201, job.text
    return User(email, headers, resume.json()["id"], job.json()["id"])


@dataclass
class Request:
    index: int
    user: User
    key: str
    optimization_id: str | None = None
    sent_at: list[float] = field(default_factory=list)
    answers: list[str] = field(default_factory=list)  # status codes or transport errors, in order


async def _submit(request: Request, clients: list[httpx.AsyncClient], delay: float) -> None:
    """POST /optimize with one Idempotency-Key until accepted, alternating the APIs; 503 and transport
    errors are retried with the same key (what a client is told to do)."""
    await asyncio.sleep(delay)
    body = {"resumeId": request.user.resume_id, "jobDescriptionId": request.user.job_id}
    headers = {**request.user.headers, "Idempotency-Key": request.key}
    deadline = time.monotonic() + ACCEPT_BOUND
    attempt = 0
    while time.monotonic() < deadline:
        client = clients[(request.index + attempt) % 2]
        attempt += 1
        request.sent_at.append(time.monotonic())
        try:
            response = await client.post("/optimize", headers=headers, json=body)
        except httpx.TransportError as exc:
            request.answers.append(type(exc).__name__)
            await asyncio.sleep(0.5)
            continue
        if response.status_code == 202:
            request.answers.append("202")
            request.optimization_id = response.json()["optimizationId"]
            return
        assert response.status_code in (500, 502, 503, 504), (response.status_code, response.text)
        problem = response.json()
        request.answers.append(f"{response.status_code} {problem.get('code')}")
        if response.status_code == 503:
            assert problem.get("code") and problem.get("message"), problem
        await asyncio.sleep(0.5)


@dataclass
class Chaos:
    worker_kills: int = 0
    killed: list[tuple[str, str]] = field(default_factory=list)  # (optimization, its status after the kill)
    redis_down: tuple[float, float] | None = None
    redis_restarts: int = 0
    postgres_restarts: int = 0
    outage_answers: list[tuple[str, int, str]] = field(default_factory=list)  # (probe, status, code)
    recovery_seconds: float | None = None
    errors: list[str] = field(default_factory=list)


def _current_optimization(redis_url: str, pid: int) -> str | None:
    """The optimization whose job the RQ worker of process ``pid`` is running, if any."""
    import redis
    from rq import Worker
    from rq.job import Job
    from rq.serializers import JSONSerializer

    connection = redis.Redis.from_url(redis_url, socket_timeout=2, socket_connect_timeout=2)
    try:
        for registered in Worker.all(connection=connection):
            job_id = registered.get_current_job_id() if registered.pid == pid else None
            if job_id:
                job = Job.fetch(job_id, connection=connection, serializer=JSONSerializer)
                return str(job.args[1].get("optimization_id")) if len(job.args) > 1 else None
        return None
    except Exception:  # noqa: BLE001 -- Redis restarting, the job just finished: nothing to aim at
        return None
    finally:
        connection.close()


async def _kill_worker(stack: Stack, n: int, chaos: Chaos, *, wait_for_job: float = 4.0) -> None:
    """SIGKILL worker ``n`` (and its work horse), preferably while it runs a job; start it again."""
    worker = stack.workers[n]
    assert worker.process is not None
    deadline = time.monotonic() + wait_for_job
    target, status = None, None
    while time.monotonic() < deadline:
        target = await asyncio.to_thread(_current_optimization, stack.redis.url, worker.process.pid)
        status = await _status(stack, target) if target else None
        if status is not None and status not in ("completed", "failed"):
            break  # the database holds it unfinished: the job is really mid-run
        target = None
        await asyncio.sleep(0.02)
    await asyncio.to_thread(worker.kill)
    chaos.worker_kills += 1
    worker.start()
    if target is not None:
        rows = {row["id"]: row for row in await _final_rows(stack)}
        if target in rows:
            chaos.killed.append((target, rows[target]["status"]))


async def _restart_redis(stack: Stack, chaos: Chaos) -> None:
    """Redis gone for 3 s, its queue with it (no persistence): the reconciler rebuilds it."""
    await asyncio.to_thread(stack.redis.stop)
    down_at = time.monotonic()
    try:
        await asyncio.sleep(3.0)
    finally:
        await asyncio.to_thread(stack.redis.start)
        chaos.redis_down = (down_at, time.monotonic())
        chaos.redis_restarts += 1


async def _restart_postgres(stack: Stack, clients: list[httpx.AsyncClient], user: User, chaos: Chaos) -> None:
    await asyncio.to_thread(stack.postgres.stop)
    down_at = time.monotonic()
    try:
        await asyncio.sleep(0.5)
        for name, client in zip(("api0", "api1"), clients, strict=True):
            for probe, headers in (("/readyz", {}), ("/resumes", user.headers)):
                try:
                    response = await client.get(probe, headers=headers)
                except httpx.TransportError as exc:
                    chaos.errors.append(f"{name} GET {probe} while PostgreSQL is down: {exc!r}")
                    continue
                try:
                    code = str(response.json().get("code"))
                    message = response.json().get("message")
                except ValueError:
                    code, message = "<not json>", None
                chaos.outage_answers.append((f"{name} GET {probe}", response.status_code, code))
                if response.status_code != 503 or not message or code == "None":
                    answer = f"{response.status_code} {response.text[:300]}"
                    chaos.errors.append(f"{name} GET {probe} while PostgreSQL is down: {answer}")
        await asyncio.sleep(2.0)
    finally:
        await asyncio.to_thread(stack.postgres.start)
        chaos.postgres_restarts += 1
    up_at = time.monotonic()
    # Recovery: both APIs ready and serving an authenticated read again, with nothing restarted.
    while time.monotonic() - up_at < 60:
        healthy = True
        for client in clients:
            try:
                ready = await client.get("/readyz")
                listed = await client.get("/resumes", headers=user.headers)
            except httpx.TransportError:
                healthy = False
                break
            healthy = healthy and ready.status_code == 200 and listed.status_code == 200
        if healthy:
            chaos.recovery_seconds = time.monotonic() - up_at
            return
        await asyncio.sleep(0.2)
    chaos.errors.append(
        f"the APIs did not recover within 60 s of PostgreSQL's restart (down for {up_at - down_at:.1f} s)"
    )


CHAOS_PLAN = (  # seconds after the first optimize request, and what happens then
    (2.0, "kill worker0"),
    (6.0, "restart redis"),
    (12.0, "kill worker1"),
    (15.0, "restart postgres"),
    (21.0, "kill worker0"),
    (25.0, "kill worker1"),
)
SUBMIT_SPREAD = 0.8  # seconds between optimize requests: 36 of them cover the whole plan


async def _chaos(
    stack: Stack, clients: list[httpx.AsyncClient], user: User, chaos: Chaos, began: float
) -> None:
    for offset, action in CHAOS_PLAN:
        await asyncio.sleep(max(0.0, began + offset - time.monotonic()))
        if action.startswith("kill worker"):
            await _kill_worker(stack, int(action[-1]), chaos, wait_for_job=3.0)
        elif action == "restart redis":
            await _restart_redis(stack, chaos)
        else:
            await _restart_postgres(stack, clients, user, chaos)


async def _status(stack: Stack, optimization_id: str) -> str | None:
    import asyncpg  # type: ignore[import-untyped]

    with contextlib.suppress(OSError, asyncpg.PostgresError):
        connection = await asyncpg.connect(
            host="127.0.0.1", port=stack.postgres.port, user="postgres", database="resumax"
        )
        try:
            status = await connection.fetchval(
                "SELECT status FROM optimizations WHERE id = $1", optimization_id
            )
            return None if status is None else str(status)
        finally:
            await connection.close()
    return None


async def _final_rows(stack: Stack) -> list[dict[str, Any]]:
    import asyncpg

    connection = await asyncpg.connect(
        host="127.0.0.1", port=stack.postgres.port, user="postgres", database="resumax"
    )
    try:
        rows = await connection.fetch(
            "SELECT id, user_id, status, error_code, attempts, idempotency_key FROM optimizations"
        )
    finally:
        await connection.close()
    return [dict(row) for row in rows]


@pytest.mark.slow
async def test_optimizations_survive_killed_workers_and_restarted_redis_and_postgres(stack: Stack) -> None:
    clients = [httpx.AsyncClient(base_url=url, timeout=20) for url in stack.api_urls]
    try:
        users = [await _sign_up(stack, clients, n) for n in range(USERS)]
        requests = [Request(i, users[i % USERS], f"stack-{uuid.uuid4()}") for i in range(REQUESTS)]
        chaos = Chaos()
        began = time.monotonic()
        # Requests spread over the whole CHAOS_PLAN, so each fault lands among queued and running jobs.
        await asyncio.gather(
            _chaos(stack, clients, users[0], chaos, began),
            *(_submit(request, clients, delay=i * SUBMIT_SPREAD) for i, request in enumerate(requests)),
        )
        submitted = time.monotonic() - began

        not_accepted = [(r.index, r.answers) for r in requests if r.optimization_id is None]
        assert not not_accepted, f"optimize requests never accepted: {not_accepted}\n{stack.diagnostics()}"

        final: dict[str, dict[str, Any]] = {}
        while True:
            rows = await _final_rows(stack)
            final = {row["id"]: row for row in rows}
            pending = [row for row in rows if row["status"] not in ("completed", "failed")]
            if not pending or time.monotonic() - began > SETTLE_BOUND:
                break
            await asyncio.sleep(1.0)
        settled = time.monotonic() - began

        statuses = Counter(row["status"] for row in final.values())
        attempts = Counter(row["attempts"] for row in final.values())
        error_codes = Counter(row["error_code"] for row in final.values() if row["status"] == "failed")
        answers = Counter(answer for request in requests for answer in request.answers)
        replays = sum(len(request.answers) > 1 for request in requests)
        worker_logs = "".join(worker.output() for worker in stack.workers)
        requeued = sum(int(n) for n in re.findall(r"re-queued (\d+) stale optimization", worker_logs))
        rq_retries = worker_logs.count("enqueued for retry")
        down = chaos.redis_down
        during_redis = sum(any(down[0] <= t <= down[1] for t in r.sent_at) for r in requests) if down else 0
        recovery = "never" if chaos.recovery_seconds is None else f"{chaos.recovery_seconds:.2f} s"
        report = "\n".join(
            [
                f"production stack: {REQUESTS} optimize requests, all accepted after {submitted:.1f} s, "
                f"all final after {settled:.1f} s",
                f"statuses {dict(statuses)}; failed codes {dict(error_codes)}",
                f"attempts per optimization {dict(sorted(attempts.items()))}",
                f"optimize answers {dict(answers)} ({replays} requests retried with their key)",
                f"worker SIGKILLs {chaos.worker_kills} ({len(chaos.killed)} while running an optimization), "
                f"Redis restarts {chaos.redis_restarts}, "
                f"PostgreSQL restarts {chaos.postgres_restarts}",
                "optimizations whose worker was killed: "
                + ", ".join(
                    f"{status} at the kill -> {final[oid]['status']} "
                    f"after {final[oid]['attempts']} attempt(s)"
                    for oid, status in chaos.killed
                ),
                f"requests sent while Redis was down {during_redis}",
                f"answers while PostgreSQL was down {chaos.outage_answers}",
                f"recovery after PostgreSQL came back: {recovery}",
                f"optimizations re-queued by the reconciler {requeued}; RQ retry log lines {rq_retries}",
            ]
        )
        print("\n" + report)

        assert not chaos.errors, "\n".join(chaos.errors) + "\n" + report
        assert chaos.recovery_seconds is not None, report
        stuck = [row for row in final.values() if row["status"] not in ("completed", "failed")]
        assert not stuck, f"stuck after {SETTLE_BOUND} s: {stuck}\n{report}\n{stack.diagnostics()}"
        nameless = [row for row in final.values() if row["status"] == "failed" and not row["error_code"]]
        assert not nameless, f"failed without an error code: {nameless}\n{report}"
        # No duplicates: one row per request, each request's key mapped to its own optimization.
        ids = [request.optimization_id for request in requests]
        assert len(set(ids)) == REQUESTS, report
        assert set(final) == set(ids), f"rows {len(final)} for {REQUESTS} requests{report}"
        per_user = Counter(row["user_id"] for row in final.values())
        assert sorted(per_user.values()) == [REQUESTS // USERS] * USERS, per_user
        keys = [row["idempotency_key"] for row in final.values()]
        assert all(keys) and len(set(keys)) == REQUESTS, keys
        # Every optimization is readable through both APIs with its final status.
        for n, request in enumerate(requests):
            polled = await clients[n % 2].get(
                f"/optimize/{request.optimization_id}", headers=request.user.headers
            )
            assert polled.status_code == 200, polled.text
            assert polled.json()["status"] == final[str(request.optimization_id)]["status"]
        for proc in stack.apis:
            assert proc.alive(), proc.output()[-3000:]
    finally:
        for client in clients:
            await client.aclose()
