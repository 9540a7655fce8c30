"""Queue benchmark: optimizations/s through RQ workers, offline engine; prints figures, asserts nothing.

A Redis started here on 127.0.0.1 (skipped when redis-server is missing), PostgreSQL when available
(``RESUMAX_TEST_POSTGRES_URL``, else a throw-away cluster started here), else a SQLite file shared by the
processes. This process wires resuMAX with ``RESUMAX_QUEUE_URL=redis://…``, creates a verified user, a
parsed resume and a job description through the use cases, queues N optimizations, then starts K
``resumax worker --burst`` processes (forking a work horse per job, and ``--no-fork``) and measures:
- wall time from starting the workers until they all exited, and optimizations/s over it (goal >= 20/s
  with 2 workers), start-up included;
- the steady rate between the first and the last completion (``completed_at``), start-up excluded.

Run with ``python benchmarks/workers.py [--jobs 200] [--workers 1 2] [--sqlite]``.
"""

from __future__ import annotations

import os
import sys

# Benchmark scripts load each other by path, with this folder off sys.path (no script shadows a module).
_HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != _HERE]

import argparse  # noqa: E402
import asyncio  # noqa: E402
import importlib.util  # noqa: E402
import re  # noqa: E402
import shutil  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
import uuid  # noqa: E402
from collections.abc import Iterator  # noqa: E402
from contextlib import contextmanager  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402
from urllib.parse import parse_qs, urlsplit  # noqa: E402


