"""Redaction of secrets and personal data from log events (SECURITY 31).

Redaction is the last line of defence, not the policy: code logs ids, codes and counts, never request
bodies, headers, tokens or resume text. This processor catches what slips through anyway:

- a key that names a secret (``password``, ``token``, ``authorization``, ``cookie``, ``refresh``,
  ``secret``, ``api_key``, ...) has its value replaced by ``[REDACTED]`` unless the value is a number
  (token counts are not tokens);
- a key that names document or message text (``text``, ``body``, ``content``, ``resume``, ``prompt``, ...)
  is masked the same way: resume text has no shape a pattern could recognise, so it is kept out by name;
- in every string (the event itself, a rendered exception, any value, nested in dicts and lists), email
  addresses, JWT-looking strings, ``Bearer``/``Basic`` credentials, secret query parameters and
  ``password=...``-style pairs are masked.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from typing import Any, Final

REDACTED: Final = "[REDACTED]"

SECRET_KEY_PARTS: Final = (
    "password",
    "passwd",
    "passphrase",
    "secret",
    "token",
    "authorization",
    "cookie",
    "refresh",
    "api_key",
    "apikey",
    "credential",
    "signature",
    "private_key",
)
"""A key containing any of these (lower case, ``-`` read as ``_``) holds a secret."""

TEXT_KEYS: Final = frozenset(
    {
        "text",
        "body",
        "content",
        "resume",
        "resume_text",
        "raw_text",
        "document",
        "prompt",
        "completion",
        "messages",
        "payload",
        "html",
        "job_text",
        "description",
    }
)
"""Keys whose value is document or message text: masked whatever it looks like."""

_MAX_DEPTH: Final = 6

_PATTERNS: Final[tuple[tuple[re.Pattern[str], str], ...]] = (
    (re.compile(r"\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*"), "[jwt]"),
    (re.compile(r"(?i)\b(bearer|basic)\s+[A-Za-z0-9._~+/=-]{6,}"), rf"\1 {REDACTED}"),
    (
        re.compile(
            r"(?i)([?&;](?:token|access_token|refresh_token|id_token|code|sig|signature|key|api_key|"
            r"password|x-amz-signature|x-amz-credential|x-amz-security-token)=)[^&\s\"'#<>]+"
        ),
        rf"\1{REDACTED}",
    ),
    (
        re.compile(
            r"(?i)\b(password|passwd|secret|token|api_key|apikey|authorization|cookie)"
            r"(\"?\s*[=:]\s*)(\"[^\"]*\"|'[^']*'|[^\s\"',;&]+)"
        ),
        rf"\1\2{REDACTED}",
    ),
    (re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"), "[email]"),
)


_COULD_HOLD_SECRET: Final = re.compile(
    r"eyj|bearer|basic|passw|secret|token|api_?key|authorization|cookie|@|[?&;][a-z_-]+="
)
"""Something every pattern above needs, in the lower-cased text (matching that is much faster than a
case-blind match): a JWT's ``eyJ``, a credential scheme, one of the secret words of the pairs, an
email's ``@``, or a ``?key=`` parameter. A string without any is left alone without
running the patterns: most logged strings are ids, routes, codes and access-log lines."""


@functools.lru_cache(maxsize=1024)
def is_secret_key(key: str) -> bool:
    """True when ``key`` names a secret or document text."""
    name = key.lower().replace("-", "_")
    return name in TEXT_KEYS or any(part in name for part in SECRET_KEY_PARTS)


def redact_text(text: str) -> str:
    """``text`` with emails, JWTs, credentials and secret parameters masked."""
    if _COULD_HOLD_SECRET.search(text.lower()) is None:
        return text
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


def redact_value(value: Any, depth: int = 0) -> Any:
    """A value with every string in it redacted and secret keys of nested mappings masked."""
    if isinstance(value, str):
        return redact_text(value)
    if isinstance(value, bool | int | float) or value is None:
        return value
    if depth >= _MAX_DEPTH:
        return REDACTED
    if isinstance(value, Mapping):
        return {str(key): _redact_item(str(key), item, depth + 1) for key, item in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [redact_value(item, depth + 1) for item in value]
    if isinstance(value, bytes | bytearray | memoryview):
        return REDACTED
    return redact_text(str(value))


def _redact_item(key: str, value: Any, depth: int) -> Any:
    if is_secret_key(key) and not isinstance(value, bool | int | float) and value is not None:
        return REDACTED
    return redact_value(value, depth)


def redact_event(_logger: object, _method: str, event_dict: dict[str, Any]) -> dict[str, Any]:
    """structlog processor: mask secret keys and secret-looking values in the whole event."""
    for key in list(event_dict):
        if key.startswith("_"):
            continue  # structlog's own bookkeeping (``_record``, ``_from_structlog``)
        event_dict[key] = _redact_item(key, event_dict[key], 0)
    return event_dict
