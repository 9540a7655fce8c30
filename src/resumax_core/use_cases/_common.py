"""Small helpers shared by use cases."""

from __future__ import annotations

from typing import TypeVar

from resumax_core.entities import ParsedDocument, Resume, User
from resumax_core.errors import Forbidden, InvalidState, NotFound, Unauthorized
from resumax_core.ports import UnitOfWork

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


async def verified_user(uow: UnitOfWork, user_id: str) -> User:
    """The user, who must have confirmed their email: uploads and jobs wait for it."""
    user = await uow.users.get(user_id)
    if user is None:
        raise Unauthorized()
    if user.email_verified_at is None:
        raise Forbidden(
            "Confirm your email address first: follow the link we emailed you.",
            details={"reason": "email_not_verified"},
        )
    return user
