"""``SmtpMailer``: a ``Mailer`` that hands messages to an SMTP server (stdlib ``smtplib``).

One connection per message, run in a worker thread (``asyncio.to_thread``) so the event loop never
blocks. ``security`` is ``"starttls"`` (upgrade a plain connection, default port 587), ``"ssl"`` (implicit
TLS, port 465) or ``"none"`` (port 25; a local relay only). TLS verifies the server's certificate and
host name; a server that does not offer STARTTLS is an error, never a silent downgrade. Credentials are
refused over ``"none"`` unless the server is on this machine.

Any connection, TLS or SMTP failure raises ``Unavailable`` (the vendor error chained as the cause); no
message ever includes the password or the body.
"""

from __future__ import annotations

import asyncio
import smtplib
import ssl
from datetime import UTC
from email.message import EmailMessage as MimeMessage
from typing import Literal
from urllib.parse import parse_qs, unquote, urlsplit

from resumax_adapters.email.compose import build_mime, check_message, check_sender
from resumax_adapters.system.clock import SystemClock
from resumax_core.errors import Unavailable
from resumax_core.ports.clock import Clock
from resumax_core.ports.mailer import EmailMessage

Security = Literal["starttls", "ssl", "none"]
SECURITY_MODES: tuple[Security, ...] = ("starttls", "ssl", "none")
DEFAULT_PORTS: dict[Security, int] = {"starttls": 587, "ssl": 465, "none": 25}
_LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})
_URL_OPTIONS = frozenset({"security", "from", "timeout"})


class SmtpMailer:
    """Sends each message from ``sender`` through ``host:port``, logging in when ``username`` is set."""

    def __init__(
        self,
        *,
        host: str,
        port: int,
        sender: str,
        username: str | None = None,
        password: str | None = None,
        security: str = "starttls",
        timeout: float = 10.0,
        ssl_context: ssl.SSLContext | None = None,
        clock: Clock | None = None,
    ) -> None:
        """``ssl_context`` replaces the default (system CAs, host name checked), e.g. for a private CA."""
        if security not in SECURITY_MODES:
            raise ValueError(f"security must be one of {', '.join(SECURITY_MODES)} (got {security!r})")
        if not host:
            raise ValueError("the SMTP host must not be empty")
        if not 0 < port < 65536:
            raise ValueError(f"the SMTP port is out of range: {port}")
        if timeout <= 0:
            raise ValueError("the SMTP timeout must be positive")
        if (username is None) != (password is None):
            raise ValueError("give both an SMTP username and a password, or neither")
        if username is not None and security == "none" and host not in _LOCAL_HOSTS:
            raise ValueError("refusing to send SMTP credentials over an unencrypted connection")
        check_sender(sender)
        self.host = host
        self.port = port
        self.sender = sender
        self.security: Security = security
        self.timeout = timeout
        self._username = username
        self._password = password
        self._ssl_context = ssl_context
        self._clock = clock or SystemClock()

    @classmethod
    def from_url(
        cls, url: str, *, ssl_context: ssl.SSLContext | None = None, clock: Clock | None = None
    ) -> SmtpMailer:
        """Build from ``smtp://user:pass@host:587?security=starttls&from=no-reply@example.com``.

        ``smtps://`` means implicit TLS. The query may set ``security``, ``from`` (required) and
        ``timeout``; every value is percent-decoded (write ``+`` as ``%2B``, ``@`` in a user name as
        ``%40``). ``ValueError`` for anything else, with a message that never includes the password.
        """
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme not in {"smtp", "smtps"}:
            raise ValueError("the mail URL must start with smtp:// or smtps://")
        query = parse_qs(parts.query, keep_blank_values=True, strict_parsing=False)
        unknown = set(query) - _URL_OPTIONS
        if unknown:
            raise ValueError(f"unknown mail URL options: {', '.join(sorted(unknown))}")
        options = {key: values[-1] for key, values in query.items()}
        security = options.get("security", "ssl" if scheme == "smtps" else "starttls")
        if scheme == "smtps" and security != "ssl":
            raise ValueError("smtps:// always uses implicit TLS; drop the security option or use smtp://")
        if security not in SECURITY_MODES:
            raise ValueError(f"security must be one of {', '.join(SECURITY_MODES)} (got {security!r})")
        sender = options.get("from")
        if not sender:
            raise ValueError("the mail URL needs a from= address")
        try:
            explicit_port = parts.port
        except ValueError as exc:
            raise ValueError("the mail URL has an invalid port") from exc
        return cls(
            host=parts.hostname or "",
            port=explicit_port or DEFAULT_PORTS[security],
            sender=sender,
            username=unquote(parts.username) if parts.username is not None else None,
            password=unquote(parts.password) if parts.password is not None else None,
            security=security,
            timeout=float(options.get("timeout", 10.0)),
            ssl_context=ssl_context,
            clock=clock,
        )

    def __repr__(self) -> str:
        return (
            f"SmtpMailer(host={self.host!r}, port={self.port}, security={self.security!r}, "
            f"username={self._username!r})"
        )

    async def send(self, message: EmailMessage) -> None:
        """Deliver ``message`` to the server; ``InvalidInput`` for header injection, ``Unavailable`` when
        the server cannot be reached, refuses TLS or login, or refuses the message."""
        check_message(message)
        mime = build_mime(message, sender=self.sender, sent_at=self._clock.now().astimezone(UTC))
        try:
            await asyncio.to_thread(self._deliver, mime)
        except (OSError, smtplib.SMTPException) as exc:
            # A fixed message: people may see it, and smtplib errors quote the server's reply. Operators
            # find the server's answer in the chained cause.
            raise Unavailable("The mail service is unavailable; try again shortly.") from exc

    def _context(self) -> ssl.SSLContext:
        return self._ssl_context or ssl.create_default_context()

    def _deliver(self, mime: MimeMessage) -> None:
        client: smtplib.SMTP
        if self.security == "ssl":
            client = smtplib.SMTP_SSL(self.host, self.port, timeout=self.timeout, context=self._context())
        else:
            client = smtplib.SMTP(self.host, self.port, timeout=self.timeout)
        with client:
            client.ehlo()
            if self.security == "starttls":
                client.starttls(context=self._context())
                client.ehlo()
            if self._username is not None and self._password is not None:
                client.login(self._username, self._password)
            refused = client.send_message(mime)
        if refused:
            raise smtplib.SMTPRecipientsRefused(refused)
