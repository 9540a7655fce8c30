"""The redaction processor: the last line of defence against secrets and text in logs (SECURITY 31)."""

from __future__ import annotations

import io
import json
import logging

import pytest
import structlog
from hypothesis import example, given
from hypothesis import strategies as st

from resumax_adapters.observability import configure_logging, redaction
from resumax_adapters.observability.redaction import REDACTED, redact_event, redact_text

JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1LTEiLCJleHAiOjE3MDAwMDAwMDB9.c2lnbmF0dXJlLWJ5dGVz"


@pytest.mark.parametrize(
    "key",
    ["password", "new_password", "currentPassword", "access_token", "refresh", "Authorization", "cookie",
     "set-cookie", "client_secret", "api_key", "X-Api-Key", "text", "resume", "body", "prompt"],
)  # fmt: skip
def test_values_of_secret_and_text_keys_are_masked(key: str) -> None:
    assert redact_event(None, "info", {key: "hunter2 and more"})[key] == REDACTED


def test_counts_ids_and_codes_are_kept() -> None:
    event = {"prompt_tokens": 1200, "user_id": "u-1", "error_code": "not_found", "status": 401, "ok": True}
    assert redact_event(None, "info", dict(event)) == event


@pytest.mark.parametrize(
    ("text", "leaked"),
    [
        ("sent to ada.lovelace+cv@example.co.uk today", "ada.lovelace+cv@example.co.uk"),
        (f"token was {JWT}", JWT),
        ("Authorization: Bearer abcdef123456", "abcdef123456"),
        ("GET /blobs/download?key=k&token=s3cr3t-link-token&x=1", "s3cr3t-link-token"),
        ("https://s3/x?X-Amz-Signature=deadbeef99&X-Amz-Credential=AKIA123", "deadbeef99"),
        ('login failed password="correct horse"', "horse"),
        ('{"password": "correct horse"}', "horse"),
        ("api_key=sk-live-123456 retry", "sk-live-123456"),
        ("password:hunter22", "hunter22"),
        ("secret=hunter22", "hunter22"),
    ],
)
def test_secret_looking_strings_are_masked_wherever_they_are(text: str, leaked: str) -> None:
    assert leaked not in redact_text(text)
    nested = redact_event(None, "info", {"event": text, "details": {"items": [text, {"note": text}]}})
    assert leaked not in json.dumps(nested)


def _every_pattern(text: str) -> str:
    for pattern, replacement in redaction._PATTERNS:
        text = pattern.sub(replacement, text)
    return text


_PIECES = [*"abeyJzAZ09.-_+@=:;&?/ \t\"'", "token", "Bearer ", "Basic ", "password", "passwd", "secret"]
_PIECES += ["cookie", "api_key", "apikey", "authorization", "eyJ", "key", "sig", "X-Amz-Signature", ".com"]


@given(st.lists(st.sampled_from(_PIECES), max_size=30).map("".join))
@example("password:x")
@example("a@b.co")
@example("/x?key=s3cret")
@example("Cookie: abcdef")
@example("APIKEY=abc")
@example("passwd=hunter2")
def test_strings_skipped_as_harmless_are_exactly_those_no_pattern_would_change(text: str) -> None:
    assert redact_text(text) == _every_pattern(text)


def test_the_event_and_context_survive_redaction() -> None:
    assert redact_text("GET /resumes/abc 404 1.2ms request_id=abc123") == (
        "GET /resumes/abc 404 1.2ms request_id=abc123"
    )


def test_structlog_events_are_redacted_before_any_handler_sees_them(caplog: pytest.LogCaptureFixture) -> None:
    stream = io.StringIO()
    configure_logging("DEBUG", json=True, stream=stream)
    caplog.set_level(logging.DEBUG)
    structlog.get_logger("resumax.example").info(
        "signed in", email="ada@example.com", password="hunter2", refresh_token="r-123"
    )
    rendered = stream.getvalue()
    for secret in ("ada@example.com", "hunter2", "r-123"):
        assert secret not in rendered
        assert secret not in caplog.text, "the record other handlers get is redacted as well"
    assert json.loads(rendered)["password"] == REDACTED
