"""Batch tailoring: every resume against every job, resumable, with one summary row per pair.

The rules a batch run follows, whatever shell drives it:

- every resume is paired with every job; pairs and summary rows are ordered by file name, so the summary
  is the same whatever order the pairs finish in and however many workers ran them;
- each file gets an output key (its folder or file name in the output): its stem, or, when two files
  would share one (case-insensitively) or it would clash with a summary file, its full name, then a
  numeric suffix; outputs never overwrite each other;
- each file is read once: tailoring a pair starts from the already-parsed resume and job analysis;
- a file that cannot be read fails only its own pairs, each with that file's error code;
- a pair is done when its record says it succeeded with the same inputs (the two files' contents, the
  format, the template and the engine); a re-run skips it and reuses its row; anything else runs again.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from pathlib import PurePath
from typing import Any

from attrs import frozen

from resumax_core.entities import ExportFormat
from resumax_core.use_cases.one_shot import OptimizedFile

SUMMARY_CSV = "summary.csv"
SUMMARY_JSON = "summary.json"
RECORD_VERSION = 1
"""Bumped when a record's shape changes, so records of an older shape are run again, not misread."""

OK = "ok"
FAILED = "failed"


def _stem(name: str) -> str:
    return PurePath(name).stem or name


def output_keys(
    names: Sequence[str], *, reserved: Collection[str] = (SUMMARY_CSV, SUMMARY_JSON)
) -> dict[str, str]:
    """A unique output key per file name: the stem, else the full name, else the full name with a suffix.

    Keys are compared case-insensitively (some file systems do) and never equal a ``reserved`` name.
    """
    taken = {name.casefold() for name in reserved}
    stems: dict[str, int] = {}
    for name in names:
        stem = _stem(name).casefold()
        stems[stem] = stems.get(stem, 0) + 1
    keys: dict[str, str] = {}
    for name in sorted(names):
        stem = _stem(name)
        key = stem if stems[stem.casefold()] == 1 and stem.casefold() not in taken else name
        candidate, counter = key, 2
        while candidate.casefold() in taken:
            candidate, counter = f"{key}-{counter}", counter + 1
        taken.add(candidate.casefold())
        keys[name] = candidate
    return keys


@frozen
class BatchPair:
    """One resume file and one job file, with where their results go (relative to the output folder)."""

    resume: str
    job: str
    resume_key: str
    job_key: str

    def output(self, fmt: ExportFormat) -> str:
        return f"{self.resume_key}/{self.job_key}.{fmt.extension}"

    @property
    def record(self) -> str:
        """The pair's record: its result (or error) and the inputs it was made from."""
        return f"{self.resume_key}/{self.job_key}.json"


def plan_pairs(resumes: Sequence[str], jobs: Sequence[str]) -> tuple[BatchPair, ...]:
    """Every resume × job pair, ordered by resume then job name."""
    resume_keys, job_keys = output_keys(resumes), output_keys(jobs)
    return tuple(
        BatchPair(resume, job, resume_keys[resume], job_keys[job])
        for resume in sorted(resumes)
        for job in sorted(jobs)
    )


def pair_inputs(
    *, resume_digest: str, job_digest: str, fmt: ExportFormat, template: str, engine: str
) -> dict[str, str]:
    """What a pair's result depends on; a recorded result is reused only when all of it is unchanged."""
    return {
        "resume_sha256": resume_digest,
        "job_sha256": job_digest,
        "format": fmt.value,
        "template": template,
        "engine": engine,
    }


CSV_COLUMNS = (
    "resume",
    "job",
    "status",
    "score_before",
    "score_after",
    "matched_skills",
    "missing_skills",
    "changes",
    "check_passed",
    "output",
    "error_code",
    "error_message",
)


