"""``JwtTokenService``: the ``TokenService`` port as HS256 JSON Web Tokens (PyJWT).

Every token carries ``iss``, ``aud``, ``sub``, ``iat``, ``nbf``, ``exp``, a random ``jti`` and ``typ``
(the purpose: ``"access"``, ``"email_verify"``, ``"password_reset"``, …), plus any extra claims the caller
adds. The header is exactly ``{"alg": "HS256", "typ": "JWT"}``.

``decode`` accepts a token only if all of these hold, and otherwise raises ``Unauthorized`` with one
generic message (the caller never learns which check failed):

- the header names HS256 and nothing but ``alg`` and ``typ``: ``alg: none``, any other algorithm, and
  ``kid``/``jku``/``jwk``/``x5u``/``x5c``/``crit``/``b64`` (or any other header) are refused, because we
  issue none and key-selecting headers are how forged tokens pick their own key (ASVS 9.1.1-9.1.3);
- the signature verifies with our secret, under a fixed algorithm list;
- ``iss`` and ``aud`` are exactly ours (an audience list is refused);
- ``typ`` equals the purpose asked for, so an email token is never an access token (ASVS 9.2.2);
- every claim above is present with the right type;
- by the injected clock, ``nbf`` and ``iat`` are not in the future and ``exp`` has not passed, give or
  take ``leeway_seconds`` (ASVS 9.2.1). PyJWT's own time checks are switched off because they read the
  wall clock; ours read the ``Clock`` port, so expiry is testable.

Verifying a signature costs more than the rest of an authenticated request's checks together, and a
client sends the same access token on every request, so the outcome of the clock-independent checks
(signature, issuer, audience, claim presence) is remembered for the last ``VERIFIED_CACHE_SIZE`` tokens
that passed them. Only tokens that passed are remembered (a forged token cannot be, so it cannot push
real ones out), and the header, purpose and time rules above are applied again on every call.
"""

from __future__ import annotations

import functools
import math
import uuid
from collections.abc import Mapping
from typing import Any

import jwt

from resumax_core.errors import Unauthorized
from resumax_core.ports.clock import Clock

ALGORITHM = "HS256"
MIN_SECRET_BYTES = 32
MAX_TOKEN_CHARS = 8192
RESERVED_CLAIMS = frozenset({"iss", "aud", "sub", "iat", "nbf", "exp", "jti", "typ"})
VERIFIED_CACHE_SIZE = 4096
_ALLOWED_HEADERS = frozenset({"alg", "typ"})
_TIME_CLAIMS = ("iat", "nbf", "exp")
_STRING_CLAIMS = ("iss", "aud", "sub", "jti", "typ")
_PYJWT_OPTIONS: jwt.types.Options = {
    "verify_signature": True,
    "verify_aud": True,
    "verify_iss": True,
    "verify_sub": True,
    "verify_jti": True,
    "strict_aud": True,
    "verify_exp": False,
    "verify_nbf": False,
    "verify_iat": False,
    "require": sorted(RESERVED_CLAIMS),
}


class JwtTokenService:
    """Issues and checks HS256 tokens signed with ``secret`` (at least 32 random bytes)."""

    def __init__(
        self, *, secret: bytes, issuer: str, audience: str, clock: Clock, leeway_seconds: int = 0
    ) -> None:
        if not isinstance(secret, bytes) or len(secret) < MIN_SECRET_BYTES:
            raise ValueError(f"the token secret must be at least {MIN_SECRET_BYTES} bytes")
        if not issuer or not audience:
            raise ValueError("issuer and audience must not be empty")
        if leeway_seconds < 0:
            raise ValueError("leeway_seconds must not be negative")
        self._secret = secret
        self._issuer = issuer
        self._audience = audience
        self._clock = clock
        self._leeway = leeway_seconds
        self._verified = functools.lru_cache(maxsize=VERIFIED_CACHE_SIZE)(self._verify_signature)

    def __repr__(self) -> str:
        return f"JwtTokenService(issuer={self._issuer!r}, audience={self._audience!r})"

    def issue(
        self, subject: str, purpose: str, ttl_seconds: int, claims: Mapping[str, Any] | None = None
    ) -> str:
        """A token for ``subject`` usable for ``purpose`` only, valid from now for ``ttl_seconds``.

        ``claims`` adds JSON-serialisable claims; overriding a reserved one (``RESERVED_CLAIMS``) is a
        programming error and raises ``ValueError``, as do an empty subject or purpose or a TTL below 1 s.
        """
        if not subject or not purpose:
            raise ValueError("subject and purpose must not be empty")
        if ttl_seconds < 1:
            raise ValueError("ttl_seconds must be at least 1")
        extra = dict(claims or {})
        clashing = RESERVED_CLAIMS.intersection(extra)
        if clashing:
            raise ValueError(f"claims may not set reserved claims: {sorted(clashing)}")
        issued_at = math.floor(self._clock.now().timestamp())
        payload = {
            **extra,
            "iss": self._issuer,
            "aud": self._audience,
            "sub": subject,
            "iat": issued_at,
            "nbf": issued_at,
            "exp": issued_at + ttl_seconds,
            "jti": str(uuid.uuid4()),
            "typ": purpose,
        }
        return jwt.encode(payload, self._secret, algorithm=ALGORITHM, headers={"typ": "JWT"})

    def decode(self, token: str, purpose: str) -> dict[str, Any]:
        """The claims of ``token`` if it passes every check above for ``purpose``; else ``Unauthorized``."""
        if not isinstance(token, str) or not token or len(token) > MAX_TOKEN_CHARS:
            raise Unauthorized()
        header, claims = self._verified(token)
        if not self._header_ok(header) or not self._claims_ok(claims, purpose):
            raise Unauthorized()
        return dict(claims)

    def _verify_signature(self, token: str) -> tuple[Mapping[str, Any], Mapping[str, Any]]:
        """The header and claims of ``token`` once its signature, issuer, audience and required claims
        check out (Unauthorized otherwise, and then nothing is remembered)."""
        try:
            decoded = jwt.decode_complete(
                token,
                self._secret,
                algorithms=[ALGORITHM],
                audience=self._audience,
                issuer=self._issuer,
                options=_PYJWT_OPTIONS,
            )
        except jwt.PyJWTError as exc:
            raise Unauthorized() from exc
        return decoded["header"], decoded["payload"]

    @staticmethod
    def _header_ok(header: Mapping[str, Any]) -> bool:
        return (
            set(header) <= _ALLOWED_HEADERS
            and header.get("alg") == ALGORITHM
            and header.get("typ", "JWT") == "JWT"
        )

    def _claims_ok(self, claims: Mapping[str, Any], purpose: str) -> bool:
        if not all(isinstance(claims.get(name), str) for name in _STRING_CLAIMS):
            return False
        issued_at, not_before, expires = (_int_claim(claims, name) for name in _TIME_CLAIMS)
        if issued_at is None or not_before is None or expires is None:
            return False
        now = self._clock.now().timestamp()
        return (
            claims["typ"] == purpose
            and claims["iss"] == self._issuer
            and claims["aud"] == self._audience
            and issued_at <= now + self._leeway
            and not_before <= now + self._leeway
            and now < expires + self._leeway
        )


def _int_claim(claims: Mapping[str, Any], name: str) -> int | None:
    """The claim as an integer NumericDate, or None when absent or of another type (floats included)."""
    value = claims.get(name)
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    return None
