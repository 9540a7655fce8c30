"""File storage for uploads and exports.

Contract for every adapter:
- Keys are made by the server (see ``resumax_core.storage_keys``), never from a user's filename.
- ``put`` is atomic: a reader sees the whole old object, the whole new one, or nothing; never a part.
- ``get`` of a missing key raises ``NotFound``; ``delete`` of a missing key is a no-op.
- Presigned URLs expire after ``expires_in`` seconds and grant access to exactly one key; an upload URL
  also caps the size at ``max_bytes``.
- Failures of the backend surface as ``StorageUnavailable``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from attrs import field, frozen


@frozen
class PresignedUpload:
    """Where and how a client uploads one file: ``method`` is POST (multipart form with ``fields``
    plus the file) or PUT (the raw bytes as body)."""

    url: str
    method: str
    expires_at: datetime
    max_bytes: int
    fields: dict[str, str] = field(factory=dict)


class BlobStore(Protocol):
    async def put(self, key: str, data: bytes, content_type: str) -> None: ...

    async def get(self, key: str) -> bytes: ...

    async def exists(self, key: str) -> bool: ...

    async def delete(self, key: str) -> None: ...

    async def delete_prefix(self, prefix: str) -> int:
        """Delete every object under ``prefix`` (which must end with "/"); return how many."""

    async def presign_upload(
        self, key: str, *, content_type: str, max_bytes: int, expires_in: int
    ) -> PresignedUpload: ...

    async def presign_download(self, key: str, *, filename: str, expires_in: int) -> str:
        """A URL that serves the object as an attachment named ``filename`` until it expires."""
