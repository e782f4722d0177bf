"""Who may do what with initiatives."""

from neighbourhoods.permissions import is_city_staff, resident_membership
from neighbourhoods.selectors import active_membership


def is_verified_resident(user) -> bool:
    """A verified resident acting as a resident (staff accounts never act as residents)."""
    return resident_membership(user) is not None


def can_submit_initiative(user, call) -> bool:
    if not is_verified_resident(user) or not call.is_open():
        return False
    return call.targets(neighbourhood_id=active_membership(user=user).neighbourhood_id)


def is_organiser(user, initiative) -> bool:
    if not getattr(user, "is_authenticated", False) or is_city_staff(user):
        return False
    if initiative.submitter_id == user.pk:
        return True
    return initiative.co_organisers.filter(user=user, confirmed_at__isnull=False).exists()


def can_view_initiative(user, initiative) -> bool:
    """Published initiatives are public; the others only for their organisers.

    Staff review submissions in the admin, not here."""
    return initiative.is_published or is_organiser(user, initiative)
