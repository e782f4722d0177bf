from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import get_language
from wagtail.coreutils import get_supported_content_language_variant

from .models import (
    AnnouncementPage,
    AnnouncementReply,
    CityMessagePreference,
    EventPage,
    EventRegistration,
)


def _language_codes():
    """(active, default) content language codes, without a query (Wagtail caches the lookup)."""
    default = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    try:
        active = get_supported_content_language_variant(get_language())
    except LookupError:
        active = default
    return active, default


def _in_language(queryset):
    """Pages in the active language, plus untranslated ones from the default language.

    Filters on the locale's language code (a join on the tiny locale table) rather than
    looking the Locale rows up first: that was two queries per call, four per hub page.
    """
    active, default = _language_codes()
    if active == default:
        return queryset.filter(locale__language_code=active)
    model = queryset.model
    translated = model.objects.live().filter(
        locale__language_code=active, translation_key=OuterRef("translation_key")
    )
    return queryset.filter(
        Q(locale__language_code=active) | (Q(locale__language_code=default) & ~Exists(translated))
    )


def _targeting(queryset, neighbourhood):
    model = queryset.model
    through = model.neighbourhoods.through
    link = through.objects.filter(
        **{model._meta.model_name: OuterRef("pk")}, neighbourhood=neighbourhood
    )
    return queryset.filter(Q(all_neighbourhoods=True) | Exists(link))


def announcements_for_neighbourhood(*, neighbourhood, limit=5):
    qs = _in_language(AnnouncementPage.objects.live().defer_streamfields())
    return list(_targeting(qs, neighbourhood).order_by("-first_published_at")[:limit])


def announcements_for_index(*, index):
    return _in_language(AnnouncementPage.objects.live().descendant_of(index)).order_by(
        "-first_published_at"
    )


def events_upcoming(*, neighbourhood=None, limit=5):
    qs = _in_language(EventPage.objects.live().defer_streamfields())
    qs = qs.filter(ends_at__gte=timezone.now())
    if neighbourhood is not None:
        qs = _targeting(qs, neighbourhood)
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
    return CityMessagePreference.objects.filter(user=user, opted_in=True).exists()
