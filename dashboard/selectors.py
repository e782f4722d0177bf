"""Every figure of the Service Dashboard, computed by the database.

Each selector answers one group of figures with a handful of GROUP BY queries and returns plain
rows (dicts). Counts of residents' activity are raw here; small counts are suppressed later, by
`dashboard.report` (see `dashboard.privacy`), so these selectors can be tested against
independent counts.

A capability app that has no models yet is simply absent: its figures are guarded by
`available(<app>)` and the report leaves the group out.
"""

from django.db.models import Count, Q
from django.db.models.functions import TruncMonth

from neighbourhoods.models import Membership, Neighbourhood


def model(app_label: str, name: str):
    """The model `app_label.name`, or None while that app has not built it yet."""
    from django.apps import apps

    try:
        return apps.get_model(app_label, name)
    except LookupError:
        return None


def _in(queryset, field, neighbourhoods):
    if neighbourhoods is None:
        return queryset
    return queryset.filter(**{f"{field}__in": list(neighbourhoods)})


def _active_at(moment, prefix=""):
    """Memberships running at `moment`: joined before it, not ended by then."""
    return Q(**{f"{prefix}joined_at__lt": moment}) & (
        Q(**{f"{prefix}ended_at__isnull": True}) | Q(**{f"{prefix}ended_at__gte": moment})
    )


def neighbourhood_list(*, neighbourhoods=None) -> list[dict]:
    return list(
        _in(Neighbourhood.objects.all(), "pk", neighbourhoods)
        .order_by("name")
        .values("id", "code", "name", "households_in_area")
    )


# --- Core: households and registrations --------------------------------------------------------


def households_by_neighbourhood(*, period, neighbourhoods=None) -> list[dict]:
    """Per neighbourhood: households in the area, households registered at the start and at the
    end of the period (a household is registered while one of its members has an active
    membership), and the change between the two."""
    rows = list(
        _in(Neighbourhood.objects.all(), "pk", neighbourhoods)
        .annotate(
            registered=Count(
                "memberships__household",
                filter=_active_at(period.end_at, "memberships__"),
                distinct=True,
            ),
            registered_at_start=Count(
                "memberships__household",
                filter=_active_at(period.start_at, "memberships__"),
                distinct=True,
            ),
        )
        .order_by("name")
        .values("id", "code", "name", "households_in_area", "registered", "registered_at_start")
    )
    for row in rows:
        row["neighbourhood_id"] = row.pop("id")
        row["change"] = row["registered"] - row["registered_at_start"]
    return rows


def registration_growth(*, period, neighbourhoods=None) -> dict[int, list[int]]:
    """Registered households at the end of each month of the period (the last month: at the
    period's end): {neighbourhood_id: [count per month, oldest first]}.

    One query: a conditional COUNT(DISTINCT household) per month end, grouped by neighbourhood.
    """
    ends = period.month_ends()
    aggregates = {
        f"m{i}": Count("household", filter=_active_at(end), distinct=True)
        for i, end in enumerate(ends)
    }
    rows = (
        _in(Membership.objects.all(), "neighbourhood_id", neighbourhoods)
        .filter(joined_at__lt=period.end_at)
        .values("neighbourhood_id")
        .annotate(**aggregates)
        .order_by("neighbourhood_id")
    )
    return {row["neighbourhood_id"]: [row[f"m{i}"] for i in range(len(ends))] for row in rows}


# --- Feed: counts only, never content ----------------------------------------------------------


def feed_available() -> bool:
    return model("feed", "Post") is not None and model("feed", "Reaction") is not None


def _feed_querysets():
    Post, Reaction = model("feed", "Post"), model("feed", "Reaction")
    # Items a moderator removed (spam, abuse) are not participation; hidden ones still count.
    return (
        Post.objects.exclude(status="removed"),
        Reaction.objects.exclude(status="removed").exclude(post__status="removed"),
    )


def feed_activity(*, period, neighbourhoods=None) -> list[dict]:
    """Per neighbourhood: posts and reactions written in the period. Counts only, never content."""
    posts, reactions = _feed_querysets()
    window = {"created_at__gte": period.start_at, "created_at__lt": period.end_at}
    post_counts = dict(
        _in(posts, "neighbourhood_id", neighbourhoods)
        .filter(**window)
        .values_list("neighbourhood_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    reaction_counts = dict(
        _in(reactions, "post__neighbourhood_id", neighbourhoods)
        .filter(**window)
        .values_list("post__neighbourhood_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return [
        {
            "neighbourhood_id": hood["id"],
            "posts": post_counts.get(hood["id"], 0),
            "reactions": reaction_counts.get(hood["id"], 0),
        }
        for hood in neighbourhood_list(neighbourhoods=neighbourhoods)
    ]


def feed_activity_by_month(*, period, neighbourhoods=None) -> dict[str, dict[int, list[int]]]:
    """Posts and reactions per neighbourhood and month: {"posts": {neighbourhood_id: [count per
    month of the period, oldest first]}, "reactions": {...}}. Two GROUP BY TruncMonth queries."""
    posts, reactions = _feed_querysets()
    return {
        "posts": per_neighbourhood_month(
            posts,
            date_field="created_at",
            period=period,
            neighbourhood_field="neighbourhood_id",
            neighbourhoods=neighbourhoods,
        ),
        "reactions": per_neighbourhood_month(
            reactions,
            date_field="created_at",
            period=period,
            neighbourhood_field="post__neighbourhood_id",
            neighbourhoods=neighbourhoods,
        ),
    }


def per_neighbourhood_month(queryset, *, date_field, period, neighbourhood_field, neighbourhoods):
    """{neighbourhood_id: [count per month of the period]}: one GROUP BY (neighbourhood,
    TruncMonth) query; months without records are 0."""
    index = {month: i for i, month in enumerate(period.months)}
    rows = (
        _in(queryset, neighbourhood_field, neighbourhoods)
        .filter(**{f"{date_field}__gte": period.start_at, f"{date_field}__lt": period.end_at})
        .annotate(month=TruncMonth(date_field))
        .values_list(neighbourhood_field, "month")
        .annotate(n=Count("pk"))
        .order_by()
    )
    result: dict[int, list[int]] = {}
    for neighbourhood_id, month, n in rows:  # at most neighbourhoods x months aggregated rows
        result.setdefault(neighbourhood_id, [0] * len(index))[index[_as_date(month)]] += n
    return result


def _as_date(value):
    return value.date() if hasattr(value, "date") else value
