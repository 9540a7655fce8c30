"""The worker process end to end: resuMAX on SQLite + local files + RQ, and ``resumax worker`` running
in a subprocess with the same environment, as it runs in production.

Needs a Redis: ``RESUMAX_TEST_REDIS_URL`` (skipped without it, failed when ``RESUMAX_REQUIRE_SERVICES=1``).
The tests own the worker's ``resumax`` queue on that Redis and empty it before and after each test.
"""

from __future__ import annotations

import asyncio
import os
import re
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from resumax_adapters import Resumax, Settings, bootstrap
from resumax_core.entities import Optimization, OptimizationStatus, ParseStatus, User
from resumax_core.errors import InvalidInput
from resumax_core.ports.task_queue import TaskStatus
from resumax_core.use_cases.tasks import PARSE_RESUME

REDIS_URL_VARIABLE = "RESUMAX_TEST_REDIS_URL"
ENTRY = Path(__file__).with_name("worker_entry.py")
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
QUEUE = "resumax"
WORKER_TIMEOUT = 120
RESUME_CANARY = "alex.rivera@example.com"
CORRUPT_PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\nendobj\ntrailer garbage \x00\xff"


def _redis_url() -> str:
    url = os.environ.get(REDIS_URL_VARIABLE)
    if url:
        return url
    if os.environ.get("RESUMAX_REQUIRE_SERVICES") == "1":
        pytest.fail(f"RESUMAX_REQUIRE_SERVICES=1 but {REDIS_URL_VARIABLE} is not set")
    pytest.skip(f"set {REDIS_URL_VARIABLE} to run the worker end to end")


def _clear_queue(url: str) -> None:
    """Forget the ``resumax`` queue, its registries and its jobs."""
    import redis
    from rq import Queue

    connection = redis.Redis.from_url(url)
    try:
        queue = Queue(QUEUE, connection=connection)
        job_ids = set(queue.get_job_ids())
        for registry in (
            queue.started_job_registry,
            queue.finished_job_registry,
            queue.failed_job_registry,
            queue.scheduled_job_registry,
            queue.deferred_job_registry,
        ):
            job_ids.update(registry.get_job_ids())
        keys = [key for job_id in job_ids for key in (f"rq:job:{job_id}", f"rq:results:{job_id}")]
        keys += connection.scan_iter(match=f"rq:*:{QUEUE}", count=1000)
        keys += connection.scan_iter(match=f"rq:*:{QUEUE}:*", count=1000)
        if keys:
            connection.delete(*keys)
    finally:
        connection.close()


@dataclass
class World:
    env: dict[str, str]
    app: Resumax
    queue: object
    redis_url: str
    workdir: Path

    def worker_command(self, *args: str) -> list[str]:
        return [sys.executable, str(ENTRY), *args]

    def start_worker(self, *args: str, **extra_env: str) -> tuple[subprocess.Popen[bytes], Path]:
        """Start ``resumax worker`` in the background; its output goes to the returned log file."""
        log = self.workdir / f"worker-{uuid.uuid4().hex[:8]}.log"
        with log.open("wb") as output:
            process = subprocess.Popen(
                self.worker_command(*args),
                env={**self.env, **extra_env},
                cwd=self.workdir,
                stdout=output,
                stderr=subprocess.STDOUT,
            )
        return process, log

    def run_worker(self, *args: str) -> subprocess.CompletedProcess[str]:
        """Run ``resumax worker`` to completion (use ``--burst``); its output is returned, not shown."""
        return subprocess.run(
            self.worker_command(*args),
            env=self.env,
            cwd=self.workdir,
            capture_output=True,
            text=True,
            timeout=WORKER_TIMEOUT,
            check=False,
        )


@pytest.fixture
def redis_url() -> Iterator[str]:
    url = _redis_url()
    _clear_queue(url)
    yield url
    _clear_queue(url)


@pytest.fixture
async def world(tmp_path: Path, redis_url: str) -> AsyncIterator[World]:
    from resumax_adapters.queue.rq import RqTaskQueue

    env = {name: value for name, value in os.environ.items() if not name.startswith("RESUMAX_")}
    env.update(
        RESUMAX_DATA_DIR=str(tmp_path / "data"),
        RESUMAX_DATABASE_URL=f"sqlite+aiosqlite:///{tmp_path / 'resumax.db'}",
        RESUMAX_STORAGE_URL=(tmp_path / "blobs").as_uri(),
        RESUMAX_QUEUE_URL=redis_url,
        RESUMAX_MAIL_URL="memory://",
        RESUMAX_SECRET_KEY="end-to-end-secret-key-" + "k" * 32,
        RESUMAX_JOB_TIMEOUT_SECONDS="120",
        RESUMAX_LOG_LEVEL="INFO",
    )
    settings = Settings.from_env(env)
    queue = RqTaskQueue.from_url(redis_url, job_timeout=settings.job_timeout_seconds)
    app = bootstrap(settings, queue=queue)
    await app.start()
    try:
        yield World(env, app, queue, redis_url, tmp_path)
    finally:
        await app.close()
        await queue.aclose()