@frozen
class BatchRow:
    """One pair's line of the summary. A failed pair has an error code and message and no scores."""

    resume: str
    job: str
    status: str
    score_before: float | None = None
    score_after: float | None = None
    matched_skills: tuple[str, ...] = ()
    missing_skills: tuple[str, ...] = ()
    changes: int | None = None
    check_passed: bool | None = None
    output: str | None = None
    error_code: str | None = None
    error_message: str | None = None

    @property
    def succeeded(self) -> bool:
        return self.status == OK

    def to_dict(self) -> dict[str, Any]:
        return {
            "resume": self.resume,
            "job": self.job,
            "status": self.status,
            "score_before": self.score_before,
            "score_after": self.score_after,
            "matched_skills": list(self.matched_skills),
            "missing_skills": list(self.missing_skills),
            "changes": self.changes,
            "check_passed": self.check_passed,
            "output": self.output,
            "error_code": self.error_code,
            "error_message": self.error_message,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> BatchRow:
        """Rebuild a row written by ``to_dict``; KeyError, TypeError or ValueError when it is malformed."""

        def number(key: str) -> float | None:
            value = data[key]
            return None if value is None else float(value)

        changes = data["changes"]
        check = data["check_passed"]
        return cls(
            resume=str(data["resume"]),
            job=str(data["job"]),
            status=str(data["status"]),
            score_before=number("score_before"),
            score_after=number("score_after"),
            matched_skills=tuple(str(skill) for skill in data["matched_skills"]),
            missing_skills=tuple(str(skill) for skill in data["missing_skills"]),
            changes=None if changes is None else int(changes),
            check_passed=None if check is None else bool(check),
            output=None if data["output"] is None else str(data["output"]),
            error_code=None if data["error_code"] is None else str(data["error_code"]),
            error_message=None if data["error_message"] is None else str(data["error_message"]),
        )

    def csv_values(self) -> list[str]:
        """The row in ``CSV_COLUMNS`` order: skills joined with "; ", booleans as true/false."""
        values = self.to_dict()
        cells: list[str] = []
        for column in CSV_COLUMNS:
            value = values[column]
            if isinstance(value, list):
                cells.append("; ".join(value))
            elif isinstance(value, bool):
                cells.append("true" if value else "false")
            else:
                cells.append("" if value is None else str(value))
        return cells


def succeeded_row(pair: BatchPair, optimized: OptimizedFile, output: str) -> BatchRow:
    """The row of a tailored pair: scores before and after (as written), skills, changes, ATS check."""
    result = optimized.result
    return BatchRow(
        resume=pair.resume,
        job=pair.job,
        status=OK,
        score_before=round(result.score_before.total, 1),
        score_after=round(optimized.score_after.total, 1),
        matched_skills=result.matched_skills,
        missing_skills=result.missing_skills,
        changes=len(result.changes),
        check_passed=optimized.export.check.passed if optimized.export else None,
        output=output,
    )


def failed_row(pair: BatchPair, code: str, message: str) -> BatchRow:
    return BatchRow(resume=pair.resume, job=pair.job, status=FAILED, error_code=code, error_message=message)


def pair_record(
    pair: BatchPair, inputs: Mapping[str, str], row: BatchRow, details: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """The JSON a pair leaves behind: ``details`` (the tailoring result) plus what makes it resumable."""
    record: dict[str, Any] = dict(details or {})
    record.update(
        {
            "record_version": RECORD_VERSION,
            "resume": pair.resume,
            "job": pair.job,
            "status": row.status,
            "error": None if row.succeeded else {"code": row.error_code, "message": row.error_message},
            "inputs": dict(inputs),
            "row": row.to_dict(),
        }
    )
    return record


def recorded_row(record: object, pair: BatchPair, inputs: Mapping[str, str]) -> BatchRow | None:
    """The stored row when ``record`` proves ``pair`` already succeeded with these ``inputs``, else None.

    A record of another shape, another pair, other inputs or a failure means the pair runs again.
    """
    if not isinstance(record, dict) or record.get("record_version") != RECORD_VERSION:
        return None
    if record.get("status") != OK or record.get("inputs") != dict(inputs):
        return None
    row_data = record.get("row")
    if not isinstance(row_data, dict):
        return None
    try:
        row = BatchRow.from_dict(row_data)
    except (KeyError, TypeError, ValueError):
        return None
    if not row.succeeded or (row.resume, row.job) != (pair.resume, pair.job) or not row.output:
        return None
    return row


@frozen
class BatchSummary:
    """Every pair's row, ordered by resume then job, and the counts a person reads first."""

    rows: tuple[BatchRow, ...]

    @property
    def succeeded(self) -> int:
        return sum(1 for row in self.rows if row.succeeded)

    @property
    def failed(self) -> int:
        return len(self.rows) - self.succeeded

    @property
    def all_succeeded(self) -> bool:
        return self.failed == 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "pairs": len(self.rows),
            "succeeded": self.succeeded,
            "failed": self.failed,
            "rows": [row.to_dict() for row in self.rows],
        }


def summarise(rows: Iterable[BatchRow]) -> BatchSummary:
    """The summary of a run: one row per pair (the last one given wins), ordered by resume then job."""
    by_pair = {(row.resume, row.job): row for row in rows}
    return BatchSummary(tuple(by_pair[key] for key in sorted(by_pair)))


def worker_count(requested: int | None, cpus: int | None, pending: int) -> int:
    """How many workers to start: as asked (default: one per CPU), never more than there are pairs."""
    wanted = requested if requested is not None else (cpus or 1)
    return max(1, min(wanted, pending))
