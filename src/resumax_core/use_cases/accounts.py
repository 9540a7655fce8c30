"""Accounts and sessions: register, verify email, log in, refresh, log out, reset and change passwords.

Sessions are families of rotating refresh tokens (opaque secrets stored only as SHA-256 hashes) plus
short-lived access tokens. Rules shared by every use case here:
- answers never reveal whether an email has an account (register, login and reset answer the same);
- password hashing is slow on purpose, so it runs off the event loop and at most ``max_parallel_hashes``
  at a time;
- a refresh token used twice revokes its whole family (someone copied it);
- changing or resetting a password signs out every other session and kills outstanding reset links;
- security events go to the audit log, never with a password, token or link.
"""

from __future__ import annotations

import asyncio
import hashlib
import re
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any, TypeVar

from attrs import evolve, frozen

from resumax_core.entities import AuditEvent, RefreshToken, User
from resumax_core.errors import Conflict, InvalidInput, Unauthorized
from resumax_core.ports import (
    Clock,
    EmailMessage,
    IdGenerator,
    Mailer,
    PasswordHasher,
    RateLimiter,
    SecretGenerator,
    TokenService,
    UnitOfWork,
    UnitOfWorkFactory,
)
from resumax_core.use_cases import emails
from resumax_core.use_cases.password_policy import PasswordPolicy

T = TypeVar("T")

ACCESS = "access"
EMAIL_VERIFY = "email_verify"
PASSWORD_RESET = "password_reset"

_EMAIL = re.compile(r"^[^@\s<>\"',;:()\[\]\\]{1,64}@[A-Za-z0-9.-]{1,253}\.[A-Za-z]{2,63}$")
INVALID_LINK = "This link is invalid or has expired."
BAD_CREDENTIALS = "The email or password is incorrect."


@frozen
class AuthConfig:
    """Lifetimes and limits of the account rules."""

    base_url: str
    access_ttl_seconds: int = 900
    refresh_ttl_seconds: int = 14 * 24 * 3600
    session_max_age_seconds: int = 30 * 24 * 3600
    email_token_ttl_seconds: int = 48 * 3600
    reset_token_ttl_seconds: int = 3600
    login_attempts_per_window: int = 10
    login_window_seconds: int = 900
    reset_requests_per_window: int = 5
    max_parallel_hashes: int = 2


@frozen
class Session:
    """What a successful login or refresh hands the client."""

    user: User
    access_token: str
    refresh_token: str
    access_expires_in: int
    refresh_expires_at: datetime


def normalize_email(email: str) -> str:
    """Trim and validate an email address; InvalidInput (field ``email``) when it is not one."""
    cleaned = email.strip()
    if len(cleaned) > 254 or not _EMAIL.match(cleaned):
        raise InvalidInput("Enter a valid email address.", details={"field": "email"})
    local, domain = cleaned.rsplit("@", 1)
    return f"{local}@{domain.lower()}"


def clean_name(name: str) -> str:
    cleaned = " ".join(name.split())
    if not cleaned or len(cleaned) > 100 or any(not ch.isprintable() for ch in cleaned):
        raise InvalidInput("Enter a name of 1 to 100 characters.", details={"field": "name"})
    return cleaned


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def password_fingerprint(password_hash: str) -> str:
    """Binds reset links to the password they replace: any password change makes old links useless."""
    return hashlib.sha256(b"reset:" + password_hash.encode()).hexdigest()[:32]


