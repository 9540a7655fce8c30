"""The ``resumax`` command as a user runs it: outputs, JSON contracts and clear failures."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pypdfium2
import pytest
from docx import Document

from tests.cli.conftest import EXAMPLES, Invoke, json_of

RESUME = str(EXAMPLES / "resume.txt")
JOB = str(EXAMPLES / "job.txt")


def test_version_and_help(invoke: Invoke) -> None:
    assert invoke("--version").stdout.startswith("resumax ")
    commands = (
        [],
        ["optimize"],
        ["parse"],
        ["analyze-job"],
        ["check-rewrite"],
        ["batch"],
        ["db"],
        ["db", "upgrade"],
    )
    for command in commands:
        result = invoke(*command, "--help")
        assert result.exit_code == 0, result.output
        assert "Usage" in result.stdout


def test_optimize_json_has_the_documented_shape(invoke: Invoke, tmp_path: Path) -> None:
    out = tmp_path / "tailored.txt"
    payload = json_of(invoke("optimize", RESUME, JOB, "--out", str(out), "--format", "txt", "--json"))

    assert set(payload) >= {"score", "matched_skills", "missing_skills", "changes", "output"}
    for moment in ("before", "after"):
        assert set(payload["score"][moment]) >= {"total", "components"}
        assert 0 <= payload["score"][moment]["total"] <= 100
    assert payload["score"]["after"]["total"] >= payload["score"]["before"]["total"]
    assert "Python" in payload["matched_skills"]
    assert "Kubernetes" in payload["missing_skills"]
    assert payload["changes"]
    for change in payload["changes"]:
        assert set(change) >= {"id", "section", "before", "after", "reason", "requirement", "evidence"}
    assert payload["output"] == str(out)
    assert payload["check"]["passed"]
    written = out.read_text()
    assert "Northwind Logistics" in written
    assert "Kubernetes" not in written, "a skill the resume does not prove must never be added"


@pytest.mark.parametrize("fmt", ["pdf", "docx", "txt"])
def test_optimize_writes_a_readable_file(invoke: Invoke, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"tailored.{fmt}"
    result = invoke("optimize", RESUME, JOB, "--out", str(out), "--format", fmt)

    assert result.exit_code == 0, result.output
    assert "Fit score:" in result.stdout and "ATS check:" in result.stdout
    if fmt == "pdf":
        pdf = pypdfium2.PdfDocument(out)
        text = "".join(page.get_textpage().get_text_range() for page in pdf)
        pdf.close()
    elif fmt == "docx":
        text = "\n".join(p.text for p in Document(str(out)).paragraphs)
    else:
        text = out.read_text()
    assert "Alex Rivera" in text and "Bluebird Analytics" in text


def test_optimize_reads_the_job_from_stdin(invoke: Invoke, tmp_path: Path) -> None:
    out = tmp_path / "t.txt"
    payload = json_of(
        invoke("optimize", RESUME, "-", "--out", str(out), "-f", "txt", "--json", input=Path(JOB).read_text())
    )
    assert "Python" in payload["matched_skills"]


def test_parse_json_contract(invoke: Invoke) -> None:
    document = json_of(invoke("parse", RESUME, "--json"))

    assert set(document) >= {
        "sections", "contact", "experience", "education", "skills",
        "certifications", "languages", "projects", "warnings",
    }  # fmt: skip
    kinds = [s["kind"] for s in document["sections"]]
    assert kinds[:2] == ["contact", "summary"] and "experience" in kinds and "education" in kinds
    for section in document["sections"]:
        assert set(section) >= {"kind", "heading", "text", "confidence"}
    assert document["contact"]["email"] == "alex.rivera@example.com"
    employers = [e["employer"] for e in document["experience"]]
    assert any("Northwind" in (e or "") for e in employers)
    assert document["experience"][0]["start"] == "2021-03"
    assert document["experience"][0]["end"] == "present"


def test_analyze_job_json_contract(invoke: Invoke) -> None:
    job = json_of(invoke("analyze-job", JOB, "--json"))
    assert set(job) >= {
        "title",
        "company",
        "location",
        "seniority",
        "required_skills",
        "preferred_skills",
        "keywords",
    }
    assert job["title"] == "Senior Backend Engineer"
    assert job["seniority"] == "senior"
    assert "Kubernetes" in job["required_skills"]
    assert "Terraform" in job["preferred_skills"]


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("missing.pdf", None, "does not exist"),
        ("empty.txt", b"", "empty"),
        ("resume.exe", b"MZ\x90\x00binary", "not supported"),
        ("fake.pdf", b"PK\x03\x04 this is a zip posing as a pdf", "content does not match"),
        ("broken.pdf", b"%PDF-1.7\n1 0 obj garbage", "damaged"),
        ("big.txt", b"a" * (10 * 1024 * 1024 + 1), "larger than"),
    ],
)
def test_bad_resume_files_get_one_clear_line(
    invoke: Invoke, tmp_path: Path, name: str, content: bytes | None, expected: str
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    result = invoke("parse", str(path))
    assert result.exit_code == 3
    assert "Traceback" not in result.output
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("error: ") and expected in line.lower()


def test_unknown_format_is_a_usage_error(invoke: Invoke) -> None:
    result = invoke("optimize", RESUME, JOB, "--format", "odt")
    assert result.exit_code == 2
    assert "unknown format" in result.stderr


def test_db_upgrade_and_downgrade(invoke: Invoke) -> None:
    up = invoke("db", "upgrade")
    assert up.exit_code == 0, up.output
    assert invoke("db", "current").stdout.strip() != "base (empty database)"
    down = invoke("db", "downgrade", "base")
    assert down.exit_code == 0, down.output
    assert invoke("db", "current").stdout.strip() == "base (empty database)"


def test_console_script_runs_in_a_fresh_process(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "resumax_cli", "analyze-job", JOB, "--json"],
        capture_output=True,
        text=True,
        env={"RESUMAX_DATA_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"},
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert '"required_skills"' in result.stdout
