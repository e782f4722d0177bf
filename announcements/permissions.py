"""Who may do what with city messages and events."""

from neighbourhoods.permissions import is_city_staff
from neighbourhoods.selectors import active_membership


def _resident_targeted(user, page) -> bool:
    if not user.is_authenticated or is_city_staff(user):
        return False
    membership = active_membership(user=user)
    return membership is not None and page.targets(neighbourhood_id=membership.neighbourhood_id)


def can_reply(user, announcement) -> bool:
    """Verified residents of a neighbourhood the message addresses (never staff)."""
    return _resident_targeted(user, announcement)


def can_sign_up(user, event) -> bool:
    return _resident_targeted(user, event) and not event.is_past


def can_read_replies(user) -> bool:
    """Staff read replies to announcements — and nothing else residents write."""
    return user.is_authenticated and user.has_perm("announcements.view_announcementreply")


def can_see_attendees(user) -> bool:
    return user.is_authenticated and user.has_perm("announcements.view_eventregistration")
