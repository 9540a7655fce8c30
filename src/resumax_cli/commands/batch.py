"""``resumax batch``: tailor every resume in a folder to every job in another, in worker processes.

The parent reads every file once (resumes parsed, jobs analysed), skips pairs already done, and hands
worker processes the parsed dicts; each worker wires resuMAX once on in-memory stores and tailors pairs.
The parent alone writes the output folder, each file atomically, the pair's record last.
"""

from __future__ import annotations

import asyncio
import atexit
import csv
import hashlib
import io
import json
import multiprocessing
import os
import secrets
import sys
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

import typer

from resumax_adapters import Resumax, Settings, bootstrap
from resumax_cli.exit_codes import ExitCode
from resumax_cli.render import optimization_json
from resumax_cli.runtime import fail, guarded, print_json, read_input, run_async
from resumax_core.entities import ExportFormat, JobAnalysis, ParsedDocument
from resumax_core.errors import InvalidInput, ResumaxError
from resumax_core.use_cases.batch import (
    CSV_COLUMNS,
    SUMMARY_CSV,
    SUMMARY_JSON,
    BatchPair,
    BatchRow,
    BatchSummary,
    failed_row,
    pair_inputs,
    pair_record,
    plan_pairs,
    recorded_row,
    succeeded_row,
    summarise,
    worker_count,
)
from resumax_core.use_cases.documents import media_type_for
from resumax_core.use_cases.job_descriptions import job_text_from_file
from resumax_core.use_cases.one_shot import OptimizeParsedResume

Failure = tuple[str, str]
"""An error code and its message."""


def batch_settings(engine: str | None) -> Settings:
    """The user's RESUMAX_* settings with every store in memory, so a batch never touches the data dir."""
    return Settings.from_env(
        database_url="memory://",
        storage_url="memory://",
        queue_url="immediate://",
        mail_url="memory://",
        secret_key=secrets.token_urlsafe(48),
        llm=engine,
    )


def _failure(exc: Exception) -> Failure:
    if isinstance(exc, ResumaxError):
        return exc.code, exc.message
    if os.environ.get("RESUMAX_DEBUG"):
        raise exc
    return "internal_error", f"internal error ({type(exc).__name__}); run with RESUMAX_DEBUG=1 for details"


# --- the worker process -------------------------------------------------------------------------------


@dataclass(frozen=True)
class PairTask:
    """What a worker needs for one pair: the parsed resume and job analysis as dicts, never file bytes."""

    pair: BatchPair
    document: dict[str, Any]
    job: dict[str, Any]
    fmt: ExportFormat
    template: str


@dataclass(frozen=True)
class PairOutcome:
    row: BatchRow
    details: dict[str, Any] | None = None
    data: bytes | None = None


@dataclass
class _Worker:
    runner: asyncio.Runner
    app: Resumax
    optimize: OptimizeParsedResume


_worker: _Worker | None = None


def start_worker(engine: str | None) -> None:
    """Process-pool initializer: wire resuMAX once for every pair this process will tailor."""
    global _worker
    if engine:
        os.environ["RESUMAX_LLM"] = engine
    runner = asyncio.Runner()
    app = bootstrap(batch_settings(engine))
    _worker = _Worker(runner, app, app.optimize_parsed)
    atexit.register(_stop_worker)


def _stop_worker() -> None:
    global _worker
    if _worker is not None:
        _worker.runner.run(_worker.app.close())
        _worker.runner.close()
        _worker = None


def tailor_pair(task: PairTask) -> PairOutcome:
    """Tailor one pair in a worker; a resuMAX error fails the pair, not the worker."""
    if _worker is None:
        raise RuntimeError("tailor_pair runs in a process started with start_worker")
    output = task.pair.output(task.fmt)
    try:
        optimized = _worker.runner.run(
            _worker.optimize.execute(
                ParsedDocument.from_dict(task.document),
                JobAnalysis.from_dict(task.job),
                fmt=task.fmt,
                template=task.template,
            )
        )
    except ResumaxError as exc:
        return PairOutcome(failed_row(task.pair, exc.code, exc.message))
    assert optimized.export is not None
    return PairOutcome(
        succeeded_row(task.pair, optimized, output),
        optimization_json(optimized, Path(output)),
        optimized.export.data,
    )


# --- reading the inputs once --------------------------------------------------------------------------


