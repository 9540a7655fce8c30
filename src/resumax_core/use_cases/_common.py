"""Small helpers shared by use cases."""

from __future__ import annotations

from typing import TypeVar

from resumax_core.entities import ParsedDocument, Resume
from resumax_core.errors import InvalidState, NotFound

T = TypeVar("T")


def require(record: T | None, what: str) -> T:
    """Return ``record`` or raise NotFound for ``what``: another user's record looks exactly like none."""
    if record is None:
        raise NotFound(f"{what} not found.")
    return record


def parsed_document(resume: Resume) -> ParsedDocument:
    """The resume's parsed document; InvalidState when parsing has not completed."""
    if resume.parsed_sections is None:
        raise InvalidState(
            "The resume has not been parsed yet.", details={"parseStatus": resume.parse_status.value}
        )
    return ParsedDocument.from_dict(resume.parsed_sections)