def _helpers() -> Any:
    """benchmarks/api.py's process and PostgreSQL helpers (loaded by path: this folder is off sys.path)."""
    spec = importlib.util.spec_from_file_location("resumax_bench_api", os.path.join(_HERE, "api.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


bench = _helpers()
REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"
HOST = "127.0.0.1"


@contextmanager
def redis_server(work: Path) -> Iterator[str | None]:
    binary = shutil.which("redis-server")
    if binary is None:
        print("(skipped: redis-server is not installed — apt package redis-server)")
        yield None
        return
    port = bench.free_port()
    command = [
        binary,
        "--bind",
        HOST,
        "--port",
        str(port),
        "--save",
        "",
        "--appendonly",
        "no",
        "--dir",
        str(work),
    ]
    with bench.background(command, bench.clean_env(), work, work / "redis.log") as process:
        import redis

        connection = redis.Redis(host=HOST, port=port)
        for _ in range(100):
            try:
                if connection.ping():
                    break
            except redis.RedisError:
                if process.poll() is not None:
                    break
                time.sleep(0.1)
        else:
            print("(skipped: Redis did not answer)")
            yield None
            return
        connection.close()
        yield f"redis://{HOST}:{port}/0"


async def _verified_user(app: Any) -> Any:
    email = f"bench-{uuid.uuid4().hex[:8]}@example.com"
    await app.register_user.execute(email, "correct horse battery staple 42", "Bench User")
    message = app.mailer.latest(email)
    link = re.search(r"https?://\S+", message.text)
    assert link is not None
    return await app.verify_email.execute(parse_qs(urlsplit(link.group()).query)["token"][0])


def _worker(env: dict[str, str], work: Path, fork: bool, log: Path) -> subprocess.Popen[Any]:
    command = [*bench.resumax_command(), "worker", "--burst", *([] if fork else ["--no-fork"])]
    with log.open("ab") as output:
        return subprocess.Popen(command, env=env, cwd=work, stdout=output, stderr=subprocess.STDOUT)


async def run_config(
    app: Any,
    env: dict[str, str],
    work: Path,
    ids: tuple[str, str, str],
    jobs: int,
    workers: int,
    fork: bool,
    timeout: float,
) -> None:
    from resumax_core.entities import OptimizationStatus

    user_id, resume_id, job_id = ids
    started = time.perf_counter()
    requested = [await app.request_optimization.execute(user_id, resume_id, job_id) for _ in range(jobs)]
    enqueue = time.perf_counter() - started

    launch = time.perf_counter()
    launched_at = time.time()
    processes = [_worker(env, work, fork, work / f"worker-{workers}-{fork}-{n}.log") for n in range(workers)]
    deadline = launch + timeout
    try:
        for process in processes:
            process.wait(max(1.0, deadline - time.perf_counter()))
    except subprocess.TimeoutExpired:
        print(f"  (workers still running after {timeout:.0f} s: stopped)")
    finally:
        for process in processes:
            bench.stop_process(process)
    wall = time.perf_counter() - launch

    done = [await app.get_optimization.execute(user_id, item.id) for item in requested]
    completed = [item for item in done if item.status is OptimizationStatus.COMPLETED]
    failed = [item for item in done if item.status is OptimizationStatus.FAILED]
    stamps = sorted(item.completed_at.timestamp() for item in completed if item.completed_at is not None)
    mode = "fork per job" if fork else "--no-fork  "
    line = (
        f"{workers} worker{'s' if workers > 1 else ' '} {mode}: {len(completed):4d}/{jobs} completed in "
        f"{wall:6.2f} s wall = {len(completed) / wall:6.1f} opt/s incl. start-up"
    )
    if len(stamps) >= 2 and stamps[-1] > stamps[0]:
        line += (
            f"; steady {(len(stamps) - 1) / (stamps[-1] - stamps[0]):6.1f} opt/s "
            f"(first done {stamps[0] - launched_at:4.1f} s after launch)"
        )
    print(line + ("   goal >= 20/s with 2" if workers == 2 else ""), flush=True)
    extra = []
    if failed:
        codes = sorted({str(item.error_code) for item in failed})
        extra.append(f"{len(failed)} failed ({', '.join(codes)})")
    if len(completed) + len(failed) < jobs:
        extra.append(f"{jobs - len(completed) - len(failed)} unfinished")
    if extra:
        print("  " + "; ".join(extra))
    print(f"  (queuing the {jobs} optimizations took {enqueue:.2f} s = {jobs / enqueue:.0f}/s)")


async def bench_queue(
    redis_url: str,
    database_url: str,
    work: Path,
    jobs: int,
    worker_counts: list[int],
    modes: list[bool],
    timeout: float,
) -> None:
    import redis

    from resumax_adapters import Settings, bootstrap

    env = bench.clean_env(
        RESUMAX_DATA_DIR=str(work / "data"),
        RESUMAX_DATABASE_URL=database_url,
        RESUMAX_STORAGE_URL=(work / "blobs").as_uri(),
        RESUMAX_QUEUE_URL=redis_url,
        RESUMAX_MAIL_URL="memory://",
        RESUMAX_SECRET_KEY="benchmark-secret-key-" + "k" * 40,
        RESUMAX_LLM="offline",
        # One user queues them all: lift the per-user cap on active optimizations.
        RESUMAX_MAX_ACTIVE_OPTIMIZATIONS_PER_USER=str(jobs + 10),
        RESUMAX_LOG_LEVEL="INFO",
    )
    if database_url.startswith("postgresql"):
        bench.upgrade_database(env, work)
    app = bootstrap(Settings.from_env(env))
    await app.start()
    try:
        user = await _verified_user(app)
        resume = await app.add_resume.execute(user.id, "alex.txt", (EXAMPLES / "resume.txt").read_bytes())
        job = await app.create_job_description.execute(user.id, (EXAMPLES / "job.txt").read_text())
        resume = await app.get_resume.execute(user.id, resume.id)
        if str(resume.parse_status) != "completed":
            # The parse was queued: one burst worker runs it before measuring.
            _worker(env, work, False, work / "setup.log").wait(120)
            resume = await app.get_resume.execute(user.id, resume.id)
        if str(resume.parse_status) != "completed":
            print(f"(skipped: the resume did not parse: {resume.parse_status})")
            return
        connection = redis.Redis.from_url(redis_url)
        for workers in worker_counts:
            for fork in modes:
                connection.flushdb()  # our own Redis: forget the previous round's registries
                await run_config(app, env, work, (user.id, resume.id, job.id), jobs, workers, fork, timeout)
        connection.close()
    finally:
        await app.close()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--jobs", type=int, default=200, help="optimizations queued per round")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--mode", choices=("fork", "no-fork", "both"), default="both")
    parser.add_argument(
        "--sqlite", action="store_true", help="use a SQLite file even if PostgreSQL is available"
    )
    parser.add_argument(
        "--timeout", type=float, default=180, help="seconds before a round's workers are stopped"
    )
    args = parser.parse_args()
    modes = {"fork": [True], "no-fork": [False], "both": [True, False]}[args.mode]
    print(
        f"{os.cpu_count()} CPUs shared by the workers, Redis and the database "
        f"(load average {os.getloadavg()[0]:.2f} before start); offline engine"
    )
    with tempfile.TemporaryDirectory(prefix="resumax-bench-queue-") as tmp:
        work = Path(tmp)
        with redis_server(work) as redis_url:
            if redis_url is None:
                return
            with bench.postgres() if not args.sqlite else _none() as pg_url:
                if pg_url is None:
                    database_url = f"sqlite+aiosqlite:///{work / 'resumax.db'}"
                    print("database: SQLite file shared by the benchmark and worker processes")
                else:
                    database_url = pg_url
                    print("database: PostgreSQL")
                asyncio.run(
                    bench_queue(redis_url, database_url, work, args.jobs, args.workers, modes, args.timeout)
                )


@contextmanager
def _none() -> Iterator[None]:
    print("(PostgreSQL not used: --sqlite)")
    yield None


if __name__ == "__main__":
    main()
