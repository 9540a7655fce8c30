"""The PasswordHasher contract (SECURITY.md items 9 and 10), run against every adapter of the port.

Each adapter comes as a factory taking a strength level, so the rehash rules can compare a weaker and a
stronger configuration of the same adapter. Level 0 is the weakest configuration the adapter allows.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from argon2 import PasswordHasher as RawArgon2
from argon2 import Type

from resumax_adapters.security.argon2 import Argon2PasswordHasher
from resumax_core.ports.password_hasher import PasswordHasher

HasherFactory = Callable[[int], PasswordHasher]

_ARGON2_LEVELS = [
    {"time_cost": 2, "memory_cost": 19_456},
    {"time_cost": 3, "memory_cost": 19_456},
    {"time_cost": 3, "memory_cost": 65_536},
]

FACTORIES: dict[str, HasherFactory] = {
    "argon2": lambda level: Argon2PasswordHasher(**_ARGON2_LEVELS[level]),
}

PHC_ARGON2ID = re.compile(r"^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$")


@pytest.fixture(params=sorted(FACTORIES))
def make_hasher(request: pytest.FixtureRequest) -> HasherFactory:
    return FACTORIES[request.param]


@pytest.fixture
def hasher(make_hasher: HasherFactory) -> PasswordHasher:
    return make_hasher(0)


def test_hashes_are_argon2id_with_at_least_the_owasp_minimum(hasher: PasswordHasher) -> None:
    match = PHC_ARGON2ID.match(hasher.hash("correct horse battery staple"))

    assert match is not None
    memory, time, parallelism = (int(group) for group in match.groups())
    assert memory >= 19_456
    assert time >= 2
    assert parallelism >= 1


def test_the_right_password_verifies_and_a_wrong_one_does_not(hasher: PasswordHasher) -> None:
    stored = hasher.hash("correct horse battery staple")

    assert hasher.verify(stored, "correct horse battery staple") is True
    assert hasher.verify(stored, "correct horse battery stapler") is False
    assert hasher.verify(stored, "Correct horse battery staple") is False
    assert hasher.verify(stored, "") is False


def test_each_hash_has_its_own_salt(hasher: PasswordHasher) -> None:
    first, second = hasher.hash("same password"), hasher.hash("same password")

    assert first != second
    assert hasher.verify(first, "same password")
    assert hasher.verify(second, "same password")


def test_a_128_character_password_works_and_is_not_truncated(hasher: PasswordHasher) -> None:
    password = "".join(chr(ord("a") + i % 26) for i in range(128))
    stored = hasher.hash(password)

    assert hasher.verify(stored, password)
    assert not hasher.verify(stored, password[:-1] + "!")
    assert not hasher.verify(stored, password[:72])
    assert not hasher.verify(stored, password + "x")


def test_a_password_differing_only_at_character_100_does_not_verify(hasher: PasswordHasher) -> None:
    password = "p" * 150
    other = password[:99] + "q" + password[100:]

    assert not hasher.verify(hasher.hash(password), other)


def test_the_longest_allowed_password_works(hasher: PasswordHasher) -> None:
    password = "long passphrase " * 64  # 1024 characters, the policy's maximum

    assert hasher.verify(hasher.hash(password), password)


@pytest.mark.parametrize(
    "password", ["pässwörd-ünïcode", "密码密码密码密码", "emoji 🔐🔑 pass", "nul\x00inside"]
)
def test_any_text_hashes_and_verifies(hasher: PasswordHasher, password: str) -> None:
    stored = hasher.hash(password)

    assert hasher.verify(stored, password)
    assert not hasher.verify(stored, password + " ")


def test_a_lone_surrogate_neither_raises_nor_matches_other_text(hasher: PasswordHasher) -> None:
    stored = hasher.hash("broken \ud800 text")

    assert hasher.verify(stored, "broken \ud800 text")
    assert not hasher.verify(stored, "broken \ufffd text")
    assert not hasher.verify(hasher.hash("plain text"), "plain \udfff text")


def _malformed_hashes(valid: str) -> list[str]:
    prefix, _, tag = valid.rpartition("$")
    flipped_tag = ("A" if tag[0] != "A" else "B") + tag[1:]
    return [
        "",
        "not a hash",
        "$argon2id$",
        "$argon2id$v=19$m=19456,t=2,p=1$",
        valid[:-10],
        valid + "$extra",
        valid.replace("$argon2id$", "$argon2xx$"),
        f"{prefix}${flipped_tag}",
        "$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW",
        "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$ü",
        "\x00" * 40,
    ]


def test_a_malformed_or_tampered_hash_never_verifies_and_never_raises(hasher: PasswordHasher) -> None:
    valid = hasher.hash("correct horse battery staple")

    for malformed in _malformed_hashes(valid):
        assert hasher.verify(malformed, "correct horse battery staple") is False, malformed


def test_an_unreadable_hash_needs_rehashing(hasher: PasswordHasher) -> None:
    for malformed in ["", "not a hash", "$argon2id$", "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$ü"]:
        assert hasher.needs_rehash(malformed) is True, malformed


def test_a_hash_made_with_todays_parameters_needs_no_rehash(make_hasher: HasherFactory) -> None:
    for level in range(len(_ARGON2_LEVELS)):
        hasher = make_hasher(level)

        assert hasher.needs_rehash(hasher.hash("correct horse battery staple")) is False


def test_a_hash_made_with_weaker_parameters_needs_rehash(make_hasher: HasherFactory) -> None:
    old = make_hasher(0).hash("correct horse battery staple")

    for level in range(1, len(_ARGON2_LEVELS)):
        upgraded = make_hasher(level)
        assert upgraded.needs_rehash(old) is True
        assert upgraded.verify(old, "correct horse battery staple")  # old hashes still log in


def test_a_hash_made_with_stronger_parameters_is_not_downgraded(make_hasher: HasherFactory) -> None:
    strong = make_hasher(len(_ARGON2_LEVELS) - 1).hash("correct horse battery staple")

    assert make_hasher(0).needs_rehash(strong) is False


# Argon2-specific: the parameters and variants the adapter itself accepts.


def test_argon2_defaults_are_above_the_owasp_minimum() -> None:
    match = PHC_ARGON2ID.match(Argon2PasswordHasher().hash("correct horse battery staple"))

    assert match is not None
    assert [int(group) for group in match.groups()] == [65_536, 3, 1]


@pytest.mark.parametrize(
    "parameters",
    [{"memory_cost": 19_455}, {"time_cost": 1}, {"parallelism": 0}, {"memory_cost": 4096, "time_cost": 1}],
)
def test_argon2_refuses_parameters_below_the_owasp_minimum(parameters: dict[str, int]) -> None:
    with pytest.raises(ValueError):
        Argon2PasswordHasher(**parameters)


@pytest.mark.parametrize("variant", [Type.I, Type.D])
def test_argon2_verifies_other_variants_but_rehashes_them_to_argon2id(variant: Type) -> None:
    hasher = Argon2PasswordHasher(time_cost=2, memory_cost=19_456)
    foreign = RawArgon2(time_cost=3, memory_cost=65_536, type=variant).hash("correct horse battery staple")

    assert hasher.verify(foreign, "correct horse battery staple")
    assert hasher.needs_rehash(foreign) is True