class AccountKit:
    """The dependencies every account use case shares (one object keeps the constructors short)."""

    def __init__(
        self,
        uow: UnitOfWorkFactory,
        hasher: PasswordHasher,
        tokens: TokenService,
        mailer: Mailer,
        limiter: RateLimiter,
        policy: PasswordPolicy,
        clock: Clock,
        ids: IdGenerator,
        secrets: SecretGenerator,
        config: AuthConfig,
    ) -> None:
        self.uow, self.hasher, self.tokens, self.mailer = uow, hasher, tokens, mailer
        self.limiter, self.policy, self.clock, self.ids, self.secrets = limiter, policy, clock, ids, secrets
        self.config = config
        self._hashing = asyncio.Semaphore(config.max_parallel_hashes)
        self._dummy_hash: str | None = None

    async def slow(self, work: Callable[[], T]) -> T:
        """Run a password hash or check in a thread, a few at a time (each takes tens of MiB)."""
        async with self._hashing:
            return await asyncio.to_thread(work)

    async def dummy_verify(self, password: str) -> None:
        """Spend the time a real check takes, so unknown emails cannot be told apart by timing."""
        if self._dummy_hash is None:
            self._dummy_hash = await self.slow(lambda: self.hasher.hash("resumax-timing-equaliser"))
        dummy = self._dummy_hash
        await self.slow(lambda: self.hasher.verify(dummy, password))

    def audit(self, event: str, user_id: str | None, **details: Any) -> AuditEvent:
        return AuditEvent(
            id=self.ids.new_id(), event=event, created_at=self.clock.now(), user_id=user_id, details=details
        )

    async def new_session(
        self,
        uow: UnitOfWork,
        user: User,
        family_id: str | None = None,
        family_expires_at: datetime | None = None,
    ) -> Session:
        """Issue an access token and store a new refresh token (a new family unless one is given)."""
        now = self.clock.now()
        family_id = family_id or self.ids.new_id()
        family_expires_at = family_expires_at or now + timedelta(seconds=self.config.session_max_age_seconds)
        secret = self.secrets.token()
        expires_at = min(now + timedelta(seconds=self.config.refresh_ttl_seconds), family_expires_at)
        await uow.refresh_tokens.add(
            RefreshToken(
                id=self.ids.new_id(),
                user_id=user.id,
                family_id=family_id,
                token_hash=hash_secret(secret),
                created_at=now,
                expires_at=expires_at,
                family_expires_at=family_expires_at,
            )
        )
        access = self.tokens.issue(user.id, ACCESS, self.config.access_ttl_seconds, {"sid": family_id})
        return Session(user, access, secret, self.config.access_ttl_seconds, expires_at)

    async def send(self, message: EmailMessage) -> None:
        await self.mailer.send(message)


@frozen
class Registration:
    status: str = "verification_sent"
    message: str = "Check your inbox: we sent a link to confirm your email address."


class RegisterUser:
    """Create an account and send the verification link.

    Rules: the email must be valid and the password must pass the policy (both say what is wrong); an email
    that already has an account gets a "you already have an account" email instead, and the caller gets
    exactly the same answer either way, in about the same time; the user signs in separately.
    """

    def __init__(self, kit: AccountKit) -> None:
        self._kit = kit

    async def execute(self, email: str, password: str, name: str) -> Registration:
        kit = self._kit
        address = normalize_email(email)
        display = clean_name(name)
        kit.policy.check(password, email=address)
        password_hash = await kit.slow(lambda: kit.hasher.hash(password))
        now = kit.clock.now()
        user = User(
            id=kit.ids.new_id(),
            email=address,
            password_hash=password_hash,
            name=display,
            created_at=now,
            updated_at=now,
            preferences={"notifyWhenReady": True},
        )
        async with kit.uow() as uow:
            existing = await uow.users.get_by_email(address)
            if existing is None:
                try:
                    await uow.users.add(user)
                    await uow.audit_log.add(kit.audit("register", user.id))
                    await uow.commit()
                except Conflict:
                    existing = user
        if existing is not None:
            await kit.send(emails.already_registered_email(address, kit.config.base_url))
            return Registration()
        token = kit.tokens.issue(
            user.id, EMAIL_VERIFY, kit.config.email_token_ttl_seconds, {"email": address}
        )
        await kit.send(emails.verification_email(address, display, kit.config.base_url, token))
        return Registration()


class VerifyEmail:
    """Confirm an email address from the emailed link. Rules: the link is bound to the address it was sent
    to; a valid link used again changes nothing; a bad or expired link is refused."""

    def __init__(self, kit: AccountKit) -> None:
        self._kit = kit

    async def execute(self, token: str) -> User:
        kit = self._kit
        try:
            claims = kit.tokens.decode(token, EMAIL_VERIFY)
        except Unauthorized:
            raise InvalidInput(INVALID_LINK, details={"field": "token"}) from None
        async with kit.uow() as uow:
            user = await uow.users.get(str(claims["sub"]))
            if user is None or user.email.casefold() != str(claims.get("email", "")).casefold():
                raise InvalidInput(INVALID_LINK, details={"field": "token"})
            if user.email_verified_at is None:
                user = evolve(user, email_verified_at=kit.clock.now(), updated_at=kit.clock.now())
                await uow.users.update(user)
                await uow.audit_log.add(kit.audit("email_verified", user.id))
                await uow.commit()
        return user


