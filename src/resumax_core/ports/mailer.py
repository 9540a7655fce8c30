"""Sending email (verification, password reset, "optimization ready").

Contract: ``send`` delivers or raises ``Unavailable``; it never logs the body, which may hold tokens.
"""

from __future__ import annotations

from typing import Protocol

from attrs import frozen


@frozen
class EmailMessage:
    to: str
    subject: str
    text: str
    html: str | None = None


class Mailer(Protocol):
    async def send(self, message: EmailMessage) -> None: ...
