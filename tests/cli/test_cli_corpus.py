"""``resumax optimize`` on real resumes and job descriptions from the shared corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.conftest import Invoke, json_of

PAIRS = [
    ("rm_john_doe_fullstack_latex.pdf", "rm_senior_frontend_engineer.txt", "pdf"),
    ("rm_john_doe_modern_two_column_chromium.pdf", "rm_senior_backend_engineer.txt", "docx"),
    ("skillora_data_scientist_sarah_johnson.docx", "cvanalyser_data_scientist.txt", "pdf"),
    ("soupboss_01_accountant_word.docx", "cvanalyser_business_analyst.txt", "txt"),
    ("skillora_software_engineer_john_doe.txt", "skillora_google_swe_iii_cloud.txt", "docx"),
    ("cvanalyser_john_smith_swe.txt", "jsonresume_sample_job_web_developer.json", "txt"),
]


@pytest.mark.corpus
@pytest.mark.parametrize(("resume", "job", "fmt"), PAIRS)
def test_optimize_corpus_pair(
    invoke: Invoke, corpus_dir: Path, tmp_path: Path, resume: str, job: str, fmt: str
) -> None:
    out = tmp_path / f"out.{fmt}"
    payload = json_of(
        invoke(
            "optimize",
            str(corpus_dir / "resumes" / resume),
            str(corpus_dir / "jds" / job),
            "--out",
            str(out),
            "--format",
            fmt,
            "--json",
        )
    )
    assert out.stat().st_size > 0
    assert payload["check"]["passed"], payload["check"]
    assert payload["score"]["after"]["total"] >= payload["score"]["before"]["total"]
    for change in payload["changes"]:
        assert change["reason"]
