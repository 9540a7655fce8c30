"""Reading resume files.

Contract for every adapter:
- ``parse`` returns a ParsedDocument whose sections are in reading order, or raises a ``DocumentError``
  subclass: ``UnsupportedFileType``, ``FileTypeMismatch`` (content disagrees with the declared type),
  ``FileTooLarge``, ``EmptyDocument`` (never an empty or invented resume), ``TooManyPages``,
  ``EncryptedDocument``, ``CorruptDocument``, ``NoTextLayer``, ``UnsafeDocument`` (zip bombs, entity
  expansion) or ``ParseLimitExceeded`` (time or memory bound hit).
- It never fetches anything over the network and never expands XML entities.
"""

from __future__ import annotations

from typing import Protocol

from resumax_core.entities import ParsedDocument

SUPPORTED_MEDIA_TYPES: dict[str, str] = {
    "application/pdf": "pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "text/plain": "text",
    "text/markdown": "markdown",
}
"""Media types resuMAX reads, mapped to the short format name used on ParsedDocument."""

EXTENSION_MEDIA_TYPES: dict[str, str] = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".txt": "text/plain",
    ".text": "text/plain",
    ".md": "text/markdown",
    ".markdown": "text/markdown",
}


class DocumentParser(Protocol):
    async def parse(self, data: bytes, media_type: str) -> ParsedDocument: ...
