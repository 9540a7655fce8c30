"""PdfiumPdfParser: PDF text with layout, read with PDFium through pypdfium2.

Per page it reads every character's text, box, font size and weight, groups characters into words and words
into rows, finds column gutters from where words are not, and emits ``TextLine``s in reading order:

- a wide column beside another (a sidebar, a two-column body) is read to its end before the next one;
- a narrow column of labels beside the main text (moderncv's date column, right-aligned dates and places)
  is kept next to the row it labels: merged into it as ``"row | label"`` when the row is an entry header,
  otherwise placed as its own line just before (left labels) or after (right labels) that row;
- far-apart pieces of one row (a title and a right-aligned date) are joined with ``" | "``;
- running headers and footers repeated across pages, and page numbers, are dropped.

PDFium is not thread-safe, so every call into it holds one process-wide lock; every PDFium object is closed
before returning.
"""

from __future__ import annotations

import ctypes
import re
import statistics
import threading
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from resumax_core.analysis.facts import build_document
from resumax_core.analysis.text import (
    BULLET_GLYPHS,
    LOST_GLYPH,
    clean_line,
    collapse_spaced_letters,
    repair_lost_glyphs,
    strip_bullet,
)
from resumax_core.entities import ParsedDocument, TextLine
from resumax_core.errors import (
    CorruptDocument,
    EncryptedDocument,
    NoTextLayer,
    ParseLimitExceeded,
    TooManyPages,
)

_PDFIUM_LOCK = threading.Lock()

DEFAULT_MAX_PAGES = 20
DEFAULT_MAX_CHARS = 400_000

_BOLD_NAME = re.compile(r"bold|black|heavy|semibold|demi|extrab|ultrab|[-,]bd\b|bx\d*$|\bbx", re.IGNORECASE)
_REGULAR_NAME = re.compile(r"regular|light|book|roman|medium|thin|normal|^cm|^sf", re.IGNORECASE)
_ICON_FONT = re.compile(
    r"awesome|icon|phosphor|symbols?(?!.*mt)|dingbat|wingding|glyph|material", re.IGNORECASE
)
_FORCE_BOLD = 1 << 18
_PAGE_NUMBER = re.compile(r"(?:page\s*)?[-–—(]?\s*\d{1,3}\s*(?:(?:/|of)\s*\d{1,3})?\s*[-–—)]?", re.IGNORECASE)
_PRIVATE_BULLETS = frozenset({0xF0B7, 0xF0A7, 0xF076, 0xF0D8, 0xF0FC, 0xF0A8, 0xF06E, 0xF0E0})
_MARGIN_ZONE = 0.085
_ROW_JOIN = " | "
_WIDE_GAP = 1.4
"""A gap wider than this many font sizes separates two pieces of a row (a tab stop, a right-aligned date)."""


@dataclass(slots=True)
class _Font:
    bold: bool
    icon: bool


@dataclass(slots=True)
class _Word:
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
class _Line:
    """A visual line: words of one row within one column, and where it sits."""

    words: list[_Word]
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


class PdfiumPdfParser:
    """Reads text PDFs (no OCR). Raises ``EncryptedDocument``, ``TooManyPages``, ``CorruptDocument``,
    ``NoTextLayer`` (a scan without a text layer) or ``ParseLimitExceeded`` (more than ``max_chars``)."""

    def __init__(self, *, max_pages: int = DEFAULT_MAX_PAGES, max_chars: int = DEFAULT_MAX_CHARS) -> None:
        self.max_pages = max_pages
        self.max_chars = max_chars

    def read(self, data: bytes) -> ParsedDocument:
        """Parse a PDF into a ParsedDocument (blocking; run it in a worker thread)."""
        lines, pages, warnings = self.read_lines(data)
        return build_document(lines, source_format="pdf", pages=pages, warnings=warnings)

    def read_lines(self, data: bytes) -> tuple[list[TextLine], int, list[str]]:
        """The text lines of a PDF in reading order, its page count and warnings."""
        _check_complete(data)
        with _PDFIUM_LOCK:
            page_lines, page_sizes = self._extract(data)
        lines = _drop_running_lines(page_lines, page_sizes)
        if sum(len(line.text) for page in lines for line in page) < 3:
            raise NoTextLayer("The PDF has no text layer (a scan); install the ocr extra to read it.")
        text_lines = _to_text_lines(lines)
        warnings: list[str] = []
        if any(LOST_GLYPH in line.text for page in page_lines for line in page):
            warnings.append("Some characters had no text mapping in the PDF and were guessed.")
        return text_lines, len(page_sizes), warnings

    def _extract(self, data: bytes) -> tuple[list[list[_Line]], list[tuple[float, float]]]:
        try:
            document = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as exc:
            if exc.err_code in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY):
                raise EncryptedDocument() from exc
            raise CorruptDocument() from exc
        try:
            page_count = len(document)
            if page_count > self.max_pages:
                raise TooManyPages(details={"pages": page_count, "maxPages": self.max_pages})
            if page_count == 0:
                raise CorruptDocument("The PDF has no pages.")
            pages: list[list[_Line]] = []
            sizes: list[tuple[float, float]] = []
            total_chars = 0
            hints: dict[float, str] = {}
            for index in range(page_count):
                words, size, chars = _read_page(document, index)
                total_chars += chars
                if total_chars > self.max_chars:
                    raise ParseLimitExceeded(details={"maxChars": self.max_chars})
                pages.append(_layout_page(words, index, hints))
                sizes.append(size)
            return pages, sizes
        finally:
            document.close()


