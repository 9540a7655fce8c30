"""Models of the auth and user routes (architecture §5 Auth and Users)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import Field

from resumax_core.entities import AuditEvent, User
from resumax_core.use_cases.accounts import Registration, Session
from resumax_http.schemas.common import QueryModel, RequestModel, ResponseModel

Email = Field(min_length=1, max_length=320, examples=["ada@example.com"])
Password = Field(min_length=1, max_length=1024, description="8 to 1024 characters; not a common password.")
OpaqueToken = Field(min_length=1, max_length=4096)


class RegisterIn(RequestModel):
    email: str = Email
    password: str = Password
    name: str = Field(min_length=1, max_length=200, examples=["Ada Lovelace"])


class RegistrationOut(ResponseModel):
    """The same answer whether or not the email already had an account (the email says which)."""

    status: str
    message: str

    @classmethod
    def of(cls, registration: Registration) -> RegistrationOut:
        return cls(status=registration.status, message=registration.message)


class LoginIn(RequestModel):
    email: str = Email
    password: str = Password


class RefreshIn(RequestModel):
    """The refresh token; may be omitted when the ``resumax_refresh`` cookie carries it."""

    refresh_token: str | None = Field(default=None, min_length=1, max_length=512)


class LogoutIn(RefreshIn):
    pass


class VerifyEmailIn(RequestModel):
    token: str = OpaqueToken


class ResetRequestIn(RequestModel):
    email: str = Email


class ResetConfirmIn(RequestModel):
    token: str = OpaqueToken
    new_password: str = Password


class ChangePasswordIn(RequestModel):
    current_password: str = Password
    new_password: str = Password


class UserOut(ResponseModel):
    id: str
    email: str
    name: str
    preferences: dict[str, Any]
    email_verified: bool
    created_at: datetime

    @classmethod
    def of(cls, user: User) -> UserOut:
        return cls(
            id=user.id,
            email=user.email,
            name=user.name,
            preferences=dict(user.preferences),
            email_verified=user.email_verified_at is not None,
            created_at=user.created_at,
        )


class TokensOut(ResponseModel):
    access_token: str
    refresh_token: str
    expires_in: int = Field(description="Seconds until the access token expires.")
    token_type: str = "Bearer"

    @classmethod
    def of(cls, session: Session) -> TokensOut:
        return cls(
            access_token=session.access_token,
            refresh_token=session.refresh_token,
            expires_in=session.access_expires_in,
        )


class SessionOut(TokensOut):
    user: UserOut

    @classmethod
    def of(cls, session: Session) -> SessionOut:
        return cls(
            user=UserOut.of(session.user),
            access_token=session.access_token,
            refresh_token=session.refresh_token,
            expires_in=session.access_expires_in,
        )


class ProfileUpdateIn(RequestModel):
    """Only the name and preferences can change here; a preference set to null is removed."""

    name: str | None = Field(default=None, min_length=1, max_length=200)
    preferences: dict[str, Any] | None = None


class DeleteAccountIn(RequestModel):
    password: str = Password


class AuditQuery(QueryModel):
    limit: int = Field(default=50, ge=1, le=200)


class AuditEventOut(ResponseModel):
    id: str
    event: str
    created_at: datetime
    details: dict[str, Any]

    @classmethod
    def of(cls, event: AuditEvent) -> AuditEventOut:
        return cls(id=event.id, event=event.event, created_at=event.created_at, details=dict(event.details))


class AuditListOut(ResponseModel):
    items: list[AuditEventOut]
