"""Dates as resumes write them, normalised to ``"2021-03"`` (month known), ``"2021"`` or ``"present"``.

Every function is total: any string is accepted and nothing raises. Years are read between 1940 and 2099;
two-digit years (``Mar '21``) are read as 20xx below 50 and 19xx otherwise.
"""

from __future__ import annotations

import re

MONTHS: dict[str, int] = {
    "jan": 1,
    "january": 1,
    "feb": 2,
    "february": 2,
    "mar": 3,
    "march": 3,
    "apr": 4,
    "april": 4,
    "may": 5,
    "jun": 6,
    "june": 6,
    "jul": 7,
    "july": 7,
    "aug": 8,
    "august": 8,
    "sep": 9,
    "sept": 9,
    "september": 9,
    "oct": 10,
    "october": 10,
    "nov": 11,
    "november": 11,
    "dec": 12,
    "december": 12,
}

PRESENT = "present"

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_YEAR = r"(?:19[4-9]\d|20\d\d)"
_DAY = r"(?:[0-3]?\d(?:st|nd|rd|th)?)"
_SEASON = r"(?:spring|summer|fall|autumn|winter)"
_DATE = (
    rf"(?:{_MONTH}\.?,?\s+(?:{_DAY},?\s+)?{_YEAR}"
    rf"|{_MONTH}\.?\s*['’]\d\d"
    rf"|{_DAY}\s+{_MONTH}\.?,?\s+{_YEAR}"
    rf"|(?:0?[1-9]|1[0-2])(?:\s*/\s*|[.-]){_YEAR}"
    rf"|{_YEAR}[-/.](?:0[1-9]|1[0-2])(?![\d])"
    rf"|{_SEASON}\s+{_YEAR}"
    rf"|{_YEAR})"
)
_PRESENT = r"(?:present|current(?:ly)?|now|today|ongoing|to\s+date|till\s+date|date)"
_BEFORE = r"(?<![\w])(?<![\w][./])"
_AFTER = r"(?![\w])(?![./]\d)"
_SEPARATOR = r"\s*(?:[-–—‐‑‒―~]+|\bto\b|\buntil\b|\btill\b|\bthrough\b|\bthru\b)\s*"

_DATE_RX = re.compile(rf"{_BEFORE}{_DATE}{_AFTER}", re.IGNORECASE)
_RANGE_RX = re.compile(
    rf"{_BEFORE}(?P<start>{_DATE}){_AFTER}{_SEPARATOR}(?P<end>{_DATE}{_AFTER}|{_PRESENT}\b)",
    re.IGNORECASE,
)
_SINCE_RX = re.compile(rf"\bsince\s+(?P<start>{_DATE}){_AFTER}", re.IGNORECASE)
_OPEN_RX = re.compile(rf"{_BEFORE}(?P<start>{_DATE}){_AFTER}\s*[-–—]+\s*$", re.IGNORECASE)

_MONTH_YEAR = re.compile(
    rf"(?P<month>{_MONTH})\.?,?\s*(?:{_DAY},?\s+)?['’]?(?P<year>\d{{4}}|\d\d)$", re.IGNORECASE
)
_DAY_MONTH_YEAR = re.compile(rf"{_DAY}\s+(?P<month>{_MONTH})\.?,?\s+(?P<year>\d{{4}})$", re.IGNORECASE)
_NUMERIC = re.compile(r"(?P<month>\d{1,2})(?:\s*/\s*|[.-])(?P<year>\d{4})$")
_ISO = re.compile(r"(?P<year>\d{4})[-/.](?P<month>\d{2})$")
_YEAR_ONLY = re.compile(rf"(?:{_SEASON}\s+)?(?P<year>\d{{4}})$", re.IGNORECASE)
_PRESENT_ONLY = re.compile(rf"{_PRESENT}$", re.IGNORECASE)
_FULL_DATE = re.compile(rf"{_DATE}$", re.IGNORECASE)

Span = tuple[int, int]


def _year(text: str) -> int | None:
    value = int(text)
    if len(text) == 2:
        value += 2000 if value < 50 else 1900
    return value if 1940 <= value <= 2099 else None


def _month_year(month: int, year_text: str) -> str | None:
    year = _year(year_text)
    if year is None or not 1 <= month <= 12:
        return None
    return f"{year:04d}-{month:02d}"


def parse_date(text: str) -> str | None:
    """Normalise one date written alone: ``"Mar 2021"``, ``"March 2021"``, ``"03/2021"``, ``"2021-03"`` ->
    ``"2021-03"``; ``"2021"`` -> ``"2021"``; ``"Present"``, ``"Current"``, ``"Now"`` -> ``"present"``.

    Surrounding spaces, brackets and punctuation are ignored. Anything else (including a text that merely
    contains a date) gives None.
    """
    candidate = text.strip().strip("()[]{}.,;:").strip()
    if not candidate or len(candidate) > 40:
        return None
    if _PRESENT_ONLY.match(candidate):
        return PRESENT
    if not _FULL_DATE.match(candidate):
        return None
    match = _MONTH_YEAR.match(candidate) or _DAY_MONTH_YEAR.match(candidate)
    if match:
        return _month_year(MONTHS[match.group("month").lower()], match.group("year"))
    match = _NUMERIC.match(candidate) or _ISO.match(candidate)
    if match:
        return _month_year(int(match.group("month")), match.group("year"))
    match = _YEAR_ONLY.match(candidate)
    if match:
        year = _year(match.group("year"))
        return None if year is None else str(year)
    return None


def find_dates(text: str) -> list[tuple[str, Span]]:
    """Every date in ``text`` (not "present"), normalised, with its span, left to right."""
    found: list[tuple[str, Span]] = []
    for match in _DATE_RX.finditer(text):
        value = parse_date(match.group(0))
        if value is not None:
            found.append((value, match.span()))
    return found


def find_date_range(text: str) -> tuple[str | None, str | None, Span] | None:
    """The first date range in ``text`` as ``(start, end, span)``.

    Ranges are two dates joined by a dash (``-``, ``–``, ``—``), "to", "until" or "through"; the end may be
    "Present"/"Current"/"Now". "since 2020" reads as ``("2020", "present")``; a date followed by a dash at
    the end of the text (a range wrapped onto the next line) reads as ``(start, None)``. None when there is
    no range.
    """
    match = _RANGE_RX.search(text)
    if match:
        start = parse_date(match.group("start"))
        end = parse_date(match.group("end"))
        if start is not None and end is not None and (end == PRESENT or end[:4] >= start[:4]):
            return start, end, match.span()
    match = _SINCE_RX.search(text)
    if match:
        start = parse_date(match.group("start"))
        if start is not None:
            return start, PRESENT, match.span()
    match = _OPEN_RX.search(text)
    if match:
        start = parse_date(match.group("start"))
        if start is not None:
            return start, None, match.span()
    return None


def is_date_text(text: str) -> bool:
    """True when ``text`` is nothing but a date or a date range (with optional punctuation around it)."""
    stripped = text.strip().strip("()[]{}.,;:|/ ").strip()
    if not stripped:
        return False
    found = find_date_range(stripped)
    if found is not None:
        rest = (stripped[: found[2][0]] + stripped[found[2][1] :]).strip(" ,;:|()[]/")
        return not rest
    return parse_date(stripped) is not None and parse_date(stripped) != PRESENT