def _check_complete(data: bytes) -> None:
    end = data.rfind(b"%%EOF")
    if end == -1 or len(data) - end > 4096:
        raise CorruptDocument("The PDF is damaged or truncated (it has no end-of-file marker).")


def _read_page(document: pdfium.PdfDocument, index: int) -> tuple[list[_Word], tuple[float, float], int]:
    try:
        page = document[index]
    except pdfium.PdfiumError as exc:
        raise CorruptDocument(details={"page": index + 1}) from exc
    try:
        width, height = page.get_size()
        textpage = page.get_textpage()
        try:
            words, chars = _page_words(textpage.raw)
        finally:
            textpage.close()
    except pdfium.PdfiumError as exc:
        raise CorruptDocument(details={"page": index + 1}) from exc
    finally:
        page.close()
    return words, (width, height), chars


def _bulk_text(raw: pdfium_c.FPDF_TEXTPAGE, count: int) -> str:
    buffer = (ctypes.c_ushort * (count + 1))()
    written = pdfium_c.FPDFText_GetText(raw, 0, count, buffer)
    text = bytes(buffer)[: max(0, written - 1) * 2].decode("utf-16-le", errors="replace")
    if len(text) == count:
        return text
    return "".join(chr(pdfium_c.FPDFText_GetUnicode(raw, i)) for i in range(count))


def _font(raw: pdfium_c.FPDF_TEXTPAGE, index: int, cache: dict[bytes, _Font]) -> _Font:
    name_buffer = ctypes.create_string_buffer(128)
    flags = ctypes.c_int(0)
    pdfium_c.FPDFText_GetFontInfo(raw, index, name_buffer, 128, ctypes.byref(flags))
    name = name_buffer.value
    key = name + flags.value.to_bytes(4, "little", signed=True)
    found = cache.get(key)
    if found is None:
        decoded = name.decode("latin-1").split("+", 1)[-1]
        bold = bool(_BOLD_NAME.search(decoded)) or bool(flags.value & _FORCE_BOLD)
        if not bold and not _REGULAR_NAME.search(decoded):
            bold = pdfium_c.FPDFText_GetFontWeight(raw, index) >= 700
        found = _Font(bold=bold, icon=bool(_ICON_FONT.search(decoded)))
        cache[key] = found
    return found


def _page_words(raw: pdfium_c.FPDF_TEXTPAGE) -> tuple[list[_Word], int]:
    """Words of a page in content-stream order, with boxes in top-down page coordinates."""
    count = pdfium_c.FPDFText_CountChars(raw)
    if count <= 0:
        return [], 0
    text = _bulk_text(raw, count)
    rect = pdfium_c.FS_RECTF()
    rect_ref = ctypes.byref(rect)
    matrix = pdfium_c.FS_MATRIX()
    matrix_ref = ctypes.byref(matrix)
    get_box = pdfium_c.FPDFText_GetLooseCharBox
    fonts: dict[bytes, _Font] = {}
    words: list[_Word] = []
    chars: list[str] = []
    first_index = 0
    x0 = x1 = top = bottom = previous_left = 0.0

    def flush() -> None:
        if not chars:
            return
        font = _font(raw, first_index, fonts)
        if font.icon and len(chars) == 1 and chars[0] not in "•·▪■●":
            chars.clear()
            return
        pdfium_c.FPDFText_GetMatrix(raw, first_index, matrix_ref)
        scale = (matrix.c * matrix.c + matrix.d * matrix.d) ** 0.5 or 1.0
        size = pdfium_c.FPDFText_GetFontSize(raw, first_index) * scale
        if size <= 0.5 or size > 200:
            size = bottom - top
        words.append(_Word("".join(chars), x0, x1, top, bottom, round(size, 1), font.bold))
        chars.clear()

    for index in range(count):
        char = text[index]
        if char.isspace():
            flush()
            continue
        code = ord(char)
        if code < 0x20 or code == 0xFFFE or code == 0xFFFF:
            char = "-" if pdfium_c.FPDFText_IsHyphen(raw, index) else LOST_GLYPH
        elif 0xE000 <= code <= 0xF8FF:
            if code not in _PRIVATE_BULLETS:
                flush()
                continue
            char = "•"
        get_box(raw, index, rect_ref)
        left, right, char_top, char_bottom = rect.left, rect.right, -rect.top, -rect.bottom
        if char_bottom - char_top <= 0.1:
            continue
        if chars:
            height = bottom - top
            middle = (char_top + char_bottom) / 2
            if (
                abs(middle - (top + bottom) / 2) > 0.45 * height
                or left < previous_left - 0.1 * height
                or left - x1 > 0.5 * height
            ):
                flush()
        if not chars:
            first_index = index
            x0, x1, top, bottom = left, right, char_top, char_bottom
        else:
            x1 = max(x1, right)
            top = min(top, char_top)
            bottom = max(bottom, char_bottom)
        chars.append(char)
        previous_left = left
    flush()
    return words, count


