"""The password policy (SECURITY.md item 10): length limits, the common-password list, the email rule."""

from __future__ import annotations

import pytest

from resumax_adapters.security.common_passwords import load_common_passwords
from resumax_core.errors import InvalidInput
from resumax_core.use_cases.password_policy import MAX_LENGTH, MIN_LENGTH, PasswordPolicy

EMAIL = "alice.smith@example.com"


@pytest.fixture(scope="module")
def policy() -> PasswordPolicy:
    return PasswordPolicy(load_common_passwords())


def _refusal(policy: PasswordPolicy, password: str, email: str = EMAIL) -> InvalidInput:
    with pytest.raises(InvalidInput) as caught:
        policy.check(password, email=email)
    assert caught.value.details == {"field": "password"}
    return caught.value


@pytest.mark.parametrize(
    "password",
    [
        "correct horse battery staple",
        "Tr0ub4dor&3x",
        "8 chars!",
        "x" * 7 + "y",
        "pässwörd ünïcode",
        "密码很长很长很长",
        "a" * 128 + "b",
        "z" * MAX_LENGTH,
    ],
)
def test_reasonable_passwords_are_accepted(policy: PasswordPolicy, password: str) -> None:
    policy.check(password, email=EMAIL)


def test_seven_characters_are_refused_and_eight_accepted(policy: PasswordPolicy) -> None:
    error = _refusal(policy, "k9#Lq2w")

    assert "at least 8 characters" in error.message
    policy.check("k9#Lq2wZ", email=EMAIL)


def test_length_counts_characters_not_bytes(policy: PasswordPolicy) -> None:
    _refusal(policy, "ñ" * 7)  # 14 bytes in UTF-8, but 7 characters
    policy.check("ñ" * 8, email=EMAIL)


def test_more_than_the_maximum_is_refused(policy: PasswordPolicy) -> None:
    error = _refusal(policy, "z" * (MAX_LENGTH + 1))

    assert f"at most {MAX_LENGTH}" in error.message


@pytest.mark.parametrize(
    "password", ["password", "12345678", "qwerty123", "iloveyou", "password1", "football"]
)
def test_common_passwords_are_refused(policy: PasswordPolicy, password: str) -> None:
    error = _refusal(policy, password)

    assert "too common" in error.message


@pytest.mark.parametrize("password", ["PASSWORD", "PassWord1", "QWERTY123", " iloveyou ", "ｐａｓｓｗｏｒｄ"])
def test_common_passwords_are_refused_whatever_the_case_spacing_or_width(
    policy: PasswordPolicy, password: str
) -> None:
    _refusal(policy, password)


def test_the_shipped_list_is_substantial_and_normalised() -> None:
    common = load_common_passwords()

    assert len(common) >= 1000
    assert {"password", "12345678", "qwerty123", "iloveyou"} <= common
    assert all(entry == entry.strip().lower() and entry and not entry.startswith("#") for entry in common)


@pytest.mark.parametrize(
    ("password", "email"),
    [
        ("alice.smith@example.com", EMAIL),
        ("Alice.Smith@Example.com", EMAIL),
        ("alice.smith", EMAIL),
        ("ALICE.SMITH", EMAIL),
        ("jonathan.q", "Jonathan.Q@example.org"),
    ],
)
def test_the_email_or_its_local_part_is_refused(policy: PasswordPolicy, password: str, email: str) -> None:
    error = _refusal(policy, password, email)

    assert "email" in error.message


def test_a_password_merely_containing_the_local_part_is_allowed(policy: PasswordPolicy) -> None:
    policy.check("alice.smith rides bicycles", email=EMAIL)


@pytest.mark.parametrize("password", ["line\nbreak1", "nul\x00inside", "bell\x07bell", "bad \ud800 text"])
def test_control_characters_and_lone_surrogates_are_refused(policy: PasswordPolicy, password: str) -> None:
    error = _refusal(policy, password)

    assert "control characters" in error.message


def test_only_spaces_are_refused(policy: PasswordPolicy) -> None:
    _refusal(policy, " " * 12)


def test_the_message_never_repeats_the_password(policy: PasswordPolicy) -> None:
    for password in ["Qwerty123", "k9#Lq2w", "alice.smith"]:
        assert password.lower() not in _refusal(policy, password).message.lower()


def test_the_blocklist_given_to_the_policy_is_normalised() -> None:
    policy = PasswordPolicy(frozenset({"  Hunter2Hunter2 "}))

    _refusal(policy, "hunter2hunter2")
    policy.check("hunter3hunter3", email=EMAIL)


def test_a_policy_cannot_be_made_weaker_than_the_minimum_length() -> None:
    with pytest.raises(ValueError):
        PasswordPolicy(frozenset(), min_length=MIN_LENGTH - 1)
