"""``LocalBlobStore``: blobs as files under one directory, for the embedded default (``file://``).

Each key is a relative path under ``root``. Writes go to a temporary file in the target directory,
are fsynced, then renamed over the target (``os.replace``), so a reader sees the whole old file or the
whole new one and a crash never leaves half a file under a key. Directories are created on the first
write, never at import or construction. The content type is not stored: downloads are served with the
type and filename bound into their signed link. Filesystem failures (disk full, permissions) surface as
``StorageUnavailable``; blocking calls run in a worker thread.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import tempfile
from pathlib import Path

from resumax_adapters.storage.checks import check_key, check_prefix
from resumax_adapters.storage.signing import DOWNLOAD, BlobLinkSigner, SignedGrant, check_upload
from resumax_core.errors import InvalidInput, NotFound, StorageUnavailable
from resumax_core.ports.blob_store import PresignedUpload
from resumax_core.ports.clock import Clock

_TEMP_PREFIX = "."
_MISSING = (FileNotFoundError, IsADirectoryError, NotADirectoryError)


class LocalBlobStore:
    """A ``BlobStore`` on the local filesystem whose presigned URLs are served by the app.

    ``root`` is the directory holding every blob; ``signing_key``, ``base_url`` and ``clock`` make and
    check the links (see ``resumax_adapters.storage.signing``).
    """

    def __init__(self, root: Path, *, signing_key: bytes, base_url: str, clock: Clock) -> None:
        self._root = Path(root).absolute()
        self._links = BlobLinkSigner(signing_key, base_url, clock)

    @property
    def root(self) -> Path:
        return self._root

    async def put(self, key: str, data: bytes, content_type: str) -> None:
        """Store ``data`` under ``key`` atomically, replacing any previous object."""
        path = self._path(key)
        payload = bytes(data)
        try:
            await asyncio.to_thread(self._write_atomically, path, payload)
        except OSError as exc:
            raise StorageUnavailable() from exc

    async def get(self, key: str) -> bytes:
        """The object's bytes; ``NotFound`` when there is none."""
        path = self._path(key)
        try:
            return await asyncio.to_thread(path.read_bytes)
        except _MISSING as exc:
            raise NotFound("File not found.") from exc
        except OSError as exc:
            raise StorageUnavailable() from exc

    async def exists(self, key: str) -> bool:
        path = self._path(key)
        try:
            return await asyncio.to_thread(path.is_file)
        except OSError as exc:
            raise StorageUnavailable() from exc

    async def delete(self, key: str) -> None:
        """Remove the object; a missing key is a no-op."""
        path = self._path(key)
        try:
            await asyncio.to_thread(path.unlink)
        except _MISSING:
            return
        except OSError as exc:
            raise StorageUnavailable() from exc

    async def delete_prefix(self, prefix: str) -> int:
        """Delete every object under ``prefix`` (ending with "/") and its folders; return how many."""
        check_prefix(prefix)
        folder = self._path(prefix[:-1])
        try:
            return await asyncio.to_thread(self._delete_tree, folder)
        except OSError as exc:
            raise StorageUnavailable() from exc

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
        """Store an upload made through a verified upload link, refusing more than its ``max_bytes``
        (``FileTooLarge``)."""
        check_upload(grant, data)
        await self.put(grant.key, data, grant.content_type or "application/octet-stream")

    async def read_download(self, grant: SignedGrant) -> bytes:
        """The bytes a verified download link serves; ``NotFound`` when the object is gone."""
        if grant.operation != DOWNLOAD:
            raise InvalidInput("This link is invalid or has expired.")
        return await self.get(grant.key)

    def _path(self, key: str) -> Path:
        check_key(key)
        path = self._root / key
        # resolve() follows symlinks, so a link planted under root cannot lead a key outside it.
        if not path.resolve().is_relative_to(self._root.resolve()):
            raise ValueError("storage key escapes the storage root")
        return path

    @staticmethod
    def _write_atomically(path: Path, data: bytes) -> None:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, temp_name = tempfile.mkstemp(prefix=_TEMP_PREFIX, suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temp_name, path)
        except BaseException:
            Path(temp_name).unlink(missing_ok=True)
            raise
        _fsync_directory(path.parent)

    @staticmethod
    def _delete_tree(folder: Path) -> int:
        if not folder.is_dir():
            return 0
        deleted = 0
        for directory, _subdirs, files in os.walk(folder, topdown=False):
            for name in files:
                try:
                    Path(directory, name).unlink()
                except FileNotFoundError:
                    continue
                if not name.startswith(_TEMP_PREFIX):
                    deleted += 1
            # A folder a concurrent put has just written into stays, with that new object.
            with contextlib.suppress(OSError):
                os.rmdir(directory)
        return deleted


def _fsync_directory(directory: Path) -> None:
    """Persist the rename itself; platforms that cannot open a directory skip this."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)
