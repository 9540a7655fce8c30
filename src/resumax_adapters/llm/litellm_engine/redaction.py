"""Contact details out of the prompt, and back into the answer.

A ``Redactor`` is built from a resume's ``Contact``: its email, phone, links and name each get a
placeholder (``[EMAIL_1]``, ``[PHONE_1]``, ``[LINK_1]``, ``[NAME_1]``). ``redact`` replaces every
occurrence of those values in text sent to a model (email and links case-insensitively, longest value
first so a link that contains the email stays one placeholder); ``restore`` puts the values back in text
the model returned, accepting ``[ EMAIL_1 ]`` spacing. A placeholder the redactor did not issue is left
alone (the core's guard then rejects it as an addition). A disabled redactor changes nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from attrs import frozen

from resumax_core.entities import Contact

__all__ = ["Redactor"]

_PLACEHOLDER = re.compile(r"\[\s*(NAME|EMAIL|PHONE|LINK)_(\d{1,3})\s*\]")
_MIN_LENGTH = 3


@frozen
class _Secret:
    placeholder: str
    value: str
    pattern: re.Pattern[str]


def _pattern(value: str, *, ignore_case: bool, whole_words: bool) -> re.Pattern[str]:
    body = re.escape(value)
    if whole_words:
        body = rf"(?<!\w){body}(?!\w)"
    return re.compile(body, re.IGNORECASE if ignore_case else 0)


@frozen
class Redactor:
    """Placeholders for one resume's contact details; immutable, so one may serve concurrent calls."""

    secrets: tuple[_Secret, ...] = ()

    @classmethod
    def disabled(cls) -> Redactor:
        return cls()

    @classmethod
    def for_contact(cls, contact: Contact) -> Redactor:
        """A redactor for the name, email, phone and links of ``contact`` (values shorter than three
        characters are ignored: they would match ordinary words)."""
        found: list[_Secret] = []

        def add(kind: str, values: Iterable[str | None], *, ignore_case: bool, whole_words: bool) -> None:
            seen: set[str] = set()
            for value in values:
                cleaned = (value or "").strip()
                if len(cleaned) < _MIN_LENGTH or cleaned.lower() in seen:
                    continue
                seen.add(cleaned.lower())
                found.append(
                    _Secret(
                        f"[{kind}_{len(seen)}]",
                        cleaned,
                        _pattern(cleaned, ignore_case=ignore_case, whole_words=whole_words),
                    )
                )

        add("EMAIL", [contact.email], ignore_case=True, whole_words=False)
        add("PHONE", [contact.phone], ignore_case=False, whole_words=False)
        add("LINK", contact.links, ignore_case=True, whole_words=False)
        add("NAME", [contact.name], ignore_case=False, whole_words=True)
        ordered = sorted(found, key=lambda secret: -len(secret.value))
        return cls(tuple(ordered))

    def redact(self, text: str) -> str:
        """``text`` with every contact value replaced by its placeholder."""
        for secret in self.secrets:
            text = secret.pattern.sub(secret.placeholder, text)
        return text

    def restore(self, text: str) -> str:
        """``text`` with every placeholder this redactor issued replaced by the original value."""
        if not self.secrets:
            return text
        values = {secret.placeholder: secret.value for secret in self.secrets}

        def back(match: re.Match[str]) -> str:
            key = f"[{match.group(1)}_{match.group(2)}]"
            return values.get(key, match.group(0))

        return _PLACEHOLDER.sub(back, text)
