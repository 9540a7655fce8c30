"""Dates as resumes write them: normalised single dates and ranges."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from resumax_core.analysis.dates import MONTHS, find_date_range, find_dates, is_date_text, parse_date

_NORMALISED = re.compile(r"^(?:\d{4}(?:-(?:0[1-9]|1[0-2]))?|present)$")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mar 2021", "2021-03"),
        ("March 2021", "2021-03"),
        ("Mar. 2021", "2021-03"),
        ("Sept 2018", "2018-09"),
        ("03/2021", "2021-03"),
        ("3/2021", "2021-03"),
        ("2021-03", "2021-03"),
        ("2021", "2021"),
        ("Present", "present"),
        ("current", "present"),
        ("Now", "present"),
        ("Mar '21", "2021-03"),
        ("15 March 2021", "2021-03"),
        ("March 15, 2021", "2021-03"),
        ("Summer 2020", "2020"),
        ("(2022)", "2022"),
    ],
)
def test_parse_date_normalises_common_spellings(text: str, expected: str) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text",
    ["", "May", "Python 3", "1939", "2150", "13/2021", "10.1234/neurips.2023.1234", "Jan 2021 - Present"],
)
def test_parse_date_rejects_what_is_not_a_single_date(text: str) -> None:
    assert parse_date(text) is None


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("Jan 2023 - Present", "2023-01", "present"),
        ("Oct. 2021 – Current", "2021-10", "present"),
        ("January 2019 to Present", "2019-01", "present"),
        ("01/2022 - Present", "2022-01", "present"),
        ("2009 – 2012 PhD in Computer Science", "2009", "2012"),
        ("Senior Engineer | TechCorp | 2021 - Present", "2021", "present"),
        ("May 2019 — Aug. 2020", "2019-05", "2020-08"),
        ("June 2017 until January 2019 / Atlanta, GA", "2017-06", "2019-01"),
        ("since 2019", "2019", "present"),
        ("June 2020 –", "2020-06", None),
    ],
)
def test_find_date_range_reads_ranges(text: str, start: str, end: str | None) -> None:
    found = find_date_range(text)
    assert found is not None
    assert found[:2] == (start, end)


@pytest.mark.parametrize(
    "text", ["+1 (415) 555-0142", "206-555-0149", "2019 - 2018", "scaled 2x - 3x", "No dates"]
)
def test_find_date_range_ignores_phone_numbers_and_backwards_ranges(text: str) -> None:
    assert find_date_range(text) is None


def test_find_date_range_span_covers_the_range() -> None:
    text = "Engineer, Acme, Jun 2021 - Dec 2022, Remote"
    found = find_date_range(text)
    assert found is not None
    start, end = found[2]
    assert text[start:end] == "Jun 2021 - Dec 2022"


def test_find_dates_lists_every_date_but_not_identifiers() -> None:
    text = "State University, May 2016; paper 10.1234/neurips.2023.1234 at ICML 2022"
    assert [value for value, _ in find_dates(text)] == ["2016-05", "2022"]


def test_is_date_text() -> None:
    assert is_date_text("Sept 2018 – May 2023")
    assert is_date_text("(2021)")
    assert not is_date_text("MIT 2019")
    assert not is_date_text("Present")


@given(st.text())
def test_parse_date_never_raises_and_returns_a_normal_form(text: str) -> None:
    value = parse_date(text)
    assert value is None or _NORMALISED.match(value)


@given(st.text())
def test_find_date_range_never_raises_and_spans_the_text(text: str) -> None:
    found = find_date_range(text)
    if found is not None:
        start, end, (low, high) = found
        assert 0 <= low < high <= len(text)
        assert start is None or _NORMALISED.match(start)
        assert end is None or _NORMALISED.match(end)
        if start and end and end != "present":
            assert end[:4] >= start[:4]


@given(st.sampled_from(sorted(MONTHS)), st.integers(min_value=1940, max_value=2099))
def test_every_month_name_with_a_year_normalises(month: str, year: int) -> None:
    assert parse_date(f"{month.title()} {year}") == f"{year}-{MONTHS[month]:02d}"


@given(st.integers(min_value=1940, max_value=2098), st.integers(min_value=0, max_value=1))
def test_year_ranges_with_any_dash(year: int, later: int) -> None:
    for dash in ("-", "–", "—", " to "):
        assert find_date_range(f"{year}{dash}{year + later}") is not None
