"""``Argon2PasswordHasher``: the ``PasswordHasher`` port with Argon2id (argon2-cffi).

Contract (from the port, plus what this adapter adds):

- ``hash`` returns a PHC string ``$argon2id$v=19$m=…,t=…,p=…$salt$hash`` with a fresh random salt. The
  whole password is hashed (Argon2 has no length limit; nothing is truncated), encoded as UTF-8; lone
  surrogates are encoded as they are rather than raising, so ``hash`` never fails on a ``str``.
- ``verify`` returns True only when the password matches; a wrong password, a malformed or foreign hash,
  or anything else that prevents a match returns False and never raises.
- ``needs_rehash`` is True when the stored hash is weaker than today's settings (another Argon2 variant or
  version, less memory, fewer passes, a shorter salt or tag) or is not a hash we can read. A hash made
  with stronger settings than today's is left alone: rehashing it would be a downgrade.
- Parameters below the OWASP minimum for Argon2id (m = 19456 KiB, t = 2, p = 1) are refused with
  ``ValueError`` when the hasher is built.

Each hash costs ``memory_cost`` KiB of RAM for tens of milliseconds: callers cap how many run at once.
"""

from __future__ import annotations

from argon2 import PasswordHasher as _Argon2
from argon2 import Type, extract_parameters
from argon2.exceptions import InvalidHashError, VerificationError

MIN_MEMORY_COST_KIB = 19_456
MIN_TIME_COST = 2
MIN_PARALLELISM = 1
_ARGON2_VERSION = 19
_ENCODING = "utf-8"


def _password_bytes(password: str) -> bytes:
    return password.encode(_ENCODING, "surrogatepass")


class Argon2PasswordHasher:
    """Argon2id with ``time_cost`` passes over ``memory_cost`` KiB in ``parallelism`` lanes.

    Defaults follow RFC 9106's second recommendation (64 MiB, 3 passes), above the OWASP minimum.
    """

    def __init__(self, *, time_cost: int = 3, memory_cost: int = 65_536, parallelism: int = 1) -> None:
        if time_cost < MIN_TIME_COST:
            raise ValueError(f"time_cost must be at least {MIN_TIME_COST} (got {time_cost})")
        if memory_cost < MIN_MEMORY_COST_KIB:
            raise ValueError(f"memory_cost must be at least {MIN_MEMORY_COST_KIB} KiB (got {memory_cost})")
        if parallelism < MIN_PARALLELISM:
            raise ValueError(f"parallelism must be at least {MIN_PARALLELISM} (got {parallelism})")
        self._hasher = _Argon2(
            time_cost=time_cost, memory_cost=memory_cost, parallelism=parallelism, type=Type.ID
        )

    @property
    def time_cost(self) -> int:
        return self._hasher.time_cost

    @property
    def memory_cost(self) -> int:
        return self._hasher.memory_cost

    @property
    def parallelism(self) -> int:
        return self._hasher.parallelism

    def hash(self, password: str) -> str:
        """A new Argon2id hash of the whole of ``password`` with a random salt."""
        return self._hasher.hash(_password_bytes(password))

    def verify(self, password_hash: str, password: str) -> bool:
        """True when ``password`` matches ``password_hash``; False otherwise, never an exception."""
        try:
            return self._hasher.verify(password_hash, _password_bytes(password))
        except (VerificationError, InvalidHashError, ValueError, TypeError):
            # VerificationError covers a mismatch and a hash libargon2 rejects; InvalidHashError (a
            # ValueError) a string that is not an Argon2 hash; TypeError/ValueError non-ASCII garbage.
            return False

    def needs_rehash(self, password_hash: str) -> bool:
        """True when ``password_hash`` is weaker than this hasher's settings, or unreadable."""
        try:
            stored = extract_parameters(password_hash)
        except (InvalidHashError, ValueError, TypeError):
            return True
        current = self._hasher
        return (
            stored.type is not Type.ID
            or stored.version != _ARGON2_VERSION
            or stored.memory_cost < current.memory_cost
            or stored.time_cost < current.time_cost
            or stored.salt_len < current.salt_len
            or stored.hash_len < current.hash_len
        )