@dataclass
class _Input:
    digest: str = ""
    data: bytes = b""
    error: Failure | None = None


@dataclass
class _Plan:
    """What the parent worked out before starting any worker."""

    skipped: list[BatchRow] = field(default_factory=list)
    failed: list[tuple[BatchPair, dict[str, str], BatchRow]] = field(default_factory=list)
    tasks: list[tuple[PairTask, dict[str, str]]] = field(default_factory=list)


def _list_files(folder: Path, what: str, out: Path) -> list[str]:
    """The folder's visible files, minus the summaries of a batch written into the same folder."""
    ours = (SUMMARY_CSV, SUMMARY_JSON) if folder.resolve() == out.resolve() else ()
    try:
        names = sorted(
            p.name
            for p in folder.iterdir()
            if p.is_file() and not p.name.startswith(".") and p.name not in ours
        )
    except OSError as exc:
        raise InvalidInput(f"Cannot read the {what} folder {str(folder)!r}: {exc.strerror or exc}.") from exc
    if not names:
        raise InvalidInput(f"The {what} folder {str(folder)!r} has no files.")
    return names


def _read(folder: Path, names: list[str], what: str) -> dict[str, _Input]:
    inputs: dict[str, _Input] = {}
    for name in names:
        try:
            _, data = read_input(str(folder / name), what=what)
        except ResumaxError as exc:
            inputs[name] = _Input(error=(exc.code, exc.message))
        else:
            inputs[name] = _Input(hashlib.sha256(data).hexdigest(), data)
    return inputs


def _load_record(path: Path) -> object:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return None


class _Reader:
    """Parses each resume and analyses each job at most once, remembering the result or the error."""

    def __init__(self, app: Resumax, resumes: dict[str, _Input], jobs: dict[str, _Input]) -> None:
        self._app, self._resumes, self._jobs = app, resumes, jobs
        self._documents: dict[str, dict[str, Any] | Failure] = {}
        self._analyses: dict[str, dict[str, Any] | Failure] = {}

    async def document(self, name: str) -> dict[str, Any] | Failure:
        if name not in self._documents:
            self._documents[name] = await self._parse(name, self._resumes[name])
        return self._documents[name]

    async def job(self, name: str) -> dict[str, Any] | Failure:
        if name not in self._analyses:
            self._analyses[name] = await self._analyse(name, self._jobs[name])
        return self._analyses[name]

    async def _parse(self, name: str, source: _Input) -> dict[str, Any] | Failure:
        if source.error:
            return source.error
        try:
            document = await self._app.parse_document.execute(source.data, media_type_for(name))
        except Exception as exc:  # noqa: BLE001 - a file the parser chokes on fails its own pairs only
            return _failure(exc)
        return document.to_dict()

    async def _analyse(self, name: str, source: _Input) -> dict[str, Any] | Failure:
        if source.error:
            return source.error
        try:
            analysis = await self._app.analyze_job.execute(job_text_from_file(name, source.data))
        except Exception as exc:  # noqa: BLE001 - a job that cannot be analysed fails its own pairs only
            return _failure(exc)
        return analysis.to_dict()


@dataclass(frozen=True)
class _Options:
    resumes: Path
    jobs: Path
    out: Path
    fmt: ExportFormat
    template: str | None


async def _plan(app: Resumax, options: _Options) -> _Plan:
    resume_names = _list_files(options.resumes, "resumes", options.out)
    job_names = _list_files(options.jobs, "jobs", options.out)
    templates = app.render_document.templates
    if options.template is not None and options.template not in templates:
        raise InvalidInput(f"Unknown template {options.template!r}; choose from {', '.join(templates)}.")
    template = options.template or templates[0]
    resumes = _read(options.resumes, resume_names, "Resume")
    jobs = _read(options.jobs, job_names, "Job description")
    reader = _Reader(app, resumes, jobs)
    plan = _Plan()
    for pair in plan_pairs(resume_names, job_names):
        inputs = pair_inputs(
            resume_digest=resumes[pair.resume].digest,
            job_digest=jobs[pair.job].digest,
            fmt=options.fmt,
            template=template,
            engine=app.engine_name,
        )
        done = recorded_row(_load_record(options.out / pair.record), pair, inputs)
        if done is not None and done.output and (options.out / done.output).is_file():
            plan.skipped.append(done)
            continue
        document, job = await reader.document(pair.resume), await reader.job(pair.job)
        if isinstance(document, tuple):
            plan.failed.append((pair, inputs, failed_row(pair, *document)))
        elif isinstance(job, tuple):
            plan.failed.append((pair, inputs, failed_row(pair, *job)))
        else:
            plan.tasks.append((PairTask(pair, document, job, options.fmt, template), inputs))
    return plan


