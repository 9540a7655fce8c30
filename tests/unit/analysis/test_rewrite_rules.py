"""Offline rewrite rules: weak openings, first person, filler, tense, results, relevance."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from resumax_core.analysis.guard import check_rewrite
from resumax_core.analysis.rewrite_rules import (
    fix_tense,
    has_measurable_result,
    order_by_relevance,
    past_tense,
    present_tense,
    relevance,
    remove_filler,
    remove_first_person,
    rewrite_bullet,
    strengthen_opening,
)
from resumax_core.entities import JobAnalysis


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("Responsible for managing a team of 5 engineers", "Managed a team of 5 engineers"),
        ("Responsible for the company blog", "Owned the company blog"),
        ("Responsible for a team of nurses", "Led a team of nurses"),
        ("Worked on the API for payments", "Developed the API for payments"),
        ("Worked on the internal reporting dashboard", "Developed the internal reporting dashboard"),
        ("Worked on a cross-team initiative", "Contributed to a cross-team initiative"),
        ("Worked on building the onboarding flow", "Built the onboarding flow"),
        ("Worked on improving page load time", "Contributed to improving page load time"),
        ("Helped with the migration to the new CRM", "Supported the migration to the new CRM"),
        ("Helped build the billing service", "Contributed to building the billing service"),
        ("Assisted in developing training materials", "Contributed to developing training materials"),
        ("Assisted with month-end close", "Supported month-end close"),
        ("Tasked with writing release notes", "Wrote release notes"),
        ("Involved in sprint planning", "Contributed to sprint planning"),
        (
            "Duties included processing invoices and reconciling accounts",
            "Processed invoices and reconciled accounts",
        ),
        ("Was responsible for coordinating shift schedules", "Coordinated shift schedules"),
    ],
)
def test_weak_openings_become_verbs_that_keep_the_meaning(before: str, after: str) -> None:
    text, opening = strengthen_opening(before)
    assert text == after
    assert opening is not None


def test_unsafe_weak_openings_are_left_alone() -> None:
    assert strengthen_opening("Helped customers resolve billing issues") == (
        "Helped customers resolve billing issues",
        None,
    )
    assert strengthen_opening("Managed payroll")[1] is None


def test_first_person_is_removed() -> None:
    assert remove_first_person("I managed my team's budget") == "Managed the team's budget"
    assert remove_first_person("We shipped our first release") == "Shipped the first release"
    assert remove_first_person("Led the team") == "Led the team"


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("Successfully launched the product", "Launched the product"),
        ("Handled various client accounts", "Handled client accounts"),
        ("Wrote docs, tests, etc.", "Wrote docs, tests"),
        ("Refactored code in order to cut build time", "Refactored code to cut build time"),
        ("Utilized SQL for reporting", "Used SQL for reporting"),
    ],
)
def test_filler_is_removed(before: str, after: str) -> None:
    assert remove_filler(before) == after


def test_tense_follows_the_role_for_the_leading_verb_only() -> None:
    assert fix_tense("Manage a team of four", current=False) == "Managed a team of four"
    assert fix_tense("Managing vendor contracts and managing budgets", current=False) == (
        "Managed vendor contracts and managing budgets"
    )
    assert fix_tense("Collaborated with designers", current=True) == "Collaborate with designers"
    assert fix_tense("Manages the on-call rotation", current=True) == "Manage the on-call rotation"
    assert fix_tense("Reduced latency by 40%", current=True) == "Reduced latency by 40%"
    assert fix_tense("Design systems for clients", current=False) == "Design systems for clients"
    assert fix_tense("Lead generation campaigns", current=False) == "Lead generation campaigns"


def test_verb_forms() -> None:
    assert past_tense("building") == "built"
    assert past_tense("plans") == "planned"
    assert present_tense("oversaw") == "oversee"
    assert past_tense("banana") is None


@pytest.mark.parametrize(
    ("bullet", "measurable"),
    [
        ("Cut costs by 30%", True),
        ("Grew revenue to $2M", True),
        ("Served 10x more users", True),
        ("Doubled the conversion rate", True),
        ("Managed a team of 5", True),
        ("Led the migration in 2021", False),
        ("Improved onboarding for new hires", False),
    ],
)
def test_measurable_results(bullet: str, measurable: bool) -> None:
    assert has_measurable_result(bullet) is measurable


def test_rewrite_bullet_lists_the_rules_it_applied() -> None:
    result = rewrite_bullet("I was responsible for successfully managing various vendors", current=False)
    assert result.text == "Managed vendors"
    assert result.changed
    assert any(rule.startswith("weak opening") for rule in result.rules)
    assert "filler" in result.rules
    unchanged = rewrite_bullet("Designed the data model", current=False)
    assert not unchanged.changed and unchanged.rules == ()


def test_relevance_and_stable_ordering() -> None:
    job = JobAnalysis(required_skills=("SQL", "Python"), preferred_skills=("Tableau",))
    assert relevance("Tuned PostgreSQL queries", job.required_skills) == 2.0  # PostgreSQL proves SQL
    items = ["Ran standups", "Built Tableau dashboards", "Wrote Python ETL in SQL", "Hired interns"]
    assert order_by_relevance(items, job) == [
        "Wrote Python ETL in SQL",
        "Built Tableau dashboards",
        "Ran standups",
        "Hired interns",
    ]


RESUME = (
    "Managed 4 nurses at Mercy Hospital in 2019; responsible for EHR charting with Epic; used Excel daily."
)

words = st.sampled_from(
    [
        "Responsible for",
        "Worked on",
        "Helped with",
        "I",
        "we",
        "successfully",
        "various",
        "etc.",
        "in order to",
        "managing",
        "the",
        "EHR",
        "charting",
        "dashboard",
        "API",
        "team",
        "budget",
        "reports",
        "Excel",
        "clients",
    ]
)


@given(st.lists(words, min_size=1, max_size=10), st.booleans())
def test_rules_never_add_a_number_name_date_or_skill(parts: list[str], current: bool) -> None:
    bullet = " ".join(parts)
    result = rewrite_bullet(bullet, current=current)
    assert not re.search(r"\d", result.text) or re.search(r"\d", bullet)
    violations = check_rewrite(RESUME, bullet, result.text)
    assert not [v for v in violations if v.kind in ("metric", "date", "skill", "employer", "institution")]


def test_a_current_role_written_in_the_past_stays_in_the_past() -> None:
    from resumax_core.analysis.rewrite_rules import prefers_present

    past_role = ["Worked on the migration to PostgreSQL", "Helped with CI pipelines", "I wrote unit tests"]
    assert not prefers_present(past_role)
    assert prefers_present(["Manage the on-call rotation", "Responsible for hiring"])
    assert prefers_present(["Responsible for hiring"]), (
        "no tense to go by: a current role reads in the present"
    )
