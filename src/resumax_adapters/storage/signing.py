"""Signed, expiring links for blob stores whose files are served by the app itself (local disk, memory).

A link carries a token: ``v1.<payload>.<mac>``, both parts base64url without padding. The payload is
compact JSON binding the key, the operation ("upload" or "download"), the expiry (whole seconds since the
epoch, from the injected clock) and either the size cap and content type (upload) or the download
filename. The MAC is HMAC-SHA256 over a domain-separation label and the encoded payload, compared in
constant time. Every failure (bad shape, bad MAC, wrong operation, expired) reads the same to the caller:
``InvalidInput`` with one message, so a probe learns nothing about which check failed.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import math
from datetime import UTC, datetime, timedelta
from typing import Any, Final

from attrs import frozen

from resumax_adapters.storage.checks import (
    check_content_type,
    check_expires_in,
    check_filename,
    check_key,
    check_max_bytes,
)
from resumax_core.errors import FileTooLarge, InvalidInput
from resumax_core.ports.blob_store import PresignedUpload
from resumax_core.ports.clock import Clock

UPLOAD: Final = "upload"
DOWNLOAD: Final = "download"
OPERATIONS: Final = (UPLOAD, DOWNLOAD)

_VERSION: Final = "v1"
_LABEL: Final = b"resumax.blob-link.v1\x00"
_MAX_TOKEN_LENGTH: Final = 4096
_INVALID_LINK: Final = "This link is invalid or has expired."


@frozen
class SignedGrant:
    """What a verified token allows: one ``operation`` on one ``key`` until ``expires_at``.

    Upload grants carry ``max_bytes`` and ``content_type``; download grants carry ``filename``.
    """

    key: str
    operation: str
    expires_at: datetime
    max_bytes: int | None = None
    content_type: str | None = None
    filename: str | None = None


def _b64encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _b64decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def check_upload(grant: SignedGrant, data: bytes) -> None:
    """Raise unless ``data`` may be written under ``grant``: an upload grant and at most ``max_bytes``."""
    if grant.operation != UPLOAD:
        raise InvalidInput(_INVALID_LINK)
    limit = grant.max_bytes if grant.max_bytes is not None else 0
    if len(data) > limit:
        raise FileTooLarge(details={"max_bytes": limit})


class BlobLinkSigner:
    """Makes and checks the app-served presigned URLs of a blob store.

    ``signing_key`` is a secret of at least 16 bytes (32 random bytes recommended); ``base_url`` is the
    app's public origin, to which ``/blobs/upload`` and ``/blobs/download`` are appended.
    """

    def __init__(self, signing_key: bytes, base_url: str, clock: Clock) -> None:
        if not isinstance(signing_key, bytes) or len(signing_key) < 16:
            raise ValueError("signing_key must be at least 16 bytes")
        self._key = signing_key
        self._base_url = base_url.rstrip("/")
        self._clock = clock

    def upload(self, key: str, *, content_type: str, max_bytes: int, expires_in: int) -> PresignedUpload:
        """A PUT URL letting its holder write at most ``max_bytes`` of ``content_type`` to ``key``."""
        check_key(key)
        check_content_type(content_type)
        check_max_bytes(max_bytes)
        expires = self._expiry(expires_in)
        token = self._sign({"k": key, "op": UPLOAD, "exp": expires, "mb": max_bytes, "ct": content_type})
        return PresignedUpload(
            url=f"{self._base_url}/blobs/upload?token={token}",
            method="PUT",
            expires_at=datetime.fromtimestamp(expires, UTC),
            max_bytes=max_bytes,
        )

    def download(self, key: str, *, filename: str, expires_in: int) -> str:
        """A GET URL serving ``key`` as an attachment named ``filename``."""
        check_key(key)
        check_filename(filename)
        expires = self._expiry(expires_in)
        token = self._sign({"k": key, "op": DOWNLOAD, "exp": expires, "fn": filename})
        return f"{self._base_url}/blobs/download?token={token}"

    def verify(self, token: str, operation: str) -> SignedGrant:
        """The grant a token carries, if its MAC is good, it is for ``operation`` and it has not expired.

        Raises ``InvalidInput`` (one message for every failure) otherwise.
        """
        if operation not in OPERATIONS:
            raise ValueError(f"operation must be one of {OPERATIONS}")
        claims = self._claims(token)
        if claims is None or claims.get("op") != operation:
            raise InvalidInput(_INVALID_LINK)
        expires = claims.get("exp")
        if not isinstance(expires, int) or self._clock.now().timestamp() >= expires:
            raise InvalidInput(_INVALID_LINK)
        key = claims.get("k")
        if not isinstance(key, str):
            raise InvalidInput(_INVALID_LINK)
        max_bytes = claims.get("mb")
        content_type = claims.get("ct")
        filename = claims.get("fn")
        return SignedGrant(
            key=key,
            operation=operation,
            expires_at=datetime.fromtimestamp(expires, UTC),
            max_bytes=max_bytes if isinstance(max_bytes, int) else None,
            content_type=content_type if isinstance(content_type, str) else None,
            filename=filename if isinstance(filename, str) else None,
        )

    def _expiry(self, expires_in: int) -> int:
        check_expires_in(expires_in)
        now = self._clock.now()
        return math.floor((now + timedelta(seconds=expires_in)).timestamp())

    def _mac(self, encoded_payload: str) -> bytes:
        return hmac.new(self._key, _LABEL + encoded_payload.encode("ascii"), hashlib.sha256).digest()

    def _sign(self, claims: dict[str, Any]) -> str:
        payload = _b64encode(json.dumps(claims, separators=(",", ":"), sort_keys=True).encode("utf-8"))
        return f"{_VERSION}.{payload}.{_b64encode(self._mac(payload))}"

    def _claims(self, token: str) -> dict[str, Any] | None:
        """The payload of a well-formed token with a valid MAC, else None."""
        if not isinstance(token, str) or len(token) > _MAX_TOKEN_LENGTH or not token.isascii():
            return None
        parts = token.split(".")
        if len(parts) != 3 or parts[0] != _VERSION:
            return None
        _, payload, signature = parts
        # Compared as text, not decoded bytes: base64 decoding skips stray characters, which would let
        # many spellings of one token verify.
        if not hmac.compare_digest(signature, _b64encode(self._mac(payload))):
            return None
        try:
            claims = json.loads(_b64decode(payload))
        except (binascii.Error, ValueError):
            return None
        return claims if isinstance(claims, dict) else None
