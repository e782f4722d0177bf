"""Reads of notifications and preferences."""

from .models import DEFAULT_CHANNELS, Channel, Kind, Notification, NotificationPreference, visible_q


def unread_count(*, user) -> int:
    """The header badge: one COUNT query (hidden and removed posts excluded in the same query)."""
    return (
        Notification.objects.filter(recipient=user, read_at__isnull=True)
        .filter(visible_q())
        .count()
    )


def notifications_for(*, user, limit: int = 50) -> list[Notification]:
    return list(
        Notification.objects.filter(recipient=user)
        .filter(visible_q())
        .order_by("-created_at")[:limit]
    )


def channels_of(*, user) -> dict[str, str]:
    """Every kind with the resident's channel (their choice, else the default)."""
    chosen = dict(NotificationPreference.objects.filter(user=user).values_list("kind", "channel"))
    return {kind: chosen.get(kind, DEFAULT_CHANNELS[Kind(kind)]) for kind in Kind.values}


def channel_of(*, user, kind: str) -> str:
    chosen = (
        NotificationPreference.objects.filter(user=user, kind=kind)
        .values_list("channel", flat=True)
        .first()
    )
    return chosen or DEFAULT_CHANNELS[Kind(kind)]


def wants_now(*, user, kind: str) -> bool:
    return channel_of(user=user, kind=kind) == Channel.IMMEDIATE
