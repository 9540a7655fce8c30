"""``S3BlobStore``: blobs as objects in one S3 bucket (AWS, or any S3-compatible server: MinIO, moto).

Every key lives under the store's ``prefix`` in ``bucket``. Keys, prefixes, content types, filenames and
link lifetimes are checked by ``storage.checks`` before S3 sees them, exactly as the local store does.

- ``put`` is one PutObject: S3 makes it atomic (readers see the whole old or the whole new object).
  Objects are written with their content type and, unless disabled, server-side encryption.
- Uploads go straight from the browser to S3 with a presigned POST whose policy fixes the key and the
  content type and caps the size (``content-length-range`` 1..max_bytes): a presigned PUT cannot cap
  the size. Downloads are presigned GETs that make S3 answer with an RFC 6266 attachment header.
  S3 verifies both; this store serves no links of its own (no ``verify_token``).
- Every botocore failure (connection, timeout, throttling, 5xx, access denied, missing bucket) is
  ``StorageUnavailable``, chained to the vendor error; a missing object is ``NotFound``. Keys are never
  logged (they name users), only the operation and S3's error code.

boto3 is synchronous: each call runs in a worker thread (``asyncio.to_thread``) on one client per
store, created on first use (botocore clients are thread-safe; creating one is not, hence the lock).
"""

from __future__ import annotations

import asyncio
import logging
import math
import re
import threading
import unicodedata
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any, Final, TypeVar
from urllib.parse import parse_qs, quote, urlsplit

import boto3
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

from resumax_adapters.storage.checks import (
    check_content_type,
    check_expires_in,
    check_filename,
    check_key,
    check_max_bytes,
    check_prefix,
)
from resumax_adapters.system.clock import SystemClock
from resumax_core.errors import NotFound, StorageUnavailable
from resumax_core.ports.blob_store import PresignedUpload
from resumax_core.ports.clock import Clock

log = logging.getLogger(__name__)

T = TypeVar("T")

DELETE_BATCH: Final = 1000
"""S3's limit on keys per DeleteObjects request."""

SSE_MODES: Final = ("AES256", "aws:kms")
_BUCKET = re.compile(r"^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")
_MISSING_CODES: Final = frozenset({"NoSuchKey", "404", "NotFound"})
_UNSAFE_FILENAME_CHARS = re.compile(r"[^A-Za-z0-9 ._()+-]")


def content_disposition(filename: str) -> str:
    """An RFC 6266 attachment header: an ASCII fallback name and the exact name as RFC 5987 UTF-8."""
    ascii_name = unicodedata.normalize("NFKD", filename).encode("ascii", "ignore").decode("ascii")
    fallback = _UNSAFE_FILENAME_CHARS.sub("_", ascii_name).strip("._ ")[:150] or "download"
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"


