"""``OutboxMailer``: a ``Mailer`` that writes each message to a directory instead of sending it.

The embedded default (``outbox://``): a person running resuMAX locally opens the ``.eml`` files with any
mail client to click their verification or reset link. Each message is one RFC 5322 file named
``<UTC timestamp>-<subject slug>-<random>.eml``, written to a hidden temporary file, flushed, and renamed
into place, so a reader never sees half a message. The directory is created on first use, private to
the owner (0700), and each file is 0600 because messages carry tokens. Any ``OSError`` becomes
``Unavailable``; nothing is logged (bodies hold tokens).
"""

from __future__ import annotations

import asyncio
import os
import re
import secrets
import tempfile
import unicodedata
from datetime import UTC
from email import policy
from email.parser import BytesHeaderParser
from pathlib import Path

from resumax_adapters.email.compose import build_mime, check_message, check_sender
from resumax_core.errors import Unavailable
from resumax_core.ports.clock import Clock
from resumax_core.ports.mailer import EmailMessage

MAX_SLUG_CHARS = 40
_TIMESTAMP_FORMAT = "%Y%m%dT%H%M%S%fZ"


def subject_slug(subject: str) -> str:
    """Lowercase ASCII words of ``subject`` joined by hyphens, at most 40 characters, or ``message``."""
    ascii_text = unicodedata.normalize("NFKD", subject).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:MAX_SLUG_CHARS].rstrip("-") or "message"


class OutboxMailer:
    """Writes messages from ``sender`` as ``.eml`` files in ``directory``, timestamped by ``clock``."""

    def __init__(self, directory: Path, *, sender: str, clock: Clock) -> None:
        check_sender(sender)
        self.directory = Path(directory)
        self._sender = sender
        self._clock = clock

    async def send(self, message: EmailMessage) -> None:
        """Write ``message`` as a new file; ``InvalidInput`` for header injection, ``Unavailable`` when the
        directory cannot be created or written."""
        check_message(message)
        sent_at = self._clock.now().astimezone(UTC)
        data = build_mime(message, sender=self._sender, sent_at=sent_at, readable=True).as_bytes(
            policy=policy.SMTP
        )
        name = f"{sent_at.strftime(_TIMESTAMP_FORMAT)}-{subject_slug(message.subject)}-{secrets.token_hex(3)}"
        try:
            await asyncio.to_thread(self._write, f"{name}.eml", data)
        except OSError as exc:
            raise Unavailable("The email could not be written to the outbox.") from exc

    def latest(self, to: str) -> Path | None:
        """The newest message file addressed to ``to`` (case-insensitive), or None. For tests and the UI."""
        if not self.directory.is_dir():
            return None
        wanted = to.casefold()
        parser = BytesHeaderParser(policy=policy.default)
        newest: tuple[str, int, Path] | None = None
        for path in self.directory.glob("*.eml"):
            try:
                with path.open("rb") as handle:
                    recipient = str(parser.parse(handle).get("To", ""))
                modified = path.stat().st_mtime_ns
            except OSError:
                continue  # removed or unreadable meanwhile: not a message we can offer
            # Names start with the timestamp; the mtime breaks ties within one clock reading.
            key = (path.name.split("-", 1)[0], modified, path)
            if recipient.casefold() == wanted and (newest is None or key > newest):
                newest = key
        return None if newest is None else newest[2]

    def _write(self, filename: str, data: bytes) -> None:
        self.directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=self.directory, prefix=".", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temporary, self.directory / filename)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
