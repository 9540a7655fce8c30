"""The resume as resuMAX understands it: sections of blocks, and the facts read from them.

Parsers produce ``TextLine``s (text plus layout hints); ``resumax_core.analysis.sections`` turns lines into
``Section``s and ``resumax_core.analysis.facts`` reads the facts (contact, experience, education...) from
sections. Renderers write a ``ParsedDocument``; suggested changes edit its sections. ``to_dict`` is the
``resumax parse --json`` contract and the JSON stored on a resume.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from attrs import field, frozen

from resumax_core.entities.enums import BlockKind, SectionKind


@frozen
class TextLine:
    """One line of text as a parser read it, with the layout hints that section detection uses.

    ``size`` is the dominant font size in points (None when the format has none, as in plain text);
    ``bullet`` is True when the line began with a bullet glyph, which the parser removed from ``text``;
    ``gap_before`` is the vertical space above the line in multiples of the body line height;
    ``style`` is a word-processor paragraph style name such as "Heading 1" when known.
    """

    text: str
    page: int = 0
    size: float | None = None
    bold: bool = False
    bullet: bool = False
    gap_before: float = 0.0
    style: str | None = None
    x: float = 0.0


@frozen
class Block:
    """A paragraph of a section: plain text, a bullet (without its glyph) or an entry header line."""

    kind: BlockKind
    text: str


@frozen
class Section:
    """A canonical section with the heading as written ("" for the untitled block at the top)."""

    kind: SectionKind
    heading: str
    blocks: tuple[Block, ...]
    confidence: float = 1.0

    @property
    def text(self) -> str:
        return "\n".join(block.text for block in self.blocks)


@frozen
class Contact:
    name: str | None = None
    email: str | None = None
    phone: str | None = None
    location: str | None = None
    links: tuple[str, ...] = ()


@frozen
class ExperienceEntry:
    """One role. Dates are normalised: "2021-03", "2021" or "present"; None when not stated."""

    employer: str | None = None
    title: str | None = None
    location: str | None = None
    start: str | None = None
    end: str | None = None
    bullets: tuple[str, ...] = ()


@frozen
class EducationEntry:
    institution: str | None = None
    degree: str | None = None
    start: str | None = None
    end: str | None = None


@frozen
class ParsedDocument:
    """A resume read into sections (in reading order) and the facts derived from them."""

    sections: tuple[Section, ...]
    contact: Contact = field(factory=Contact)
    experience: tuple[ExperienceEntry, ...] = ()
    education: tuple[EducationEntry, ...] = ()
    skills: tuple[str, ...] = ()
    certifications: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    projects: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    source_format: str = "text"
    pages: int = 1

    @property
    def text(self) -> str:
        parts: list[str] = []
        for section in self.sections:
            if section.heading:
                parts.append(section.heading)
            parts.extend(block.text for block in section.blocks)
        return "\n".join(parts)

    def sections_of(self, kind: SectionKind) -> tuple[Section, ...]:
        return tuple(section for section in self.sections if section.kind is kind)

    def to_dict(self) -> dict[str, Any]:
        return {
            "sections": [
                {
                    "kind": s.kind.value,
                    "heading": s.heading,
                    "text": s.text,
                    "confidence": round(s.confidence, 3),
                    "blocks": [{"kind": b.kind.value, "text": b.text} for b in s.blocks],
                }
                for s in self.sections
            ],
            "contact": {
                "name": self.contact.name,
                "email": self.contact.email,
                "phone": self.contact.phone,
                "location": self.contact.location,
                "links": list(self.contact.links),
            },
            "experience": [
                {
                    "employer": e.employer,
                    "title": e.title,
                    "location": e.location,
                    "start": e.start,
                    "end": e.end,
                    "bullets": list(e.bullets),
                }
                for e in self.experience
            ],
            "education": [
                {"institution": e.institution, "degree": e.degree, "start": e.start, "end": e.end}
                for e in self.education
            ],
            "skills": list(self.skills),
            "certifications": list(self.certifications),
            "languages": list(self.languages),
            "projects": list(self.projects),
            "warnings": list(self.warnings),
            "sourceFormat": self.source_format,
            "pages": self.pages,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ParsedDocument:
        """Rebuild a document stored with ``to_dict``. Raises KeyError/ValueError on a malformed dict."""
        sections = tuple(
            Section(
                kind=SectionKind(s["kind"]),
                heading=s.get("heading") or "",
                blocks=tuple(Block(BlockKind(b["kind"]), b["text"]) for b in s.get("blocks", ())),
                confidence=float(s.get("confidence", 1.0)),
            )
            for s in data["sections"]
        )
        contact = data.get("contact") or {}
        return cls(
            sections=sections,
            contact=Contact(
                name=contact.get("name"),
                email=contact.get("email"),
                phone=contact.get("phone"),
                location=contact.get("location"),
                links=tuple(contact.get("links") or ()),
            ),
            experience=tuple(
                ExperienceEntry(
                    employer=e.get("employer"),
                    title=e.get("title"),
                    location=e.get("location"),
                    start=e.get("start"),
                    end=e.get("end"),
                    bullets=tuple(e.get("bullets") or ()),
                )
                for e in data.get("experience") or ()
            ),
            education=tuple(
                EducationEntry(
                    institution=e.get("institution"),
                    degree=e.get("degree"),
                    start=e.get("start"),
                    end=e.get("end"),
                )
                for e in data.get("education") or ()
            ),
            skills=tuple(data.get("skills") or ()),
            certifications=tuple(data.get("certifications") or ()),
            languages=tuple(data.get("languages") or ()),
            projects=tuple(data.get("projects") or ()),
            warnings=tuple(data.get("warnings") or ()),
            source_format=data.get("sourceFormat", "text"),
            pages=int(data.get("pages", 1)),
        )
