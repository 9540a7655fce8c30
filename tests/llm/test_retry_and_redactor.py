"""Backoff, Retry-After parsing and the contact redactor, without a server."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest

from resumax_core.entities import Contact

pytest.importorskip("litellm")

from resumax_adapters.llm.litellm_engine.redaction import Redactor
from resumax_adapters.llm.litellm_engine.retry import (
    Backoff,
    Failure,
    FailureKind,
    parse_retry_after,
)


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({"Retry-After": "3"}, 3.0),
        ({"retry-after": "1.5"}, 1.5),
        ({"retry-after-ms": "250", "retry-after": "9"}, 0.25),
        ({"Retry-After": "-4"}, 0.0),
        ({"Retry-After": "soon"}, None),
        ({}, None),
        (None, None),
    ],
)
def test_retry_after_is_read_in_seconds(headers: dict[str, str] | None, expected: float | None) -> None:
    assert parse_retry_after(headers) == expected


def test_retry_after_may_be_an_http_date() -> None:
    now = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
    later = format_datetime(now + timedelta(seconds=30), usegmt=True)
    assert parse_retry_after({"Retry-After": later}, now=now.timestamp()) == pytest.approx(30)


def test_backoff_grows_exponentially_with_jitter_and_a_cap() -> None:
    backoff = Backoff(base_seconds=1, max_seconds=8, rng=random.Random(7))
    failure = Failure(FailureKind.SERVER_ERROR, "HTTP 500")
    for retry, ceiling in enumerate([1, 2, 4, 8, 8]):
        delays = {backoff.delay(retry, failure) for _ in range(50)}
        assert all(ceiling / 2 <= d <= ceiling for d in delays) and len(delays) > 1


def test_backoff_honours_retry_after_up_to_a_limit() -> None:
    backoff = Backoff(base_seconds=1, max_retry_after=60)
    assert 5 <= backoff.delay(0, Failure(FailureKind.RATE_LIMITED, retry_after=5)) <= 5.25
    assert not backoff.gives_up(Failure(FailureKind.RATE_LIMITED, retry_after=60))
    assert backoff.gives_up(Failure(FailureKind.RATE_LIMITED, retry_after=61))
    assert not Failure(FailureKind.REJECTED).transient and Failure(FailureKind.INVALID_ANSWER).transient


def test_the_redactor_replaces_and_restores_contact_details() -> None:
    contact = Contact(
        name="Ana Lima",
        email="Ana.Lima@example.com",
        phone="+1 (555) 010-9999",
        links=("https://ana.dev/Ana.Lima@example.com", "linkedin.com/in/analima"),
    )
    redactor = Redactor.for_contact(contact)
    site = "https://ana.dev/Ana.Lima@example.com"
    text = f"Ana Lima · ana.lima@EXAMPLE.com · +1 (555) 010-9999 · {site} · Banana Lima"
    redacted = redactor.redact(text)
    assert redacted == "[NAME_1] · [EMAIL_1] · [PHONE_1] · [LINK_1] · Banana Lima"
    assert redactor.restore(redacted) == (
        f"Ana Lima · Ana.Lima@example.com · +1 (555) 010-9999 · {site} · Banana Lima"
    )
    assert redactor.restore("[LINK_2] and [ NAME_1 ] and [EMAIL_9]") == (
        "linkedin.com/in/analima and Ana Lima and [EMAIL_9]"
    )


def test_a_disabled_or_empty_redactor_changes_nothing() -> None:
    assert Redactor.disabled().redact("a@b.com") == "a@b.com"
    assert Redactor.for_contact(Contact(name="Al", email=None)).redact("Al") == "Al"
