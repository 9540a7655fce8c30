"""HTTP API benchmark: ``resumax serve`` under load on 127.0.0.1; prints figures, asserts nothing.

Figures, each next to its goal:
- requests/s and p50/p99 latency of authenticated ``GET /resumes`` (a verified user with 5 resumes) on
  one uvicorn process started by ``resumax serve`` on embedded SQLite, for a fixed duration, next to the
  same load on a bare Starlette endpoint returning the same JSON body, served by uvicorn the same way,
  and the ratio (goal >= 40 % of bare); plus ``GET /healthz`` of the same server (no database, no token),
  the floor every route of the stack starts from;
- the same load on PostgreSQL (``RESUMAX_TEST_POSTGRES_URL``, else a throw-away cluster started here
  when PostgreSQL is installed; skipped with a reason otherwise);
- the end-to-end time of the API flow, register -> verify -> login -> presign -> upload -> parse -> job
  -> optimize -> poll -> accept -> export -> download, median of 3 (each run a new user).

The load generator is ``wrk`` when installed (apt package wrk), else httpx.AsyncClient with N
concurrent connections, in this process. Either shares the machine's cores with the server.

Run with ``python benchmarks/api.py [--duration 10] [--connections 32] [--runs 3] [--client wrk|httpx]``.
"""

from __future__ import annotations

import os
import sys

# This folder stays off sys.path so that no benchmark script can shadow a standard module.
_HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != _HERE]

import argparse  # noqa: E402
import asyncio  # noqa: E402
import importlib.util  # noqa: E402
import re  # noqa: E402
import shutil  # noqa: E402
import signal  # noqa: E402
import socket  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from collections.abc import Iterator  # noqa: E402
from contextlib import contextmanager  # noqa: E402
from email import policy  # noqa: E402
from email.parser import BytesParser  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

import httpx  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"
PASSWORD = "correct horse battery staple 42"
HOST = "127.0.0.1"

_BARE_APP = """
import json, sys, uvicorn
from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.routing import Route
body = json.loads(open(sys.argv[2]).read())
async def listing(request):
    return JSONResponse(body)
app = Starlette(routes=[Route("/resumes", listing)])
uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[1]), access_log=False, log_level="warning")
"""


# -- processes and services (also used by workers.py) ---------------------------------------------------


