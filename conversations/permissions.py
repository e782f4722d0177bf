"""Who may write to whom. The boundary: two verified members of the same neighbourhood, never
staff; a conversation is read-only once either of them has left that neighbourhood."""

from neighbourhoods.models import Membership
from neighbourhoods.permissions import is_city_staff, resident_membership

from .models import Block


def is_resident(user) -> bool:
    return resident_membership(user) is not None


def can_read(user, conversation) -> bool:
    """Participants only; staff never (even a staff account that took part, if ever)."""
    return user.is_authenticated and not is_city_staff(user) and conversation.includes(user)


def is_open(conversation) -> bool:
    """Both participants are still members of the conversation's neighbourhood."""
    return (
        Membership.objects.filter(
            user_id__in=[conversation.starter_id, conversation.other_id],
            neighbourhood_id=conversation.neighbourhood_id,
            ended_at__isnull=True,
        )
        .values("user_id")
        .distinct()
        .count()
        == 2
    )


def blocked_between(a, b) -> bool:
    return Block.objects.filter(blocker__in=[a.pk, b.pk], blocked__in=[a.pk, b.pk]).exists()
