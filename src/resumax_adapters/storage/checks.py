"""What every blob store accepts as keys, prefixes and presigning parameters, checked the same way by
every adapter (local, memory, S3) so the contract suite holds them all to one rule.

Keys are made by the server (``resumax_core.storage_keys``), so anything unusual is a bug or an attack:
it is refused with ``ValueError`` before any backend sees it. A key is one or more ``/``-separated
segments of ``A-Z a-z 0-9 . _ -``; no segment is empty or starts with a dot (that namespace is kept for
the local store's temporary files), and ``..`` appears nowhere. Absolute paths, backslashes, NULs and
other control characters are therefore all refused.
"""

from __future__ import annotations

import re
from typing import Final

MAX_KEY_LENGTH: Final = 1024
MAX_EXPIRES_IN: Final = 7 * 24 * 3600
"""The longest a presigned URL may live, in seconds: S3's limit, kept by every store for parity."""

_SEGMENT = re.compile(r"^[A-Za-z0-9_-][A-Za-z0-9._-]*$")
_CONTENT_TYPE = re.compile(r"^[\w.+-]+/[\w.+-]+(?:; ?[\w.-]+=[\w.\"-]+)*$", re.ASCII)
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def check_key(key: str) -> str:
    """Return ``key`` unchanged if it is a safe object key; raise ValueError otherwise."""
    if not isinstance(key, str) or not key:
        raise ValueError("a storage key must be a non-empty string")
    if len(key) > MAX_KEY_LENGTH:
        raise ValueError("storage key too long")
    if key.startswith("/"):
        raise ValueError("a storage key cannot be absolute")
    if "\\" in key or "\x00" in key:
        raise ValueError("a storage key cannot contain backslashes or NUL")
    if ".." in key:
        raise ValueError("a storage key cannot contain '..'")
    for segment in key.split("/"):
        if not segment:
            raise ValueError("a storage key cannot have empty segments")
        if not _SEGMENT.match(segment):
            raise ValueError("a storage key segment has unsafe characters")
    return key


def check_prefix(prefix: str) -> str:
    """Return ``prefix`` unchanged if it is a safe folder prefix (ending with "/"); else raise ValueError."""
    if not isinstance(prefix, str) or not prefix.endswith("/"):
        raise ValueError("a storage prefix must end with '/'")
    check_key(prefix[:-1])
    return prefix


def check_content_type(content_type: str) -> str:
    """Return a media type such as ``application/pdf``; raise ValueError for anything header-unsafe."""
    if not isinstance(content_type, str) or len(content_type) > 255 or not _CONTENT_TYPE.match(content_type):
        raise ValueError("unsafe content type")
    return content_type


def check_filename(filename: str) -> str:
    """Return a download filename with no path separators or control characters; raise ValueError."""
    if (
        not isinstance(filename, str)
        or not filename.strip()
        or len(filename) > 255
        or _CONTROL.search(filename)
        or "/" in filename
        or "\\" in filename
    ):
        raise ValueError("unsafe download filename")
    return filename


def check_expires_in(expires_in: int) -> int:
    """Return a link lifetime of 1 s to ``MAX_EXPIRES_IN``; raise ValueError otherwise."""
    if not isinstance(expires_in, int) or not 0 < expires_in <= MAX_EXPIRES_IN:
        raise ValueError(f"expires_in must be between 1 and {MAX_EXPIRES_IN} seconds")
    return expires_in


def check_max_bytes(max_bytes: int) -> int:
    """Return a positive upload size cap; raise ValueError otherwise."""
    if not isinstance(max_bytes, int) or max_bytes <= 0:
        raise ValueError("max_bytes must be a positive integer")
    return max_bytes
