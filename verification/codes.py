"""Letter codes as text: generation, normalisation and the stored hash. No models here."""

import secrets

from django.utils.crypto import salted_hmac

# No 0/O, 1/I/L, 2/Z, 5/S, 8/B: codes are read off paper and typed by hand.
ALPHABET = "ACDEFGHJKMNPQRTUVWXY3479"
LENGTH = 12  # 24**12 ≈ 3.7e16 possibilities
GROUP = 4


def generate() -> str:
    """A fresh random code, formatted for a letter: ``XXXX-XXXX-XXXX``."""
    raw = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    return "-".join(raw[i : i + GROUP] for i in range(0, LENGTH, GROUP))


def normalise(value: str) -> str:
    """What the person typed, without spaces or dashes, in capitals."""
    return "".join(ch for ch in (value or "")[:64].upper() if ch.isalnum())


def code_hash(value: str) -> str:
    """HMAC-SHA256 (keyed by SECRET_KEY) of the normalised code: what the database stores."""
    return salted_hmac("verification.letter-code", normalise(value), algorithm="sha256").hexdigest()


def looks_like_a_code(value: str) -> bool:
    cleaned = normalise(value)
    return len(cleaned) == LENGTH and all(ch in ALPHABET for ch in cleaned)
