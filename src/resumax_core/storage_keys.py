"""Storage keys, made by the server only: ``u/{user}/{area}/{record}/{name}``.

A user's filename never reaches a key; ids are checked so that no key can escape its user's prefix.
"""

from __future__ import annotations

import re

_SAFE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")
_SAFE_EXT = re.compile(r"^[a-z0-9]{1,8}$")


def _checked(value: str, what: str) -> str:
    if not _SAFE_ID.match(value):
        raise ValueError(f"unsafe {what} for a storage key")
    return value


def user_prefix(user_id: str) -> str:
    """The prefix holding every object of one user (deleted with the account)."""
    return f"u/{_checked(user_id, 'user id')}/"


def resume_key(user_id: str, resume_id: str, extension: str) -> str:
    if not _SAFE_EXT.match(extension):
        raise ValueError("unsafe extension for a storage key")
    return f"{user_prefix(user_id)}resumes/{_checked(resume_id, 'resume id')}/original.{extension}"


def job_description_key(user_id: str, job_id: str, extension: str) -> str:
    if not _SAFE_EXT.match(extension):
        raise ValueError("unsafe extension for a storage key")
    return f"{user_prefix(user_id)}jobs/{_checked(job_id, 'job id')}/original.{extension}"


def export_key(user_id: str, version_id: str, artifact_id: str, extension: str) -> str:
    if not _SAFE_EXT.match(extension):
        raise ValueError("unsafe extension for a storage key")
    return (
        f"{user_prefix(user_id)}versions/{_checked(version_id, 'version id')}/"
        f"{_checked(artifact_id, 'artifact id')}.{extension}"
    )


def record_prefix(key: str) -> str:
    """The folder of one record's objects, e.g. to delete a resume's files together."""
    return key.rsplit("/", 1)[0] + "/"