@pytest.fixture
def rq_queue(world: World) -> Iterator[Any]:
    """The worker's RQ queue, to queue jobs behind resuMAX's back."""
    import redis
    from rq import Queue
    from rq.serializers import JSONSerializer

    connection = redis.Redis.from_url(world.redis_url)
    try:
        yield Queue(QUEUE, connection=connection, serializer=JSONSerializer)
    finally:
        connection.close()


async def _verified_user(app: Resumax) -> User:
    email = f"jane-{uuid.uuid4().hex[:8]}@example.com"
    await app.register_user.execute(email, "correct horse battery staple 42", "Jane Doe")
    message = app.mailer.latest(email)  # type: ignore[attr-defined]
    assert message is not None
    link = re.search(r"https?://\S+", message.text)
    assert link is not None
    token = parse_qs(urlsplit(link.group()).query)["token"][0]
    return await app.verify_email.execute(token)


def _succeeded(result: subprocess.CompletedProcess[str]) -> str:
    logs = result.stdout + result.stderr
    assert result.returncode == 0, logs[-4000:]
    return logs


@pytest.mark.slow
async def test_the_worker_completes_a_requested_optimization(world: World) -> None:
    app = world.app
    user = await _verified_user(app)
    resume = await app.add_resume.execute(user.id, "alex.txt", (EXAMPLES / "resume.txt").read_bytes())
    job = await app.create_job_description.execute(user.id, (EXAMPLES / "job.txt").read_text())
    requested = await app.request_optimization.execute(user.id, resume.id, job.id)
    assert (await app.get_optimization.execute(user.id, requested.id)).status is OptimizationStatus.QUEUED

    logs = _succeeded(world.run_worker("--burst"))

    done = await app.get_optimization.execute(user.id, requested.id)
    assert done.status is OptimizationStatus.COMPLETED, done.error_code
    assert (done.result or {}).get("changes")
    assert done.attempts == 1
    assert "resumax:run_optimization" in logs
    assert RESUME_CANARY not in logs
    assert user.email not in logs


@pytest.mark.slow
async def test_poison_jobs_end_failed_with_a_code_and_never_loop(world: World, rq_queue: Any) -> None:
    app = world.app
    user = await _verified_user(app)
    corrupt = await app.create_resume_upload.execute(user.id, "cv.pdf", "application/pdf", len(CORRUPT_PDF))
    await app.blobs.put(corrupt.resume.storage_key, CORRUPT_PDF, "application/pdf")
    await app.start_resume_parse.execute(user.id, corrupt.resume.id)
    never_uploaded = await app.create_resume_upload.execute(user.id, "gone.pdf", "application/pdf", 100)
    lost = await world.queue.enqueue(  # type: ignore[attr-defined]
        PARSE_RESUME, {"user_id": user.id, "resume_id": never_uploaded.resume.id}, max_retries=2
    )

    logs = _succeeded(world.run_worker("--burst"))

    parsed = await app.get_resume.execute(user.id, corrupt.resume.id)
    assert parsed.parse_status is ParseStatus.FAILED
    assert parsed.parse_error_code == "corrupt_document"
    assert await world.queue.status(lost) is TaskStatus.FAILED  # type: ignore[attr-defined]
    assert await world.queue.error_code(lost) == "not_found"  # type: ignore[attr-defined]
    assert logs.count(f"resumax:parse_resume ({lost})") == 1, "a job that fails the same way is not retried"
    assert rq_queue.count == 0
    assert rq_queue.scheduled_job_registry.count == 0


@pytest.mark.slow
async def test_the_reconciler_requeues_an_optimization_whose_job_was_lost(world: World) -> None:
    app = world.app
    user = await _verified_user(app)
    resume = await app.add_resume.execute(user.id, "alex.txt", (EXAMPLES / "resume.txt").read_bytes())
    job = await app.create_job_description.execute(user.id, (EXAMPLES / "job.txt").read_text())
    lost = await _stale_optimization(app, user.id, resume.id, job.id)

    logs = _succeeded(world.run_worker("--burst"))

    done = await app.get_optimization.execute(user.id, lost.id)
    assert done.status is OptimizationStatus.COMPLETED, done.error_code
    assert "re-queued 1 stale optimization(s)" in logs


@pytest.mark.slow
async def test_sigterm_lets_the_running_job_finish(world: World, rq_queue: Any) -> None:
    worker, log = world.start_worker(RESUMAX_TEST_EXTRA_JOB_FUNCTIONS="time.sleep")
    try:
        job = rq_queue.enqueue_call("time.sleep", args=(2,), timeout=30)
        await _until(lambda: job.get_status() == "started", worker, log)

        worker.send_signal(signal.SIGTERM)
        await asyncio.to_thread(worker.wait, 60)
    finally:
        _stop(worker)

    output = log.read_text()
    assert worker.returncode == 0, output[-4000:]
    assert job.get_status() == "finished"
    assert "warm shut down requested" in output


