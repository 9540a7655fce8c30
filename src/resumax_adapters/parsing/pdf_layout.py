"""Reading order for a PDF page: words grouped into rows, columns and lines.

The input is a page's words with their boxes (from PDFium's text layer or from OCR), in top-down page
coordinates; the output is ``TextLine``s in reading order:

- a wide column beside another (a sidebar, a two-column body) is read to its end before the next one;
- a narrow column of labels beside the main text (moderncv's date column, right-aligned dates and places)
  is kept next to the row it labels: merged into it as ``"row | label"`` when the row is an entry header,
  otherwise placed as its own line just before (left labels) or after (right labels) that row;
- far-apart pieces of one row (a title and a right-aligned date) are joined with ``" | "``;
- running headers and footers repeated across pages, and page numbers, are dropped.

Everything here is pure Python over plain values, so it needs no PDF library and is easy to test.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from resumax_core.analysis.text import (
    BULLET_GLYPHS,
    LOST_GLYPH,
    clean_line,
    collapse_spaced_letters,
    repair_lost_glyphs,
    strip_bullet,
)
from resumax_core.entities import TextLine

_PAGE_NUMBER = re.compile(r"(?:page\s*)?[-–—(]?\s*\d{1,3}\s*(?:(?:/|of)\s*\d{1,3})?\s*[-–—)]?", re.IGNORECASE)
_MARGIN_ZONE = 0.085
_ROW_JOIN = " | "
_WIDE_GAP = 1.4
"""A gap wider than this many font sizes separates two pieces of a row (a tab stop, a right-aligned date)."""


@dataclass(slots=True)
class Word:
    """A word and its box in points, top-down: ``top``/``bottom`` are negated PDF y values."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(slots=True)
class Line:
    """A visual line: words of one row within one column, and where it sits."""

    words: list[Word]
    page: int
    text: str = ""
    x0: float = 0.0
    x1: float = 0.0
    top: float = 0.0
    bottom: float = 0.0
    size: float = 0.0
    bold: bool = False

    def __post_init__(self) -> None:
        if self.words:
            self.x0 = min(w.x0 for w in self.words)
            self.x1 = max(w.x1 for w in self.words)
            self.top = min(w.top for w in self.words)
            self.bottom = max(w.bottom for w in self.words)
            weights: Counter[float] = Counter()
            bold_chars = 0
            for word in self.words:
                weights[round(word.size, 1)] += len(word.text)
                bold_chars += len(word.text) if word.bold else 0
            self.size = weights.most_common(1)[0][0]
            self.bold = bold_chars >= 0.6 * sum(len(w.text) for w in self.words)
            if not self.text:
                self.text = _join_row(self.words)

    @property
    def height(self) -> float:
        return self.bottom - self.top


def _join_row(words: Sequence[Word]) -> str:
    """Words of a row as text: far-apart pieces joined with ``" | "``; a bullet glyph standing between
    two pieces (an icon-like separator) is dropped."""
    parts: list[str] = []
    previous: Word | None = None
    for word in words:
        if previous is not None:
            gap = word.x0 - previous.x1
            wide = gap > _WIDE_GAP * max(previous.size, word.size, 4.0) and previous.text not in BULLET_GLYPHS
            if wide and word.text in BULLET_GLYPHS:
                parts.append(_ROW_JOIN)
                previous = word
                continue
            if previous.text in BULLET_GLYPHS and parts and parts[-1] == _ROW_JOIN:
                parts.append(word.text)
                previous = word
                continue
            parts.append(_ROW_JOIN if wide else " ")
        parts.append(word.text)
        previous = word
    return "".join(parts)


def _rows(words: Sequence[Word]) -> list[list[Word]]:
    """Words grouped into rows (shared baseline band), top to bottom, each row left to right."""
    rows: list[list[Word]] = []
    current: list[Word] = []
    middle = height = 0.0
    for word in sorted(words, key=lambda w: (w.middle, w.x0)):
        if current and abs(word.middle - middle) <= 0.35 * min(height, word.height):
            current.append(word)
            continue
        if current:
            rows.append(sorted(current, key=lambda w: w.x0))
        current = [word]
        middle, height = word.middle, word.height
    if current:
        rows.append(sorted(current, key=lambda w: w.x0))
    return rows


def _split_row(row: list[Word], page: int) -> list[Line]:
    """One row as lines: pieces far apart in clearly different sizes stay separate lines."""
    lines: list[Line] = []
    current: list[Word] = [row[0]]
    for word in row[1:]:
        previous = current[-1]
        gap = word.x0 - previous.x1
        sizes = sorted((previous.size, word.size))
        if gap > _WIDE_GAP * max(sizes[1], 4.0) and sizes[0] < 0.8 * sizes[1]:
            lines.append(Line(current, page))
            current = [word]
        else:
            current.append(word)
    lines.append(Line(current, page))
    return lines