class ResendVerification:
    """Send the verification link again to a signed-in user whose email is not yet confirmed."""

    def __init__(self, kit: AccountKit) -> None:
        self._kit = kit

    async def execute(self, user_id: str) -> None:
        kit = self._kit
        async with kit.uow() as uow:
            user = await uow.users.get(user_id)
        if user is None:
            raise Unauthorized()
        if user.email_verified_at is not None:
            return
        await kit.limiter.hit(f"verify-resend:{user.id}", limit=5, window_seconds=3600)
        token = kit.tokens.issue(
            user.id, EMAIL_VERIFY, kit.config.email_token_ttl_seconds, {"email": user.email}
        )
        await kit.send(emails.verification_email(user.email, user.name, kit.config.base_url, token))


class Login:
    """Sign in with email and password.

    Rules: the same refusal for an unknown email and a wrong password; repeated attempts on one email are
    throttled (RateLimited with a retry time), never locked out for good; a hash made with weaker
    parameters is upgraded on success; every attempt is audited.
    """

    def __init__(self, kit: AccountKit) -> None:
        self._kit = kit

    async def execute(self, email: str, password: str) -> Session:
        kit = self._kit
        try:
            address = normalize_email(email)
        except InvalidInput:
            raise Unauthorized(BAD_CREDENTIALS) from None
        await kit.limiter.hit(
            f"login:{address.casefold()}",
            limit=kit.config.login_attempts_per_window,
            window_seconds=kit.config.login_window_seconds,
        )
        async with kit.uow() as uow:
            user = await uow.users.get_by_email(address)
        if user is None:
            await kit.dummy_verify(password)
            async with kit.uow() as uow:
                await uow.audit_log.add(kit.audit("login_failed", None, reason="unknown_email"))
                await uow.commit()
            raise Unauthorized(BAD_CREDENTIALS)
        stored = user.password_hash
        if not await kit.slow(lambda: kit.hasher.verify(stored, password)):
            async with kit.uow() as uow:
                await uow.audit_log.add(kit.audit("login_failed", user.id, reason="wrong_password"))
                await uow.commit()
            raise Unauthorized(BAD_CREDENTIALS)
        if kit.hasher.needs_rehash(stored):
            rehashed = await kit.slow(lambda: kit.hasher.hash(password))
            user = evolve(user, password_hash=rehashed, updated_at=kit.clock.now())
        async with kit.uow() as uow:
            if user.password_hash != stored:
                await uow.users.update(user)
            session = await kit.new_session(uow, user)
            await uow.audit_log.add(kit.audit("login", user.id))
            await uow.commit()
        return session


class RefreshSession:
    """Trade a refresh token for a new pair (rotation).

    Rules: each refresh token works once; presenting a used one again revokes the whole session family and
    is audited as token reuse; a session ends for good at its absolute expiry however often it rotates.
    """

    def __init__(self, kit: AccountKit) -> None:
        self._kit = kit

    async def execute(self, refresh_token: str) -> Session:
        kit = self._kit
        token_hash = hash_secret(refresh_token)
        now = kit.clock.now()
        async with kit.uow() as uow:
            consumed = await uow.refresh_tokens.consume(token_hash, now)
            if consumed is None:
                known = await uow.refresh_tokens.get_by_hash(token_hash)
                if known is not None and known.used_at is not None and known.revoked_at is None:
                    await uow.refresh_tokens.revoke_family(known.user_id, known.family_id, now)
                    await uow.audit_log.add(kit.audit("token_reuse", known.user_id, family=known.family_id))
                    await uow.commit()
                raise Unauthorized()
            user = await uow.users.get(consumed.user_id)
            if user is None:
                raise Unauthorized()
            session = await kit.new_session(uow, user, consumed.family_id, consumed.family_expires_at)
            await uow.commit()
        return session


class Logout:
    """End the session a refresh token belongs to. Rules: idempotent; only the token's own user's session."""

    def __init__(self, kit: AccountKit) -> None:
        self._kit = kit

    async def execute(self, user_id: str, refresh_token: str) -> None:
        kit = self._kit
        async with kit.uow() as uow:
            known = await uow.refresh_tokens.get_by_hash(hash_secret(refresh_token))
            if known is None or known.user_id != user_id:
                return
            await uow.refresh_tokens.revoke_family(user_id, known.family_id, kit.clock.now())
            await uow.audit_log.add(kit.audit("logout", user_id))
            await uow.commit()


