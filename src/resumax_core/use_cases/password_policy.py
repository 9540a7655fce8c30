"""Which passwords an account may have (OWASP ASVS 6.2, NIST SP 800-63B).

Rules, checked in this order, each refusal an ``InvalidInput`` with ``details={"field": "password"}``:

- at least ``MIN_LENGTH`` (8) and at most ``MAX_LENGTH`` (1024) characters, counted as Unicode code points;
  nothing is trimmed or truncated, and spaces and any printable Unicode are allowed;
- only text: no control characters and no lone surrogates (they cannot be stored or typed reliably),
  and not only spaces;
- not the account's email address nor its local part (the bit before ``@``);
- not one of the common passwords the caller supplies (an adapter loads the list).

Comparisons with the email and the common list ignore case, surrounding whitespace and Unicode
compatibility forms (NFKC), so ``" PassWord1 "`` counts as ``"password1"``. There are deliberately no
composition rules (no "one digit, one symbol"): length and a blocklist protect better.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from attrs import field, frozen

from resumax_core.errors import InvalidInput

MIN_LENGTH = 8
MAX_LENGTH = 1024
_DETAILS = {"field": "password"}


def normalize_for_comparison(text: str) -> str:
    """How passwords are compared with the blocklist and the email: NFKC, trimmed, casefolded."""
    return unicodedata.normalize("NFKC", text).strip().casefold()


def _refuse(message: str) -> InvalidInput:
    return InvalidInput(message, details=dict(_DETAILS))


def _is_text(password: str) -> bool:
    for char in password:
        category = unicodedata.category(char)
        if category in {"Cc", "Cs"}:
            return False
    return True


def _normalized_set(words: Iterable[str]) -> frozenset[str]:
    return frozenset(normalize_for_comparison(word) for word in words)


@frozen
class PasswordPolicy:
    """The password rules above, over a blocklist of common passwords (any case; normalised here)."""

    common_passwords: frozenset[str] = field(converter=_normalized_set, repr=False)
    min_length: int = MIN_LENGTH
    max_length: int = MAX_LENGTH

    def __attrs_post_init__(self) -> None:
        if self.min_length < MIN_LENGTH:
            raise ValueError(f"min_length must be at least {MIN_LENGTH}")
        if self.max_length < self.min_length:
            raise ValueError("max_length must not be below min_length")

    def check(self, password: str, *, email: str) -> None:
        """Return when ``password`` is acceptable for the account ``email``; raise ``InvalidInput`` if not.

        The message says which rule failed (it is shown to the person choosing the password) but never
        repeats the password.
        """
        check_password(
            password,
            email=email,
            common_passwords=self.common_passwords,
            min_length=self.min_length,
            max_length=self.max_length,
        )


def check_password(
    password: str,
    *,
    email: str,
    common_passwords: frozenset[str],
    min_length: int = MIN_LENGTH,
    max_length: int = MAX_LENGTH,
) -> None:
    """The rules as a plain function; ``common_passwords`` must already be normalised (see above)."""
    if len(password) < min_length:
        raise _refuse(f"The password must be at least {min_length} characters long.")
    if len(password) > max_length:
        raise _refuse(f"The password must be at most {max_length} characters long.")
    if not _is_text(password):
        raise _refuse("The password contains control characters or invalid text.")
    candidate = normalize_for_comparison(password)
    if not candidate:
        raise _refuse("The password must not be only spaces.")
    address = normalize_for_comparison(email)
    local_part = address.rpartition("@")[0] if "@" in address else address
    if candidate in {address, local_part} - {""}:
        raise _refuse("The password must not be your email address.")
    if candidate in common_passwords:
        raise _refuse("This password is too common; choose one that is harder to guess.")
