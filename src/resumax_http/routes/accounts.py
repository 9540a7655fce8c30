"""Auth routes: register, verify, sign in, refresh, sign out, reset and change the password.

Register answers 202 ``{status, message}`` for known and unknown emails alike (SECURITY 11), so unlike
the spec's ``{user, accessToken, refreshToken}`` it signs nobody in: the client logs in next.
"""

from __future__ import annotations

from starlette.responses import Response

from resumax_http.auth import REFRESH_COOKIE, clear_refresh_cookie, refresh_token_of, set_refresh_cookie
from resumax_http.endpoint import Call, Operation, endpoint, json_response, no_content
from resumax_http.schemas.accounts import (
    ChangePasswordIn,
    LoginIn,
    LogoutIn,
    RefreshIn,
    RegisterIn,
    RegistrationOut,
    ResetConfirmIn,
    ResetRequestIn,
    SessionOut,
    TokensOut,
    VerifyEmailIn,
)
from resumax_http.schemas.common import StatusOut

TAG = "auth"


@endpoint(
    Operation(
        summary="Create an account",
        description="Sends a verification link by email. The answer is the same whether or not the email "
        "already has an account; sign in with POST /auth/login afterwards.",
        tag=TAG,
        auth=False,
        body=RegisterIn,
        responses={202: RegistrationOut},
        throttle="auth",
    )
)
async def register(call: Call) -> Response:
    body = await call.body(RegisterIn)
    registration = await call.app.register_user.execute(body.email, body.password, body.name)
    return json_response(RegistrationOut.of(registration), 202)


@endpoint(
    Operation(
        summary="Sign in",
        description="Returns an access token and a refresh token; the refresh token is also set as an "
        "HttpOnly cookie for the /auth routes. Repeated failures on one account answer 429.",
        tag=TAG,
        auth=False,
        body=LoginIn,
        responses={200: SessionOut},
        throttle="auth",
    )
)
async def login(call: Call) -> Response:
    body = await call.body(LoginIn)
    session = await call.app.login.execute(body.email, body.password)
    response = json_response(SessionOut.of(session))
    set_refresh_cookie(response, session, call.settings, call.app.clock.now())
    return response


@endpoint(
    Operation(
        summary="Rotate the refresh token",
        description="Send the refresh token in the body or let the cookie carry it. Each refresh token "
        "works once; using one twice signs the whole session out.",
        tag=TAG,
        auth=False,
        body=RefreshIn,
        body_required=False,
        responses={200: TokensOut},
        throttle="auth",
    )
)
async def refresh(call: Call) -> Response:
    body = await call.body(RefreshIn)
    session = await call.app.refresh_session.execute(refresh_token_of(call.request, body.refresh_token))
    response = json_response(TokensOut.of(session))
    set_refresh_cookie(response, session, call.settings, call.app.clock.now())
    return response


@endpoint(
    Operation(
        summary="Sign out",
        description="Ends the session the refresh token (body or cookie) belongs to.",
        tag=TAG,
        body=LogoutIn,
        body_required=False,
        responses={204: None},
    )
)
async def logout(call: Call) -> Response:
    body = await call.body(LogoutIn)
    token = body.refresh_token or call.request.cookies.get(REFRESH_COOKIE)
    if token:
        await call.app.logout.execute(call.user.id, token)
    response = no_content()
    clear_refresh_cookie(response, call.settings)
    return response


@endpoint(
    Operation(
        summary="Confirm an email address",
        description="With the token from the emailed link.",
        tag=TAG,
        auth=False,
        body=VerifyEmailIn,
        responses={200: StatusOut},
        throttle="auth",
    )
)
async def verify_email(call: Call) -> Response:
    body = await call.body(VerifyEmailIn)
    await call.app.verify_email.execute(body.token)
    return json_response(StatusOut(status="verified"))


@endpoint(
    Operation(
        summary="Send the verification link again",
        tag=TAG,
        responses={202: StatusOut},
        throttle="auth",
    )
)
async def resend_verification(call: Call) -> Response:
    await call.app.resend_verification.execute(call.user.id)
    return json_response(StatusOut(status="sent"), 202)


@endpoint(
    Operation(
        summary="Ask for a password reset link",
        description="The same answer whether or not the email has an account.",
        tag=TAG,
        auth=False,
        body=ResetRequestIn,
        responses={202: StatusOut},
        throttle="auth",
    )
)
async def request_password_reset(call: Call) -> Response:
    body = await call.body(ResetRequestIn)
    await call.app.request_password_reset.execute(body.email)
    return json_response(StatusOut(status="requested"), 202)


@endpoint(
    Operation(
        summary="Set a new password from a reset link",
        description="Signs out every session.",
        tag=TAG,
        auth=False,
        body=ResetConfirmIn,
        responses={200: StatusOut},
        throttle="auth",
    )
)
async def confirm_password_reset(call: Call) -> Response:
    body = await call.body(ResetConfirmIn)
    await call.app.confirm_password_reset.execute(body.token, body.new_password)
    return json_response(StatusOut(status="password_changed"))


@endpoint(
    Operation(
        summary="Change the password",
        description="Signs out every other session and returns a fresh one.",
        tag=TAG,
        body=ChangePasswordIn,
        responses={200: SessionOut},
        throttle="auth",
    )
)
async def change_password(call: Call) -> Response:
    body = await call.body(ChangePasswordIn)
    session = await call.app.change_password.execute(call.user.id, body.current_password, body.new_password)
    response = json_response(SessionOut.of(session))
    set_refresh_cookie(response, session, call.settings, call.app.clock.now())
    return response
