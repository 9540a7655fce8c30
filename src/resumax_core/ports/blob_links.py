"""Signed blob links served by the app itself (local disk and in-memory stores).

A blob store that cannot sign URLs a browser talks to directly (unlike S3) hands out links to the app's
own ``/blobs/upload`` and ``/blobs/download`` routes, carrying a signed token. This port is what those
routes need from the store; a store that signs its own URLs does not implement it.

Contract:
- ``verify_token(token, operation)`` returns the grant a token carries when its signature is good, it is
  for ``operation`` ("upload" or "download") and it has not expired; otherwise it raises ``InvalidInput``
  with one message for every failure (a probe learns nothing about which check failed).
- ``write_upload(grant, data)`` stores ``data`` under the grant's key; it refuses a grant that is not an
  upload grant (``InvalidInput``) and more than ``max_bytes`` (``FileTooLarge``).
- ``read_download(grant)`` returns the bytes under a download grant's key; ``NotFound`` when the object is
  gone, ``InvalidInput`` for a grant that is not a download grant.
- Backend failures surface as ``StorageUnavailable``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Protocol, TypeVar, runtime_checkable

UPLOAD = "upload"
DOWNLOAD = "download"


class BlobGrant(Protocol):
    """What a verified token allows: one ``operation`` on one ``key`` until ``expires_at``.

    Upload grants carry ``max_bytes`` and ``content_type``; download grants carry ``filename``.
    """

    @property
    def key(self) -> str: ...

    @property
    def operation(self) -> str: ...

    @property
    def expires_at(self) -> datetime: ...

    @property
    def max_bytes(self) -> int | None: ...

    @property
    def content_type(self) -> str | None: ...

    @property
    def filename(self) -> str | None: ...


G = TypeVar("G", bound=BlobGrant)


@runtime_checkable
class BlobLinks(Protocol[G]):
    """Checks the app-served links of a blob store and moves the bytes they grant."""

    def verify_token(self, token: str, operation: str) -> G: ...

    async def write_upload(self, grant: G, data: bytes) -> None: ...

    async def read_download(self, grant: G) -> bytes: ...
