"""Password hashing (Argon2id in production).

Contract: ``hash`` never truncates; ``verify`` returns False (never raises) for a wrong password or a
malformed hash; ``needs_rehash`` is True when the stored hash used weaker parameters than today's.
"""

from __future__ import annotations

from typing import Protocol


class PasswordHasher(Protocol):
    def hash(self, password: str) -> str: ...

    def verify(self, password_hash: str, password: str) -> bool: ...

    def needs_rehash(self, password_hash: str) -> bool: ...
