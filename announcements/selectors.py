from django.db.models import Count, Q
from django.utils import timezone

from emails.services import mail_preferences
from neighbourhoods.languages import in_reader_language
from neighbourhoods.targeting import targeted_to

from .models import (
    AnnouncementPage,
    AnnouncementReply,
    EventPage,
    EventRegistration,
)


def announcements_for_neighbourhood(*, neighbourhood, limit=5):
    qs = in_reader_language(AnnouncementPage.objects.live().defer_streamfields())
    return list(targeted_to(qs, neighbourhood).order_by("-first_published_at")[:limit])


def announcements_for_index(*, index):
    return in_reader_language(AnnouncementPage.objects.live().descendant_of(index)).order_by(
        "-first_published_at"
    )


def events_upcoming(*, neighbourhood=None, limit=5):
    qs = in_reader_language(EventPage.objects.live().defer_streamfields())
    qs = qs.filter(ends_at__gte=timezone.now())
    if neighbourhood is not None:
        qs = targeted_to(qs, neighbourhood)
    return list(qs.order_by("starts_at")[:limit])


def event_counts(*, event) -> dict:
    counts = EventRegistration.objects.filter(event=event).aggregate(
        confirmed=Count("pk", filter=Q(status=EventRegistration.Status.CONFIRMED)),
        waitlisted=Count("pk", filter=Q(status=EventRegistration.Status.WAITLISTED)),
    )
    counts["capacity"] = event.capacity
    counts["free"] = max(event.capacity - counts["confirmed"], 0)
    return counts


def registration_of(*, event, user):
    if not user.is_authenticated:
        return None
    return EventRegistration.objects.filter(event=event, user=user).first()


def waitlist_position(*, registration) -> int:
    return (
        EventRegistration.objects.filter(
            event_id=registration.event_id, status=EventRegistration.Status.WAITLISTED
        )
        .filter(
            Q(created_at__lt=registration.created_at)
            | Q(created_at=registration.created_at, pk__lt=registration.pk)
        )
        .count()
        + 1
    )


def attendees(*, event):
    """Confirmed first, then the waitlist in order. For staff: name and e-mail only."""
    return (
        EventRegistration.objects.filter(event=event)
        .select_related("user")
        .order_by("status", "created_at", "id")  # "confirmed" < "waitlisted"
        .only(
            "status",
            "created_at",
            "promoted_at",
            "user__email",
            "user__display_name",
            "user__erased_at",  # public_name: "a former neighbour"
            "user__first_name",
            "user__last_name",
        )
    )


def replies_of_author(*, announcement, user):
    if not user.is_authenticated:
        return []
    return list(AnnouncementReply.objects.filter(announcement=announcement, author=user)[:20])


def replies_for_staff(*, user, announcement_id=None):
    """Replies to the announcements `user` published (all of them for superusers)."""
    qs = AnnouncementReply.objects.select_related("author", "announcement").only(
        "body",
        "created_at",
        "announcement__title",
        "announcement_id",
        "author__display_name",
        "author__erased_at",  # public_name: "a former neighbour"
        "author__first_name",
        "author__last_name",
    )
    if not user.is_superuser:
        qs = qs.filter(announcement__owner=user)
    if announcement_id:
        qs = qs.filter(announcement_id=announcement_id)
    return qs


def city_message_opted_in(*, user) -> bool:
    return mail_preferences().wants_now(user=user, kind="city")
