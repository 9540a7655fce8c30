"""PlainTextParser: plain text and Markdown resumes.

Markdown is read for its structure only: ``# Heading`` and underlined headings (``===``/``---`` under a
line) become "Heading N" styles, ``- ``/``* ``/``+ ``/``•`` items become bullets, ``**bold**`` lines are
bold, ``[text](url)`` links keep their text and address. A blank line before a line is a gap of one line;
``x`` is the indentation in characters (of the text after a bullet's glyph).
"""

from __future__ import annotations

import re

from resumax_adapters.parsing.sniff import decode_text
from resumax_core.analysis.facts import build_document
from resumax_core.analysis.text import clean_line, strip_bullet
from resumax_core.entities import ParsedDocument, TextLine
from resumax_core.errors import EmptyDocument, UnsupportedFileType

_ATX = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_UNDERLINE = re.compile(r"^\s*(=+|-+|_+|\*+)\s*$")
_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")
_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")


def _unlink(match: re.Match[str]) -> str:
    text, url = match.group(1), match.group(2)
    if url.startswith("mailto:") or url.rstrip("/") == text.rstrip("/") or url.endswith(text):
        return text
    return f"{text} ({url})"


def _indent(raw: str) -> int:
    expanded = raw.expandtabs(4)
    return len(expanded) - len(expanded.lstrip(" "))


def text_lines(text: str, *, markdown: bool = False) -> list[TextLine]:
    """The lines of a plain-text (or Markdown) resume."""
    raw_lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    lines: list[TextLine] = []
    gap = 0.0
    for raw in raw_lines:
        underline = _UNDERLINE.match(raw)
        if underline and len(underline.group(1)) >= 3:
            if lines and gap == 0.0 and not lines[-1].bullet and underline.group(1)[0] in "=-":
                level = "1" if underline.group(1)[0] == "=" else "2"
                previous = lines[-1]
                lines[-1] = TextLine(
                    text=previous.text,
                    bold=previous.bold,
                    gap_before=previous.gap_before,
                    style=f"Heading {level}",
                    x=previous.x,
                )
            gap = 1.0
            continue
        stripped = raw.strip()
        if not stripped:
            gap = 1.0
            continue
        style = None
        heading = _ATX.match(stripped) if markdown or stripped.startswith("#") else None
        if heading and heading.group(2):
            style = f"Heading {len(heading.group(1))}"
            stripped = heading.group(2)
        stripped = _LINK.sub(_unlink, stripped)
        emphasis = _EMPHASIS.fullmatch(stripped)
        bold = emphasis is not None
        stripped = _EMPHASIS.sub(lambda m: m.group(2), stripped)
        cleaned = clean_line(stripped)
        if not cleaned:
            continue
        bullet, rest = strip_bullet(cleaned)
        indent = _indent(raw)
        if bullet:
            indent += len(cleaned) - len(rest)
        lines.append(
            TextLine(
                text=rest if bullet else cleaned,
                bold=bold,
                bullet=bullet,
                gap_before=gap,
                style=style,
                x=float(indent),
            )
        )
        gap = 0.0
    return lines


class PlainTextParser:
    """Reads UTF-8 / UTF-16 text. Raises ``UnsupportedFileType`` for undecodable bytes, ``EmptyDocument``
    for text without words."""

    def read(self, data: bytes, *, markdown: bool = False) -> ParsedDocument:
        """Parse text bytes into a ParsedDocument."""
        text = decode_text(data)
        if text is None:
            raise UnsupportedFileType("The file is not UTF-8 or UTF-16 text.")
        lines = text_lines(text, markdown=markdown)
        if not lines:
            raise EmptyDocument()
        return build_document(lines, source_format="markdown" if markdown else "text", pages=1)
