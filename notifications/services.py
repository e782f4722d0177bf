"""Every write of notifications, and the e-mail of a notification kind that has no e-mail of
its own. Keyword-only arguments."""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.urls import reverse, translate_url
from django.utils import timezone, translation

from emails.services import (
    MailPreferences,
    absolute_url,
    email_message,
    email_render,
    unsubscribe_headers,
)
from neighbourhoods.models import Membership

from .models import (
    DEFAULT_CHANNELS,
    Channel,
    Kind,
    Notification,
    NotificationPreference,
    visible_q,
)
from .selectors import channel_of
from .tokens import UnsubscribeTokenError, make_token, read_token

log = logging.getLogger(__name__)


def neutral_path(url_name: str, *args) -> str:
    """A site path without a language prefix (French is the unprefixed default)."""
    with translation.override(settings.LANGUAGE_CODE):
        return reverse(url_name, args=args)


def in_language(path: str, language: str | None) -> str:
    return translate_url(path, language or settings.LANGUAGE_CODE)


# ---------------------------------------------------------------- writing notifications


def notification_create(
    *,
    recipient_id: int,
    kind: str,
    event: str,
    url: str,
    title: str = "",
    actor_name: str = "",
    post=None,
    reaction=None,
    email: bool = False,
) -> Notification:
    """One notification. With `email`, the worker e-mails it if the resident wants it now.

    Two INSERTs: the row and (with `email`) the task; the preference is read by the worker.
    """
    notification = Notification.objects.create(
        recipient_id=recipient_id,
        kind=kind,
        event=event,
        url=url,
        title=title[:255],
        actor_name=str(actor_name)[:150],
        post=post,
        reaction=reaction,
    )
    if email:
        from .tasks import notification_email_task

        notification_email_task.using(backend=settings.EMAIL_TASK_BACKEND).enqueue(
            notification_id=notification.pk
        )
    return notification


def residents_of(*, neighbourhood_ids):
    """Ids of verified members (never staff) of these neighbourhoods (None = everywhere)."""
    memberships = Membership.objects.filter(ended_at__isnull=True)
    if neighbourhood_ids is not None:
        memberships = memberships.filter(neighbourhood_id__in=neighbourhood_ids)
    return (
        get_user_model()
        .objects.filter(
            pk__in=memberships.values("user_id"),
            is_active=True,
            is_staff=False,
            is_superuser=False,
            groups__isnull=True,
        )
        .values_list("pk", flat=True)
    )


def city_item_notify(*, neighbourhood_ids, event: str, title: str, url: str, source_key: str):
    """Tell every member of the addressed neighbourhoods, once per item (unique source)."""
    rows, created = [], 0
    for user_id in residents_of(neighbourhood_ids=neighbourhood_ids).iterator(chunk_size=2000):
        rows.append(
            Notification(
                recipient_id=user_id,
                kind=Kind.CITY,
                event=event,
                title=title[:255],
                url=url,
                source_key=source_key,
            )
        )
        if len(rows) >= 2000:
            created += len(Notification.objects.bulk_create(rows, ignore_conflicts=True))
            rows = []
    created += len(Notification.objects.bulk_create(rows, ignore_conflicts=True))
    return created


def notification_open(*, user, notification_id: int) -> Notification | None:
    """The resident's own, still visible notification, marked read."""
    notification = (
        Notification.objects.filter(pk=notification_id, recipient=user).filter(visible_q()).first()
    )
    if notification is None:
        return None
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk).update(read_at=notification.read_at)
    return notification


