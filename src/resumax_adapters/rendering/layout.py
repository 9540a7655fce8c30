"""From a ``ParsedDocument`` to what every format draws: a header and sections of paragraphs with links.

All formats render the same ``ResumeLayout``, so PDF, DOCX and text carry the same words in the same
order. Text is cleaned here once: characters no XML document may hold (NUL, other C0/C1 controls, lone
surrogates) and bidirectional overrides (which can make printed text read differently from its bytes)
are removed, and runs of whitespace become one space. Links are made only for ``http``, ``https`` and
``mailto`` targets.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from attrs import frozen

from resumax_core.entities import BlockKind, ParsedDocument, SectionKind

STANDARD_HEADINGS: dict[SectionKind, str] = {
    SectionKind.SUMMARY: "Summary",
    SectionKind.EXPERIENCE: "Experience",
    SectionKind.EDUCATION: "Education",
    SectionKind.SKILLS: "Skills",
    SectionKind.CERTIFICATIONS: "Certifications",
    SectionKind.PROJECTS: "Projects",
    SectionKind.LANGUAGES: "Languages",
}
"""Headings for sections written without one. An untitled OTHER section stays untitled."""

CONTACT_SEPARATOR = " | "
MAX_URL_LENGTH = 2000

_UNSAFE_CHARS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff\u202a-\u202e\u2066-\u2069]"
)
_LINK = re.compile(
    r"(?P<url>\bhttps?://[^\s<>\"'|]+)|(?P<email>\b[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}\b)",
    re.IGNORECASE,
)
_BARE_DOMAIN = re.compile(r"^(?:www\.)?[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}(?:/\S*)?$")
_TRAILING_PUNCTUATION = ".,;:!?'\")]}"


@frozen
class Span:
    """A run of text, linking to ``href`` when set."""

    text: str
    href: str | None = None


@frozen
class Paragraph:
    """One block as drawn: an entry header (bold), a bullet, or plain text."""

    kind: BlockKind
    spans: tuple[Span, ...]

    @property
    def text(self) -> str:
        return "".join(span.text for span in self.spans)


@frozen
class LaidOutSection:
    kind: SectionKind
    heading: str | None
    paragraphs: tuple[Paragraph, ...]


@frozen
class ResumeLayout:
    """The header (name, one contact line, any other contact lines) and the sections in reading order."""

    name: str | None
    contact_line: tuple[Span, ...]
    header_lines: tuple[Paragraph, ...]
    sections: tuple[LaidOutSection, ...]

    @property
    def title(self) -> str:
        return self.name or "Resume"

    def all_text(self) -> str:
        parts = [self.name or "", "".join(span.text for span in self.contact_line)]
        parts.extend(line.text for line in self.header_lines)
        for section in self.sections:
            parts.append(section.heading or "")
            parts.extend(paragraph.text for paragraph in section.paragraphs)
        return "\n".join(parts)


def clean_text(text: str | None) -> str:
    """``text`` without unsafe characters and with whitespace collapsed; "" for None."""
    if not text:
        return ""
    return " ".join(_UNSAFE_CHARS.sub("", text).split())


def _trim_url(url: str) -> str:
    while url and url[-1] in _TRAILING_PUNCTUATION:
        if url[-1] == ")" and url.count("(") >= url.count(")"):
            break
        url = url[:-1]
    return url


def link_spans(text: str) -> tuple[Span, ...]:
    """``text`` split into spans, with each http(s) URL and email address a link."""
    spans: list[Span] = []
    position = 0
    for match in _LINK.finditer(text):
        start = match.start()
        if match.group("url"):
            found = _trim_url(match.group("url"))
            href = found if len(found) <= MAX_URL_LENGTH else None
        else:
            found = match.group("email")
            href = f"mailto:{found}"
        if start > position:
            spans.append(Span(text[position:start]))
        spans.append(Span(found, href))
        position = start + len(found)
    if position < len(text):
        spans.append(Span(text[position:]))
    return tuple(spans)


def contact_href(value: str) -> str | None:
    """Where a contact item links: its URL, ``mailto:`` for an email, https for a bare domain."""
    spans = link_spans(value)
    if len(spans) == 1 and spans[0].href:
        return spans[0].href
    if _BARE_DOMAIN.match(value) and len(value) < MAX_URL_LENGTH:
        return f"https://{value}"
    return None


def _unique(values: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    kept: list[str] = []
    for value in values:
        if value and value.casefold() not in seen:
            seen.add(value.casefold())
            kept.append(value)
    return kept


def build_layout(document: ParsedDocument) -> ResumeLayout:
    """The layout of ``document``: the CONTACT sections become the header, the rest sections.

    The name is ``contact.name``, else the first line of the contact section. A contact-section line
    holding anything beyond the known items (a street address, "LinkedIn:" labels) is kept as written,
    so no text is lost; the contact line then lists the email, phone, location and links that no kept
    line already shows.
    """
    contact_lines = [
        line
        for section in document.sections_of(SectionKind.CONTACT)
        for line in (clean_text(block.text) for block in section.blocks)
        if line
    ]
    contact = document.contact
    name = clean_text(contact.name) or (contact_lines[0] if contact_lines else "")
    items = _unique(
        clean_text(item) for item in (contact.email, contact.phone, contact.location, *contact.links)
    )

    def has_more_than_items(line: str) -> bool:
        rest = line
        for item in items:
            rest = re.sub(re.escape(item), " ", rest, flags=re.IGNORECASE)
        return bool(re.sub(r"[\W_]+", "", rest))

    kept = [
        line for line in contact_lines if line.casefold() != name.casefold() and has_more_than_items(line)
    ]
    shown = " ".join(kept).casefold()
    contact_line: list[Span] = []
    for item in (item for item in items if item.casefold() not in shown):
        if contact_line:
            contact_line.append(Span(CONTACT_SEPARATOR))
        contact_line.append(Span(item, contact_href(item)))
    header_lines = tuple(Paragraph(BlockKind.TEXT, link_spans(line)) for line in kept)
    return ResumeLayout(
        name=name or None,
        contact_line=tuple(contact_line),
        header_lines=header_lines,
        sections=tuple(_sections(document)),
    )


def _sections(document: ParsedDocument) -> Iterable[LaidOutSection]:
    for section in document.sections:
        if section.kind is SectionKind.CONTACT:
            continue
        heading = clean_text(section.heading) or STANDARD_HEADINGS.get(section.kind)
        paragraphs = tuple(
            Paragraph(block.kind, link_spans(text))
            for block in section.blocks
            if (text := clean_text(block.text))
        )
        if heading or paragraphs:
            yield LaidOutSection(section.kind, heading, paragraphs)
