"""The feed's figures in the Service Dashboard: counts of posts and reactions, never content."""

from django.db.models import Count
from django.utils.translation import gettext as _

from dashboard import selectors
from dashboard.privacy import Column
from dashboard.report import (
    Section,
    monthly_table,
    neighbourhood_table,
)

from .models import Post, Reaction


def _feed_querysets():
    # Items a moderator removed (spam, abuse) are not participation; hidden ones still count.
    # Reactions carry their post's neighbourhood (feed.Reaction.neighbourhood): they are
    # grouped on their own table; only the few removed posts are looked up (NOT IN, hashed),
    # instead of joining every reaction to its post.
    removed_posts = Post.objects.filter(status="removed").values("pk")
    return (
        Post.objects.exclude(status="removed"),
        Reaction.objects.exclude(status="removed").exclude(post_id__in=removed_posts),
    )


def feed_activity(*, period, neighbourhoods=None) -> list[dict]:
    """Per neighbourhood: posts and reactions written in the period. Counts only, never content."""
    posts, reactions = _feed_querysets()
    window = {"created_at__gte": period.start_at, "created_at__lt": period.end_at}
    post_counts = dict(
        selectors.in_neighbourhoods(posts, "neighbourhood_id", neighbourhoods)
        .filter(**window)
        .values_list("neighbourhood_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    reaction_counts = dict(
        selectors.in_neighbourhoods(reactions, "neighbourhood_id", neighbourhoods)
        .filter(**window)
        .values_list("neighbourhood_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return [
        {
            "neighbourhood_id": hood["id"],
            "posts": post_counts.get(hood["id"], 0),
            "reactions": reaction_counts.get(hood["id"], 0),
        }
        for hood in selectors.neighbourhood_list(neighbourhoods=neighbourhoods)
    ]


def feed_activity_by_month(*, period, neighbourhoods=None) -> dict[str, dict[int, list[int]]]:
    """Posts and reactions per neighbourhood and month: {"posts": {neighbourhood_id: [count per
    month of the period, oldest first]}, "reactions": {...}}. Two GROUP BY queries."""
    posts, reactions = _feed_querysets()
    return {
        "posts": selectors.per_neighbourhood_month(
            posts,
            date_field="created_at",
            period=period,
            neighbourhood_field="neighbourhood_id",
            neighbourhoods=neighbourhoods,
        ),
        "reactions": selectors.per_neighbourhood_month(
            reactions,
            date_field="created_at",
            period=period,
            neighbourhood_field="neighbourhood_id",
            neighbourhoods=neighbourhoods,
        ),
    }


def section(ctx) -> Section | None:
    monthly = feed_activity_by_month(period=ctx.period)
    # The period's totals are the sums of its months (16 rows): no second pass over the feed.
    values = {
        hood["id"]: {
            "posts": sum(monthly["posts"].get(hood["id"], [])),
            "reactions": sum(monthly["reactions"].get(hood["id"], [])),
        }
        for hood in ctx.hoods
    }
    activity = neighbourhood_table(
        ctx=ctx,
        key="feed",
        title=_("Posts and reactions in the period"),
        columns=[
            Column("posts", _("Posts"), "count"),
            Column("reactions", _("Reactions"), "count"),
        ],
        values=values,
        note=_("Counts only: the city never reads the neighbourhoods' conversations."),
    )
    posts = monthly_table(
        ctx=ctx,
        key="feed_posts_by_month",
        title=_("Posts per month"),
        series=monthly["posts"],
        flows=True,
    )
    reactions = monthly_table(
        ctx=ctx,
        key="feed_reactions_by_month",
        title=_("Reactions per month"),
        series=monthly["reactions"],
        flows=True,
    )
    return Section("feed", _("Neighbourhood feeds"), [activity, posts, reactions])


def panel(*, period):
    """The admin home panel's columns: this month's posts and reactions per neighbourhood."""
    columns = [
        Column("posts", _("Posts this month"), "count"),
        Column("reactions", _("Reactions this month"), "count"),
    ]
    return columns, {row["neighbourhood_id"]: row for row in feed_activity(period=period)}