class S3BlobStore:
    """A ``BlobStore`` on S3 whose presigned URLs S3 itself verifies.

    ``bucket`` must exist; ``prefix`` ("" or a folder such as ``"resumax/"``) is prepended to every key.
    ``endpoint_url`` targets an S3-compatible server (path-style addressing is then used); ``region``
    defaults to the environment's. ``server_side_encryption`` is ``"AES256"`` (SSE-S3, the default),
    ``"aws:kms"`` (the bucket's KMS key) or None. ``clock`` dates the ``expires_at`` of upload links.
    Credentials come from boto3's usual chain (environment, profile, instance role), never from the URL.
    """

    def __init__(
        self,
        *,
        bucket: str,
        prefix: str = "",
        endpoint_url: str | None = None,
        region: str | None = None,
        server_side_encryption: str | None = "AES256",
        clock: Clock,
        max_pool_connections: int = 32,
        connect_timeout: float = 5.0,
        read_timeout: float = 30.0,
        max_attempts: int = 3,
    ) -> None:
        if not _BUCKET.match(bucket) or ".." in bucket:
            raise ValueError("invalid S3 bucket name")
        if prefix and not prefix.endswith("/"):
            prefix += "/"
        if prefix:
            check_prefix(prefix)
        if server_side_encryption is not None and server_side_encryption not in SSE_MODES:
            raise ValueError(f"server_side_encryption must be one of {SSE_MODES} or None")
        self._bucket = bucket
        self._prefix = prefix
        self._endpoint_url = endpoint_url
        self._region = region
        self._sse = server_side_encryption
        self._clock = clock
        self._config = Config(
            signature_version="s3v4",
            s3={"addressing_style": "path" if endpoint_url else "auto"},
            retries={"max_attempts": max_attempts, "mode": "standard"},
            connect_timeout=connect_timeout,
            read_timeout=read_timeout,
            max_pool_connections=max_pool_connections,
        )
        self._client_lock = threading.Lock()
        self._s3: Any = None

    @classmethod
    def from_url(
        cls, url: str, *, clock: Clock | None = None, endpoint_url: str | None = None, **options: Any
    ) -> S3BlobStore:
        """A store from ``s3://bucket/prefix?endpoint=http://host:port&region=us-east-1&sse=AES256``.

        Every query parameter is optional: ``endpoint`` (an S3-compatible server; the ``endpoint_url``
        argument wins when given), ``region``, ``sse`` (``AES256``, ``aws:kms`` or ``none``). ``options``
        are passed to the constructor. ValueError for a URL that is not ``s3://`` with a bucket.
        """
        parts = urlsplit(url)
        if parts.scheme.lower() != "s3" or not parts.netloc:
            raise ValueError("an S3 storage URL looks like s3://bucket/prefix")
        if "@" in parts.netloc or ":" in parts.netloc:
            raise ValueError("an S3 storage URL names a bucket only; credentials come from the environment")
        query = {name: values[-1] for name, values in parse_qs(parts.query).items()}
        unknown = set(query) - {"endpoint", "region", "sse"}
        if unknown:
            raise ValueError(f"unknown S3 URL parameter(s): {', '.join(sorted(unknown))}")
        sse: str | None = query.get("sse", "AES256")
        if sse is not None and sse.lower() in ("", "none", "off"):
            sse = None
        return cls(
            bucket=parts.netloc,
            prefix=parts.path.strip("/"),
            endpoint_url=endpoint_url or query.get("endpoint") or None,
            region=query.get("region") or None,
            server_side_encryption=sse,
            clock=clock or SystemClock(),
            **options,
        )

    @property
    def bucket(self) -> str:
        return self._bucket

    @property
    def prefix(self) -> str:
        return self._prefix

    async def put(self, key: str, data: bytes, content_type: str) -> None:
        """Store ``data`` under ``key`` (replacing any object) with its content type."""
        name = self._name(key)
        check_content_type(content_type)
        params: dict[str, Any] = {
            "Bucket": self._bucket,
            "Key": name,
            "Body": bytes(data),
            "ContentType": content_type,
        }
        if self._sse:
            params["ServerSideEncryption"] = self._sse
        await self._call("put", lambda s3: s3.put_object(**params))

    async def get(self, key: str) -> bytes:
        """The object's bytes; ``NotFound`` when there is none."""
        name = self._name(key)

        def read(s3: Any) -> bytes:
            body = s3.get_object(Bucket=self._bucket, Key=name)["Body"]
            try:
                return bytes(body.read())
            finally:
                body.close()

        return await self._call("get", read, missing=NotFound("File not found."))

    async def exists(self, key: str) -> bool:
        name = self._name(key)

        def head(s3: Any) -> bool:
            try:
                s3.head_object(Bucket=self._bucket, Key=name)
            except ClientError as exc:
                if _is_missing(exc):
                    return False
                raise
            return True

        return await self._call("exists", head)

    async def delete(self, key: str) -> None:
        """Remove the object; a missing key is a no-op (S3 answers 204 either way)."""
        name = self._name(key)
        await self._call("delete", lambda s3: s3.delete_object(Bucket=self._bucket, Key=name))

    async def delete_prefix(self, prefix: str) -> int:
        """Delete every object under ``prefix`` (ending with "/"), 1000 per request; return how many."""
        check_prefix(prefix)
        return await self._call("delete_prefix", lambda s3: self._delete_under(s3, self._prefix + prefix))

    async def presign_upload(
        self, key: str, *, content_type: str, max_bytes: int, expires_in: int
    ) -> PresignedUpload:
        """A presigned POST: send ``fields`` then the file as multipart/form-data to ``url``. Its policy
        binds the key, the content type (and encryption) and allows 1 to ``max_bytes`` bytes."""
        name = self._name(key)
        check_content_type(content_type)
        check_max_bytes(max_bytes)
        check_expires_in(expires_in)
        fields: dict[str, str] = {"Content-Type": content_type}
        conditions: list[Any] = [{"Content-Type": content_type}, ["content-length-range", 1, max_bytes]]
        if self._sse:
            fields["x-amz-server-side-encryption"] = self._sse
            conditions.append({"x-amz-server-side-encryption": self._sse})
        expires_at = self._expiry(expires_in)
        post = await self._call(
            "presign_upload",
            lambda s3: s3.generate_presigned_post(
                Bucket=self._bucket, Key=name, Fields=fields, Conditions=conditions, ExpiresIn=expires_in
            ),
        )
        return PresignedUpload(
            url=post["url"],
            method="POST",
            expires_at=expires_at,
            max_bytes=max_bytes,
            fields={str(k): str(v) for k, v in post["fields"].items()},
        )

    async def presign_download(self, key: str, *, filename: str, expires_in: int) -> str:
        """A presigned GET serving the object as an attachment named ``filename`` (RFC 6266)."""
        name = self._name(key)
        check_filename(filename)
        check_expires_in(expires_in)
        params = {
            "Bucket": self._bucket,
            "Key": name,
            "ResponseContentDisposition": content_disposition(filename),
        }
        url: str = await self._call(
            "presign_download",
            lambda s3: s3.generate_presigned_url("get_object", Params=params, ExpiresIn=expires_in),
        )
        return url

    async def aclose(self) -> None:
        """Close the client's connection pool; the store makes a new client if used again."""
        with self._client_lock:
            s3, self._s3 = self._s3, None
        if s3 is not None:
            await asyncio.to_thread(s3.close)

    def _name(self, key: str) -> str:
        return self._prefix + check_key(key)

    def _expiry(self, expires_in: int) -> datetime:
        now = math.floor(self._clock.now().timestamp())
        return datetime.fromtimestamp(now, UTC) + timedelta(seconds=expires_in)

    def _client(self) -> Any:
        with self._client_lock:
            if self._s3 is None:
                session = boto3.session.Session()
                self._s3 = session.client(
                    "s3", endpoint_url=self._endpoint_url, region_name=self._region, config=self._config
                )
            return self._s3

    async def _call(
        self, operation: str, action: Callable[[Any], T], *, missing: Exception | None = None
    ) -> T:
        """Run ``action(client)`` in a thread, translating botocore errors at this edge."""

        def run() -> T:
            return action(self._client())

        try:
            return await asyncio.to_thread(run)
        except ClientError as exc:
            if missing is not None and _is_missing(exc):
                raise missing from exc
            log.warning("S3 %s failed: %s (HTTP %s)", operation, _code(exc), _status(exc))
            raise StorageUnavailable() from exc
        except BotoCoreError as exc:
            log.warning("S3 %s failed: %s", operation, type(exc).__name__)
            raise StorageUnavailable() from exc

    def _delete_under(self, s3: Any, full_prefix: str) -> int:
        deleted = 0
        batch: list[dict[str, str]] = []
        for page in s3.get_paginator("list_objects_v2").paginate(Bucket=self._bucket, Prefix=full_prefix):
            for item in page.get("Contents", ()):
                batch.append({"Key": item["Key"]})
                if len(batch) == DELETE_BATCH:
                    deleted += self._delete_batch(s3, batch)
                    batch = []
        if batch:
            deleted += self._delete_batch(s3, batch)
        return deleted

    def _delete_batch(self, s3: Any, batch: list[dict[str, str]]) -> int:
        answer = s3.delete_objects(Bucket=self._bucket, Delete={"Objects": batch, "Quiet": True})
        errors = answer.get("Errors") or ()
        if errors:
            codes = sorted({str(error.get("Code")) for error in errors})
            log.warning("S3 delete_prefix: %d of %d deletions failed (%s)", len(errors), len(batch), codes)
            raise StorageUnavailable()
        return len(batch)


def _code(exc: ClientError) -> str:
    return str(exc.response.get("Error", {}).get("Code", "unknown"))


def _status(exc: ClientError) -> object:
    return exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode")


def _is_missing(exc: ClientError) -> bool:
    return _code(exc) in _MISSING_CODES