def notifications_mark_all_read(*, user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


# ---------------------------------------------------------------- preferences


def preference_set(*, user, kind: str, channel: str) -> NotificationPreference:
    Kind(kind), Channel(channel)  # ValueError on anything else
    preference, _ = NotificationPreference.objects.update_or_create(
        user=user, kind=kind, defaults={"channel": channel, "updated_at": timezone.now()}
    )
    return preference


def _version(user_id: int, kind: str) -> str:
    updated = (
        NotificationPreference.objects.filter(user_id=user_id, kind=kind)
        .values_list("updated_at", flat=True)
        .first()
    )
    return updated.isoformat() if updated else ""


def unsubscribe_url(*, user, kind: str) -> str:
    token = make_token(user_id=user.pk, kind=kind, version=_version(user.pk, kind))
    path = in_language(neutral_path("notifications:unsubscribe", token), user.language)
    return absolute_url(path)


def email_preference(*, user, kind: str) -> tuple[bool, str | None]:
    """For emails.services: send now?, and the one-click link of that kind."""
    if channel_of(user=user, kind=kind) != Channel.IMMEDIATE:
        return False, None
    return True, unsubscribe_url(user=user, kind=kind)


class NotificationMailPreferences(MailPreferences):
    """The residents' choices, as the core's e-mail function and mass mailings read them."""

    def send_now(self, *, user, kind):
        return email_preference(user=user, kind=kind)

    def recipients_now(self, *, kind):
        chosen = NotificationPreference.objects.filter(kind=kind)
        if DEFAULT_CHANNELS[Kind(kind)] == Channel.IMMEDIATE:
            return ~Q(pk__in=chosen.exclude(channel=Channel.IMMEDIATE).values("user_id"))
        return Q(pk__in=chosen.filter(channel=Channel.IMMEDIATE).values("user_id"))

    def wants_now(self, *, user, kind):
        return channel_of(user=user, kind=kind) == Channel.IMMEDIATE

    def set_now(self, *, user, kind, now):
        # Not "at once" any more: back to the kind's digest default, unless that is "at once".
        default = DEFAULT_CHANNELS[Kind(kind)]
        if now:
            channel = Channel.IMMEDIATE
        else:
            channel = default if default != Channel.IMMEDIATE else Channel.SITE
        preference_set(user=user, kind=kind, channel=channel)


@dataclass(frozen=True)
class Unsubscribed:
    kind: str
    user_id: int
    already: bool


def unsubscribe(*, token: str, apply: bool) -> Unsubscribed:
    """Read a one-click link; with `apply`, stop e-mails of that kind (only on the site).

    Raises UnsubscribeTokenError("invalid" | "outdated").
    """
    data = read_token(token)
    user = get_user_model().objects.filter(pk=data["u"], is_active=True).first()
    if user is None or data["k"] not in Kind.values:
        raise UnsubscribeTokenError("invalid")
    kind = data["k"]
    with transaction.atomic():
        current = (
            NotificationPreference.objects.select_for_update().filter(user=user, kind=kind).first()
        )
        channel = current.channel if current else channel_of(user=user, kind=kind)
        if channel == Channel.SITE:
            return Unsubscribed(kind=kind, user_id=user.pk, already=True)
        version = current.updated_at.isoformat() if current else ""
        if data["v"] != version:
            raise UnsubscribeTokenError("outdated")
        if apply:
            preference_set(user=user, kind=kind, channel=Channel.SITE)
    return Unsubscribed(kind=kind, user_id=user.pk, already=False)


# ---------------------------------------------------------------- the e-mail (in the worker)


def notification_email_send(*, notification_id: int) -> bool:
    """E-mail one notification if it is still visible and its resident wants it now.

    At most once: `emailed_at` is set by the one UPDATE that claims it, before sending.
    """
    notification = (
        Notification.objects.filter(pk=notification_id)
        .filter(visible_q())
        .select_related("recipient", "post")
        .first()
    )
    if notification is None or notification.emailed_at is not None:
        return False
    recipient = notification.recipient
    if not recipient.is_active or not recipient.email:
        return False
    if (
        notification.post is not None
        and not Membership.objects.filter(
            user=recipient,
            neighbourhood_id=notification.post.neighbourhood_id,
            ended_at__isnull=True,
        ).exists()
    ):
        return False  # left the neighbourhood since
    send_now, unsubscribe = email_preference(user=recipient, kind=notification.kind)
    if not send_now:
        return False
    claimed = Notification.objects.filter(pk=notification.pk, emailed_at__isnull=True).update(
        emailed_at=timezone.now()
    )
    if not claimed:
        return False
    rendered = email_render(
        template="notifications/emails/notification",
        language=recipient.language,
        context={
            "recipient": recipient,
            "notification": notification,
            "url": absolute_url(in_language(notification.url, recipient.language)),
            "unsubscribe_url": unsubscribe,
        },
    )
    email_message(
        to=recipient.email, rendered=rendered, headers=unsubscribe_headers(unsubscribe)
    ).send()
    return True
