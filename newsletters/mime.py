"""Serialise an issue's MIME message once per language; per recipient, only replace bytes.

Building and serialising a multipart MIME message with the standard library costs about a
millisecond; 40,000 of them dominate a send. The issue is identical for every reader of a
language except the address, the link token and the Message-ID, so the serialised bytes are
made once with placeholders and filled in per recipient. If a placeholder did not survive
serialisation verbatim (a body encoded as quoted-printable because of a very long line, or a
non-ASCII address) the caller falls back to a normal message.
"""

import uuid

from django.core.mail import EmailMultiAlternatives
from django.core.mail.message import DNS_NAME

ADDRESS_MARK = "recipient-placeholder@newsletter.invalid"
TOKEN_MARK = "TOKENPLACEHOLDERQ7Z"
MESSAGE_ID_MARK = "<message-id-placeholder@newsletter.invalid>"


class RawMIME:
    """What mail backends need from `EmailMessage.message()`: the bytes."""

    def __init__(self, raw: bytes):
        self.raw = raw

    def as_bytes(self, unixfrom=False, linesep="\n", policy=None):
        return self.raw if linesep == "\n" else self.raw.replace(b"\n", linesep.encode())

    def as_string(self, unixfrom=False, linesep="\n", policy=None):
        return self.as_bytes(linesep=linesep).decode("utf-8", "replace")

    def get_charset(self):
        return None

    def __getitem__(self, name):
        import email

        return email.message_from_bytes(self.raw)[name]


class PreparedEmail(EmailMultiAlternatives):
    def __init__(self, *args, raw: bytes, **kwargs):
        super().__init__(*args, **kwargs)
        self._raw = raw

    def message(self, *, policy=None):
        return RawMIME(self._raw)


class Template:
    def __init__(self, message: EmailMultiAlternatives, *, token_occurrences: int):
        message.extra_headers["Message-ID"] = MESSAGE_ID_MARK
        self.raw = message.message().as_bytes()
        self.ok = (
            self.raw.count(TOKEN_MARK.encode()) == token_occurrences
            and self.raw.count(ADDRESS_MARK.encode()) == 1
            and self.raw.count(MESSAGE_ID_MARK.encode()) == 1
        )

    def fill(self, *, address: str, token: str) -> bytes | None:
        if not self.ok or not address.isascii():
            return None
        message_id = f"<{uuid.uuid4().hex}@{DNS_NAME}>"
        return (
            self.raw.replace(ADDRESS_MARK.encode(), address.encode())
            .replace(TOKEN_MARK.encode(), token.encode())
            .replace(MESSAGE_ID_MARK.encode(), message_id.encode())
        )
