"""Every read of the feed worth a name. Objects are fetched through the permission check."""

from dataclasses import dataclass
from datetime import UTC, datetime

from django.http import Http404
from django.utils.translation import gettext as _

from neighbourhoods import registry
from neighbourhoods.converters import is_id

from .models import Post, Reaction, Report, Status, Thanks
from .permissions import can_moderate, can_see_post, can_see_reaction, can_view_feed

PAGE_SIZE = 20


@dataclass(frozen=True)
class FeedPage:
    entries: list  # Post and CityItem objects, newest first
    next_cursor: str | None
    is_first: bool


def encode_cursor(post) -> str:
    return f"{int(post.created_at.timestamp() * 1_000_000)}.{post.pk}"


def decode_cursor(value: str | None):
    """'<microseconds>.<id>' → (datetime, id), or None for anything malformed."""
    if not value:
        return None
    try:
        micros, pk = value.split(".", 1)
        moment = datetime.fromtimestamp(int(micros) / 1_000_000, tz=UTC)
        if not is_id(pk):
            return None
        return moment, int(pk)
    except (ValueError, OverflowError, OSError):
        return None


def _visible_posts(neighbourhood):
    return Post.objects.filter(neighbourhood=neighbourhood, status=Status.VISIBLE)


def feed_page(*, neighbourhood, category=None, cursor=None, size=PAGE_SIZE) -> FeedPage:
    """One page of a neighbourhood's feed, newest first (keyset: fast at any depth).

    City items (announcements, surveys…) registered by other apps are merged in by date on the
    unfiltered feed, marked as coming from the city.
    """
    from django.db.models import Q

    posts = _visible_posts(neighbourhood).select_related("author")
    if category:
        posts = posts.filter(category=category)
    position = decode_cursor(cursor)
    if position:
        moment, pk = position
        posts = posts.filter(Q(created_at__lt=moment) | Q(created_at=moment, id__lt=pk))
    rows = list(posts.order_by("-created_at", "-id")[: size + 1])
    has_more = len(rows) > size
    rows = rows[:size]
    entries: list = list(rows)
    if not category:
        upper = position[0] if position else None
        lower = rows[-1].created_at if (has_more and rows) else None
        for item in registry.city_items_for(neighbourhood=neighbourhood, limit=size):
            if (upper is None or item.published_at < upper) and (
                lower is None or item.published_at >= lower
            ):
                entries.append(item)
        entries.sort(key=_entry_time, reverse=True)
    return FeedPage(
        entries=entries,
        next_cursor=encode_cursor(rows[-1]) if has_more else None,
        is_first=position is None,
    )


def _entry_time(entry):
    return entry.created_at if isinstance(entry, Post) else entry.published_at


def latest_posts(*, neighbourhood, limit=5) -> list:
    return list(
        _visible_posts(neighbourhood)
        .select_related("author")
        .order_by("-created_at", "-id")[:limit]
    )


def thanked_post_ids(*, user, posts) -> set[int]:
    ids = [p.pk for p in posts if isinstance(p, Post)]
    if not ids:
        return set()
    return set(Thanks.objects.filter(user=user, post_id__in=ids).values_list("post_id", flat=True))


def post_for_user(*, user, pk) -> Post:
    """The post, if this user may see it; 404 otherwise (never reveal other neighbourhoods')."""
    post = Post.objects.select_related("neighbourhood", "author").filter(pk=pk).first()
    if post is None or not can_see_post(user, post):
        raise Http404(_("No such post."))
    return post


def reaction_for_user(*, user, pk) -> Reaction:
    reaction = (
        Reaction.objects.select_related("post__neighbourhood", "post__author", "author")
        .filter(pk=pk)
        .first()
    )
    if reaction is None or not can_see_reaction(user, reaction):
        raise Http404(_("No such reaction."))
    return reaction


def reactions_for_post(*, post, user) -> list:
    """Visible reactions, oldest first; moderators and authors also see their hidden ones."""
    reactions = post.reactions.select_related("author").order_by("created_at", "id")
    if can_moderate(user, post.neighbourhood):
        return list(reactions.exclude(status=Status.REMOVED))
    from django.db.models import Q

    return list(reactions.filter(Q(status=Status.VISIBLE) | Q(status=Status.HIDDEN, author=user)))


def has_thanked(*, user, post) -> bool:
    return Thanks.objects.filter(user=user, post=post).exists()


def moderation_queue(*, neighbourhood) -> dict:
    """Hidden items first, then visible items with open reports. Only for its moderators."""
    posts = (
        Post.objects.filter(neighbourhood=neighbourhood)
        .filter(status=Status.HIDDEN)
        .select_related("author")
        .order_by("-created_at")[:100]
    )
    reactions = (
        Reaction.objects.filter(post__neighbourhood=neighbourhood, status=Status.HIDDEN)
        .select_related("author", "post")
        .order_by("-created_at")[:100]
    )
    reported_posts = (
        Post.objects.filter(neighbourhood=neighbourhood, status=Status.VISIBLE, report_count__gt=0)
        .select_related("author")
        .order_by("-report_count", "-created_at")[:100]
    )
    reported_reactions = (
        Reaction.objects.filter(
            post__neighbourhood=neighbourhood, status=Status.VISIBLE, report_count__gt=0
        )
        .select_related("author", "post")
        .order_by("-report_count", "-created_at")[:100]
    )
    return {
        "hidden_posts": list(posts),
        "hidden_reactions": list(reactions),
        "reported_posts": list(reported_posts),
        "reported_reactions": list(reported_reactions),
    }


def open_reports(*, post=None, reaction=None) -> list:
    reports = Report.objects.filter(resolved_at__isnull=True)
    reports = reports.filter(post=post) if post is not None else reports.filter(reaction=reaction)
    return list(reports.order_by("created_at"))


__all__ = [
    "FeedPage",
    "feed_page",
    "latest_posts",
    "post_for_user",
    "reaction_for_user",
    "reactions_for_post",
    "thanked_post_ids",
    "has_thanked",
    "moderation_queue",
    "open_reports",
    "can_view_feed",
]