class Authenticate:
    """Turn an access token into its user. Rules: only access tokens; the user must still exist; tokens
    issued before the user's last password change (or sign-out everywhere) are refused."""

    def __init__(self, kit: AccountKit) -> None:
        self._kit = kit

    async def execute(self, access_token: str) -> User:
        kit = self._kit
        claims = kit.tokens.decode(access_token, ACCESS)
        async with kit.uow() as uow:
            user = await uow.users.get(str(claims["sub"]))
        if user is None:
            raise Unauthorized()
        if user.sessions_valid_after is not None and int(claims["iat"]) < int(
            user.sessions_valid_after.timestamp()
        ):
            raise Unauthorized()
        return user


class RequestPasswordReset:
    """Email a single-use reset link. Rules: the same answer whether or not the email has an account;
    requests per email are throttled; the link dies when the password changes (by it or otherwise)."""

    def __init__(self, kit: AccountKit) -> None:
        self._kit = kit

    async def execute(self, email: str) -> None:
        kit = self._kit
        try:
            address = normalize_email(email)
        except InvalidInput:
            return
        await kit.limiter.hit(
            f"reset:{address.casefold()}",
            limit=kit.config.reset_requests_per_window,
            window_seconds=kit.config.login_window_seconds,
        )
        async with kit.uow() as uow:
            user = await uow.users.get_by_email(address)
            if user is None:
                return
            await uow.audit_log.add(kit.audit("password_reset_requested", user.id))
            await uow.commit()
        token = kit.tokens.issue(
            user.id,
            PASSWORD_RESET,
            kit.config.reset_token_ttl_seconds,
            {"pwd": password_fingerprint(user.password_hash)},
        )
        await kit.send(emails.password_reset_email(user.email, kit.config.base_url, token))


async def _replace_password(
    kit: AccountKit, uow: UnitOfWork, user: User, new_password: str, event: str
) -> User:
    kit.policy.check(new_password, email=user.email)
    new_hash = await kit.slow(lambda: kit.hasher.hash(new_password))
    now = kit.clock.now()
    updated = evolve(user, password_hash=new_hash, sessions_valid_after=now, updated_at=now)
    await uow.users.update(updated)
    await uow.refresh_tokens.revoke_all(user.id, now)
    await uow.audit_log.add(kit.audit(event, user.id))
    return updated


class ConfirmPasswordReset:
    """Set a new password from a reset link. Rules: the link works once and only while the password it
    was issued for is unchanged; every session is signed out; the user is told by email."""

    def __init__(self, kit: AccountKit) -> None:
        self._kit = kit

    async def execute(self, token: str, new_password: str) -> None:
        kit = self._kit
        try:
            claims = kit.tokens.decode(token, PASSWORD_RESET)
        except Unauthorized:
            raise InvalidInput(INVALID_LINK, details={"field": "token"}) from None
        async with kit.uow() as uow:
            user = await uow.users.get(str(claims["sub"]))
            if user is None or claims.get("pwd") != password_fingerprint(user.password_hash):
                raise InvalidInput(INVALID_LINK, details={"field": "token"})
            user = await _replace_password(kit, uow, user, new_password, "password_reset")
            if user.email_verified_at is None:
                # Following an emailed link proves the address, as the verification link would.
                user = evolve(user, email_verified_at=kit.clock.now())
                await uow.users.update(user)
            await uow.commit()
        await kit.send(emails.password_changed_email(user.email))


class ChangePassword:
    """Change the password of a signed-in user. Rules: the current password is required; every session
    is signed out, including older access tokens, and the caller gets a fresh session."""

    def __init__(self, kit: AccountKit) -> None:
        self._kit = kit

    async def execute(self, user_id: str, current_password: str, new_password: str) -> Session:
        kit = self._kit
        async with kit.uow() as uow:
            user = await uow.users.get(user_id)
        if user is None:
            raise Unauthorized()
        stored = user.password_hash
        if not await kit.slow(lambda: kit.hasher.verify(stored, current_password)):
            raise InvalidInput("The current password is incorrect.", details={"field": "currentPassword"})
        async with kit.uow() as uow:
            user = await _replace_password(kit, uow, user, new_password, "password_changed")
            await uow.commit()
        # Access tokens carry whole seconds, so this session's token (same second or later) stays valid.
        async with kit.uow() as uow:
            session = await kit.new_session(uow, user)
            await uow.commit()
        await kit.send(emails.password_changed_email(user.email))
        return session