def resumax_command() -> list[str]:
    found = shutil.which("resumax", path=str(Path(sys.executable).parent))
    return [found] if found else [sys.executable, "-m", "resumax_cli"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def clean_env(**extra: str) -> dict[str, str]:
    """This environment without any RESUMAX_ variable, plus ``extra``."""
    env = {name: value for name, value in os.environ.items() if not name.startswith("RESUMAX_")}
    env.update(extra)
    return env


def stop_process(process: subprocess.Popen[Any], timeout: float = 15) -> None:
    """SIGTERM the process we started (by its id), then SIGKILL if it lingers."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(5)


def wait_http(url: str, process: subprocess.Popen[Any], log: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited ({process.returncode}): {log.read_text()[-1500:]}")
        try:
            if httpx.get(url, timeout=2).status_code < 500:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"{url} did not answer in {timeout:.0f} s: {log.read_text()[-1500:]}")


@contextmanager
def background(
    command: list[str], env: dict[str, str], cwd: Path, log: Path
) -> Iterator[subprocess.Popen[Any]]:
    with log.open("wb") as output:
        process = subprocess.Popen(command, env=env, cwd=cwd, stdout=output, stderr=subprocess.STDOUT)
    try:
        yield process
    finally:
        stop_process(process)


def pg_bin() -> Path | None:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parts[-3]))
    return found[-1].parent if found else None


@contextmanager
def postgres() -> Iterator[str | None]:
    """A PostgreSQL URL: RESUMAX_TEST_POSTGRES_URL, else a throw-away cluster (like .ci/services.sh),
    else None with the reason printed."""
    given = os.environ.get("RESUMAX_TEST_POSTGRES_URL")
    if given:
        yield given
        return
    binaries = pg_bin()
    if binaries is None:
        print("(PostgreSQL skipped: RESUMAX_TEST_POSTGRES_URL unset and no /usr/lib/postgresql/*/bin/initdb)")
        yield None
        return
    as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    work = Path(tempfile.mkdtemp(prefix="resumax-bench-pg-"))
    work.chmod(0o755)
    data, sockets = work / "db", work / "socket"
    sockets.mkdir()
    if as_postgres:
        shutil.chown(work, "postgres")
        shutil.chown(sockets, "postgres")
    port = free_port()
    started = False
    try:
        quiet: dict[str, Any] = {"stdout": subprocess.DEVNULL, "stderr": subprocess.PIPE, "check": True}
        subprocess.run(
            [
                *as_postgres,
                str(binaries / "initdb"),
                "-D",
                str(data),
                "-U",
                "postgres",
                "--auth=trust",
                "-E",
                "UTF8",
                "--no-sync",
            ],
            **quiet,
        )
        subprocess.run(
            [
                *as_postgres,
                str(binaries / "pg_ctl"),
                "-D",
                str(data),
                "-l",
                str(work / "postgres.log"),
                "-w",
                "-t",
                "60",
                "-o",
                f"-k {sockets} -p {port} -h {HOST} -F",
                "start",
            ],
            **quiet,
        )
        started = True
        subprocess.run(
            [
                *as_postgres,
                str(binaries / "createdb"),
                "-h",
                HOST,
                "-p",
                str(port),
                "-U",
                "postgres",
                "resumax_bench",
            ],
            **quiet,
        )
        url: str | None = f"postgresql+asyncpg://postgres@{HOST}:{port}/resumax_bench"
        print(f"(PostgreSQL {binaries.parts[-2]} started for this run on {HOST}:{port}, fsync off)")
    except (subprocess.CalledProcessError, OSError) as exc:
        stderr = getattr(exc, "stderr", b"") or b""
        print(f"(PostgreSQL skipped: could not start it: {exc} {stderr.decode(errors='replace')[-300:]})")
        url = None
    try:
        yield url
    finally:
        if started:
            subprocess.run(
                [
                    *as_postgres,
                    str(binaries / "pg_ctl"),
                    "-D",
                    str(data),
                    "-m",
                    "fast",
                    "-w",
                    "-t",
                    "30",
                    "stop",
                ],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                check=False,
            )
        shutil.rmtree(work, ignore_errors=True)


def upgrade_database(env: dict[str, str], cwd: Path) -> None:
    subprocess.run(
        [*resumax_command(), "db", "upgrade"],
        env=env,
        cwd=cwd,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


# -- the API flow ---------------------------------------------------------------------------------------


def emailed_token(outbox: Path, to: str, path: str) -> str:
    """The token of the ``{path}?token=`` link in the newest outbox email to ``to``."""
    for _ in range(100):
        for file in sorted(outbox.glob("*.eml"), key=lambda f: f.stat().st_mtime, reverse=True):
            message = BytesParser(policy=policy.default).parsebytes(file.read_bytes())
            if to not in str(message["To"]):
                continue
            body = message.get_body(preferencelist=("plain",))
            text = str(body.get_content()) if body is not None else ""
            match = re.search(r"https?://\S*" + re.escape(f"{path}?token=") + r"[A-Za-z0-9._~%-]+", text)
            if match:
                return str(httpx.URL(match.group()).params["token"])
        time.sleep(0.05)
    raise RuntimeError(f"no {path} email to {to} in {outbox}")


def expect(response: httpx.Response, *codes: int) -> httpx.Response:
    if response.status_code not in codes:
        raise RuntimeError(
            f"{response.request.method} {response.request.url.path}: "
            f"{response.status_code} {response.text[:300]}"
        )
    return response


async def signup(client: httpx.AsyncClient, outbox: Path, email: str) -> dict[str, str]:
    """Register, verify through the emailed link, log in: the Authorization header."""
    expect(
        await client.post("/auth/register", json={"email": email, "password": PASSWORD, "name": "Ada"}), 202
    )
    token = emailed_token(outbox, email, "/verify-email")
    expect(await client.post("/auth/verify", json={"token": token}), 200)
    login = expect(await client.post("/auth/login", json={"email": email, "password": PASSWORD}), 200)
    return {"Authorization": f"Bearer {login.json()['accessToken']}"}


async def upload(client: httpx.AsyncClient, headers: dict[str, str], title: str) -> dict[str, Any]:
    data = (EXAMPLES / "resume.txt").read_bytes()
    response = await client.post(
        "/resumes", headers=headers, files={"file": ("resume.txt", data, "text/plain")}, data={"title": title}
    )
    return dict(expect(response, 201).json())


async def prepare_user(base_url: str, outbox: Path, resumes: int = 5) -> tuple[dict[str, str], bytes]:
    """A verified user with ``resumes`` resumes: its header and the body of its GET /resumes."""
    async with httpx.AsyncClient(base_url=base_url, timeout=60) as client:
        headers = await signup(client, outbox, f"load-{time.time_ns()}@example.com")
        for number in range(resumes):
            await upload(client, headers, f"Resume {number + 1}")
        listing = expect(await client.get("/resumes", headers=headers), 200)
        return headers, listing.content


async def poll(client: httpx.AsyncClient, path: str, headers: dict[str, str], field: str) -> dict[str, Any]:
    """GET ``path`` every 10 ms until its ``field`` is completed or failed."""
    for _ in range(3000):
        body = dict(expect(await client.get(path, headers=headers), 200).json())
        if body[field] in ("completed", "failed"):
            return body
        await asyncio.sleep(0.01)
    raise RuntimeError(f"{path} unfinished after 30 s")


async def flow_once(base_url: str, outbox: Path, export_format: str) -> float:
    """One register -> ... -> download journey; its wall seconds."""
    resume_bytes = (EXAMPLES / "resume.txt").read_bytes()
    job_text = (EXAMPLES / "job.txt").read_text()
    async with httpx.AsyncClient(base_url=base_url, timeout=60) as client:
        started = time.perf_counter()
        headers = await signup(client, outbox, f"flow-{time.time_ns()}@example.com")
        presign = {
            "filename": "resume.txt",
            "mimeType": "text/plain",
            "size": len(resume_bytes),
            "title": "Mine",
        }
        link = expect(await client.post("/resumes/presign", headers=headers, json=presign), 201).json()
        expect(await client.put(link["uploadUrl"], content=resume_bytes, headers=link["headers"]), 204)
        resume_id = link["resumeId"]
        expect(await client.post(f"/resumes/{resume_id}/parse", headers=headers), 202)
        resume = await poll(client, f"/resumes/{resume_id}", headers, "parseStatus")
        if resume["parseStatus"] != "completed":
            raise RuntimeError(f"parse ended {resume['parseStatus']}")
        job = expect(
            await client.post("/job-descriptions", headers=headers, json={"text": job_text}), 201
        ).json()
        asked = {"resumeId": resume_id, "jobDescriptionId": job["id"]}
        optimization_id = expect(await client.post("/optimize", headers=headers, json=asked), 202).json()[
            "optimizationId"
        ]
        done = await poll(client, f"/optimize/{optimization_id}", headers, "status")
        if done["status"] != "completed":
            raise RuntimeError(f"optimization ended {done['status']}: {done.get('errorCode')}")
        accepted = expect(
            await client.post(
                f"/optimize/{optimization_id}/accept", headers=headers, json={"applyAll": True}
            ),
            201,
        ).json()
        export = expect(
            await client.post(
                "/exports", headers=headers, json={"versionId": accepted["id"], "format": export_format}
            ),
            201,
        ).json()
        downloaded = expect(await client.get(export["downloadUrl"]), 200)
        elapsed = time.perf_counter() - started
        if not downloaded.content:
            raise RuntimeError("empty download")
        return elapsed


# -- load -----------------------------------------------------------------------------------------------


def _wrk_ms(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value).groups()  # type: ignore[union-attr]
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def load_wrk(url: str, headers: dict[str, str], connections: int, duration: float) -> dict[str, float]:
    command = [
        "wrk",
        "-t",
        "1",
        "-c",
        str(connections),
        "-d",
        f"{int(duration)}s",
        "--latency",
        "--timeout",
        "10s",
    ]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    output = subprocess.run(
        [*command, url], capture_output=True, text=True, check=True, timeout=duration + 60
    ).stdout
    rate = float(re.search(r"Requests/sec:\s*([\d.]+)", output).group(1))  # type: ignore[union-attr]
    p50 = _wrk_ms(re.search(r"\s50%\s+(\S+)", output).group(1))  # type: ignore[union-attr]
    p99 = _wrk_ms(re.search(r"\s99%\s+(\S+)", output).group(1))  # type: ignore[union-attr]
    bad = re.search(r"Non-2xx or 3xx responses:\s*(\d+)", output)
    errors = re.search(r"Socket errors:.*", output)
    return {
        "rate": rate,
        "p50": p50,
        "p99": p99,
        "bad": float(bad.group(1)) if bad else 0.0,
        "socket_errors": 1.0 if errors else 0.0,
    }


async def _load_httpx(
    url: str, headers: dict[str, str], connections: int, duration: float
) -> dict[str, float]:
    latencies: list[float] = []
    bad = 0
    limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
    async with httpx.AsyncClient(headers=headers, limits=limits, timeout=10) as client:
        deadline = time.perf_counter() + duration

        async def user() -> None:
            nonlocal bad
            while (now := time.perf_counter()) < deadline:
                response = await client.get(url)
                latencies.append(time.perf_counter() - now)
                bad += response.status_code != 200

        started = time.perf_counter()
        await asyncio.gather(*(user() for _ in range(connections)))
        wall = time.perf_counter() - started
    ordered = sorted(latencies)
    return {
        "rate": len(ordered) / wall,
        "p50": ordered[len(ordered) // 2] * 1000,
        "p99": ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1000,
        "bad": float(bad),
        "socket_errors": 0.0,
    }


def load(
    client: str, url: str, headers: dict[str, str], connections: int, duration: float
) -> dict[str, float]:
    # A short warm-up first (imports, caches, connection pools), not counted.
    if client == "wrk":
        load_wrk(url, headers, min(connections, 4), 1)
        return load_wrk(url, headers, connections, duration)
    asyncio.run(_load_httpx(url, headers, min(connections, 4), 1))
    return asyncio.run(_load_httpx(url, headers, connections, duration))


def show(label: str, figures: dict[str, float]) -> None:
    extra = f"  [{int(figures['bad'])} non-2xx]" if figures["bad"] else ""
    extra += "  [socket errors]" if figures["socket_errors"] else ""
    print(
        f"{label:<44} {figures['rate']:8.0f} req/s   "
        f"p50 {figures['p50']:7.2f} ms   p99 {figures['p99']:7.2f} ms{extra}"
    )


# -- sections -------------------------------------------------------------------------------------------


@contextmanager
def served(work: Path, name: str, database_url: str | None = None) -> Iterator[tuple[str, Path]]:
    """``resumax serve`` on a free port with a data dir of its own: (base URL, outbox folder)."""
    port = free_port()
    data = work / name
    data.mkdir()
    env = clean_env(RESUMAX_DATA_DIR=str(data), RESUMAX_MAIL_URL="outbox://")
    if database_url:
        env["RESUMAX_DATABASE_URL"] = database_url
        upgrade_database(env, work)
    log = work / f"{name}.log"
    with background(
        [*resumax_command(), "serve", "--host", HOST, "--port", str(port)], env, work, log
    ) as process:
        base_url = f"http://{HOST}:{port}"
        wait_http(f"{base_url}/readyz", process, log)
        yield base_url, data / "outbox"


def bench_load(
    work: Path,
    client: str,
    connections: int,
    duration: float,
    database_url: str | None,
    label: str,
    floor: bool = False,
) -> tuple[dict[str, float], bytes, dict[str, float] | None]:
    """Load on authenticated GET /resumes; with ``floor``, also on GET /healthz of the same server (no
    database, no token: what every request pays for the middleware, access log, span and headers)."""
    with served(work, f"serve-{label}", database_url) as (base_url, outbox):
        headers, body = asyncio.run(prepare_user(base_url, outbox))
        figures = load(client, f"{base_url}/resumes", headers, connections, duration)
        show(f"GET /resumes ({label}, 5 resumes)", figures)
        health = load(client, f"{base_url}/healthz", {}, connections, duration) if floor else None
        if health is not None:
            show("GET /healthz (no database, no auth)", health)
    return figures, body, health


def bench_bare(work: Path, client: str, connections: int, duration: float, body: bytes) -> dict[str, float]:
    port = free_port()
    (work / "bare.json").write_bytes(body)
    command = [sys.executable, "-c", _BARE_APP, str(port), str(work / "bare.json")]
    log = work / "bare.log"
    with background(command, clean_env(), work, log) as process:
        wait_http(f"http://{HOST}:{port}/resumes", process, log)
        figures = load(client, f"http://{HOST}:{port}/resumes", {}, connections, duration)
    show(f"bare Starlette JSON ({len(body)} B, same body)", figures)
    return figures


def bench_flow(work: Path, runs: int, export_format: str) -> None:
    with served(work, "serve-flow") as (base_url, outbox):
        times = [asyncio.run(flow_once(base_url, outbox, export_format)) for _ in range(runs)]
    print(
        f"API flow register -> ... -> {export_format} download (SQLite)  "
        f"median {statistics.median(times):6.2f} s "
        f"over {runs} (min {min(times):.2f}, max {max(times):.2f}; includes argon2 hashing at default cost)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--duration", type=float, default=10, help="seconds of load per target")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--runs", type=int, default=3, help="runs of the end-to-end flow")
    parser.add_argument(
        "--client", choices=("wrk", "httpx"), default="wrk" if shutil.which("wrk") else "httpx"
    )
    parser.add_argument(
        "--format", default="pdf", choices=("pdf", "docx", "text"), help="export format of the flow"
    )
    parser.add_argument("--no-postgres", action="store_true")
    args = parser.parse_args()
    load_time = os.getloadavg()[0]
    print(
        f"load generator: {args.client}, {args.connections} connections, {args.duration:.0f} s per target, "
        f"on the same {os.cpu_count()} CPUs as the server (load average {load_time:.2f} before start)"
    )
    # uvicorn's "auto" picks these when installed; both servers use the same ones.
    http = "httptools" if importlib.util.find_spec("httptools") else "h11"
    loop = "uvloop" if importlib.util.find_spec("uvloop") else "asyncio"
    print(f"servers: uvicorn, 1 process, {http} parser, {loop} event loop, resumax with its default logs")
    with tempfile.TemporaryDirectory(prefix="resumax-bench-api-") as tmp:
        work = Path(tmp)
        try:
            sqlite, body, health = bench_load(
                work, args.client, args.connections, args.duration, None, "SQLite", floor=True
            )
            bare = bench_bare(work, args.client, args.connections, args.duration, body)
            print(
                f"resumax GET /resumes on SQLite / bare Starlette: {sqlite['rate'] / bare['rate']:6.1%} "
                "(goal >= 40 %)"
            )
            if health is not None:
                print(
                    f"resumax GET /healthz / bare Starlette:           {health['rate'] / bare['rate']:6.1%} "
                    "(the floor any route of this stack starts from)"
                )
        except (RuntimeError, subprocess.SubprocessError, httpx.HTTPError) as exc:
            print(f"(load on SQLite failed: {exc})")
            bare = None
        if args.no_postgres:
            print("(PostgreSQL skipped: --no-postgres)")
        else:
            with postgres() as url:
                if url is not None:
                    try:
                        pg, _, _ = bench_load(
                            work, args.client, args.connections, args.duration, url, "PostgreSQL"
                        )
                        if bare:
                            print(
                                f"resumax GET /resumes on PostgreSQL / bare Starlette: "
                                f"{pg['rate'] / bare['rate']:6.1%} (goal >= 40 %)"
                            )
                    except (RuntimeError, subprocess.SubprocessError, httpx.HTTPError) as exc:
                        detail = getattr(exc, "stderr", b"") or b""
                        if isinstance(detail, bytes):
                            detail = detail.decode(errors="replace")
                        print(f"(load on PostgreSQL failed: {exc} {str(detail)[-500:]})")
        try:
            bench_flow(work, args.runs, args.format)
        except (RuntimeError, subprocess.SubprocessError, httpx.HTTPError) as exc:
            print(f"(API flow failed: {exc})")


if __name__ == "__main__":
    main()
