"""Every figure of the Service Dashboard, computed by the database.

Each selector answers one group of figures with a handful of GROUP BY queries and returns plain
rows (dicts). Counts of residents' activity are raw here; small counts are suppressed later, by
`dashboard.report` (see `dashboard.privacy`), so these selectors can be tested against
independent counts.

Here: the core's figures (households, registrations) and the helpers every app's figures use.
Each capability app keeps its own figures in `<app>/figures.py` and registers them through
`neighbourhoods.registry.register_dashboard_figures`; an app that is not installed is simply absent.
"""

from django.db.models import Count, Q

from neighbourhoods.models import Membership, Neighbourhood

from .periods import add_months, local_midnight


def in_neighbourhoods(queryset, field, neighbourhoods):
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
        in_neighbourhoods(Neighbourhood.objects.all(), "pk", neighbourhoods)
        .order_by("name")
        .values("id", "code", "name", "households_in_area")
    )


# --- Core: households and registrations --------------------------------------------------------


def households_by_neighbourhood(*, period, neighbourhoods=None) -> list[dict]:
    """Per neighbourhood: households in the area, households registered at the start and at the
    end of the period (a household is registered while one of its members has an active
    membership), and the change between the two."""
    rows = list(
        in_neighbourhoods(Neighbourhood.objects.all(), "pk", neighbourhoods)
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
        in_neighbourhoods(Membership.objects.all(), "neighbourhood_id", neighbourhoods)
        .filter(joined_at__lt=period.end_at)
        .values("neighbourhood_id")
        .annotate(**aggregates)
        .order_by("neighbourhood_id")
    )
    return {row["neighbourhood_id"]: [row[f"m{i}"] for i in range(len(ends))] for row in rows}


# --- Feed: counts only, never content ----------------------------------------------------------


# --- Shared by the apps' figures (<app>/figures.py) ---------------------------------------------


def per_neighbourhood_month(queryset, *, date_field, period, neighbourhood_field, neighbourhoods):
    """{neighbourhood_id: [count per month of the period]}: one query, GROUP BY neighbourhood with
    one filtered COUNT per month (months without records are 0).

    Month bounds are local midnights computed here, so the database compares plain timestamps
    on an index-friendly range; TruncMonth(tzinfo) would be a per-row Python function on SQLite
    (0.9 s for the 35,000 posts and reactions of --scale 1).
    """
    bounds = [
        (
            max(local_midnight(month), period.start_at),
            min(local_midnight(add_months(month, 1)), period.end_at),
        )
        for month in period.months
    ]
    aggregates = {
        f"m{i}": Count("pk", filter=Q(**{f"{date_field}__gte": lo, f"{date_field}__lt": hi}))
        for i, (lo, hi) in enumerate(bounds)
    }
    rows = (
        in_neighbourhoods(queryset, neighbourhood_field, neighbourhoods)
        .filter(**{f"{date_field}__gte": period.start_at, f"{date_field}__lt": period.end_at})
        .values(neighbourhood_field)
        .annotate(**aggregates)
        .order_by()
    )
    return {row[neighbourhood_field]: [row[f"m{i}"] for i in range(len(bounds))] for row in rows}


def pick_titles(page_model, keys) -> dict:
    """{translation_key: title}, preferring the French page (the city's default language)."""
    titles: dict = {}
    rows = (
        page_model.objects.filter(translation_key__in=list(keys))
        .order_by("translation_key", "locale__language_code", "pk")
        .values_list("translation_key", "title", "locale__language_code")
    )
    for key, title, language in rows:  # one row per translation of a handful of pages
        if key not in titles or language == "fr":
            titles[key] = title
    return titles


def registered_by_neighbourhood(*, period) -> dict[int, int]:
    """{neighbourhood_id: households registered at the end of the period}."""
    return dict(
        Membership.objects.filter(_active_at(period.end_at))
        .values_list("neighbourhood_id")
        .annotate(n=Count("household", distinct=True))
        .order_by()
    )


# --- Surveys -----------------------------------------------------------------------------------


def with_audience(rows, page_model, keys, registered, key_field="survey_key"):
    """Add each item's title and the registered households it was for (all or some areas)."""
    city = sum(registered.values())
    # Titles and "for every neighbourhood" in one query (a handful of pages).
    titles: dict = {}
    everywhere = set()
    for key, title, language, for_all in (
        page_model.objects.filter(translation_key__in=list(keys))
        .order_by("translation_key", "locale__language_code", "pk")
        .values_list("translation_key", "title", "locale__language_code", "all_neighbourhoods")
    ):
        if key not in titles or language == "fr":  # as pick_titles: French preferred
            titles[key] = title
        if for_all:
            everywhere.add(key)
    through = page_model.neighbourhoods.through
    page_field = f"{page_model._meta.model_name}__translation_key"
    areas: dict = {}
    for key, hood_id in (
        through.objects.filter(**{f"{page_field}__in": keys})
        .values_list(page_field, "neighbourhood_id")
        .order_by()
        .distinct()
    ):
        areas.setdefault(key, set()).add(hood_id)
    for row in rows:
        key = row[key_field]
        row["title"] = titles.get(key, "?")
        if key in everywhere or key not in areas:
            row["registered"] = city
        else:
            row["registered"] = sum(registered.get(h, 0) for h in areas[key])
    return rows


# --- Citizen budget ----------------------------------------------------------------------------


def specific_counts(page_model, pages) -> dict[int, int]:
    """{neighbourhood_id: items for it specifically (not for every neighbourhood)}."""
    through = page_model.neighbourhoods.through
    name = page_model._meta.model_name
    return dict(
        through.objects.filter(**{f"{name}__in": pages.filter(all_neighbourhoods=False)})
        .values_list("neighbourhood_id")
        .annotate(n=Count(f"{name}__translation_key", distinct=True))
        .order_by()
    )
