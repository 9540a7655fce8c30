"""Errors that resuMAX reports, each with a stable machine-readable ``code``.

Shells map codes, never classes from adapters: the HTTP shell turns a code into a status in one table,
the CLI turns it into an exit code. Adapters translate vendor exceptions into these at their edge
(``raise StorageUnavailable(...) from exc``), so nothing above them ever sees a vendor error.

The hierarchy::

    ResumaxError                      internal_error
    ├── InvalidInput                  invalid_input
    │   └── DocumentError             document_error
    │       ├── UnsupportedFileType   unsupported_file_type
    │       ├── FileTypeMismatch      file_type_mismatch
    │       ├── FileTooLarge          file_too_large
    │       ├── EmptyDocument         empty_document
    │       ├── TooManyPages          too_many_pages
    │       ├── EncryptedDocument     encrypted_document
    │       ├── CorruptDocument       corrupt_document
    │       ├── NoTextLayer           no_text_layer
    │       ├── UnsafeDocument        unsafe_document
    │       └── ParseLimitExceeded    parse_limit_exceeded
    ├── Unauthorized                  unauthorized
    ├── Forbidden                     forbidden
    ├── NotFound                      not_found
    ├── Conflict                      conflict
    │   ├── InvalidState              invalid_state
    │   └── IdempotencyConflict       idempotency_conflict
    ├── RateLimited                   rate_limited
    └── Unavailable                   unavailable
        ├── DatabaseUnavailable       database_unavailable
        ├── StorageUnavailable        storage_unavailable
        ├── QueueUnavailable          queue_unavailable
        └── LLMUnavailable            llm_unavailable
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar


class ResumaxError(Exception):
    """Base of every error resuMAX raises on purpose.

    ``message`` is written for a person; ``details`` carries structured context that is safe to show
    (never secrets, never resume text).
    """

    code: ClassVar[str] = "internal_error"
    default_message: ClassVar[str] = "Something went wrong inside resuMAX."

    def __init__(self, message: str | None = None, *, details: Mapping[str, Any] | None = None) -> None:
        self.message = message or self.default_message
        self.details: dict[str, Any] = dict(details or {})
        super().__init__(self.message)

    def to_dict(self) -> dict[str, Any]:
        body: dict[str, Any] = {"code": self.code, "message": self.message}
        if self.details:
            body["details"] = self.details
        return body


class InvalidInput(ResumaxError):
    code = "invalid_input"
    default_message = "The input is not valid."


class DocumentError(InvalidInput):
    code = "document_error"
    default_message = "The document could not be read."


class UnsupportedFileType(DocumentError):
    code = "unsupported_file_type"
    default_message = "This file type is not supported; use PDF, DOCX, TXT or Markdown."


class FileTypeMismatch(DocumentError):
    code = "file_type_mismatch"
    default_message = "The file's content does not match its declared type."


class FileTooLarge(DocumentError):
    code = "file_too_large"
    default_message = "The file is too large."


class EmptyDocument(DocumentError):
    code = "empty_document"
    default_message = "The document is empty or has no readable text."


class TooManyPages(DocumentError):
    code = "too_many_pages"
    default_message = "The document has too many pages for a resume."


class EncryptedDocument(DocumentError):
    code = "encrypted_document"
    default_message = "The document is encrypted or password-protected; export an unprotected copy."


class CorruptDocument(DocumentError):
    code = "corrupt_document"
    default_message = "The document is damaged or truncated and cannot be read."


class NoTextLayer(DocumentError):
    code = "no_text_layer"
    default_message = "The PDF has no text layer (a scan); install the ocr extra to read it."


class UnsafeDocument(DocumentError):
    code = "unsafe_document"
    default_message = "The document was rejected because its structure is unsafe."


class ParseLimitExceeded(DocumentError):
    code = "parse_limit_exceeded"
    default_message = "Reading the document took more time or memory than allowed."


class Unauthorized(ResumaxError):
    """The caller is not authenticated: no token, or a token that is invalid, expired or revoked."""

    code = "unauthorized"
    default_message = "Authentication is required, or the credentials are invalid or expired."


class Forbidden(ResumaxError):
    """The caller is authenticated but may not do this (e.g. uploads before the email is verified)."""

    code = "forbidden"
    default_message = "You are not allowed to do that."


class NotFound(ResumaxError):
    code = "not_found"
    default_message = "Not found."


class Conflict(ResumaxError):
    code = "conflict"
    default_message = "The request conflicts with the current state."


class InvalidState(Conflict):
    code = "invalid_state"
    default_message = "That action is not possible in the record's current state."


class IdempotencyConflict(Conflict):
    code = "idempotency_conflict"
    default_message = "This Idempotency-Key was already used with a different request."


class RateLimited(ResumaxError):
    code = "rate_limited"
    default_message = "Too many requests; try again later."

    def __init__(
        self,
        message: str | None = None,
        *,
        retry_after: float = 1.0,
        details: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(message, details=details)
        self.retry_after = retry_after


class Unavailable(ResumaxError):
    code = "unavailable"
    default_message = "A service resuMAX depends on is unavailable; try again shortly."


class DatabaseUnavailable(Unavailable):
    code = "database_unavailable"
    default_message = "The database is unavailable; try again shortly."


class StorageUnavailable(Unavailable):
    code = "storage_unavailable"
    default_message = "File storage is unavailable; try again shortly."


class QueueUnavailable(Unavailable):
    code = "queue_unavailable"
    default_message = "The job queue is unavailable; try again shortly."


class LLMUnavailable(Unavailable):
    code = "llm_unavailable"
    default_message = "The language model did not give a usable answer."


def all_error_classes() -> list[type[ResumaxError]]:
    """Every error class, base first; used to check that codes are unique and mapped by each shell."""
    found: list[type[ResumaxError]] = []
    pending: list[type[ResumaxError]] = [ResumaxError]
    while pending:
        cls = pending.pop(0)
        found.append(cls)
        pending.extend(cls.__subclasses__())
    return found
