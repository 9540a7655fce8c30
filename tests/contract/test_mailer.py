"""The Mailer contract, run against every adapter: in memory, the outbox directory, and SMTP.

SMTP runs against a real server: an aiosmtpd ``Controller`` on 127.0.0.1 and a free port, started per
test and stopped after it. TLS tests make a throwaway self-signed certificate with the ``openssl`` command
(skipped when it is missing). Each harness can also play an outage, which must surface as ``Unavailable``.
"""

from __future__ import annotations

import email
import logging
import os
import re
import shutil
import socket
import ssl
import subprocess
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from email import policy
from email.message import EmailMessage as MimeMessage
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP as SmtpServer
from aiosmtpd.smtp import AuthResult, Envelope, LoginPassword, Session

from resumax_adapters.email.outbox import OutboxMailer, subject_slug
from resumax_adapters.email.smtp import SmtpMailer
from resumax_adapters.memory.mailer import InMemoryMailer
from resumax_core.errors import InvalidInput, Unavailable
from resumax_core.ports.mailer import EmailMessage, Mailer
from tests.fakes import FakeClock

SENDER = "resuMAX <no-reply@resumax.test>"
SENDER_ADDRESS = "no-reply@resumax.test"
TO = "alice@example.com"
TOKEN = "tok_9f8e7d6c5b4a39281706f5e4d3c2b1a0"
USERNAME, PASSWORD = "mailer", "s3cret-Pa55word-never-shown"


# --- A real SMTP server -----------------------------------------------------------------------------


@dataclass
class CollectingHandler:
    """An aiosmtpd handler that keeps every message it receives."""

    envelopes: list[Envelope] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_DATA(self, server: SmtpServer, session: Session, envelope: Envelope) -> str:
        with self.lock:
            self.envelopes.append(envelope)
        return "250 Message accepted for delivery"

    def messages(self) -> list[MimeMessage]:
        with self.lock:
            return [_parse(envelope.original_content or b"") for envelope in self.envelopes]


def _authenticator(
    server: SmtpServer, session: Session, envelope: Envelope, mechanism: str, auth_data: Any
) -> AuthResult:
    ok = isinstance(auth_data, LoginPassword) and (auth_data.login, auth_data.password) == (
        USERNAME.encode(),
        PASSWORD.encode(),
    )
    return AuthResult(success=ok, handled=False)  # handled=False: the server answers 535 itself


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class SmtpServerFixture:
    """Starts an aiosmtpd controller on a free loopback port; ``stop`` is safe to call twice."""

    def __init__(self, **options: Any) -> None:
        self.handler = CollectingHandler()
        self.controller: Controller | None = None
        for _ in range(5):  # another process may take the probed port before we bind it
            controller = Controller(self.handler, hostname="127.0.0.1", port=_free_port(), **options)
            try:
                controller.start()
            except OSError:
                continue
            self.controller = controller
            break
        if self.controller is None:
            raise RuntimeError("could not start the test SMTP server")
        self.port: int = self.controller.port

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


@pytest.fixture
def smtp_server() -> Iterator[SmtpServerFixture]:
    server = SmtpServerFixture()
    yield server
    server.stop()


# --- One harness per adapter ------------------------------------------------------------------------


def _parse(raw: bytes) -> MimeMessage:
    parsed = email.message_from_bytes(raw, policy=policy.default)
    assert isinstance(parsed, MimeMessage)
    return parsed


def _from_core(message: EmailMessage) -> MimeMessage:
    mime = MimeMessage()
    mime["From"], mime["To"], mime["Subject"] = SENDER, message.to, message.subject
    mime.set_content(message.text)
    if message.html is not None:
        mime.add_alternative(message.html, subtype="html")
    return _parse(bytes(mime))


@dataclass
class Harness:
    mailer: Mailer
    delivered: Callable[[], list[MimeMessage]]
    go_down: Callable[[], None]


def _memory_harness(request: pytest.FixtureRequest) -> Harness:
    mailer = InMemoryMailer()

    def go_down() -> None:
        mailer.available = False

    return Harness(mailer, lambda: [_from_core(message) for message in mailer.sent], go_down)


