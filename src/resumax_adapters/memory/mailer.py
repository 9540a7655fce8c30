"""``InMemoryMailer``: a ``Mailer`` that keeps what it sends in a list (tests, embedding).

It refuses the same messages as the real mailers (``resumax_adapters.email.compose.check_message``) and
can be switched off (``available = False``) to play an outage: ``send`` then raises ``Unavailable``.
"""

from __future__ import annotations

from resumax_adapters.email.compose import check_message
from resumax_core.errors import Unavailable
from resumax_core.ports.mailer import EmailMessage


class InMemoryMailer:
    """Records each message in ``sent``, oldest first."""

    def __init__(self) -> None:
        self.sent: list[EmailMessage] = []
        self.available = True

    async def send(self, message: EmailMessage) -> None:
        """Append ``message`` to ``sent``; ``InvalidInput`` for header injection, ``Unavailable`` when off."""
        check_message(message)
        if not self.available:
            raise Unavailable("The mail service is unavailable.")
        self.sent.append(message)

    def latest(self, to: str) -> EmailMessage | None:
        """The last message sent to ``to`` (case-insensitive), or None."""
        wanted = to.casefold()
        return next((m for m in reversed(self.sent) if m.to.casefold() == wanted), None)
