"""Job-description analysis against hand-written labels for every JD of the sample corpus.

``evaluate_job_labels(corpus_dir)`` is importable by benchmark scripts; it returns per-file and overall
recall/precision of the extracted skills against ``labels/jds/*.json`` (see ``labels/README.md``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from resumax_core.analysis.job import analyze_job, job_text_from_json, sanitize_job_text
from resumax_core.analysis.skills import skills_in

LABELS_DIR = Path(__file__).resolve().parent / "labels" / "jds"

pytestmark = pytest.mark.corpus


def _job_text(path: Path) -> str:
    raw = path.read_text(encoding="utf-8")
    return job_text_from_json(json.loads(raw)) if path.suffix == ".json" else raw


def _ratio(hits: int, total: int) -> float:
    return hits / total if total else 1.0


def evaluate_job_labels(corpus_dir: Path) -> dict[str, Any]:
    """Compare ``analyze_job`` with the labels: recall of required skills (found as required), recall and
    precision over all skills (required or preferred), and the metadata fields that are labelled."""
    files: dict[str, Any] = {}
    totals = {
        "req_hit": 0,
        "req_total": 0,
        "req_pred": 0,
        "all_hit": 0,
        "all_total": 0,
        "pred_hit": 0,
        "pred_total": 0,
    }
    for label_path in sorted(LABELS_DIR.glob("*.json")):
        label = json.loads(label_path.read_text(encoding="utf-8"))
        matches = [p for p in (corpus_dir / "jds").glob(f"{label_path.stem}.*")]
        if not matches:
            continue
        job = analyze_job(_job_text(matches[0]))
        want_required = set(label["required"])
        want_all = want_required | set(label["preferred"])
        got_required = set(job.required_skills)
        got_all = got_required | set(job.preferred_skills)
        entry = {
            "required_recall": _ratio(len(want_required & got_required), len(want_required)),
            "required_precision": _ratio(len(want_required & got_required), len(got_required)),
            "recall": _ratio(len(want_all & got_all), len(want_all)),
            "precision": _ratio(len(want_all & got_all), len(got_all)),
            "missed_required": sorted(want_required - got_required),
            "missed": sorted(want_all - got_all),
            "extra": sorted(got_all - want_all),
            "title_ok": (job.title or "").lower() == (label.get("title") or "").lower(),
            "min_years_ok": job.min_years == label.get("min_years"),
            "workplace_ok": job.workplace_type == label.get("workplace_type"),
            "certifications_missed": sorted(set(label.get("certifications", [])) - set(job.certifications)),
        }
        files[label_path.stem] = entry
        totals["req_hit"] += len(want_required & got_required)
        totals["req_total"] += len(want_required)
        totals["req_pred"] += len(got_required)
        totals["all_hit"] += len(want_all & got_all)
        totals["all_total"] += len(want_all)
        totals["pred_hit"] += len(want_all & got_all)
        totals["pred_total"] += len(got_all)
    return {
        "files": files,
        "required_recall": _ratio(totals["req_hit"], totals["req_total"]),
        "required_precision": _ratio(totals["req_hit"], totals["req_pred"]),
        "recall": _ratio(totals["all_hit"], totals["all_total"]),
        "precision": _ratio(totals["pred_hit"], totals["pred_total"]),
    }


def _corpus_jds(corpus_dir: Path) -> list[Path]:
    return sorted(p for p in (corpus_dir / "jds").iterdir() if p.suffix in (".txt", ".json"))


def test_every_corpus_jd_has_labels(corpus_dir: Path) -> None:
    labelled = {p.stem for p in LABELS_DIR.glob("*.json")}
    assert {p.stem for p in _corpus_jds(corpus_dir)} <= labelled


def test_required_skill_recall_per_file_is_at_least_80_percent(corpus_dir: Path) -> None:
    report = evaluate_job_labels(corpus_dir)
    weak = {
        name: (round(entry["required_recall"], 2), entry["missed_required"])
        for name, entry in report["files"].items()
        if entry["required_recall"] < 0.8
    }
    assert not weak


def test_overall_recall_and_precision(corpus_dir: Path) -> None:
    report = evaluate_job_labels(corpus_dir)
    print(
        f"\nJD skills: required recall {report['required_recall']:.3f}, recall {report['recall']:.3f}, "
        f"precision {report['precision']:.3f}"
    )
    assert report["required_recall"] >= 0.9
    assert report["recall"] >= 0.9
    assert report["precision"] >= 0.85


def test_labelled_metadata_is_extracted(corpus_dir: Path) -> None:
    report = evaluate_job_labels(corpus_dir)
    for field in ("title_ok", "min_years_ok", "workplace_ok"):
        wrong = [name for name, entry in report["files"].items() if not entry[field]]
        assert not wrong, field
    missed = {
        name: e["certifications_missed"] for name, e in report["files"].items() if e["certifications_missed"]
    }
    assert not missed


@pytest.mark.parametrize(
    "boilerplate_heading", ["What We Offer", "Compensation & Benefits", "Equal Opportunity"]
)
def test_boilerplate_sections_of_corpus_jds_never_yield_skills(
    corpus_dir: Path, boilerplate_heading: str
) -> None:
    for path in _corpus_jds(corpus_dir):
        cleaned = sanitize_job_text(_job_text(path))
        assert boilerplate_heading.lower() not in cleaned.lower()
        assert "equal opportunity" not in cleaned.lower()
        assert "401(k)" not in cleaned


def test_benefits_and_eeo_text_alone_yields_no_skills(corpus_dir: Path) -> None:
    """The boilerplate paragraphs of the corpus, analysed on their own, produce no job skills."""
    for path in _corpus_jds(corpus_dir):
        raw = _job_text(path)
        boilerplate = [
            line
            for line in raw.splitlines()
            if any(word in line.lower() for word in ("equal opportunity", "401(k)", "health, dental", "pto"))
        ]
        if not boilerplate:
            continue
        job = analyze_job("Benefits\n" + "\n".join(boilerplate))
        assert job.required_skills == () and job.preferred_skills == (), path.name


def test_sanitized_text_keeps_every_labelled_required_skill_mentioned(corpus_dir: Path) -> None:
    for path in _corpus_jds(corpus_dir):
        label = json.loads((LABELS_DIR / f"{path.stem}.json").read_text(encoding="utf-8"))
        kept = skills_in(sanitize_job_text(_job_text(path)))
        lost = set(label["required"]) - kept
        assert len(lost) <= max(1, len(label["required"]) // 5), (path.name, sorted(lost))