class TickingClock(FakeClock):
    """A fake clock one second later at each reading, so outbox files sort in the order sent."""

    def now(self) -> datetime:
        self.advance(1)
        return self.current


def _outbox_harness(request: pytest.FixtureRequest) -> Harness:
    tmp_path: Path = request.getfixturevalue("tmp_path")
    mailer = OutboxMailer(tmp_path / "outbox", sender=SENDER, clock=TickingClock())

    def delivered() -> list[MimeMessage]:
        return [_parse(path.read_bytes()) for path in sorted((tmp_path / "outbox").glob("*.eml"))]

    def go_down() -> None:
        shutil.rmtree(tmp_path / "outbox", ignore_errors=True)
        (tmp_path / "outbox").write_text("a file where the directory should be")

    return Harness(mailer, delivered, go_down)


def _smtp_harness(request: pytest.FixtureRequest) -> Harness:
    server: SmtpServerFixture = request.getfixturevalue("smtp_server")
    mailer = SmtpMailer(host="127.0.0.1", port=server.port, sender=SENDER, security="none", timeout=5)
    return Harness(mailer, server.handler.messages, server.stop)


HARNESSES: dict[str, Callable[[pytest.FixtureRequest], Harness]] = {
    "memory": _memory_harness,
    "outbox": _outbox_harness,
    "smtp": _smtp_harness,
}


@pytest.fixture(params=list(HARNESSES))
def harness(request: pytest.FixtureRequest) -> Harness:
    return HARNESSES[request.param](request)


def _text(mime: MimeMessage) -> str:
    part = mime.get_body(preferencelist=("plain",))
    assert isinstance(part, MimeMessage)
    content: str = part.get_content()
    return content.replace("\r\n", "\n")  # line endings are the transport's business


def _html(mime: MimeMessage) -> str | None:
    part = mime.get_body(preferencelist=("html",))
    if part is None:
        return None
    content: str = part.get_content()
    return content.replace("\r\n", "\n")


# --- The contract -----------------------------------------------------------------------------------


async def test_a_message_is_delivered_with_its_recipient_subject_and_body(harness: Harness) -> None:
    text = f"Confirm your address: https://resumax.test/verify?token={TOKEN}\n"

    await harness.mailer.send(EmailMessage(to=TO, subject="Confirm your email", text=text))

    [delivered] = harness.delivered()
    assert delivered["To"] == TO
    assert delivered["Subject"] == "Confirm your email"
    assert _text(delivered) == text
    assert _html(delivered) is None


async def test_html_travels_as_an_alternative_to_the_text(harness: Harness) -> None:
    html = f'<p>Reset: <a href="https://resumax.test/reset?token={TOKEN}">link</a></p>\n'

    await harness.mailer.send(EmailMessage(to=TO, subject="Reset", text="Reset your password\n", html=html))

    [delivered] = harness.delivered()
    assert delivered.get_content_type() == "multipart/alternative"
    assert _text(delivered) == "Reset your password\n"
    assert _html(delivered) == html


async def test_non_ascii_subjects_and_bodies_survive(harness: Harness) -> None:
    subject = "Votre CV est prêt ✔ — 履歴書"
    text = "Bonjour Zoë,\nvotre optimisation est terminée. 🎉\n"

    await harness.mailer.send(EmailMessage(to=TO, subject=subject, text=text))

    [delivered] = harness.delivered()
    assert delivered["Subject"] == subject
    assert _text(delivered) == text


async def test_messages_arrive_in_the_order_sent(harness: Harness) -> None:
    for number in range(3):
        await harness.mailer.send(
            EmailMessage(to=f"user{number}@example.com", subject=f"No. {number}", text="hi\n")
        )

    assert [m["Subject"] for m in harness.delivered()] == ["No. 0", "No. 1", "No. 2"]
    assert [m["To"] for m in harness.delivered()] == [f"user{n}@example.com" for n in range(3)]