# --- writing the outputs ------------------------------------------------------------------------------


def _write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` so that ``path`` is either absent, its old content, or all of the new content."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_bytes(data)
        os.replace(temporary, path)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise InvalidInput(f"Cannot write {str(path)!r}: {exc.strerror or exc}.") from exc


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InvalidInput(
            f"Cannot create the output folder {str(folder)!r}: {exc.strerror or exc}."
        ) from exc


def _json_bytes(payload: Any) -> bytes:
    return (json.dumps(payload, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def _save(
    out: Path, pair: BatchPair, inputs: dict[str, str], outcome: PairOutcome, fmt: ExportFormat
) -> None:
    """The export first, then the record that marks the pair done; a failure removes a stale export."""
    if outcome.row.succeeded and outcome.data is not None:
        _write_atomic(out / pair.output(fmt), outcome.data)
    else:
        (out / pair.output(fmt)).unlink(missing_ok=True)
    _write_atomic(out / pair.record, _json_bytes(pair_record(pair, inputs, outcome.row, outcome.details)))


def _write_summary(out: Path, summary: BatchSummary) -> None:
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    writer.writerows(row.csv_values() for row in summary.rows)
    _write_atomic(out / SUMMARY_CSV, text.getvalue().encode("utf-8"))
    _write_atomic(out / SUMMARY_JSON, _json_bytes(summary.to_dict()))


# --- running the pairs --------------------------------------------------------------------------------


def _pair_line(row: BatchRow) -> str:
    name = f"{row.resume} × {row.job}"
    if row.succeeded:
        changes = f"{row.changes} change{'' if row.changes == 1 else 's'}"
        return f"ok      {name}: score {row.score_before:.0f} → {row.score_after:.0f}, {changes}"
    return f"FAILED  {name}: {row.error_code}: {row.error_message}"


@contextmanager
def _progress(total: int) -> Iterator[Callable[[BatchRow], None]]:
    """A progress bar on a terminal's stderr; one line per finished pair when stderr is not a terminal."""
    if sys.stderr.isatty():
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

        with Progress(
            "[progress.description]{task.description}",
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=Console(stderr=True),
            transient=True,
        ) as bar:
            task = bar.add_task("Tailoring", total=total)
            yield lambda row: bar.advance(task)
        return
    done = 0

    def line(row: BatchRow) -> None:
        nonlocal done
        done += 1
        typer.echo(f"[{done}/{total}] {_pair_line(row)}", err=True)

    yield line


def _outcome(future: Future[PairOutcome], task: PairTask) -> PairOutcome:
    try:
        return future.result()
    except Exception as exc:  # noqa: BLE001 - one pair's crash (even a dead worker) must not stop the batch
        return PairOutcome(failed_row(task.pair, *_failure(exc)))


def _run(plan: _Plan, options: _Options, workers: int, engine: str | None) -> list[BatchRow]:
    rows: list[BatchRow] = []
    for pair, inputs, row in plan.failed:
        _save(options.out, pair, inputs, PairOutcome(row), options.fmt)
        rows.append(row)
    if not plan.tasks:
        return rows
    pool = ProcessPoolExecutor(
        max_workers=workers,
        # spawn, not fork: workers start clean (no inherited threads or open files) on every platform
        mp_context=multiprocessing.get_context("spawn"),
        initializer=start_worker,
        initargs=(engine,),
    )
    try:
        futures = {pool.submit(tailor_pair, task): (task, inputs) for task, inputs in plan.tasks}
        with _progress(len(futures)) as advance:
            for future in as_completed(futures):
                task, inputs = futures[future]
                outcome = _outcome(future, task)
                _save(options.out, task.pair, inputs, outcome, options.fmt)
                rows.append(outcome.row)
                advance(outcome.row)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    return rows


# --- the command --------------------------------------------------------------------------------------


def _format(value: str) -> ExportFormat:
    try:
        return ExportFormat.parse(value)
    except ValueError:
        fail(f"unknown format {value!r}; use pdf, docx or txt", ExitCode.USAGE)


def _describe(summary: BatchSummary, stats: dict[str, Any]) -> str:
    lines = [_pair_line(row) for row in summary.rows]
    lines.append("")
    lines.append(
        f"{len(summary.rows)} pairs: {summary.succeeded} succeeded, {summary.failed} failed "
        f"({stats['skipped']} already done; {stats['ran']} run now, {stats['workers']} workers, "
        f"{stats['seconds']:.1f} s)"
    )
    unreadable = sum(1 for row in summary.rows if row.check_passed is False)
    if unreadable:
        lines.append(
            f"warning: {unreadable} exports did not pass the ATS check (check_passed in the summary)"
        )
    lines.append(f"Wrote {stats['summary_csv']} and {stats['summary_json']}")
    return "\n".join(lines)


def batch(
    resumes: Annotated[
        Path,
        typer.Option(
            "--resumes",
            help="Folder of resumes (PDF, DOCX, TXT, Markdown).",
            file_okay=False,
            show_default=False,
        ),
    ],
    jobs: Annotated[
        Path,
        typer.Option(
            "--jobs",
            help="Folder of job descriptions (TXT, Markdown, HTML, JSON).",
            file_okay=False,
            show_default=False,
        ),
    ],
    out: Annotated[
        Path,
        typer.Option(
            "--out",
            "-o",
            help="Output folder; re-running into it resumes the batch.",
            file_okay=False,
            show_default=False,
        ),
    ],
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers", "-w", min=1, help="Worker processes [default: one per CPU].", show_default=False
        ),
    ] = None,
    engine: Annotated[
        str | None,
        typer.Option(
            "--engine",
            help="offline, or a model name for the LLM engine [default: RESUMAX_LLM, else offline].",
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="pdf, docx or txt.")] = "pdf",
    template: Annotated[str | None, typer.Option(help="Export template: classic or modern.")] = None,
    json_output: Annotated[bool, typer.Option("--json", help="Print machine-readable JSON.")] = False,
) -> None:
    """Tailor every resume in a folder to every job in another, in parallel worker processes.

    Each resume is parsed and each job analysed once. For every pair the tailored resume goes to
    OUT/<resume>/<job>.<ext>, and its result (scores before and after, matched and missing skills, changes
    with their reasons, ATS check) to OUT/<resume>/<job>.json; OUT/summary.csv and OUT/summary.json hold
    one row per pair (output paths in them are relative to OUT). Files are named after their stem, or
    their full name when two share a stem.

    An export that fails the ATS round-trip check is still written and its pair still succeeds;
    check_passed in the summary says so.

    Re-running into the same OUT skips every pair already done with the same files and options, so an
    interrupted batch resumes where it stopped.

    A file that cannot be read fails only its own pairs, with its error code in the summary:
    unsupported_file_type, file_type_mismatch, file_too_large, empty_document, corrupt_document,
    encrypted_document, too_many_pages, no_text_layer, unsafe_document or parse_limit_exceeded for a
    resume; invalid_input for a file that cannot be read or a job description that is not text, empty
    or too long; llm_unavailable when the engine gives no usable answer; internal_error for anything
    unexpected.

    Exit status: 0 when every pair succeeded (or was already done), 3 when some pairs failed or the
    folders cannot be read, 2 on a bad option.
    """
    options = _Options(resumes, jobs, out, _format(fmt), template)
    started = time.perf_counter()
    settings = guarded(lambda: batch_settings(engine))
    plan = run_async(lambda app: _plan(app, options), settings=settings)
    guarded(lambda: _make_folder(options.out))
    pending = len(plan.tasks)
    count = worker_count(workers, os.cpu_count(), pending)
    ran = guarded(lambda: _run(plan, options, count, engine))
    summary = summarise([*plan.skipped, *ran])
    guarded(lambda: _write_summary(options.out, summary))
    stats = {
        "skipped": len(plan.skipped),
        "ran": len(ran),
        "workers": count if pending else 0,
        "seconds": round(time.perf_counter() - started, 3),
        "out": str(options.out),
        "summary_csv": str(options.out / SUMMARY_CSV),
        "summary_json": str(options.out / SUMMARY_JSON),
    }
    if json_output:
        print_json({**summary.to_dict(), **stats})
    else:
        typer.echo(_describe(summary, stats))
    if not summary.all_succeeded:
        raise typer.Exit(int(ExitCode.BAD_INPUT))
