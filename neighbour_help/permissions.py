"""Neighbour help lives behind the boundary: only verified residents, never staff accounts."""

from neighbourhoods.permissions import resident_membership


def can_read_contact(user, contact) -> bool:
    """Only the two residents involved, and only while they are verified members of the
    neighbourhood the conversation took place in: moving away closes it."""
    if user.pk not in (contact.sender_id, contact.recipient_id):
        return False
    membership = resident_membership(user)
    return membership is not None and membership.neighbourhood_id == contact.neighbourhood_id


def can_manage_callouts(user) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and user.has_perm("care.add_callout")


def can_view_volunteer_counts(user) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and user.has_perm("care.view_callout")
