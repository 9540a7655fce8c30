"""What every mailer shares: refusing header injection and building the RFC 5322 message.

``check_message`` is the contract every ``Mailer`` adapter applies before doing anything, so the memory,
outbox and SMTP mailers refuse the same messages: the recipient must be one plain address
(``user@example.com``, no display name, no list) and neither it nor the subject may hold a control
character, so no one can smuggle a ``Bcc:`` header or a second recipient in through a form field.
"""

from __future__ import annotations

import unicodedata
from datetime import datetime
from email.errors import MessageError
from email.headerregistry import Address
from email.message import EmailMessage as MimeMessage
from email.utils import format_datetime, make_msgid, parseaddr

from resumax_core.errors import InvalidInput
from resumax_core.ports.mailer import EmailMessage

MAX_SUBJECT_CHARS = 998


def _has_control_characters(text: str) -> bool:
    return any(unicodedata.category(char) in {"Cc", "Zl", "Zp"} for char in text)


def _single_address(text: str) -> Address:
    try:
        return Address(addr_spec=text)
    except (ValueError, IndexError, MessageError) as exc:
        raise InvalidInput("The recipient must be a single email address.", details={"field": "to"}) from exc


def check_message(message: EmailMessage) -> None:
    """Raise ``InvalidInput`` (``details["field"]`` is ``"to"`` or ``"subject"``) for a message no mailer
    may send: a recipient that is not exactly one address, or a recipient or subject holding CR, LF or any
    other control character."""
    if _has_control_characters(message.to):
        raise InvalidInput("The recipient must be a single line.", details={"field": "to"})
    _single_address(message.to)
    if _has_control_characters(message.subject):
        raise InvalidInput("The subject must be a single line.", details={"field": "subject"})
    if len(message.subject) > MAX_SUBJECT_CHARS:
        raise InvalidInput("The subject is too long.", details={"field": "subject"})


def check_sender(sender: str) -> str:
    """The address part of ``sender`` (``"resuMAX <no-reply@example.com>"`` or a bare address);
    ``ValueError`` when it is not one valid address on one line. Configuration is checked at startup."""
    if _has_control_characters(sender):
        raise ValueError("the sender address must be a single line")
    _, address = parseaddr(sender)
    try:
        return str(Address(addr_spec=address))
    except (ValueError, IndexError, MessageError) as exc:
        raise ValueError(f"the sender is not a valid email address: {sender!r}") from exc


def build_mime(
    message: EmailMessage, *, sender: str, sent_at: datetime, readable: bool = False
) -> MimeMessage:
    """The message as MIME: plain text, with the HTML as an alternative part when there is one.

    ``readable`` writes the text unencoded (8-bit) so a person opening the file sees intact links; mail
    sent over SMTP keeps the default, line-safe encoding. ``message`` must already have passed
    ``check_message``.
    """
    domain = check_sender(sender).rpartition("@")[2]
    mime = MimeMessage()
    mime["From"] = sender
    mime["To"] = message.to
    mime["Subject"] = message.subject
    mime["Date"] = format_datetime(sent_at)
    mime["Message-ID"] = make_msgid(domain=domain)
    encoding = "8bit" if readable and all(len(line) < 990 for line in message.text.splitlines()) else None
    mime.set_content(message.text, cte=encoding)
    if message.html is not None:
        mime.add_alternative(message.html, subtype="html")
    return mime
