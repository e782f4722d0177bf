"""Writes for accounts: sign-up, e-mail confirmation, and the e-mails that go with them."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from .tokens import make_confirmation_token


def absolute_url(path: str, *, base_url: str = "") -> str:
    base = (base_url or settings.SITE_URL).rstrip("/")
    return f"{base}{path}"


def mail_send(*, to, language: str, template: str, context: dict) -> None:
    """Send `<template>_subject.txt` / `.txt` / `.html` rendered in `language` to one address.

    Used by every app whose e-mails go to one resident, in that resident's language.
    """
    with translation.override(language or settings.LANGUAGE_CODE):
        context = {"site_name": settings.WAGTAIL_SITE_NAME, **context}
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        text = render_to_string(f"{template}.txt", context)
        html = render_to_string(f"{template}.html", context)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [to])
    message.attach_alternative(html, "text/html")
    message.send()


def email_confirmation_send(*, user, base_url: str = "") -> None:
    with translation.override(user.language):
        path = reverse("accounts:confirm_email", args=[make_confirmation_token(user)])
    mail_send(
        to=user.email,
        language=user.language,
        template="accounts/email/confirm",
        context={"user": user, "confirm_url": absolute_url(path, base_url=base_url)},
    )


def _existing_account_notice(*, user, base_url: str) -> None:
    with translation.override(user.language):
        login = reverse("accounts:login")
        reset = reverse("accounts:password_reset")
    mail_send(
        to=user.email,
        language=user.language,
        template="accounts/email/already_registered",
        context={
            "user": user,
            "login_url": absolute_url(login, base_url=base_url),
            "reset_url": absolute_url(reset, base_url=base_url),
            "confirmed": user.email_confirmed_at is not None,
        },
    )


def user_signup(*, email, password, display_name, language, base_url: str = ""):
    """Create an unconfirmed account and have the worker mail its confirmation link.

    If the address already has an account, nothing is created: its owner gets an e-mail instead
    and the person signing up sees exactly the same page (no account enumeration). Both paths
    do the same work in the request — one password hash, one queued e-mail — so the time taken
    does not tell them apart either. Returns the new user, or None when the address was already
    registered.
    """
    from .tasks import signup_mail

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
    target = user or existing
    if target is not None:
        signup_mail.enqueue(user_id=target.pk, new_account=user is not None, base_url=base_url)
    return user


def signup_mail_send(*, user_id: int, new_account: bool, base_url: str = "") -> None:
    """The worker's half of a sign-up: the confirmation link, or a notice to the owner."""
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return
    if new_account:
        if user.email_confirmed_at is None:
            email_confirmation_send(user=user, base_url=base_url)
    else:
        _existing_account_notice(user=user, base_url=base_url)


def email_confirm(*, user) -> None:
    if user.email_confirmed_at is None:
        user.email_confirmed_at = timezone.now()
        user.save(update_fields=["email_confirmed_at"])


def email_confirmation_resend(*, email: str, base_url: str = "") -> None:
    """Mail a new link if `email` belongs to an unconfirmed account; else silently nothing."""
    user = get_user_model().objects.filter(email__iexact=(email or "").strip()).first()
    if user is not None and user.is_active and user.email_confirmed_at is None:
        email_confirmation_send(user=user, base_url=base_url)


def profile_update(*, user, display_name: str, language: str) -> None:
    user.display_name = display_name.strip()
    user.language = language
    user.save(update_fields=["display_name", "language"])
