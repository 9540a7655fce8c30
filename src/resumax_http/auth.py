"""Who is calling: the bearer access token, and the refresh-token cookie the web app uses.

The access token travels in ``Authorization: Bearer``; the Authenticate use case decides whether it is
valid. The refresh token is also set as a cookie that only the ``/auth`` routes receive (HttpOnly,
SameSite=Strict, Secure when the public base URL is https), so a browser app never has to keep it in
script-readable storage.
"""

from __future__ import annotations

from datetime import datetime

from starlette.requests import Request
from starlette.responses import Response

from resumax_adapters import Resumax, Settings
from resumax_core.entities import User
from resumax_core.errors import Unauthorized
from resumax_core.use_cases.accounts import Session

REFRESH_COOKIE = "resumax_refresh"
REFRESH_COOKIE_PATH = "/auth"
MAX_TOKEN_CHARS = 8192


def bearer_token(request: Request) -> str:
    """The token of an ``Authorization: Bearer <token>`` header; Unauthorized when there is none."""
    header = request.headers.get("authorization", "")
    scheme, _, token = header.strip().partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token or len(token) > MAX_TOKEN_CHARS:
        raise Unauthorized()
    return token


async def authenticated_user(request: Request, app: Resumax) -> User:
    """The user the request's access token belongs to (the Authenticate use case checks it)."""
    user = await app.authenticate.execute(bearer_token(request))
    request.state.user_id = user.id
    return user


def refresh_token_of(request: Request, from_body: str | None) -> str:
    """The refresh token from the body, else from the cookie; Unauthorized when neither has one."""
    token = from_body or request.cookies.get(REFRESH_COOKIE)
    if not token or len(token) > MAX_TOKEN_CHARS:
        raise Unauthorized()
    return token


def _secure(settings: Settings) -> bool:
    return settings.base_url.lower().startswith("https://")


def set_refresh_cookie(response: Response, session: Session, settings: Settings, now: datetime) -> None:
    max_age = max(0, int((session.refresh_expires_at - now).total_seconds()))
    response.set_cookie(
        REFRESH_COOKIE,
        session.refresh_token,
        max_age=max_age,
        path=REFRESH_COOKIE_PATH,
        secure=_secure(settings),
        httponly=True,
        samesite="strict",
    )


def clear_refresh_cookie(response: Response, settings: Settings) -> None:
    response.delete_cookie(
        REFRESH_COOKIE, path=REFRESH_COOKIE_PATH, secure=_secure(settings), httponly=True, samesite="strict"
    )
