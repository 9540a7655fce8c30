"""resuMAX benchmark: prints figures, asserts nothing (run with ``nox -s bench``).

Each figure is printed next to its goal. Timings are medians over several runs on this machine.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CORPUS = Path(os.environ.get("RESUMAX_CORPUS_DIR", REPO.parent / "shared" / "corpus"))
TWO_PAGE_PDF = CORPUS / "resumes" / "rm_john_doe_fullstack_latex.pdf"
JOB = CORPUS / "jds" / "rm_senior_frontend_engineer.txt"


def _resumax() -> list[str]:
    found = shutil.which("resumax", path=str(Path(sys.executable).parent))
    return [found] if found else [sys.executable, "-m", "resumax_cli"]


def _run_measured(command: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """Run a command; return (wall seconds, peak RSS in MB, exit code) of that one child."""
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.stderr is not None:
        process.stderr.close()
    return elapsed, usage.ru_maxrss / 1024, process.returncode


def bench_import(runs: int) -> None:
    code = (
        "import time; t = time.perf_counter(); import resumax_core.use_cases.one_shot; "
        "print(time.perf_counter() - t)"
    )
    times = [float(subprocess.check_output([sys.executable, "-c", code], text=True)) for _ in range(runs)]
    print(f"import resumax_core (all use cases)      median {statistics.median(times) * 1000:7.1f} ms")


def bench_cli_optimize(runs: int, resume: Path, job: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, RESUMAX_DATA_DIR=str(Path(tmp) / "data"))
        out = Path(tmp) / "out.pdf"
        command = [*_resumax(), "optimize", str(resume), str(job), "--out", str(out), "--format", "pdf"]
        results = [_run_measured(command, env) for _ in range(runs)]
    failures = [code for _, _, code in results if code != 0]
    walls = [wall for wall, _, _ in results]
    peak = max(rss for _, rss, _ in results)
    print(
        f"resumax optimize {resume.name} -> PDF   median {statistics.median(walls):6.2f} s "
        f"(goal <= 2 s incl. start-up), peak RSS {peak:5.0f} MB (goal <= 250 MB)"
        + (f"  [{len(failures)} runs failed: exit {failures}]" if failures else "")
    )


SECTIONS = ("parsing.py", "batch.py", "llm.py", "api.py", "workers.py")
"""The other benchmark scripts, each run in its own process so its memory figures are its own."""


def run_sections(only: list[str] | None) -> None:
    here = Path(__file__).resolve().parent
    for name in SECTIONS:
        script = here / name
        if not script.exists() or (only and script.stem not in only):
            continue
        print(f"\n== {script.stem} ==", flush=True)
        completed = subprocess.run([sys.executable, str(script)], check=False)
        if completed.returncode:
            print(f"({name} exited with {completed.returncode})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", nargs="*", help="run only these sections (e.g. batch llm)")
    args = parser.parse_args()
    print(f"resuMAX benchmark — Python {sys.version.split()[0]}, {os.cpu_count()} CPUs")
    if not args.only or "startup" in args.only:
        print("\n== startup ==")
        bench_import(args.runs)
        if TWO_PAGE_PDF.exists() and JOB.exists():
            bench_cli_optimize(args.runs, TWO_PAGE_PDF, JOB)
        else:
            print(f"(corpus not found at {CORPUS}; using the bundled example resume)")
            bench_cli_optimize(args.runs, REPO / "examples" / "resume.txt", REPO / "examples" / "job.txt")
    run_sections(args.only)


if __name__ == "__main__":
    main()
