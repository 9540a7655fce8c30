"""Time and identity, behind ports so the core stays deterministic under test."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:
        """The current time, timezone-aware UTC."""


class IdGenerator(Protocol):
    def new_id(self) -> str:
        """A new unique id (a UUID string in production)."""


class SecretGenerator(Protocol):
    def token(self) -> str:
        """A new unguessable secret (at least 256 bits, URL-safe), e.g. an opaque refresh token."""
