"""What a failed model call means, and how long to wait before the next one.

Rules:
- timeouts, connection errors, HTTP 408/429/5xx and invalid answers (not JSON, wrong schema, cut off,
  refused) are *transient*: the same model is asked again, up to ``max_retries`` more times;
- any other HTTP error (bad request, authentication, unknown model, content policy) is *final* for that
  model: the next fallback model is tried at once;
- the wait before a retry is exponential with jitter (``base·2^n``, capped, drawn from its upper half);
  a ``Retry-After`` (or ``retry-after-ms``) the provider sent is honoured instead, unless it is longer than
  ``max_retry_after`` — then the model is given up for this call.
Nothing here knows litellm: the engine translates its exceptions into ``Failure``s.
"""

from __future__ import annotations

import email.utils
import random
import time
from collections.abc import Mapping
from enum import StrEnum

from attrs import field, frozen

__all__ = ["Backoff", "Failure", "FailureKind", "parse_retry_after"]


class FailureKind(StrEnum):
    TIMEOUT = "timeout"
    CONNECTION = "connection error"
    RATE_LIMITED = "rate limited"
    SERVER_ERROR = "server error"
    INVALID_ANSWER = "invalid answer"
    REJECTED = "request rejected"


@frozen
class Failure:
    """One failed attempt. ``detail`` is safe to log and show: a status code or a problem name, never the
    provider's message (it may echo the prompt) nor any credential."""

    kind: FailureKind
    detail: str = ""
    retry_after: float | None = None

    @property
    def transient(self) -> bool:
        return self.kind is not FailureKind.REJECTED

    def describe(self) -> str:
        return f"{self.kind.value} ({self.detail})" if self.detail else self.kind.value


@frozen
class Backoff:
    """Exponential backoff with jitter; ``delay`` never returns a negative number."""

    base_seconds: float = 0.5
    max_seconds: float = 8.0
    max_retry_after: float = 60.0
    rng: random.Random = field(factory=random.Random, eq=False)

    def gives_up(self, failure: Failure) -> bool:
        """True when the provider asked for a longer pause than this policy will wait."""
        return failure.retry_after is not None and failure.retry_after > self.max_retry_after

    def delay(self, retry: int, failure: Failure) -> float:
        """Seconds to wait before retry number ``retry`` (0 for the first retry) after ``failure``."""
        if failure.retry_after is not None:
            return max(0.0, failure.retry_after) + self.rng.uniform(0, self.base_seconds / 4)
        ceiling = min(self.max_seconds, self.base_seconds * 2**retry)
        return self.rng.uniform(ceiling / 2, ceiling)


def parse_retry_after(headers: Mapping[str, str] | None, *, now: float | None = None) -> float | None:
    """Seconds the provider asked to wait, from ``retry-after-ms`` or ``retry-after`` (seconds or an
    HTTP date); None when absent or unreadable."""
    if not headers:
        return None
    lowered = {str(key).lower(): str(value) for key, value in headers.items()}
    milliseconds = lowered.get("retry-after-ms")
    if milliseconds:
        try:
            return max(0.0, float(milliseconds) / 1000)
        except ValueError:
            pass
    value = lowered.get("retry-after", "").strip()
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return max(0.0, moment.timestamp() - (time.time() if now is None else now))
