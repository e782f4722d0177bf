"""Every write of the announcements app."""

import logging
from dataclasses import dataclass
from datetime import timedelta

import nh3
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.mail import get_connection
from django.db import IntegrityError, transaction
from django.utils import timezone

from emails.services import (
    email_message,
    email_render,
    email_send_to_user,
    mail_preferences,
    unsubscribe_headers,
)
from neighbourhoods.models import Membership
from portal.links import absolute_url

from .models import (
    AnnouncementMailing,
    AnnouncementPage,
    AnnouncementReply,
    EventPage,
    EventRegistration,
)
from .permissions import can_reply, can_sign_up

log = logging.getLogger(__name__)
REMINDER_LEAD = timedelta(days=1)


def _absolute(url: str) -> str:
    return absolute_url(url)


def _send_mail(*, user, template: str, context: dict) -> None:
    email_send_to_user(user=user, template=f"announcements/emails/{template}", context=context)


# ---------------------------------------------------------------- replies and preferences


def reply_create(*, announcement: AnnouncementPage, user, body: str) -> AnnouncementReply:
    if not can_reply(user, announcement):
        raise PermissionDenied
    # Plain text with a few inline tags at most; nh3 removes everything else (scripts, links…).
    clean = nh3.clean(body.strip(), tags={"b", "strong", "i", "em"}, attributes={})
    return AnnouncementReply.objects.create(announcement=announcement, author=user, body=clean)


def city_message_preference_set(*, user, opted_in: bool) -> None:
    """The opt-in to city messages is the "city" kind of the residents' notification choices."""
    mail_preferences().set_now(user=user, kind="city", now=opted_in)


# ---------------------------------------------------------------- announcement e-mails


def announcement_recipients(*, announcement: AnnouncementPage):
    """Opted-in residents (not staff) with an active membership in an addressed neighbourhood."""
    User = get_user_model()
    memberships = Membership.objects.filter(ended_at__isnull=True)
    if not announcement.all_neighbourhoods:
        memberships = memberships.filter(
            neighbourhood__in=[n.pk for n in announcement.neighbourhoods.all()]
        )
    return (
        User.objects.filter(
            mail_preferences().recipients_now(kind="city"),
            pk__in=memberships.values("user_id"),
            is_active=True,
            is_staff=False,
            is_superuser=False,
            groups__isnull=True,
        )
        .only("email", "language", "display_name", "erased_at")
        .order_by("pk")
    )


def announcement_email_members(*, announcement_id: int) -> int:
    """E-mail an announcement once (at most once: the mailing row is written before sending)."""
    announcement = AnnouncementPage.objects.live().filter(pk=announcement_id).first()
    if announcement is None or not announcement.email_members:
        return 0
    try:
        with transaction.atomic():
            mailing = AnnouncementMailing.objects.create(announcement=announcement)
    except IntegrityError:
        return 0  # already e-mailed
    sent = 0
    connection = get_connection()
    connection.open()
    try:
        for user in announcement_recipients(announcement=announcement).iterator(chunk_size=500):
            try:
                # Already in the worker: one SMTP connection for the whole mailing.
                _now, unsubscribe = mail_preferences().send_now(user=user, kind="city")
                rendered = email_render(
                    template="announcements/emails/announcement",
                    language=user.language,
                    context={
                        "user": user,
                        "recipient": user,
                        "announcement": announcement,
                        "url": _absolute(announcement.url or "/"),
                        "unsubscribe_url": unsubscribe,
                    },
                )
                email_message(
                    to=user.email,
                    rendered=rendered,
                    headers=unsubscribe_headers(unsubscribe),
                    connection=connection,
                ).send()
                sent += 1
            except Exception:  # one bad address must not stop the others
                log.exception("announcement e-mail to user %s failed", user.pk)
    finally:
        connection.close()
    AnnouncementMailing.objects.filter(pk=mailing.pk).update(
        sent_at=timezone.now(), recipients=sent
    )
    return sent


def announcement_published(*, announcement: AnnouncementPage) -> None:
    """Called when an announcement is published: queue its e-mail if asked for."""
    if (
        not announcement.email_members
        or AnnouncementMailing.objects.filter(announcement=announcement).exists()
    ):
        return
    from .tasks import announcement_email_task

    transaction.on_commit(lambda: announcement_email_task.enqueue(announcement_id=announcement.pk))


# ---------------------------------------------------------------- events


