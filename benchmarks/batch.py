"""Batch benchmark: the whole sample corpus as one ``resumax batch``; prints figures, asserts nothing.

Figures, each next to its goal:
- wall time and pairs/s of every resume × every job (16 × 17) with 2 worker processes, including the
  command's start-up (goal: <= 60 s on 2 cores);
- the median time to optimize one pair offline, from a parsed resume and an analysed job to the score
  and the changes, without rendering (goal: <= 100 ms).

Run with ``python benchmarks/batch.py [--workers N] [--format pdf|docx|txt]``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
CORPUS = Path(os.environ.get("RESUMAX_CORPUS_DIR", REPO.parent / "shared" / "corpus"))

# The command function is run directly so the benchmark does not depend on how main.py registers it.
_BATCH = "import typer; from resumax_cli.commands.batch import batch; typer.run(batch)"


def bench_batch(workers: int, fmt: str) -> None:
    resumes = sorted(p for p in (CORPUS / "resumes").iterdir() if p.is_file())
    jobs = sorted(p for p in (CORPUS / "jds").iterdir() if p.is_file())
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, RESUMAX_DATA_DIR=str(Path(tmp) / "data"))
        command = [sys.executable, "-c", _BATCH, "--resumes", str(CORPUS / "resumes")]
        command += ["--jobs", str(CORPUS / "jds"), "--out", str(Path(tmp) / "out")]
        command += ["--workers", str(workers), "--format", fmt, "--json"]
        started = time.perf_counter()
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
        wall = time.perf_counter() - started
    if done.returncode not in (0, 3):
        print(f"resumax batch failed (exit {done.returncode}): {done.stderr.strip()[-500:]}")
        return
    payload: dict[str, Any] = json.loads(done.stdout)
    pairs = payload["pairs"]
    print(
        f"resumax batch {len(resumes)} resumes x {len(jobs)} jobs = {pairs} pairs, {fmt}, {workers} workers: "
        f"wall {wall:6.2f} s (goal <= 60 s on 2 cores), {pairs / wall:6.1f} pairs/s"
    )
    failures = Counter((row["resume"], row["error_code"]) for row in payload["rows"] if row["status"] != "ok")
    print(f"  {payload['succeeded']} pairs succeeded, {payload['failed']} failed")
    for (resume, code), count in sorted(failures.items()):
        print(f"  failed: {resume} x {count} jobs ({code})")
    if any(resume.endswith(".json") for resume, _ in failures):
        print("  (JSON-resume files are not a format the parser reads: their pairs count as failed)")
    unchecked = sum(1 for row in payload["rows"] if row["check_passed"] is False)
    if unchecked:
        print(f"  {unchecked} exports did not pass the ATS round-trip check")


async def _per_pair_times() -> list[float]:
    from resumax_adapters import bootstrap
    from resumax_cli.commands.batch import batch_settings
    from resumax_core.use_cases.documents import media_type_for
    from resumax_core.use_cases.job_descriptions import job_text_from_file

    app = bootstrap(batch_settings("offline"))
    try:
        documents = []
        for file in sorted((CORPUS / "resumes").iterdir()):
            if file.suffix in (".pdf", ".docx", ".txt", ".md"):
                documents.append(
                    await app.parse_document.execute(file.read_bytes(), media_type_for(file.name))
                )
        jobs = [
            await app.analyze_job.execute(job_text_from_file(file.name, file.read_bytes()))
            for file in sorted((CORPUS / "jds").iterdir())
        ]
        optimize = app.optimize_parsed
        await optimize.execute(documents[0], jobs[0], fmt=None)  # warm-up: lazy imports and caches
        times = []
        for document in documents:
            for job in jobs:
                started = time.perf_counter()
                await optimize.execute(document, job, fmt=None)
                times.append(time.perf_counter() - started)
        return times
    finally:
        await app.close()


def bench_per_pair() -> None:
    times = asyncio.run(_per_pair_times())
    ordered = sorted(times)
    p95 = ordered[int(len(ordered) * 0.95) - 1]
    print(
        f"offline optimize, parsed resume + job -> score + changes ({len(times)} pairs): "
        f"median {statistics.median(times) * 1000:6.1f} ms (goal <= 100 ms), p95 {p95 * 1000:6.1f} ms, "
        f"max {ordered[-1] * 1000:6.1f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--format", default="pdf", choices=["pdf", "docx", "txt"])
    args = parser.parse_args()
    print(f"resuMAX batch benchmark — Python {sys.version.split()[0]}, {os.cpu_count()} CPUs")
    if not (CORPUS / "resumes").is_dir():
        print(f"(corpus not found at {CORPUS}; set RESUMAX_CORPUS_DIR)")
        return
    bench_batch(args.workers, args.format)
    bench_per_pair()


if __name__ == "__main__":
    main()
