"""Ballots sealed to the round's key: encrypted with the round's public key (libsodium sealed
boxes), opened only with the private key the returning officer keeps offline.

The private key is written as one line of text, `mqb-key:1:<round key>:<base64>`, or split
between two officers as two shares (`mqb-share:1:<round key>:<n>/2:<base64>`, XOR of the key
with a random pad: either share alone says nothing about the key).
"""

from __future__ import annotations

import base64
import json
import secrets
import uuid
from dataclasses import dataclass

from nacl.exceptions import CryptoError
from nacl.public import PrivateKey, PublicKey, SealedBox

# Every sealed ballot of a round has the same length, so the size of a ciphertext says nothing
# about how many projects were chosen: payloads are padded to a multiple of this.
PAD = 1024


class KeyInvalid(ValueError):
    """The text given is not this round's private key (or its two shares)."""


@dataclass
class KeyPair:
    public: str  # base64, stored on the server
    private_text: str  # shown once to the officer, never stored
    shares: tuple[str, str] | None = None


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def generate(*, round_key: uuid.UUID, split: bool = False) -> KeyPair:
    private = PrivateKey.generate()
    raw = bytes(private)
    pair = KeyPair(
        public=_b64(bytes(private.public_key)), private_text=f"mqb-key:1:{round_key}:{_b64(raw)}"
    )
    if split:
        pad = secrets.token_bytes(len(raw))
        other = bytes(a ^ b for a, b in zip(raw, pad, strict=True))
        pair.shares = (
            f"mqb-share:1:{round_key}:1/2:{_b64(pad)}",
            f"mqb-share:1:{round_key}:2/2:{_b64(other)}",
        )
    return pair


def seal(*, public: str, payload: dict) -> bytes:
    data = json.dumps(payload, separators=(",", ":")).encode()
    size = -(-(len(data) + 1) // PAD) * PAD
    # JSON never contains a NUL byte: pad with NULs after it, strip them when opening.
    data = data + b"\x00" * (size - len(data))
    return SealedBox(PublicKey(base64.b64decode(public))).encrypt(data)


def _decode(part: str) -> bytes:
    try:
        raw = base64.b64decode(part.strip(), validate=True)
    except ValueError:
        raise KeyInvalid("not base64") from None
    if len(raw) != 32:
        raise KeyInvalid("wrong length")
    return raw


def private_key(*, round_key: uuid.UUID, public: str, texts: list[str]) -> PrivateKey:
    """The private key from its text, or from its two shares; checked against the round's
    public key. Raises KeyInvalid."""
    texts = [t.strip() for t in texts if t and t.strip()]
    if len(texts) == 1 and texts[0].startswith("mqb-key:1:"):
        _tag, _v, rk, b64 = texts[0].split(":", 3)
        if rk != str(round_key):
            raise KeyInvalid("key of another round")
        raw = _decode(b64)
    elif len(texts) == 2 and all(t.startswith("mqb-share:1:") for t in texts):
        parts = [t.split(":", 4) for t in texts]
        if any(p[2] != str(round_key) for p in parts):
            raise KeyInvalid("share of another round")
        if {p[3] for p in parts} != {"1/2", "2/2"}:
            raise KeyInvalid("both shares needed")
        a, b = (_decode(p[4]) for p in parts)
        raw = bytes(x ^ y for x, y in zip(a, b, strict=True))
    else:
        raise KeyInvalid("not a key")
    key = PrivateKey(raw)
    if _b64(bytes(key.public_key)) != public:
        raise KeyInvalid("does not match the round's public key")
    return key


def open_sealed(key: PrivateKey, ciphertext: bytes) -> dict:
    try:
        data = SealedBox(key).decrypt(bytes(ciphertext))
    except CryptoError:
        raise KeyInvalid("a ballot does not open with this key") from None
    return json.loads(data.rstrip(b"\x00"))