@pytest.mark.parametrize(
    ("to", "subject", "field_name"),
    [
        ("alice@example.com\r\nBcc: eve@evil.example", "Hello", "to"),
        ("alice@example.com\nBcc: eve@evil.example", "Hello", "to"),
        ("alice@example.com\r", "Hello", "to"),
        (TO, "Hello\r\nBcc: eve@evil.example", "subject"),
        (TO, "Hello\nX-Injected: yes", "subject"),
        (TO, "Hello\rthere", "subject"),
        (TO, "Hello\x00there", "subject"),
        (TO, "Hello\u2028there", "subject"),
    ],
)
async def test_header_injection_is_refused_and_nothing_is_sent(
    harness: Harness, to: str, subject: str, field_name: str
) -> None:
    with pytest.raises(InvalidInput) as caught:
        await harness.mailer.send(EmailMessage(to=to, subject=subject, text="body\n"))

    assert caught.value.details == {"field": field_name}
    assert harness.delivered() == []


@pytest.mark.parametrize(
    "to",
    [
        "alice@example.com, eve@evil.example",
        "Alice <alice@example.com>",
        "not-an-address",
        "",
        "@example.com",
    ],
)
async def test_a_recipient_must_be_exactly_one_plain_address(harness: Harness, to: str) -> None:
    with pytest.raises(InvalidInput):
        await harness.mailer.send(EmailMessage(to=to, subject="Hello", text="body\n"))

    assert harness.delivered() == []


async def test_an_unreachable_mail_service_raises_unavailable(harness: Harness) -> None:
    harness.go_down()

    with pytest.raises(Unavailable) as caught:
        await harness.mailer.send(EmailMessage(to=TO, subject="Hello", text=f"token {TOKEN}\n"))

    assert TOKEN not in str(caught.value)


