"""Who may do what in a neighbourhood feed. Every feed view asks here; the core decides membership.

Objects are fetched *through* these checks (see `feed.selectors`): someone who may not see a
neighbourhood's feed gets a 404 for its posts, reactions and images, whoever they are.
"""

from neighbourhoods.permissions import can_moderate as core_can_moderate
from neighbourhoods.permissions import is_city_staff, is_verified_member_of, resident_membership

from .models import Status

__all__ = [
    "can_view_feed",
    "can_moderate",
    "is_city_staff",
    "member_neighbourhood",
    "can_see_post",
    "can_edit_post",
    "can_see_reaction",
    "can_edit_reaction",
]


def can_view_feed(user, neighbourhood) -> bool:
    """A neighbourhood's feed is for its verified members, and only them."""
    return is_verified_member_of(user, neighbourhood)


def can_moderate(user, neighbourhood) -> bool:
    return core_can_moderate(user, neighbourhood)


def member_neighbourhood(user):
    """The neighbourhood whose feed this user may read, or None (anonymous, pending, staff)."""
    membership = resident_membership(user)
    return membership.neighbourhood if membership else None


def can_see_post(user, post) -> bool:
    if not can_view_feed(user, post.neighbourhood):
        return False
    if post.status == Status.VISIBLE:
        return True
    if post.status == Status.HIDDEN and post.author_id == user.pk:
        return True
    return can_moderate(user, post.neighbourhood)


def can_edit_post(user, post) -> bool:
    return (
        post.author_id == user.pk
        and post.status != Status.REMOVED
        and can_view_feed(user, post.neighbourhood)
    )


def can_see_reaction(user, reaction) -> bool:
    if not can_see_post(user, reaction.post):
        return False
    if reaction.status == Status.VISIBLE:
        return True
    if reaction.status == Status.HIDDEN and reaction.author_id == user.pk:
        return True
    return can_moderate(user, reaction.post.neighbourhood)


def can_edit_reaction(user, reaction) -> bool:
    return (
        reaction.author_id == user.pk
        and reaction.status != Status.REMOVED
        and can_view_feed(user, reaction.post.neighbourhood)
    )
