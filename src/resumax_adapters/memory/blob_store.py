"""``InMemoryBlobStore``: a ``BlobStore`` held in a dict, with the local store's observable behaviour.

Same key rules, same errors, same signed links (``resumax_adapters.storage.signing``), so tests and an
embedded ``memory://`` setup behave like ``LocalBlobStore``. Objects are immutable ``bytes`` replaced in
one assignment, which is what makes ``put`` atomic here.
"""

from __future__ import annotations

import secrets

from resumax_adapters.storage.checks import check_key, check_prefix
from resumax_adapters.storage.signing import DOWNLOAD, BlobLinkSigner, SignedGrant, check_upload
from resumax_adapters.system.clock import SystemClock
from resumax_core.errors import InvalidInput, NotFound
from resumax_core.ports.blob_store import PresignedUpload
from resumax_core.ports.clock import Clock


class InMemoryBlobStore:
    """A ``BlobStore`` in memory. Without arguments it signs with a random key against the system clock
    and ``http://testserver``; pass them to verify links across instances or to control expiry."""

    def __init__(
        self,
        *,
        signing_key: bytes | None = None,
        base_url: str = "http://testserver",
        clock: Clock | None = None,
    ) -> None:
        self._objects: dict[str, tuple[bytes, str]] = {}
        self._links = BlobLinkSigner(
            secrets.token_bytes(32) if signing_key is None else signing_key, base_url, clock or SystemClock()
        )

    async def put(self, key: str, data: bytes, content_type: str) -> None:
        check_key(key)
        self._objects[key] = (bytes(data), content_type)

    async def get(self, key: str) -> bytes:
        try:
            return self._objects[check_key(key)][0]
        except KeyError:
            raise NotFound("File not found.") from None

    async def exists(self, key: str) -> bool:
        return check_key(key) in self._objects

    async def delete(self, key: str) -> None:
        self._objects.pop(check_key(key), None)

    async def delete_prefix(self, prefix: str) -> int:
        check_prefix(prefix)
        doomed = [key for key in self._objects if key.startswith(prefix)]
        for key in doomed:
            del self._objects[key]
        return len(doomed)

    async def presign_upload(
        self, key: str, *, content_type: str, max_bytes: int, expires_in: int
    ) -> PresignedUpload:
        return self._links.upload(key, content_type=content_type, max_bytes=max_bytes, expires_in=expires_in)

    async def presign_download(self, key: str, *, filename: str, expires_in: int) -> str:
        return self._links.download(key, filename=filename, expires_in=expires_in)

    def verify_token(self, token: str, operation: str) -> SignedGrant:
        """The grant of a link made by this store; ``InvalidInput`` if bad, expired or for another op."""
        return self._links.verify(token, operation)

    async def write_upload(self, grant: SignedGrant, data: bytes) -> None:
        """Store an upload made through a verified upload link, refusing more than its ``max_bytes``."""
        check_upload(grant, data)
        await self.put(grant.key, data, grant.content_type or "application/octet-stream")

    async def read_download(self, grant: SignedGrant) -> bytes:
        """The bytes a verified download link serves; ``NotFound`` when the object is gone."""
        if grant.operation != DOWNLOAD:
            raise InvalidInput("This link is invalid or has expired.")
        return await self.get(grant.key)

    def keys(self) -> list[str]:
        """Every stored key, sorted (for assertions in tests)."""
        return sorted(self._objects)

    def content_type(self, key: str) -> str:
        """The content type an object was stored with; ``NotFound`` when there is none."""
        try:
            return self._objects[check_key(key)][1]
        except KeyError:
            raise NotFound("File not found.") from None
