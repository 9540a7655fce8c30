"""``resumax batch``: every resume × job pair in worker processes, resumable, with a summary."""

from __future__ import annotations

import csv
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner, Result

from resumax_cli.commands.batch import batch
from resumax_cli.main import build_cli
from resumax_core.errors import DocumentError, all_error_classes
from tests.cli.conftest import EXAMPLES

Batch = Callable[..., Result]

BROKEN_PDF = b"%PDF-1.7\n1 0 obj garbage\n"
PAIR_FILES = ("resume/job.txt", "resume/job.json", "resume/platform.txt", "resume/platform.json")
DOCUMENTED_CODES = {
    cls.code for cls in all_error_classes() if issubclass(cls, DocumentError) and cls is not DocumentError
} | {"invalid_input", "llm_unavailable"}


def _cli() -> typer.Typer:
    cli = build_cli()
    if "batch" not in {command.name for command in cli.registered_commands}:
        # until main.py registers the command
        cli.command("batch")(batch)
    return cli


@pytest.fixture
def run_batch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Batch:
    monkeypatch.setenv("RESUMAX_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("RESUMAX_LLM", raising=False)
    runner = CliRunner()

    def run(*args: str) -> Result:
        return runner.invoke(_cli(), ["batch", *args])

    return run


@pytest.fixture
def inputs(tmp_path: Path) -> tuple[Path, Path]:
    """Two resumes (one a broken PDF) and two jobs."""
    resumes, jobs = tmp_path / "resumes", tmp_path / "jobs"
    resumes.mkdir()
    jobs.mkdir()
    shutil.copy(EXAMPLES / "resume.txt", resumes / "resume.txt")
    (resumes / "broken.pdf").write_bytes(BROKEN_PDF)
    job_text = (EXAMPLES / "job.txt").read_text()
    (jobs / "job.txt").write_text(job_text)
    (jobs / "platform.md").write_text(job_text.replace("Senior Backend Engineer", "Staff Platform Engineer"))
    return resumes, jobs


def _args(inputs: tuple[Path, Path], out: Path, *extra: str) -> list[str]:
    resumes, jobs = inputs
    return ["--resumes", str(resumes), "--jobs", str(jobs), "--out", str(out), "--format", "txt", *extra]


def _payload(result: Result, exit_code: int = 3) -> Any:
    assert result.exit_code == exit_code, result.output
    return json.loads(result.stdout)


def _mtimes(out: Path) -> dict[str, int]:
    return {name: (out / name).stat().st_mtime_ns for name in PAIR_FILES}


def test_batch_writes_every_pair_and_a_summary(
    run_batch: Batch, inputs: tuple[Path, Path], tmp_path: Path
) -> None:
    out = tmp_path / "out"
    result = run_batch(*_args(inputs, out, "--workers", "2", "--json"))
    payload = _payload(result)

    assert (payload["pairs"], payload["succeeded"], payload["failed"], payload["skipped"]) == (4, 2, 2, 0)
    assert "[2/2] ok      resume.txt × " in result.stderr, "plain progress lines when stderr is no TTY"
    summary = json.loads((out / "summary.json").read_text())
    assert summary == {key: payload[key] for key in ("pairs", "succeeded", "failed", "rows")}
    rows = {(row["resume"], row["job"]): row for row in summary["rows"]}
    assert list(rows) == [
        ("broken.pdf", "job.txt"),
        ("broken.pdf", "platform.md"),
        ("resume.txt", "job.txt"),
        ("resume.txt", "platform.md"),
    ]
    for job in ("job.txt", "platform.md"):
        broken = rows[("broken.pdf", job)]
        assert broken["status"] == "failed" and broken["error_code"] == "corrupt_document"
        assert broken["error_message"] and broken["score_before"] is None
        good = rows[("resume.txt", job)]
        assert good["status"] == "ok" and good["error_code"] is None
        assert 0 < good["score_before"] <= good["score_after"] <= 100
        assert "Python" in good["matched_skills"] and "Kubernetes" in good["missing_skills"]
        assert good["changes"] > 0 and good["check_passed"] is True
        assert "Alex Rivera" in (out / good["output"]).read_text()

    with (out / "summary.csv").open(newline="") as file:
        table = list(csv.DictReader(file))
    assert [(r["resume"], r["job"], r["status"], r["error_code"]) for r in table] == [
        (resume, job, row["status"], row["error_code"] or "") for (resume, job), row in rows.items()
    ]
    assert table[2]["score_after"] == str(rows[("resume.txt", "job.txt")]["score_after"])

    record = json.loads((out / "resume" / "job.json").read_text())
    assert record["status"] == "ok" and record["output"] == "resume/job.txt"
    assert {"before", "after"} <= set(record["score"]) and record["check"]["passed"]
    assert len(record["changes"]) == rows[("resume.txt", "job.txt")]["changes"]
    assert all(change["reason"] for change in record["changes"])
    failure = json.loads((out / "broken" / "job.json").read_text())
    assert failure["status"] == "failed" and failure["error"]["code"] == "corrupt_document"
    assert not (out / "broken" / "job.txt").exists()
    assert not (tmp_path / "data").exists(), "a batch must not touch the user's data dir"


def test_each_pair_gets_what_optimize_gives(
    run_batch: Batch, inputs: tuple[Path, Path], tmp_path: Path
) -> None:
    out = tmp_path / "out"
    _payload(run_batch(*_args(inputs, out, "--workers", "1", "--json")))
    resume, job, target = inputs[0] / "resume.txt", inputs[1] / "job.txt", tmp_path / "o.txt"
    optimized = CliRunner().invoke(
        build_cli(), ["optimize", str(resume), str(job), "-o", str(target), "-f", "txt", "--json"]
    )
    assert optimized.exit_code == 0, optimized.output
    expected = json.loads(optimized.stdout)

    record = json.loads((out / "resume" / "job.json").read_text())
    assert record["score"] == expected["score"]
    assert [c["after"] for c in record["changes"]] == [c["after"] for c in expected["changes"]]
    assert (out / "resume" / "job.txt").read_text() == target.read_text()


def test_a_rerun_skips_finished_pairs(run_batch: Batch, inputs: tuple[Path, Path], tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = _payload(run_batch(*_args(inputs, out, "--workers", "1", "--json")))
    written = _mtimes(out)

    again = _payload(run_batch(*_args(inputs, out, "--json")))
    assert (again["skipped"], again["ran"], again["workers"]) == (2, 2, 0)
    assert _mtimes(out) == written, "finished pairs are not written again"
    assert again["rows"] == first["rows"]

    (inputs[1] / "platform.md").write_text((inputs[1] / "platform.md").read_text() + "\n- Go\n")
    changed_job = _payload(run_batch(*_args(inputs, out, "--json")))
    assert changed_job["skipped"] == 1
    now = _mtimes(out)
    assert now["resume/job.txt"] == written["resume/job.txt"]
    assert now["resume/platform.json"] != written["resume/platform.json"]

    (out / "resume" / "job.txt").unlink()
    lost_output = _payload(run_batch(*_args(inputs, out, "--json")))
    assert lost_output["skipped"] == 1 and (out / "resume" / "job.txt").is_file()

    other_format = _payload(run_batch(*_args(inputs, out, "--json", "--format", "docx")))
    assert other_format["skipped"] == 0 and (out / "resume" / "job.docx").is_file()


def test_one_or_two_workers_give_the_same_summary(
    run_batch: Batch, inputs: tuple[Path, Path], tmp_path: Path
) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    _payload(run_batch(*_args(inputs, one, "--workers", "1", "--json")))
    _payload(run_batch(*_args(inputs, two, "--workers", "2", "--json")))

    for name in ("summary.json", "summary.csv"):
        assert (one / name).read_text() == (two / name).read_text()


def test_all_pairs_succeeding_exits_0_and_shared_stems_stay_apart(run_batch: Batch, tmp_path: Path) -> None:
    resumes, jobs, out = tmp_path / "resumes", tmp_path / "jobs", tmp_path / "out"
    resumes.mkdir()
    jobs.mkdir()
    shutil.copy(EXAMPLES / "resume.txt", resumes / "resume.txt")
    shutil.copy(EXAMPLES / "resume.txt", resumes / "resume.md")
    shutil.copy(EXAMPLES / "job.txt", jobs / "job.txt")

    result = run_batch(
        "--resumes",
        str(resumes),
        "--jobs",
        str(jobs),
        "--out",
        str(out),
        "-f",
        "docx",
        "--template",
        "modern",
    )

    assert result.exit_code == 0, result.output
    assert "2 pairs: 2 succeeded, 0 failed" in result.stdout
    assert (out / "resume.txt" / "job.docx").is_file() and (out / "resume.md" / "job.docx").is_file()
    assert json.loads((out / "resume.md" / "job.json").read_text())["template"] == "modern"


@pytest.mark.parametrize(
    ("change", "exit_code", "message"),
    [
        (["--template", "nope"], 3, "Unknown template 'nope'"),
        (["--format", "rtf"], 2, "unknown format 'rtf'"),
        (["--engine", "no-such-engine"], 3, "no-such-engine"),
        (["--resumes", "missing-folder"], 3, "Cannot read the resumes folder"),
        (["--jobs", "EMPTY"], 3, "has no files"),
    ],
)
def test_bad_options_fail_before_any_pair_with_one_line(
    run_batch: Batch,
    inputs: tuple[Path, Path],
    tmp_path: Path,
    change: list[str],
    exit_code: int,
    message: str,
) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    value = str(empty) if change[1] == "EMPTY" else change[1]
    result = run_batch(*_args(inputs, tmp_path / "out"), change[0], value)

    assert result.exit_code == exit_code, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and message in lines[0]
    assert not (tmp_path / "out" / "summary.csv").exists()


def test_help_documents_exit_codes_and_error_codes(run_batch: Batch) -> None:
    result = run_batch("--help")

    assert result.exit_code == 0
    text = " ".join(result.stdout.split())
    assert "3 when some pairs failed" in text and "corrupt_document" in text


@pytest.mark.corpus
def test_the_whole_corpus(run_batch: Batch, corpus_dir: Path, tmp_path: Path) -> None:
    resumes = tmp_path / "resumes"
    resumes.mkdir()
    for file in (corpus_dir / "resumes").iterdir():
        if file.suffix in (".pdf", ".docx", ".txt"):
            (resumes / file.name).symlink_to(file)
    out = tmp_path / "out"
    jobs = sorted(p for p in (corpus_dir / "jds").iterdir() if p.is_file())

    result = run_batch(
        "--resumes", str(resumes), "--jobs", str(corpus_dir / "jds"), "--out", str(out), "-f", "txt", "--json"
    )

    assert result.exit_code in (0, 3), result.output
    payload = json.loads(result.stdout)
    assert payload["pairs"] == len(list(resumes.iterdir())) * len(jobs) == 14 * 17
    for row in payload["rows"]:
        if row["status"] != "ok":
            assert row["error_code"] in DOCUMENTED_CODES, row
            continue
        record = json.loads((out / row["output"]).with_suffix(".json").read_text())
        assert len(record["changes"]) == row["changes"]
        for change in record["changes"]:
            assert change["reason"], (row["resume"], row["job"], change)
    assert (result.exit_code == 0) == (payload["failed"] == 0)
