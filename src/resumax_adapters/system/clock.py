"""The system clock and UUID ids."""

from __future__ import annotations

import secrets
import uuid
from datetime import UTC, datetime


class SystemClock:
    """Clock backed by the operating system, always timezone-aware UTC."""

    def now(self) -> datetime:
        return datetime.now(UTC)


class UuidGenerator:
    """Random UUID4 strings."""

    def new_id(self) -> str:
        return str(uuid.uuid4())


class SystemSecrets:
    """Secrets from the operating system's CSPRNG."""

    def token(self) -> str:
        return secrets.token_urlsafe(32)
