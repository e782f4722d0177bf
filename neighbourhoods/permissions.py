"""Who may see what inside a neighbourhood. The boundary lives here and nowhere else.

City staff (anyone who can enter the Wagtail admin, superusers included) never see feed content,
even when they also live in the neighbourhood: a staff member who is also a resident uses a
separate personal account.
"""

from .selectors import active_membership


def is_city_staff(user) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_superuser or user.is_staff:
        return True
    # Cached on the user object for the request: hub sections ask several times per page.
    if not hasattr(user, "_is_city_staff_cache"):
        user._is_city_staff_cache = user.groups.exists()
    return user._is_city_staff_cache


def resident_membership(user):
    """The current membership of a verified resident acting as a resident, else None
    (anonymous, not yet verified, moved away, or a staff account). Every resident-only
    capability — feed, neighbour help, conversations, initiatives — asks here."""
    if not getattr(user, "is_authenticated", False) or is_city_staff(user):
        return None
    return active_membership(user=user)


def is_verified_member_of(user, neighbourhood) -> bool:
    membership = resident_membership(user)
    return membership is not None and membership.neighbourhood_id == neighbourhood.pk


def can_moderate(user, neighbourhood) -> bool:
    membership = resident_membership(user)
    return (
        membership is not None
        and membership.neighbourhood_id == neighbourhood.pk
        and membership.is_moderator
    )
