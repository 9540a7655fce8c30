"""The signed-in user's own profile, security log and account deletion (``/users/me``)."""

from __future__ import annotations

from starlette.responses import Response

from resumax_http.auth import clear_refresh_cookie
from resumax_http.endpoint import Call, Operation, endpoint, json_response, no_content
from resumax_http.schemas.accounts import (
    AuditEventOut,
    AuditListOut,
    AuditQuery,
    DeleteAccountIn,
    ProfileUpdateIn,
    UserOut,
)

TAG = "users"


@endpoint(Operation(summary="Your profile", tag=TAG, responses={200: UserOut}))
async def get_me(call: Call) -> Response:
    user = await call.app.get_profile.execute(call.user.id)
    return json_response(UserOut.of(user))


@endpoint(
    Operation(
        summary="Update your name and preferences",
        description="Preferences merge key by key; a key set to null is removed. The email, role and "
        "verification state cannot be set here.",
        tag=TAG,
        body=ProfileUpdateIn,
        responses={200: UserOut},
    )
)
async def update_me(call: Call) -> Response:
    body = await call.body(ProfileUpdateIn)
    user = await call.app.update_profile.execute(call.user.id, name=body.name, preferences=body.preferences)
    return json_response(UserOut.of(user))


@endpoint(
    Operation(
        summary="Delete your account",
        description="Asks for the password again; removes every record and stored file.",
        tag=TAG,
        body=DeleteAccountIn,
        responses={204: None},
    )
)
async def delete_me(call: Call) -> Response:
    body = await call.body(DeleteAccountIn)
    await call.app.delete_account.execute(call.user.id, body.password)
    response = no_content()
    clear_refresh_cookie(response, call.settings)
    return response


@endpoint(
    Operation(
        summary="Your security events",
        description="Sign-ins, failures, password changes and resets, newest first.",
        tag=TAG,
        query=AuditQuery,
        responses={200: AuditListOut},
    )
)
async def list_audit(call: Call) -> Response:
    query = call.query(AuditQuery)
    events = await call.app.list_audit_events.execute(call.user.id, query.limit)
    return json_response(AuditListOut(items=[AuditEventOut.of(event) for event in events]))