_GUTTER_BIN = 2.0
_GUTTER_PAD = 2.0


def _find_gutter(
    rows: Sequence[list[Word]], hints: Mapping[float, str] | None = None
) -> tuple[float, int, int, str | None] | None:
    """A vertical strip free of words over a run of rows with text on both sides of it.

    Returns the strip's x, the first and last row of the run and, when the strip is a known label gutter,
    the side its labels are on; None when there is no gutter. The strip needs at least three
    rows of text on each side (one, at an x in ``hints``: a label gutter already seen on an earlier page);
    the best strip has the most such rows. One-sided rows that end a run just before a full-width row
    belong to what follows (a heading under a two-part page header), so they are left out of the run.
    Each row's free space is a bit mask of 2 pt bins, so runs of rows sharing a free strip are found by
    AND-ing masks rather than by scanning every bin of every row.
    """
    count = len(rows)
    if count < 2:
        return None
    left_edge = min(row[0].x0 for row in rows)
    right_edge = max(max(w.x1 for w in row) for row in rows)
    bins = int((right_edge - left_edge) / _GUTTER_BIN)
    if bins < 10:
        return None
    inner = ((1 << (bins - 4)) - 1) << 2
    free: list[int] = []
    starts: list[float] = []
    ends: list[float] = []
    for row in rows:
        covered = 0
        for position, word in enumerate(row):
            right = word.x1
            if word.text in BULLET_GLYPHS and position + 1 < len(row):
                right = row[position + 1].x0  # a bullet and its text are one piece, however far apart
            low = max(0, int((word.x0 - _GUTTER_PAD - left_edge) / _GUTTER_BIN))
            high = min(bins, int((right + _GUTTER_PAD - left_edge) / _GUTTER_BIN) + 1)
            if high > low:
                covered |= ((1 << (high - low)) - 1) << low
        free.append(inner & ~covered)
        starts.append(row[0].x0)
        ends.append(max(w.x1 for w in row))
    close = [_close_below(rows[i], rows[i + 1]) for i in range(count - 1)]

    def one_sided(index: int, x: float) -> bool:
        return (starts[index] < x) != (ends[index] > x)

    def evaluate(
        column: int, first: int, last: int, minimum: int
    ) -> tuple[int, int, int, int, int, int] | None:
        x = left_edge + (column + 0.5) * _GUTTER_BIN
        if last + 1 < count and close[last]:
            while last >= first and one_sided(last, x):
                last -= 1
        if first > 0 and close[first - 1]:
            while first <= last and one_sided(first, x):
                first += 1
        if last - first < 1:
            return None
        left = sum(1 for i in range(first, last + 1) if starts[i] < x)
        right = sum(1 for i in range(first, last + 1) if ends[i] > x)
        score = min(left, right)
        if score < minimum:
            return None
        shared = inner
        for index in range(first, last + 1):
            shared &= free[index]
        low, high = _strip_around(shared, column)
        return score, last - first + 1, high - low, (low + high) // 2, first, last

    best: tuple[int, int, int, int, int, int] | None = None  # score, rows, width, column, first, last
    if count >= 6:
        for first in range(count):
            mask = free[first] & ~(free[first - 1] if first else 0)
            last = first
            while mask:
                following = free[last + 1] if last + 1 < count else 0
                ended = mask & ~following
                if ended and last - first >= 2:
                    for column in _strip_centres(ended):
                        found = evaluate(column, first, last, 3)
                        if found and (best is None or found[:3] > best[:3]):
                            best = found
                mask &= following
                last += 1
    hint_side: str | None = None
    if best is None:
        for hint, side in (hints or {}).items():
            column = int((hint - left_edge) / _GUTTER_BIN)
            if not 2 <= column < bins - 2:
                continue
            bit = 1 << column
            first = -1
            for index in range(count + 1):
                if index < count and free[index] & bit:
                    first = index if first == -1 else first
                    continue
                if first != -1:
                    found = evaluate(column, first, index - 1, 1)
                    if found and (best is None or found[:3] > best[:3]):
                        best, hint_side = found, side
                    first = -1
    if best is None:
        return None
    _, _, _, column, first, last = best
    return left_edge + (column + 0.5) * _GUTTER_BIN, first, last, hint_side


