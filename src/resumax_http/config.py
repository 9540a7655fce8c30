"""Settings of the HTTP shell itself: body limits, throttles and event-stream timing.

Everything about the product (database, storage, token lifetimes, upload size) lives in
``resumax_adapters.Settings``; this holds only what is about speaking HTTP, with defaults fit for
production. Tests pass their own to make streams fast and limits small.
"""

from __future__ import annotations

from attrs import frozen


@frozen
class Throttle:
    """At most ``limit`` requests per ``window_seconds`` (a fixed window in the RateLimiter port)."""

    limit: int
    window_seconds: int


@frozen
class ApiConfig:
    """HTTP-only knobs of ``create_app``.

    ``max_json_bytes`` caps every request body except uploads (those are capped by
    ``Settings.max_upload_bytes``); ``auth_per_ip`` throttles the sign-in, sign-up, refresh and reset
    routes per client address (the Login use case throttles per account on top); ``optimize_per_user``
    throttles new optimizations per user (the use case separately caps how many run at once). The event
    stream polls every ``sse_poll_seconds``, sends a heartbeat comment after ``sse_heartbeat_seconds`` of
    silence, and closes after ``sse_max_seconds`` even if the job is still running.
    """

    max_json_bytes: int = 1024 * 1024
    multipart_overhead_bytes: int = 64 * 1024
    auth_per_ip: Throttle = Throttle(30, 60)
    optimize_per_user: Throttle = Throttle(30, 3600)
    sse_poll_seconds: float = 0.5
    sse_heartbeat_seconds: float = 15.0
    sse_max_seconds: float = 600.0
