"""Writes for accounts: sign-up, e-mail confirmation, and the e-mails that go with them."""

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation

from emails.services import email_send
from portal.links import absolute_url

from .tokens import make_confirmation_token


def email_confirmation_send(*, user) -> None:
    with translation.override(user.language):
        path = reverse("accounts:confirm_email", args=[make_confirmation_token(user)])
    email_send(
        to=user.email,
        language=user.language,
        template="accounts/email/confirm",
        context={"user": user, "confirm_url": absolute_url(path)},
    )


def _existing_account_notice(*, user) -> None:
    with translation.override(user.language):
        login = reverse("accounts:login")
        reset = reverse("accounts:password_reset")
    email_send(
        to=user.email,
        language=user.language,
        template="accounts/email/already_registered",
        context={
            "user": user,
            "login_url": absolute_url(login),
            "reset_url": absolute_url(reset),
            "confirmed": user.email_confirmed_at is not None,
        },
    )


def user_signup(*, email, password, display_name, language):
    """Create an unconfirmed account and have the worker mail its confirmation link.

    If the address already has an account, nothing is created: its owner gets an e-mail instead
    and the person signing up sees exactly the same page (no account enumeration). Both paths
    do the same work in the request — one password hash, one queued e-mail — so the time taken
    does not tell them apart either. Returns the new user, or None when the address was already
    registered.
    """

    User = get_user_model()
    email = User.objects.normalize_email(email).strip().lower()
    encoded = make_password(password)  # hashed whether or not the account exists
    existing = User.objects.filter(email__iexact=email).first()
    user = None
    if existing is None:
        try:
            with transaction.atomic():
                user = User(email=email, display_name=display_name.strip(), language=language)
                user.password = encoded
                user.save()
        except IntegrityError:  # the same address signing up twice at the same moment
            user = None
            existing = User.objects.filter(email__iexact=email).first()
    # One e-mail rendered and queued for the worker either way (emails.services.email_send).
    if user is not None:
        email_confirmation_send(user=user)
    elif existing is not None and existing.is_active:
        _existing_account_notice(user=existing)
    return user


def email_confirm(*, user) -> None:
    if user.email_confirmed_at is None:
        user.email_confirmed_at = timezone.now()
        user.save(update_fields=["email_confirmed_at"])


def email_confirmation_resend(*, email: str) -> None:
    """Mail a new link if `email` belongs to an unconfirmed account; else silently nothing."""
    user = get_user_model().objects.filter(email__iexact=(email or "").strip()).first()
    if user is not None and user.is_active and user.email_confirmed_at is None:
        email_confirmation_send(user=user)


def profile_update(*, user, display_name: str, language: str) -> None:
    user.display_name = display_name.strip()
    user.language = language
    user.save(update_fields=["display_name", "language"])