def _strip_centres(mask: int) -> list[int]:
    """The middle bin of every run of set bits in ``mask``."""
    centres: list[int] = []
    while mask:
        start = (mask & -mask).bit_length() - 1
        shifted = mask >> start
        length = (~shifted & (shifted + 1)).bit_length() - 1
        centres.append(start + length // 2)
        mask &= ~(((1 << length) - 1) << start)
    return centres


def _strip_around(mask: int, column: int) -> tuple[int, int]:
    low = high = column
    while low > 0 and mask >> (low - 1) & 1:
        low -= 1
    while mask >> (high + 1) & 1:
        high += 1
    return low, high


def _close_below(upper: Sequence[Word], lower: Sequence[Word]) -> bool:
    height = max(w.height for w in upper)
    return min(w.top for w in lower) - max(w.bottom for w in upper) < 2.0 * height


def _is_header_like(line: Line) -> bool:
    text = line.text
    if not text or len(text) > 110 or text.rstrip().endswith((".", ";")):
        return False
    return not (strip_bullet(text)[0] or text[0].islower())


def _label_side(left: list[Line], right: list[Line], width: float) -> str | None:
    """Which side ("left"/"right") is a narrow column of labels aligned with the other side's rows, if any."""
    if not left or not right:
        return None
    widths = {
        side: max(line.x1 for line in lines) - min(line.x0 for line in lines)
        for side, lines in (("left", left), ("right", right))
    }
    side, labels, main = (
        ("left", left, right) if widths["left"] <= widths["right"] else ("right", right, left)
    )
    other = "right" if side == "left" else "left"
    if widths[side] > 0.25 * width or widths[side] > 0.6 * widths[other]:
        return None
    if statistics.mean(len(line.text) for line in labels) > 32:
        return None
    aligned = sum(1 for line in labels if _aligned_row(line, main) is not None)
    return side if aligned >= 0.5 * len(labels) else None


def _aligned_row(label: Line, main: Sequence[Line]) -> int | None:
    for index, line in enumerate(main):
        overlap = min(label.bottom, line.bottom) - max(label.top, line.top)
        if overlap >= 0.5 * min(label.height, line.height):
            return index
    return None


def _merge_labels(labels: list[Line], main: list[Line], side: str) -> list[Line]:
    """Main-column lines with their labels merged in or placed beside them (see module docstring)."""
    units: list[Line] = []
    for line in labels:
        previous = units[-1] if units else None
        if (
            previous is not None
            and previous.text.rstrip().endswith(("–", "-", "—"))
            and line.top - previous.bottom < 0.8 * line.height
        ):
            units[-1] = Line(
                previous.words + line.words, line.page, text=previous.text.rstrip() + " " + line.text
            )
            # a wrapped label still labels the row its first line sits on
            units[-1].top, units[-1].bottom = previous.top, previous.bottom
            continue
        units.append(line)
    merged_rows: set[int] = set()
    before: dict[int, list[Line]] = {}
    after: dict[int, list[Line]] = {}
    cell_anchor: int | None = None
    last_unit: Line | None = None
    for unit in units:
        row = _aligned_row(unit, main)
        new_cell = last_unit is None or unit.top - last_unit.bottom > 0.9 * unit.height
        if row is None:
            row = _nearest_row(unit, main)
        if new_cell:
            cell_anchor = row
        if row not in merged_rows and _is_header_like(main[row]) and (new_cell or row - 1 in merged_rows):
            target = main[row]
            target.text = (
                target.text + _ROW_JOIN + unit.text
                if side == "right"
                else unit.text + _ROW_JOIN + target.text
            )
            merged_rows.add(row)
            cell_anchor = row
        else:
            anchor = cell_anchor if cell_anchor is not None else row
            if side == "right":
                after.setdefault(anchor, []).append(unit)
            else:
                before.setdefault(row if new_cell else anchor, []).append(unit)
        last_unit = unit
    ordered: list[Line] = []
    for index, line in enumerate(main):
        ordered.extend(before.get(index, ()))
        ordered.append(line)
        ordered.extend(after.get(index, ()))
    return ordered


def _nearest_row(unit: Line, main: Sequence[Line]) -> int:
    best = 0
    for index, line in enumerate(main):
        if line.top <= unit.top + 0.5 * unit.height:
            best = index
    return best


def _layout(rows: list[list[Word]], page: int, hints: dict[float, str], depth: int = 0) -> list[Line]:
    """Lines of a region in reading order, splitting it at column gutters.

    ``hints`` collects the label gutters found so far in the document (x and the labels' side), so
    regions with only a few labelled rows (later pages, one entry between two paragraphs) keep theirs.
    """
    if not rows:
        return []
    split = _find_gutter(rows, hints) if depth < 3 else None
    if split is None:
        return [line for row in rows for line in _split_row(row, page)]
    gutter, first, last, hint_side = split
    run = rows[first : last + 1]
    left_rows = [[w for w in row if w.x1 <= gutter] for row in run]
    right_rows = [[w for w in row if w.x0 >= gutter] for row in run]
    left_lines = _layout([r for r in left_rows if r], page, hints, depth + 1)
    right_lines = _layout([r for r in right_rows if r], page, hints, depth + 1)
    width = max(max(w.x1 for w in row) for row in run) - min(row[0].x0 for row in run)
    if hint_side is not None:
        labels, main = (left_lines, right_lines) if hint_side == "left" else (right_lines, left_lines)
        aligned = sum(1 for line in labels if _aligned_row(line, main) is not None)
        side = hint_side if labels and main and aligned >= 0.5 * len(labels) else None
    else:
        side = _label_side(left_lines, right_lines, width)
        if side is not None:
            hints[gutter] = side
    if side == "left":
        middle = _merge_labels(left_lines, right_lines, "left")
    elif side == "right":
        middle = _merge_labels(right_lines, left_lines, "right")
    elif right_lines and left_lines and right_lines[0].top < left_lines[0].top - left_lines[0].height:
        middle = right_lines + left_lines
    else:
        middle = left_lines + right_lines
    above = _layout(rows[:first], page, hints, depth)
    return above + middle + _layout(rows[last + 1 :], page, hints, depth)


def layout_page(words: list[Word], page: int, hints: dict[float, str]) -> list[Line]:
    """The lines of one page (numbered from 0) in reading order; ``hints`` carries label gutters from
    page to page of one document (start with an empty dict)."""
    return _layout(_rows(words), page, hints) if words else []


def _running_key(text: str) -> str:
    return re.sub(r"\d+", "#", text.strip().lower())


def drop_running_lines(pages: list[list[Line]], sizes: Sequence[tuple[float, float]]) -> list[list[Line]]:
    """Pages without page numbers and without headers/footers repeated on most pages."""
    zone_counts: Counter[tuple[str, str]] = Counter()
    for lines, (_, height) in zip(pages, sizes, strict=True):
        seen: set[tuple[str, str]] = set()
        for line in lines:
            zone = _zone(line, height)
            if zone:
                seen.add((zone, _running_key(line.text)))
        zone_counts.update(seen)
    repeated = {key for key, count in zone_counts.items() if count >= 2 and count >= len(pages) / 2}
    kept: list[list[Line]] = []
    for lines, (_, height) in zip(pages, sizes, strict=True):
        page_kept: list[Line] = []
        for index, line in enumerate(lines):
            zone = _zone(line, height)
            if zone and (zone, _running_key(line.text)) in repeated:
                continue
            edge = index in (0, len(lines) - 1) or _zone(line, height, 2 * _MARGIN_ZONE)
            if edge and _PAGE_NUMBER.fullmatch(line.text.strip()):
                continue
            page_kept.append(line)
        kept.append(page_kept)
    return kept


def _zone(line: Line, height: float, band: float = _MARGIN_ZONE) -> str | None:
    """ "top" or "bottom" when the line sits in the page's top or bottom band (a fraction of its height)."""
    from_top = height + line.top  # tops and bottoms are negated PDF y values
    from_bottom = -line.bottom
    if from_top <= band * height:
        return "top"
    if from_bottom <= band * height:
        return "bottom"
    return None


def to_text_lines(pages: list[list[Line]]) -> list[TextLine]:
    """Lines as ``TextLine``s: text cleaned and glyphs repaired, bullets found, gaps in body line heights."""
    heights = [line.height for page in pages for line in page if line.text.strip()]
    body_height = statistics.median(heights) if heights else 10.0
    result: list[TextLine] = []
    for page in pages:
        previous: Line | None = None
        pending_bullet = False
        for line in page:
            raw_text = line.text
            if LOST_GLYPH in raw_text:
                raw_text = repair_lost_glyphs(raw_text)
            text = clean_line(collapse_spaced_letters(raw_text))
            if not text:
                continue
            bullet, rest = strip_bullet(text)
            if bullet and not rest:
                pending_bullet = True
                continue
            if pending_bullet and not bullet:
                bullet, rest = True, text
            pending_bullet = False
            x = line.x0
            if bullet and line.words and len(line.words) > 1 and strip_bullet(line.words[0].text + " x")[0]:
                x = line.words[1].x0
            gap = 0.0
            if previous is not None:
                distance = line.top - previous.bottom
                gap = distance / body_height if distance >= -0.5 * body_height else 1.0
            result.append(
                TextLine(
                    text=rest if bullet else text,
                    page=line.page,
                    size=line.size,
                    bold=line.bold,
                    bullet=bullet,
                    gap_before=round(max(gap, 0.0), 2),
                    x=round(x, 1),
                )
            )
            previous = line
    return result
