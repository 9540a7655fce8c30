"""The TokenService contract (SECURITY.md items 1-4), run against every adapter of the port.

Bad tokens are forged by hand (base64url + HMAC) so each test isolates one rule: every forged token is
valid in every other respect, which means each test fails if the one check it targets is removed.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from resumax_adapters.security.jwt import JwtTokenService
from resumax_core.errors import Unauthorized
from resumax_core.ports.token_service import TokenService
from tests.fakes import FakeClock

SECRET = b"contract-test-token-secret-0123456789abcdef"
OTHER_SECRET = b"someone-else's-secret-key-0123456789abcdef"
ISSUER = "https://resumax.test"
AUDIENCE = "resumax-api"
SUBJECT = "user-7f3a"


@dataclass
class Harness:
    """A token service plus what forging needs: its clock and how to build a sibling service."""

    service: TokenService
    clock: FakeClock
    build: Callable[..., TokenService]

    def now(self) -> int:
        return int(self.clock.now().timestamp())


def _jwt_service(
    *,
    clock: FakeClock,
    secret: bytes = SECRET,
    issuer: str = ISSUER,
    audience: str = AUDIENCE,
    leeway_seconds: int = 0,
) -> TokenService:
    return JwtTokenService(
        secret=secret, issuer=issuer, audience=audience, clock=clock, leeway_seconds=leeway_seconds
    )


BUILDERS: dict[str, Callable[..., TokenService]] = {"jwt": _jwt_service}


@pytest.fixture(params=sorted(BUILDERS))
def harness(request: pytest.FixtureRequest) -> Harness:
    clock = FakeClock()
    build = BUILDERS[request.param]
    return Harness(service=build(clock=clock), clock=clock, build=build)


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def forge(
    payload: dict[str, Any],
    *,
    header: dict[str, Any] | None = None,
    key: bytes = SECRET,
    digest: Callable[[], Any] = hashlib.sha256,
) -> str:
    """A compact JWS of ``payload`` signed with HMAC (``digest``) under ``key``; header defaults to HS256."""
    head = header if header is not None else {"alg": "HS256", "typ": "JWT"}
    signing_input = f"{b64url(json.dumps(head).encode())}.{b64url(json.dumps(payload).encode())}"
    signature = hmac.new(key, signing_input.encode("ascii"), digest).digest()
    return f"{signing_input}.{b64url(signature)}"


def claims(harness: Harness, **overrides: Any) -> dict[str, Any]:
    """A complete, valid claim set for an access token issued now; ``None`` removes a claim."""
    now = harness.now()
    base: dict[str, Any] = {
        "iss": ISSUER,
        "aud": AUDIENCE,
        "sub": SUBJECT,
        "iat": now,
        "nbf": now,
        "exp": now + 900,
        "jti": str(uuid.uuid4()),
        "typ": "access",
    }
    base.update(overrides)
    return {name: value for name, value in base.items() if value is not None}


def assert_refused(service: TokenService, token: str, purpose: str = "access") -> None:
    with pytest.raises(Unauthorized) as caught:
        service.decode(token, purpose)
    assert caught.value.message == Unauthorized.default_message  # never says which check failed


# A baseline: the forger itself makes tokens the service accepts, so each refusal below is the rule's.


def test_a_hand_forged_token_with_the_right_key_and_claims_is_accepted(harness: Harness) -> None:
    decoded = harness.service.decode(forge(claims(harness)), "access")

    assert decoded["sub"] == SUBJECT


def test_an_issued_token_round_trips_with_its_claims(harness: Harness) -> None:
    token = harness.service.issue(SUBJECT, "access", 900, {"sid": "session-1", "ver": 3})
    decoded = harness.service.decode(token, "access")
    now = harness.now()

    assert decoded["sub"] == SUBJECT
    assert decoded["typ"] == "access"
    assert decoded["iss"] == ISSUER
    assert decoded["aud"] == AUDIENCE
    assert (decoded["iat"], decoded["nbf"], decoded["exp"]) == (now, now, now + 900)
    assert uuid.UUID(decoded["jti"]).version == 4
    assert (decoded["sid"], decoded["ver"]) == ("session-1", 3)


def test_issued_tokens_use_hs256_and_carry_no_key_selecting_headers(harness: Harness) -> None:
    header = json.loads(b64url_decode(harness.service.issue(SUBJECT, "access", 60).split(".")[0]))

    assert header == {"alg": "HS256", "typ": "JWT"}


def test_every_issued_token_has_a_unique_jti(harness: Harness) -> None:
    ids = {
        harness.service.decode(harness.service.issue(SUBJECT, "access", 60), "access")["jti"]
        for _ in range(50)
    }

    assert len(ids) == 50


# SECURITY.md 1: algorithm and signature.


@pytest.mark.parametrize("alg", ["none", "None", "NONE", "nOnE"])
def test_alg_none_is_refused(harness: Harness, alg: str) -> None:
    header = b64url(json.dumps({"alg": alg, "typ": "JWT"}).encode())
    body = b64url(json.dumps(claims(harness)).encode())

    assert_refused(harness.service, f"{header}.{body}.")
    assert_refused(harness.service, forge(claims(harness), header={"alg": alg, "typ": "JWT"}))


def test_hs256_signed_with_another_key_is_refused(harness: Harness) -> None:
    assert_refused(harness.service, forge(claims(harness), key=OTHER_SECRET))


def test_a_token_from_a_service_with_another_secret_is_refused(harness: Harness) -> None:
    stranger = harness.build(clock=harness.clock, secret=OTHER_SECRET)

    assert_refused(harness.service, stranger.issue(SUBJECT, "access", 900))


@pytest.mark.parametrize("position", [0, 15, 31])
def test_a_flipped_signature_byte_is_refused(harness: Harness, position: int) -> None:
    head, body, signature = harness.service.issue(SUBJECT, "access", 900).split(".")
    raw = bytearray(b64url_decode(signature))
    raw[position] ^= 0x01

    assert_refused(harness.service, f"{head}.{body}.{b64url(bytes(raw))}")


def test_a_changed_payload_under_the_original_signature_is_refused(harness: Harness) -> None:
    head, _, signature = harness.service.issue(SUBJECT, "access", 900).split(".")
    body = b64url(json.dumps(claims(harness, sub="someone-else")).encode())

    assert_refused(harness.service, f"{head}.{body}.{signature}")


@pytest.mark.parametrize(
    ("alg", "digest"), [("HS384", hashlib.sha384), ("HS512", hashlib.sha512), ("RS256", hashlib.sha256)]
)
def test_algorithms_other_than_hs256_are_refused_even_with_our_key(
    harness: Harness, alg: str, digest: Callable[[], Any]
) -> None:
    assert_refused(harness.service, forge(claims(harness), header={"alg": alg, "typ": "JWT"}, digest=digest))


def test_a_header_without_alg_is_refused(harness: Harness) -> None:
    assert_refused(harness.service, forge(claims(harness), header={"typ": "JWT"}))


# SECURITY.md 2: key-selecting headers, each on an otherwise perfect token signed with our key.


@pytest.mark.parametrize(
    "extra",
    [
        {"jku": "https://attacker.example/jwks.json"},
        {"jwk": {"kty": "oct", "k": b64url(OTHER_SECRET)}},
        {"x5u": "https://attacker.example/cert.pem"},
        {"x5c": ["MIIBszCCAVmgAwIBAgIUe"]},
        {"kid": "unknown-key"},
        {"kid": ""},
        {"kid": "../../../../dev/null"},
        {"crit": ["exp"]},
        {"b64": True},
    ],
    ids=["jku", "jwk", "x5u", "x5c", "kid", "empty-kid", "path-kid", "crit", "b64"],
)
def test_key_selecting_and_unknown_headers_are_refused(harness: Harness, extra: dict[str, Any]) -> None:
    assert_refused(harness.service, forge(claims(harness), header={"alg": "HS256", "typ": "JWT", **extra}))


@pytest.mark.parametrize("typ", ["at+jwt", "JWS", 1])
def test_an_unexpected_header_typ_is_refused(harness: Harness, typ: Any) -> None:
    assert_refused(harness.service, forge(claims(harness), header={"alg": "HS256", "typ": typ}))


# SECURITY.md 3: time, read from the injected clock.


def test_a_token_is_valid_until_just_before_exp_and_refused_from_exp(harness: Harness) -> None:
    token = harness.service.issue(SUBJECT, "access", 60)

    harness.clock.advance(59)
    harness.service.decode(token, "access")
    harness.clock.advance(1)
    assert_refused(harness.service, token)


def test_a_long_expired_token_is_refused(harness: Harness) -> None:
    assert_refused(
        harness.service,
        forge(claims(harness, iat=harness.now() - 7200, nbf=harness.now() - 7200, exp=harness.now() - 3600)),
    )


def test_a_future_nbf_is_refused_until_it_arrives(harness: Harness) -> None:
    token = forge(claims(harness, nbf=harness.now() + 60))

    assert_refused(harness.service, token)
    harness.clock.advance(60)
    harness.service.decode(token, "access")


def test_an_iat_in_the_future_is_refused(harness: Harness) -> None:
    assert_refused(harness.service, forge(claims(harness, iat=harness.now() + 60)))


def test_leeway_tolerates_small_clock_skew_and_no_more(harness: Harness) -> None:
    lenient = harness.build(clock=harness.clock, leeway_seconds=30)
    token = lenient.issue(SUBJECT, "access", 60)
    early = forge(claims(harness, nbf=harness.now() + 20, iat=harness.now() + 20))

    lenient.decode(early, "access")
    harness.clock.advance(89)
    lenient.decode(token, "access")
    harness.clock.advance(1)
    assert_refused(lenient, token)


# SECURITY.md 4: purpose, audience, issuer.


@pytest.mark.parametrize(
    ("issued_as", "used_as"),
    [
        ("email_verify", "access"),
        ("password_reset", "access"),
        ("refresh", "access"),
        ("access", "refresh"),
        ("access", "password_reset"),
        ("email_verify", "password_reset"),
    ],
)
def test_a_token_is_refused_for_any_purpose_but_its_own(
    harness: Harness, issued_as: str, used_as: str
) -> None:
    token = harness.service.issue(SUBJECT, issued_as, 900)

    harness.service.decode(token, issued_as)
    assert_refused(harness.service, token, used_as)


def test_a_token_for_another_audience_is_refused(harness: Harness) -> None:
    other = harness.build(clock=harness.clock, audience="another-api")

    assert_refused(harness.service, other.issue(SUBJECT, "access", 900))
    assert_refused(harness.service, forge(claims(harness, aud="another-api")))


def test_an_audience_list_is_refused_even_when_it_includes_ours(harness: Harness) -> None:
    assert_refused(harness.service, forge(claims(harness, aud=[AUDIENCE, "another-api"])))


def test_a_token_from_another_issuer_is_refused(harness: Harness) -> None:
    other = harness.build(clock=harness.clock, issuer="https://evil.example")

    assert_refused(harness.service, other.issue(SUBJECT, "access", 900))
    assert_refused(harness.service, forge(claims(harness, iss="https://evil.example")))


@pytest.mark.parametrize("missing", ["iss", "aud", "sub", "iat", "nbf", "exp", "jti", "typ"])
def test_a_token_missing_a_required_claim_is_refused(harness: Harness, missing: str) -> None:
    assert_refused(harness.service, forge(claims(harness, **{missing: None})))


@pytest.mark.parametrize(
    "override",
    [
        {"exp": "9999999999"},
        {"exp": 9.9e9},
        {"exp": True},
        {"nbf": "0"},
        {"iat": [0]},
        {"sub": 42},
        {"jti": 7},
        {"typ": ["access"]},
        {"iss": [ISSUER]},
    ],
    ids=[
        "exp-str",
        "exp-float",
        "exp-bool",
        "nbf-str",
        "iat-list",
        "sub-int",
        "jti-int",
        "typ-list",
        "iss-list",
    ],
)
def test_a_claim_of_the_wrong_type_is_refused(harness: Harness, override: dict[str, Any]) -> None:
    assert_refused(harness.service, forge(claims(harness, **override)))


# Malformed input.


def _malformed(harness: Harness) -> list[str]:
    good = harness.service.issue(SUBJECT, "access", 900)
    head, body, signature = good.split(".")
    return [
        "",
        "garbage",
        "a.b",
        "a.b.c",
        "..",
        f"{good}.extra",
        f"{head}.{body}",
        f"{head}!.{body}.{signature}",
        f"{b64url(b'not json')}.{body}.{signature}",
        forge([1, 2, 3]),  # type: ignore[arg-type]
        forge(claims(harness), header=["HS256"]),  # type: ignore[arg-type]
        good + "A" * 9000,
        f" {good}",
        good.encode().hex(),
    ]


def test_malformed_tokens_are_refused(harness: Harness) -> None:
    for token in _malformed(harness):
        assert_refused(harness.service, token)


def test_a_non_string_token_is_refused(harness: Harness) -> None:
    assert_refused(harness.service, None)  # type: ignore[arg-type]
    assert_refused(harness.service, harness.service.issue(SUBJECT, "access", 60).encode())  # type: ignore[arg-type]


# Construction and issuing rules.


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_a_secret_shorter_than_32_bytes_is_refused(name: str) -> None:
    with pytest.raises(ValueError):
        BUILDERS[name](clock=FakeClock(), secret=b"x" * 31)
    BUILDERS[name](clock=FakeClock(), secret=b"x" * 32)


def test_jwt_refuses_a_str_secret() -> None:
    with pytest.raises(ValueError):
        JwtTokenService(secret="x" * 64, issuer=ISSUER, audience=AUDIENCE, clock=FakeClock())  # type: ignore[arg-type]


@pytest.mark.parametrize("reserved", ["iss", "aud", "sub", "iat", "nbf", "exp", "jti", "typ"])
def test_extra_claims_cannot_override_reserved_ones(harness: Harness, reserved: str) -> None:
    with pytest.raises(ValueError):
        harness.service.issue(SUBJECT, "access", 900, {reserved: "forged"})


@pytest.mark.parametrize("ttl", [0, -1])
def test_a_ttl_below_one_second_is_refused(harness: Harness, ttl: int) -> None:
    with pytest.raises(ValueError):
        harness.service.issue(SUBJECT, "access", ttl)


def test_the_service_does_not_show_its_secret(harness: Harness) -> None:
    assert SECRET.decode() not in repr(harness.service)


def test_claims_handed_out_are_the_callers_own(harness: Harness) -> None:
    token = harness.service.issue(SUBJECT, "access", 60)
    first = harness.service.decode(token, "access")
    first["sub"], first["typ"] = "someone-else", "password_reset"
    again = harness.service.decode(token, "access")
    assert again["sub"] == SUBJECT and again["typ"] == "access"
