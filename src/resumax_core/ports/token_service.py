"""Signed tokens (JWT in production): access tokens and single-purpose email tokens.

Contract: ``decode`` accepts only the expected ``purpose`` (an access token is not a refresh or email
token), a fixed algorithm, the configured issuer and audience, and an unexpired token; anything else
(``alg: none``, another key, a flipped byte, ``jku``/``jwk``/``x5u`` headers, an unknown ``kid``, a
future ``nbf``) raises ``Unauthorized`` without saying which check failed. Issued tokens carry a unique
``jti``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol


class TokenService(Protocol):
    def issue(
        self, subject: str, purpose: str, ttl_seconds: int, claims: Mapping[str, Any] | None = None
    ) -> str: ...

    def decode(self, token: str, purpose: str) -> dict[str, Any]: ...
