"""The shape every blob store accepts for keys and prefixes, checked the same way by every adapter.

Keys are made by the server (``resumax_core.storage_keys``), so anything unusual is a bug or an attack:
it is refused with ``ValueError`` before any backend sees it. A key is one or more ``/``-separated
segments of ``A-Z a-z 0-9 . _ -``; no segment is empty or starts with a dot (that namespace is kept for
the local store's temporary files), and ``..`` appears nowhere. Absolute paths, backslashes, NULs and
other control characters are therefore all refused.
"""

from __future__ import annotations

import re

MAX_KEY_LENGTH = 1024
_SEGMENT = re.compile(r"^[A-Za-z0-9_-][A-Za-z0-9._-]*$")


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
    """Return ``prefix`` unchanged if it is a safe folder prefix ending with "/"; raise ValueError otherwise."""
    if not isinstance(prefix, str) or not prefix.endswith("/"):
        raise ValueError("a storage prefix must end with '/'")
    check_key(prefix[:-1])
    return prefix