@pytest.mark.slow
async def test_a_running_worker_reconciles_periodically(world: World, rq_queue: Any) -> None:
    from rq import Worker

    app = world.app
    user = await _verified_user(app)
    resume = await app.add_resume.execute(user.id, "alex.txt", (EXAMPLES / "resume.txt").read_bytes())
    job = await app.create_job_description.execute(user.id, (EXAMPLES / "job.txt").read_text())
    worker, log = world.start_worker("--reconcile-every", "5")
    try:
        await _until(lambda: Worker.count(queue=rq_queue) > 0, worker, log)
        await asyncio.sleep(0.5)  # past the reconcile the worker runs as it starts
        lost = await _stale_optimization(app, user.id, resume.id, job.id)

        async def completed() -> bool:
            current = await app.get_optimization.execute(user.id, lost.id)
            return current.status is OptimizationStatus.COMPLETED

        await _until_async(completed, worker, log, timeout=30)
        worker.send_signal(signal.SIGTERM)
        await asyncio.to_thread(worker.wait, 60)
    finally:
        _stop(worker)

    assert worker.returncode == 0, log.read_text()[-4000:]
    assert "re-queued 1 stale optimization(s)" in log.read_text()


async def _until(check: Any, worker: subprocess.Popen[bytes], log: Path, timeout: float = 30) -> None:
    async def checked() -> bool:
        return bool(check())

    await _until_async(checked, worker, log, timeout=timeout)


async def _until_async(check: Any, worker: subprocess.Popen[bytes], log: Path, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not await check():
        assert worker.poll() is None, log.read_text()[-4000:]
        assert time.monotonic() < deadline, log.read_text()[-4000:]
        await asyncio.sleep(0.1)


def _stop(worker: subprocess.Popen[bytes]) -> None:
    if worker.poll() is None:
        worker.kill()
        worker.wait()


async def _stale_optimization(app: Resumax, user_id: str, resume_id: str, job_id: str) -> Optimization:
    """An optimization the database holds as queued for an hour, with no job in Redis (as after a
    Redis restart without persistence)."""
    long_ago = app.clock.now() - timedelta(hours=1)
    lost = Optimization(
        id=app.ids.new_id(),
        user_id=user_id,
        resume_id=resume_id,
        job_description_id=job_id,
        created_at=long_ago,
        updated_at=long_ago,
    )
    async with app.uow() as uow:
        await uow.optimizations.add(lost)
        await uow.commit()
    return lost


@pytest.mark.slow
async def test_the_worker_runs_only_resumax_jobs(world: World, rq_queue: Any) -> None:
    foreign = rq_queue.enqueue_call("os.getcwd")

    logs = _succeeded(world.run_worker("--burst"))

    assert foreign.get_status() == "failed"
    assert "does not run 'os.getcwd'" in logs


# --- without Redis -------------------------------------------------------------------------------------


def test_the_worker_allows_the_function_the_queue_enqueues() -> None:
    pytest.importorskip("rq")
    from resumax_adapters.queue.rq_jobs import run_task
    from resumax_worker.main import JOB_FUNCTIONS

    assert f"{run_task.__module__}.{run_task.__qualname__}" in JOB_FUNCTIONS


def test_the_worker_needs_a_redis_queue_url(tmp_path: Path) -> None:
    pytest.importorskip("rq")
    from resumax_worker.main import run_worker

    with pytest.raises(InvalidInput):
        run_worker(Settings(data_dir=tmp_path, queue_url="inprocess://"), burst=True)


def test_explicit_settings_reach_the_work_horses_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("rq")
    from resumax_worker.main import export_settings

    environment = {name: value for name, value in os.environ.items() if not name.startswith("RESUMAX_")}
    monkeypatch.setattr(os, "environ", {**environment, "RESUMAX_STORAGE_URL": "file:///elsewhere"})
    settings = Settings(
        data_dir=tmp_path,
        storage_url=None,
        llm_fallbacks=("a", "b"),
        secret_key="s" * 40,  # type: ignore[arg-type]
    )

    export_settings(settings)

    assert "RESUMAX_STORAGE_URL" not in os.environ
    assert Settings.from_env().model_dump() == settings.model_dump()


def test_the_worker_command_offers_its_options() -> None:
    import typer
    from typer.testing import CliRunner

    from resumax_worker.cli import worker

    cli = typer.Typer()
    cli.command("worker")(worker)
    cli.command("other")(lambda: None)
    result = CliRunner().invoke(cli, ["worker", "--help"])

    assert result.exit_code == 0, result.output
    for option in ("--queue", "--burst", "--reconcile-every", "--fork"):
        assert option in result.output