async def test_the_body_is_never_logged(harness: Harness, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    await harness.mailer.send(
        EmailMessage(to=TO, subject="Hello", text=f"token {TOKEN}\n", html=f"<b>{TOKEN}</b>")
    )
    harness.go_down()
    with pytest.raises(Unavailable):
        await harness.mailer.send(EmailMessage(to=TO, subject="Hello", text=f"token {TOKEN}\n"))

    ours = [
        record for record in caplog.records if not record.name.startswith("mail.log")
    ]  # the test server's
    assert all(TOKEN not in record.getMessage() for record in ours)


# --- Outbox specifics -------------------------------------------------------------------------------


OUTBOX_NAME = re.compile(r"^\d{8}T\d{12}Z-[a-z0-9-]+-[0-9a-f]{6}\.eml$")


async def test_outbox_writes_one_private_eml_per_message_named_by_time_and_subject(tmp_path: Path) -> None:
    directory = tmp_path / "mail" / "outbox"
    mailer = OutboxMailer(directory, sender=SENDER, clock=FakeClock())
    assert not directory.exists()  # created on first use only

    await mailer.send(EmailMessage(to=TO, subject="Confirm your email, Zoë!", text="hi\n"))

    [path] = list(directory.iterdir())
    assert OUTBOX_NAME.match(path.name), path.name
    assert path.name.startswith("20261125T120000000000Z-confirm-your-email-zoe-")
    assert directory.stat().st_mode & 0o777 == 0o700
    assert path.stat().st_mode & 0o777 == 0o600
    raw = path.read_bytes()
    assert b"\r\n" in raw  # RFC 5322 line endings
    parsed = _parse(raw)
    assert parsed["From"] == SENDER
    assert parsed["Date"] == "Wed, 25 Nov 2026 12:00:00 +0000"
    assert parsed["Message-ID"].endswith("@resumax.test>")


async def test_outbox_leaves_no_partial_or_temporary_file_when_writing_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mailer = OutboxMailer(tmp_path / "outbox", sender=SENDER, clock=FakeClock())

    def failing_replace(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(Unavailable):
        await mailer.send(EmailMessage(to=TO, subject="Hello", text="body\n"))

    assert list((tmp_path / "outbox").iterdir()) == []


async def test_outbox_latest_finds_the_newest_message_for_a_recipient(tmp_path: Path) -> None:
    clock = FakeClock()
    mailer = OutboxMailer(tmp_path / "outbox", sender=SENDER, clock=clock)
    assert mailer.latest(TO) is None  # no directory yet

    await mailer.send(EmailMessage(to=TO, subject="First", text="1\n"))
    clock.advance(1)
    await mailer.send(EmailMessage(to="bob@example.com", subject="For Bob", text="b\n"))
    clock.advance(1)
    await mailer.send(EmailMessage(to=TO, subject="Second", text="2\n"))
    await mailer.send(EmailMessage(to=TO, subject="Third, same instant", text="3\n"))

    latest = mailer.latest("ALICE@example.com")
    assert latest is not None
    assert _parse(latest.read_bytes())["Subject"] == "Third, same instant"
    assert mailer.latest("carol@example.com") is None


@pytest.mark.parametrize(
    ("subject", "slug"),
    [
        ("Confirm your email", "confirm-your-email"),
        ("!!!", "message"),
        ("Ünïcödé  --  ok", "unicode-ok"),
        ("x" * 80, "x" * 40),
    ],
)
def test_outbox_slugs_are_short_ascii(subject: str, slug: str) -> None:
    assert subject_slug(subject) == slug


# --- SMTP specifics ---------------------------------------------------------------------------------


def test_smtp_from_url_reads_host_port_credentials_and_options() -> None:
    mailer = SmtpMailer.from_url(
        "smtp://mailer:p%40ss%2Fword@mail.example.com:2525?security=starttls&from=no-reply%40resumax.test&timeout=3"
    )

    assert (mailer.host, mailer.port, mailer.security, mailer.sender, mailer.timeout) == (
        "mail.example.com",
        2525,
        "starttls",
        "no-reply@resumax.test",
        3.0,
    )
    assert "p@ss/word" not in repr(mailer)


@pytest.mark.parametrize(
    ("url", "port", "security"),
    [
        ("smtp://mail.example.com?from=a%40b.test", 587, "starttls"),
        ("smtps://mail.example.com?from=a%40b.test", 465, "ssl"),
        ("smtp://localhost?security=none&from=a%40b.test", 25, "none"),
        ("smtp://mail.example.com?security=ssl&from=a%40b.test", 465, "ssl"),
    ],
)
def test_smtp_from_url_defaults(url: str, port: int, security: str) -> None:
    mailer = SmtpMailer.from_url(url)

    assert (mailer.port, mailer.security) == (port, security)


@pytest.mark.parametrize(
    "url",
    [
        "http://mail.example.com?from=a%40b.test",
        "smtp://mail.example.com",
        "smtp://mail.example.com?from=a%40b.test&securty=none",
        "smtp://mail.example.com?from=a%40b.test&security=tls",
        "smtps://mail.example.com?from=a%40b.test&security=starttls",
        "smtp://?from=a%40b.test",
        "smtp://mail.example.com:99999?from=a%40b.test",
        "smtp://user:Zx9-secret@mail.example.com?security=none&from=a%40b.test",
        "smtp://user:Zx9-secret@mail.example.com:port?from=a%40b.test",
        "smtp://mail.example.com?from=not-an-address",
    ],
)
def test_smtp_from_url_refuses_bad_configuration(url: str) -> None:
    with pytest.raises(ValueError) as caught:
        SmtpMailer.from_url(url)

    assert "Zx9-secret" not in str(caught.value)


async def test_smtp_logs_in_when_credentials_are_given() -> None:
    server = SmtpServerFixture(authenticator=_authenticator, auth_require_tls=False)
    try:
        mailer = SmtpMailer(
            host="127.0.0.1",
            port=server.port,
            sender=SENDER,
            username=USERNAME,
            password=PASSWORD,
            security="none",
        )
        await mailer.send(EmailMessage(to=TO, subject="Hello", text="body\n"))
    finally:
        server.stop()

    [envelope] = server.handler.envelopes
    assert envelope.mail_from == SENDER_ADDRESS
    assert envelope.rcpt_tos == [TO]


async def test_smtp_rejected_credentials_raise_unavailable_without_the_password() -> None:
    server = SmtpServerFixture(authenticator=_authenticator, auth_require_tls=False)
    try:
        mailer = SmtpMailer(
            host="127.0.0.1",
            port=server.port,
            sender=SENDER,
            username=USERNAME,
            password="wrong-" + PASSWORD,
            security="none",
        )
        with pytest.raises(Unavailable) as caught:
            await mailer.send(EmailMessage(to=TO, subject="Hello", text="body\n"))
    finally:
        server.stop()

    assert PASSWORD not in str(caught.value)
    assert PASSWORD not in repr(caught.value.__cause__)
    assert server.handler.envelopes == []


async def test_smtp_starttls_is_never_silently_skipped(smtp_server: SmtpServerFixture) -> None:
    mailer = SmtpMailer(
        host="127.0.0.1", port=smtp_server.port, sender=SENDER, security="starttls", timeout=5
    )

    with pytest.raises(Unavailable):
        await mailer.send(EmailMessage(to=TO, subject="Hello", text="body\n"))

    assert smtp_server.handler.envelopes == []


async def test_smtp_gives_up_after_its_timeout() -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)  # accepts the connection but never greets
        mailer = SmtpMailer(
            host="127.0.0.1", port=silent.getsockname()[1], sender=SENDER, security="none", timeout=0.3
        )

        with pytest.raises(Unavailable):
            await mailer.send(EmailMessage(to=TO, subject="Hello", text="body\n"))


@dataclass
class Certificate:
    cert: Path
    key: Path

    def server_context(self) -> ssl.SSLContext:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(self.cert, self.key)
        return context

    def client_context(self) -> ssl.SSLContext:
        return ssl.create_default_context(cafile=str(self.cert))


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> Certificate:
    """A self-signed certificate for 127.0.0.1, made with the openssl command."""
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("the openssl command is needed to make a test certificate")
    directory = tmp_path_factory.mktemp("tls")
    cert, key = directory / "cert.pem", directory / "key.pem"
    subprocess.run(
        [
            openssl,
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
    )
    return Certificate(cert, key)


async def test_smtp_starttls_delivers_to_a_trusted_server(certificate: Certificate) -> None:
    server = SmtpServerFixture(tls_context=certificate.server_context(), require_starttls=True)
    try:
        mailer = SmtpMailer(
            host="127.0.0.1",
            port=server.port,
            sender=SENDER,
            security="starttls",
            ssl_context=certificate.client_context(),
        )
        await mailer.send(EmailMessage(to=TO, subject="Over STARTTLS", text="body\n"))
    finally:
        server.stop()

    assert [m["Subject"] for m in server.handler.messages()] == ["Over STARTTLS"]


async def test_smtp_starttls_refuses_an_untrusted_certificate(certificate: Certificate) -> None:
    server = SmtpServerFixture(tls_context=certificate.server_context(), require_starttls=True)
    try:
        mailer = SmtpMailer(host="127.0.0.1", port=server.port, sender=SENDER, security="starttls", timeout=5)
        with pytest.raises(Unavailable):
            await mailer.send(EmailMessage(to=TO, subject="Hello", text="body\n"))
    finally:
        server.stop()

    assert server.handler.envelopes == []


async def test_smtp_implicit_tls_delivers_to_a_trusted_server(certificate: Certificate) -> None:
    server = SmtpServerFixture(ssl_context=certificate.server_context())
    try:
        mailer = SmtpMailer(
            host="127.0.0.1",
            port=server.port,
            sender=SENDER,
            security="ssl",
            ssl_context=certificate.client_context(),
        )
        await mailer.send(EmailMessage(to=TO, subject="Over TLS", text="body\n"))
    finally:
        server.stop()

    assert [m["Subject"] for m in server.handler.messages()] == ["Over TLS"]


async def test_smtp_implicit_tls_refuses_an_untrusted_certificate(certificate: Certificate) -> None:
    server = SmtpServerFixture(ssl_context=certificate.server_context())
    try:
        mailer = SmtpMailer(host="127.0.0.1", port=server.port, sender=SENDER, security="ssl", timeout=5)
        with pytest.raises(Unavailable):
            await mailer.send(EmailMessage(to=TO, subject="Hello", text="body\n"))
    finally:
        server.stop()

    assert server.handler.envelopes == []
