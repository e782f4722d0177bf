"""Signed links for subscribers: confirmation (expires) and manage/unsubscribe (revocable)."""

from django.core import signing

from .models import Subscriber

CONFIRM_SALT = "newsletters.confirm"
MANAGE_SALT = "newsletters.manage"
CONFIRM_MAX_AGE = 7 * 24 * 3600


def confirm_token(subscriber: Subscriber) -> str:
    return signing.dumps([subscriber.pk, subscriber.token_nonce], salt=CONFIRM_SALT)


def manage_token_for(pk: int, nonce: str) -> str:
    return signing.dumps([pk, nonce], salt=MANAGE_SALT)


def manage_token(subscriber: Subscriber) -> str:
    return manage_token_for(subscriber.pk, subscriber.token_nonce)


def _load(token: str, *, salt: str, max_age=None) -> Subscriber | None:
    try:
        pk, nonce = signing.loads(token, salt=salt, max_age=max_age)
        pk, nonce = int(pk), str(nonce)
    except (signing.BadSignature, ValueError, TypeError):
        return None  # forged, tampered with, expired or malformed
    return Subscriber.objects.filter(pk=pk, token_nonce=nonce).first()


def subscriber_for_confirm_token(token: str) -> Subscriber | None:
    return _load(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)


def subscriber_for_manage_token(token: str) -> Subscriber | None:
    return _load(token, salt=MANAGE_SALT)
