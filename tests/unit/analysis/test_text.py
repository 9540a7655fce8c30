"""Text normalisation shared by the parsers."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from resumax_core.analysis.text import (
    LOST_GLYPH,
    clean_line,
    clean_text,
    collapse_spaced_letters,
    join_hyphenated,
    repair_lost_glyphs,
    strip_bullet,
)


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("  Senior   Engineer \t", "Senior Engineer"),
        ("ﬁnancial ﬂow eﬀort", "financial flow effort"),
        ("deploy\u00adment", "deployment"),
        ("zero\u200bwidth\ufeff", "zerowidth"),
        ("non\u00a0breaking\u2009thin", "non breaking thin"),
        ("bell\x07char", "bell char"),
        ("Boğaziçi", "Boğaziçi"),
        ("e\u0301cole", "école"),
    ],
)
def test_clean_line(raw: str, clean: str) -> None:
    assert clean_line(raw) == clean


def test_clean_text_keeps_line_structure() -> None:
    assert clean_text("a  b\r\n\r\n c ") == "a b\n\nc"


@pytest.mark.parametrize(
    ("raw", "collapsed"),
    [
        ("J A R E D  R I C H A R D S", "JARED RICHARDS"),
        ("D E V O P S", "DEVOPS"),
        ("Senior Software Engineer", "Senior Software Engineer"),
        ("C, R and Go", "C, R and Go"),
        ("A B", "A B"),
    ],
)
def test_collapse_spaced_letters(raw: str, collapsed: str) -> None:
    assert collapse_spaced_letters(raw) == collapsed


@pytest.mark.parametrize(
    ("first", "second", "joined"),
    [
        ("to deploy-", "ment and testing", "to deployment and testing"),
        ("top 5% of submis-", "sions)", "top 5% of submissions)"),
        ("low-resource language mod-", "eling", "low-resource language modeling"),
        ("a full-stack e-", "commerce platform", "a full-stack e-commerce platform"),
        ("using Python, Scikit-", "Learn, and AWS.", "using Python, Scikit-Learn, and AWS."),
        ("community-", "driven development", "community-driven development"),
        ("reducing latency by", "40%", "reducing latency by 40%"),
        ("", "alone", "alone"),
    ],
)
def test_join_hyphenated(first: str, second: str, joined: str) -> None:
    assert join_hyphenated(first, second) == joined


@pytest.mark.parametrize(
    ("raw", "bullet", "rest"),
    [
        ("• Led a team", True, "Led a team"),
        ("▪ Built", True, "Built"),
        ("\uf0b7 Word symbol bullet", True, "Word symbol bullet"),
        ("- dash item", True, "dash item"),
        ("* star item", True, "star item"),
        ("-5% churn", False, "-5% churn"),
        ("1. Numbered", False, "1. Numbered"),
        ("Plain", False, "Plain"),
        ("·5 years", False, "·5 years"),
    ],
)
def test_strip_bullet(raw: str, bullet: bool, rest: str) -> None:
    assert strip_bullet(raw) == (bullet, rest)


@pytest.mark.parametrize(
    ("broken", "repaired"),
    [
        (f"{LOST_GLYPH}nancial", "financial"),
        (f"StackOver{LOST_GLYPH}ow", "StackOverflow"),
        (f"exempli{LOST_GLYPH}ed", "exemplified"),
        (f"in{LOST_GLYPH}uence", "influence"),
        (f"{LOST_GLYPH}lters", "filters"),
        (f"{LOST_GLYPH}at-backed", "fiat-backed"),
        (f"e{LOST_GLYPH}ort", "effort"),
        ("untouched", "untouched"),
    ],
)
def test_repair_lost_glyphs(broken: str, repaired: str) -> None:
    assert repair_lost_glyphs(broken) == repaired


@given(st.text())
def test_clean_line_is_idempotent_and_trimmed(text: str) -> None:
    cleaned = clean_line(text)
    assert clean_line(cleaned) == cleaned
    assert cleaned == cleaned.strip()
    assert "  " not in cleaned and "\n" not in cleaned


@given(st.text(), st.text())
def test_join_hyphenated_never_loses_letters(first: str, second: str) -> None:
    joined = join_hyphenated(first, second)
    letters = [c for c in first + second if c.isalnum()]
    assert [c for c in joined if c.isalnum()] == letters


@given(st.text())
def test_strip_bullet_and_collapse_never_lose_letters(text: str) -> None:
    bullet, rest = strip_bullet(text)
    letters = [c for c in text if c.isalnum()]
    if bullet and text.lstrip().startswith("o "):  # Word's "o" sub-bullet is a letter
        letters = letters[1:]
    assert [c for c in rest if c.isalnum()] == letters
    collapsed = collapse_spaced_letters(text)
    assert [c for c in collapsed if not c.isspace()] == [c for c in text if not c.isspace()]
