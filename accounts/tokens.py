"""Signed, expiring links that confirm an e-mail address.

The token signs the user's id and a fingerprint of the address and of its confirmation state, so a
link stops working once used, or once the address changes.
"""

import hashlib

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing

SALT = "accounts.email-confirmation"
MAX_AGE = settings.EMAIL_CONFIRMATION_MAX_AGE


def _fingerprint(user) -> str:
    state = f"{user.email.lower()}|{user.email_confirmed_at}"
    return hashlib.sha256(state.encode()).hexdigest()[:16]


def make_confirmation_token(user) -> str:
    return signing.dumps({"u": user.pk, "f": _fingerprint(user)}, salt=SALT, compress=True)


def user_for_confirmation_token(token: str, *, max_age: int = MAX_AGE):
    """The user the token confirms, or None if it is invalid, expired or already used."""
    try:
        data = signing.loads(token, salt=SALT, max_age=max_age)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if not isinstance(data, dict):
        return None
    user = get_user_model().objects.filter(pk=data.get("u"), is_active=True).first()
    if user is None or data.get("f") != _fingerprint(user):
        return None
    return user