@dataclass(frozen=True)
class SignUpResult:
    registration: EventRegistration
    created: bool

    @property
    def waitlisted(self) -> bool:
        return self.registration.status == EventRegistration.Status.WAITLISTED


def _lock_event(event_id: int) -> EventPage:
    # The event row is the lock: every sign-up and cancellation of one event queue up here.
    return EventPage.objects.select_for_update(of=("self",)).get(pk=event_id)


def event_sign_up(*, event: EventPage, user) -> SignUpResult:
    if not can_sign_up(user, event):
        raise PermissionDenied
    try:
        with transaction.atomic():
            event = _lock_event(event.pk)
            existing = EventRegistration.objects.filter(event=event, user=user).first()
            if existing is not None:
                return SignUpResult(existing, created=False)
            confirmed = EventRegistration.objects.filter(
                event=event, status=EventRegistration.Status.CONFIRMED
            ).count()
            status = (
                EventRegistration.Status.CONFIRMED
                if confirmed < event.capacity
                else EventRegistration.Status.WAITLISTED
            )
            registration = EventRegistration.objects.create(event=event, user=user, status=status)
            return SignUpResult(registration, created=True)
    except IntegrityError:  # the same person clicked twice at once (no lock on SQLite)
        return SignUpResult(EventRegistration.objects.get(event=event, user=user), created=False)


def event_registration_cancel(*, registration: EventRegistration, user) -> EventRegistration | None:
    """Cancel `user`'s own registration; the first on the waitlist moves up (returned)."""
    if registration.user_id != user.pk:
        raise PermissionDenied
    promoted = None
    with transaction.atomic():
        event = _lock_event(registration.event_id)
        deleted, _ = EventRegistration.objects.filter(pk=registration.pk, user=user).delete()
        if not deleted:
            return None
        promoted = _promote_from_waitlist(event)
    if promoted is not None:  # after the commit: the place is really theirs
        _notify_promoted(promoted, event)
    return promoted


def _promote_from_waitlist(event: EventPage) -> EventRegistration | None:
    confirmed = EventRegistration.objects.filter(
        event=event, status=EventRegistration.Status.CONFIRMED
    ).count()
    if confirmed >= event.capacity:
        return None
    first = (
        EventRegistration.objects.filter(event=event, status=EventRegistration.Status.WAITLISTED)
        .select_related("user")
        .order_by("created_at", "id")
        .first()
    )
    if first is None:
        return None
    first.status = EventRegistration.Status.CONFIRMED
    first.promoted_at = timezone.now()
    first.save(update_fields=["status", "promoted_at"])
    return first


def _notify_promoted(registration: EventRegistration, event: EventPage) -> None:
    _send_mail(
        user=registration.user,
        template="promoted",
        context={"event": event, "url": _absolute(event.url or "/")},
    )


def event_reminders_send(*, event_id: int, now=None) -> int:
    """E-mail confirmed attendees the day before. Idempotent: each person is reminded once.

    A registration is marked `reminded_at` in the same transaction that claims it, before the
    e-mail goes out: a crash can lose a reminder but never send two.
    """
    now = now or timezone.now()
    event = EventPage.objects.live().filter(pk=event_id).first()
    if event is None or event.starts_at <= now:
        return 0
    if now < event.starts_at - REMINDER_LEAD - timedelta(minutes=10):
        return 0  # moved to a later date: the task queued for the new date will do it
    sent = 0
    while True:
        with transaction.atomic():
            batch = list(
                EventRegistration.objects.select_for_update(skip_locked=True, of=("self",))
                .filter(
                    event=event, status=EventRegistration.Status.CONFIRMED, reminded_at__isnull=True
                )
                .select_related("user")
                .order_by("id")[:200]
            )
            EventRegistration.objects.filter(pk__in=[r.pk for r in batch]).update(reminded_at=now)
        if not batch:
            return sent
        for registration in batch:
            try:
                _send_mail(
                    user=registration.user,
                    template="reminder",
                    context={"event": event, "url": _absolute(event.url or "/")},
                )
                sent += 1
            except Exception:
                log.exception("reminder to registration %s failed", registration.pk)


def event_reminder_schedule(*, event: EventPage) -> None:
    """Queue the reminder for the day before (called when an event is published)."""
    from .tasks import event_reminders_task

    now = timezone.now()
    if event.starts_at <= now:
        return
    run_after = max(event.starts_at - REMINDER_LEAD, now)
    transaction.on_commit(
        lambda: event_reminders_task.using(run_after=run_after).enqueue(event_id=event.pk)
    )