def _join_row(words: Sequence[_Word]) -> str:
    """Words of a row as text: far-apart pieces joined with ``" | "``; a bullet glyph standing between
    two pieces (an icon-like separator) is dropped."""
    parts: list[str] = []
    previous: _Word | None = None
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


def _rows(words: Sequence[_Word]) -> list[list[_Word]]:
    """Words grouped into rows (shared baseline band), top to bottom, each row left to right."""
    rows: list[list[_Word]] = []
    current: list[_Word] = []
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


def _split_row(row: list[_Word], page: int) -> list[_Line]:
    """One row as lines: pieces far apart in clearly different sizes stay separate lines."""
    lines: list[_Line] = []
    current: list[_Word] = [row[0]]
    for word in row[1:]:
        previous = current[-1]
        gap = word.x0 - previous.x1
        sizes = sorted((previous.size, word.size))
        if gap > _WIDE_GAP * max(sizes[1], 4.0) and sizes[0] < 0.8 * sizes[1]:
            lines.append(_Line(current, page))
            current = [word]
        else:
            current.append(word)
    lines.append(_Line(current, page))
    return lines


_GUTTER_BIN = 2.0
_GUTTER_PAD = 2.0


def _find_gutter(
    rows: Sequence[list[_Word]], hints: Mapping[float, str] | None = None
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


def _close_below(upper: Sequence[_Word], lower: Sequence[_Word]) -> bool:
    height = max(w.height for w in upper)
    return min(w.top for w in lower) - max(w.bottom for w in upper) < 2.0 * height


def _is_header_like(line: _Line) -> bool:
    text = line.text
    if not text or len(text) > 110 or text.rstrip().endswith((".", ";")):
        return False
    return not (strip_bullet(text)[0] or text[0].islower())


def _label_side(left: list[_Line], right: list[_Line], width: float) -> str | None:
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


def _aligned_row(label: _Line, main: Sequence[_Line]) -> int | None:
    for index, line in enumerate(main):
        overlap = min(label.bottom, line.bottom) - max(label.top, line.top)
        if overlap >= 0.5 * min(label.height, line.height):
            return index
    return None


def _merge_labels(labels: list[_Line], main: list[_Line], side: str) -> list[_Line]:
    """Main-column lines with their labels merged in or placed beside them (see module docstring)."""
    units: list[_Line] = []
    for line in labels:
        previous = units[-1] if units else None
        if (
            previous is not None
            and previous.text.rstrip().endswith(("–", "-", "—"))
            and line.top - previous.bottom < 0.8 * line.height
        ):
            units[-1] = _Line(
                previous.words + line.words, line.page, text=previous.text.rstrip() + " " + line.text
            )
            # a wrapped label still labels the row its first line sits on
            units[-1].top, units[-1].bottom = previous.top, previous.bottom
            continue
        units.append(line)
    merged_rows: set[int] = set()
    before: dict[int, list[_Line]] = {}
    after: dict[int, list[_Line]] = {}
    cell_anchor: int | None = None
    last_unit: _Line | None = None
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
    ordered: list[_Line] = []
    for index, line in enumerate(main):
        ordered.extend(before.get(index, ()))
        ordered.append(line)
        ordered.extend(after.get(index, ()))
    return ordered


def _nearest_row(unit: _Line, main: Sequence[_Line]) -> int:
    best = 0
    for index, line in enumerate(main):
        if line.top <= unit.top + 0.5 * unit.height:
            best = index
    return best


def _layout(rows: list[list[_Word]], page: int, hints: dict[float, str], depth: int = 0) -> list[_Line]:
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


def _layout_page(words: list[_Word], page: int, hints: dict[float, str]) -> list[_Line]:
    return _layout(_rows(words), page, hints) if words else []


def _running_key(text: str) -> str:
    return re.sub(r"\d+", "#", text.strip().lower())


def _drop_running_lines(pages: list[list[_Line]], sizes: Sequence[tuple[float, float]]) -> list[list[_Line]]:
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
    kept: list[list[_Line]] = []
    for lines, (_, height) in zip(pages, sizes, strict=True):
        page_kept: list[_Line] = []
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


def _zone(line: _Line, height: float, band: float = _MARGIN_ZONE) -> str | None:
    """ "top" or "bottom" when the line sits in the page's top or bottom band (a fraction of its height)."""
    from_top = height + line.top  # tops and bottoms are negated PDF y values
    from_bottom = -line.bottom
    if from_top <= band * height:
        return "top"
    if from_bottom <= band * height:
        return "bottom"
    return None


def _to_text_lines(pages: list[list[_Line]]) -> list[TextLine]:
    heights = [line.height for page in pages for line in page if line.text.strip()]
    body_height = statistics.median(heights) if heights else 10.0
    result: list[TextLine] = []
    for page in pages:
        previous: _Line | None = None
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
