"""The emails resuMAX sends. Links are built from the configured base URL, never from a request."""

from __future__ import annotations

from urllib.parse import quote

from resumax_core.ports import EmailMessage


def _link(base_url: str, path: str, token: str) -> str:
    return f"{base_url.rstrip('/')}{path}?token={quote(token, safe='')}"


def verification_email(to: str, name: str, base_url: str, token: str) -> EmailMessage:
    link = _link(base_url, "/verify-email", token)
    return EmailMessage(
        to=to,
        subject="Confirm your email for resuMAX",
        text=(
            f"Hi {name},\n\nConfirm your email address to start tailoring your resume:\n\n{link}\n\n"
            "The link works for 48 hours. If you did not sign up, ignore this email.\n"
        ),
    )


def already_registered_email(to: str, base_url: str) -> EmailMessage:
    return EmailMessage(
        to=to,
        subject="You already have a resuMAX account",
        text=(
            "Someone (probably you) tried to sign up for resuMAX with this email address, which already has "
            f"an account.\n\nSign in at {base_url.rstrip('/')}/login, or reset your password there if you "
            "forgot it. If it was not you, you can ignore this email.\n"
        ),
    )


def password_reset_email(to: str, base_url: str, token: str) -> EmailMessage:
    link = _link(base_url, "/reset-password", token)
    return EmailMessage(
        to=to,
        subject="Reset your resuMAX password",
        text=(
            f"Use this link to choose a new password:\n\n{link}\n\n"
            "It works once, for one hour. If you did not ask for it, ignore this email: your password stays "
            "as it is.\n"
        ),
    )


def password_changed_email(to: str) -> EmailMessage:
    return EmailMessage(
        to=to,
        subject="Your resuMAX password was changed",
        text=(
            "Your password was just changed and every other session was signed out.\n\n"
            "If this was not you, reset your password right away.\n"
        ),
    )


def optimization_ready_email(to: str, base_url: str, optimization_id: str, summary: str) -> EmailMessage:
    return EmailMessage(
        to=to,
        subject="Your tailored resume is ready to review",
        text=(
            f"{summary}\n\nReview each suggested change and keep the ones you want:\n"
            f"{base_url.rstrip('/')}/app/optimizations/{quote(optimization_id, safe='')}\n"
        ),
    )
