"""Skill taxonomy and matching: aliases, parents, whole words, case-aware ambiguous names."""

from __future__ import annotations

import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from resumax_core.analysis.skills import canonical_skill, find_skills, scan_skills, skills_in
from resumax_core.analysis.taxonomy import TAXONOMY_VERSION, expand_with_ancestors, parse_taxonomy, taxonomy


def test_taxonomy_is_versioned_and_covers_many_fields() -> None:
    tax = taxonomy()
    assert tax.version == TAXONOMY_VERSION == "2026.11.1"
    assert len(tax) >= 500
    categories = {skill.category for skill in tax.skills.values()}
    for field in (
        "language",
        "cloud",
        "design",
        "product",
        "marketing",
        "sales",
        "finance",
        "healthcare",
        "education",
        "trades",
        "operations",
        "business",
        "soft",
        "certification",
    ):
        assert field in categories


@pytest.mark.parametrize(
    ("alias", "canonical"),
    [
        ("JS", "JavaScript"),
        ("javascript", "JavaScript"),
        ("k8s", "Kubernetes"),
        ("Postgres", "PostgreSQL"),
        ("ML", "Machine Learning"),
        ("golang", "Go"),
        ("sklearn", "scikit-learn"),
        ("GCP", "Google Cloud Platform"),
        ("PPC", "Paid Advertising"),
        ("RN", "Registered Nurse (RN)"),
        ("CKA", "Certified Kubernetes Administrator"),
        ("not a skill at all", None),
        ("", None),
    ],
)
def test_canonical_skill_resolves_aliases(alias: str, canonical: str | None) -> None:
    assert canonical_skill(alias) == canonical


@pytest.mark.parametrize(
    ("child", "parent"),
    [
        ("PostgreSQL", "SQL"),
        ("React", "JavaScript"),
        ("Next.js", "JavaScript"),
        ("Django", "Python"),
        ("Amazon EKS", "Kubernetes"),
        ("Pivot Tables", "Microsoft Excel"),
        ("Terraform", "Infrastructure as Code"),
    ],
)
def test_parents_are_transitive_and_one_way(child: str, parent: str) -> None:
    tax = taxonomy()
    assert parent in tax.ancestors(child)
    assert child not in tax.ancestors(parent)
    assert child in tax.descendants(parent)


def test_soft_skills_and_certifications_are_kept_apart() -> None:
    tax = taxonomy()
    assert tax.is_soft("Communication")
    assert not tax.is_soft("Python")
    assert tax.is_certification("PMP")


@pytest.mark.parametrize(
    ("text", "expected", "absent"),
    [
        ("Wrote services in Go and Python", {"Go", "Python"}, set()),
        ("We go to the office on Mondays; let's go.", set(), {"Go"}),
        ("Go Sooners and Cardinal!", set(), {"Go"}),
        ("Statistics in R and SPSS", {"R", "SPSS", "Statistics"}, set()),
        ("Presented to the R&D group", set(), {"R"}),
        ("Languages: C, C++, C#", {"C", "C++", "C#"}, set()),
        ("Met with C-level executives", set(), {"C"}),
        ("Built the API in Node.js and .NET Core", {"Node.js", ".NET"}, {"JavaScript"}),
        ("Maintained ASP.NET apps", {"ASP.NET"}, set()),
        ("JavaScript only", {"JavaScript"}, {"Java"}),
        ("Built dashboards in React", {"React", "Data Visualization"}, set()),
        ("Teams react quickly to incidents", set(), {"React"}),
        ("Advanced Excel including pivot tables", {"Microsoft Excel", "Pivot Tables"}, set()),
        ("Candidates who excel at sales", {"Sales"}, {"Microsoft Excel"}),
        ("Spring Boot microservices", {"Spring Boot", "Microservices"}, {"Spring"}),
        ("Hugging Face Transformers", {"Hugging Face"}, set()),
        ("HTML/CSS and AI/ML", {"HTML", "CSS", "Artificial Intelligence", "Machine Learning"}, set()),
        ("contact: jane@react.dev, github.com/jane/golang", set(), {"React", "Go"}),
        ("Present findings to senior leadership", {"Presentation Skills"}, {"Leadership"}),
    ],
)
def test_matching_is_whole_word_and_case_aware(text: str, expected: set[str], absent: set[str]) -> None:
    found = skills_in(text)
    assert expected <= found
    assert not (absent & found)


def test_multiword_skills_match_across_hyphens_line_breaks_and_plurals() -> None:
    assert "Machine Learning" in skills_in("machine-learning models")
    assert "Machine Learning" in skills_in("applied machine\nlearning")
    assert "Data Pipelines" in skills_in("built data pipelines")


def test_find_skills_returns_the_sentences_naming_each_skill() -> None:
    text = "Built APIs in Python. Deployed on AWS with Docker.\nPython scripts for reports"
    found = find_skills(text)
    assert found["Python"] == ["Built APIs in Python.", "Python scripts for reports"]
    assert found["Docker"] == ["Deployed on AWS with Docker."]


def test_scan_reports_positions_and_written_form() -> None:
    match = next(m for m in scan_skills("Ran k8s clusters") if m.skill == "Kubernetes")
    assert (match.start, match.end, match.text) == (4, 7, "k8s")


def test_expand_with_ancestors() -> None:
    assert {"PostgreSQL", "SQL", "Relational Databases", "Databases"} <= expand_with_ancestors(["PostgreSQL"])


def test_parse_taxonomy_rejects_unknown_parent() -> None:
    with pytest.raises(ValueError, match="unknown parent"):
        parse_taxonomy("[x]\nChild | | Missing\n", "test")


def test_scanning_a_long_text_is_fast() -> None:
    text = "Senior engineer with Python, Kubernetes, PostgreSQL and React experience. " * 200
    skills_in("warm up")
    started = time.perf_counter()
    scan_skills.__wrapped__(text)
    assert time.perf_counter() - started < 0.2


@given(st.text(max_size=200))
def test_scanning_never_fails_and_spans_point_at_the_text(text: str) -> None:
    for match in scan_skills(text):
        assert text[match.start : match.end] == match.text
        assert match.skill in taxonomy()
