"""Every figure of the Service Dashboard, computed by the database.

Each selector answers one group of figures with a handful of GROUP BY queries and returns plain
rows (dicts). Counts of residents' activity are raw here; small counts are suppressed later, by
`dashboard.report` (see `dashboard.privacy`), so these selectors can be tested against
independent counts.

A capability app that has no models yet is simply absent: its figures are guarded by
`available(<app>)` and the report leaves the group out.
"""

from django.db.models import Count, Q

from neighbourhoods.models import Membership, Neighbourhood

from .periods import add_months, local_midnight


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
        _in(posts, "neighbourhood_id", neighbourhoods)
        .filter(**window)
        .values_list("neighbourhood_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    reaction_counts = dict(
        _in(reactions, "neighbourhood_id", neighbourhoods)
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
        for hood in neighbourhood_list(neighbourhoods=neighbourhoods)
    ]


def feed_activity_by_month(*, period, neighbourhoods=None) -> dict[str, dict[int, list[int]]]:
    """Posts and reactions per neighbourhood and month: {"posts": {neighbourhood_id: [count per
    month of the period, oldest first]}, "reactions": {...}}. Two GROUP BY queries."""
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
            neighbourhood_field="neighbourhood_id",
            neighbourhoods=neighbourhoods,
        ),
    }


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
        _in(queryset, neighbourhood_field, neighbourhoods)
        .filter(**{f"{date_field}__gte": period.start_at, f"{date_field}__lt": period.end_at})
        .values(neighbourhood_field)
        .annotate(**aggregates)
        .order_by()
    )
    return {row[neighbourhood_field]: [row[f"m{i}"] for i in range(len(bounds))] for row in rows}


def _pick_titles(page_model, keys) -> dict:
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


def surveys_available() -> bool:
    return model("surveys", "SurveyResponse") is not None


def survey_turnout(*, period, neighbourhoods=None) -> list[dict]:
    """Per neighbourhood: survey responses in the period, and the households that answered at
    least one survey (the numerator of turnout: a share of registered households)."""
    SurveyResponse = model("surveys", "SurveyResponse")
    rows = (
        _in(SurveyResponse.objects.all(), "neighbourhood_id", neighbourhoods)
        .filter(submitted_at__gte=period.start_at, submitted_at__lt=period.end_at)
        .exclude(neighbourhood_id=None)
        .values("neighbourhood_id")
        .annotate(responses=Count("pk"), households=Count("household", distinct=True))
        .order_by()
    )
    return list(rows)


def survey_results(*, period, registered=None) -> list[dict]:
    """Per survey answered in the period: responses, households, and the registered households of
    the neighbourhoods it was for (turnout's denominator)."""
    SurveyResponse, SurveyPage = model("surveys", "SurveyResponse"), model("surveys", "SurveyPage")
    rows = list(
        SurveyResponse.objects.filter(
            submitted_at__gte=period.start_at, submitted_at__lt=period.end_at
        )
        .values("survey_key")
        .annotate(responses=Count("pk"), households=Count("household", distinct=True))
        .order_by("survey_key")
    )
    keys = [row["survey_key"] for row in rows]
    if registered is None:
        registered = registered_by_neighbourhood(period=period)
    return _with_audience(rows, SurveyPage, keys, registered)


def _with_audience(rows, page_model, keys, registered, key_field="survey_key"):
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
        if key not in titles or language == "fr":  # as _pick_titles: French preferred
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


def budgets_available() -> bool:
    return model("budgets", "Participation") is not None and model("budgets", "Ballot") is not None


def budget_turnout(*, period, neighbourhoods=None) -> list[dict]:
    """Per neighbourhood: households that voted in a budget round in the period."""
    Participation = model("budgets", "Participation")
    return list(
        _in(Participation.objects.all(), "neighbourhood_id", neighbourhoods)
        .filter(voted_on__gte=period.start, voted_on__lte=period.end)
        .values("neighbourhood_id")
        .annotate(ballots=Count("pk"), households=Count("household", distinct=True))
        .order_by()
    )


def budget_rounds(*, period, registered=None) -> list[dict]:
    """Per round with votes in the period: ballots (web, paper, imported) and voting households."""
    Participation, Ballot = model("budgets", "Participation"), model("budgets", "Ballot")
    BudgetPage = model("budgets", "BudgetPage")
    window = {"gte": period.start, "lte": period.end}
    ballots = dict(
        Ballot.objects.filter(cast_on__gte=window["gte"], cast_on__lte=window["lte"])
        .values_list("round_key")
        .annotate(n=Count("pk"))
        .order_by()
    )
    voters = dict(
        Participation.objects.filter(voted_on__gte=window["gte"], voted_on__lte=window["lte"])
        .values_list("round_key")
        .annotate(n=Count("household", distinct=True))
        .order_by()
    )
    keys = sorted(set(ballots) | set(voters), key=str)
    titles = _pick_titles(BudgetPage, keys)
    if registered is None:
        registered = registered_by_neighbourhood(period=period)
    city = sum(registered.values())
    Area = model("budgets", "BudgetArea")
    areas: dict = {}
    if Area is not None:
        for key, hood_id in (
            Area.objects.filter(page__translation_key__in=keys)
            .values_list("page__translation_key", "neighbourhood_id")
            .order_by()
            .distinct()
        ):
            areas.setdefault(key, set()).add(hood_id)
    return [
        {
            "round_key": key,
            "title": titles.get(key, "?"),
            "ballots": ballots.get(key, 0),
            "households": voters.get(key, 0),
            "registered": (sum(registered.get(h, 0) for h in areas[key]) if key in areas else city),
        }
        for key in keys
    ]


# --- Initiatives -------------------------------------------------------------------------------


def initiatives_available() -> bool:
    return model("initiatives", "Initiative") is not None


def initiatives_by_status(*, period, neighbourhoods=None) -> list[dict]:
    """Per neighbourhood and status: initiatives submitted in the period; and supports given in
    the period per neighbourhood of the initiative."""
    Initiative = model("initiatives", "Initiative")
    return list(
        _in(Initiative.objects.all(), "neighbourhood_id", neighbourhoods)
        .filter(submitted_at__gte=period.start_at, submitted_at__lt=period.end_at)
        .values("neighbourhood_id", "status")
        .annotate(n=Count("pk"))
        .order_by()
    )


def initiative_supports(*, period, neighbourhoods=None) -> dict[int, int]:
    Support = model("initiatives", "Support")
    if Support is None:
        return {}
    return dict(
        _in(Support.objects.all(), "initiative__neighbourhood_id", neighbourhoods)
        .filter(created_at__gte=period.start_at, created_at__lt=period.end_at)
        .values_list("initiative__neighbourhood_id")
        .annotate(n=Count("pk"))
        .order_by()
    )


# --- Neighbour help (care) ---------------------------------------------------------------------


def care_available() -> bool:
    return model("care", "HelpOffer") is not None and model("care", "HelpSkill") is not None


def _volunteer_at(moment, prefix=""):
    return Q(**{f"{prefix}consented_at__lt": moment}) & (
        Q(**{f"{prefix}withdrawn_at__isnull": True}) | Q(**{f"{prefix}withdrawn_at__gte": moment})
    )


def _volunteer_users(period):
    VolunteerConsent = model("care", "VolunteerConsent")
    return VolunteerConsent.objects.filter(_volunteer_at(period.end_at)).values("user_id")


def helpers_by_neighbourhood(*, period, neighbourhoods=None) -> list[dict]:
    """Per neighbourhood at the end of the period: members offering help ("helpers"), and those
    of them who also agreed to be called on by the city ("volunteers")."""
    HelpOffer = model("care", "HelpOffer")
    return list(
        _in(
            HelpOffer.objects.filter(active=True, created_at__lt=period.end_at),
            "neighbourhood_id",
            neighbourhoods,
        )
        .values("neighbourhood_id")
        .annotate(
            helpers=Count("pk"),
            volunteers=Count("pk", filter=Q(user_id__in=_volunteer_users(period))),
        )
        .order_by()
    )


def helpers_by_skill(*, period, neighbourhoods=None) -> list[dict]:
    """Per kind of help: helpers offering it and volunteers among them."""
    HelpSkill = model("care", "HelpSkill")
    offer = Q(offers__active=True, offers__created_at__lt=period.end_at)
    if neighbourhoods is not None:
        offer &= Q(offers__neighbourhood_id__in=list(neighbourhoods))
    return list(
        HelpSkill.objects.annotate(
            helpers=Count("offers", filter=offer, distinct=True),
            volunteers=Count(
                "offers",
                filter=offer & Q(offers__user_id__in=_volunteer_users(period)),
                distinct=True,
            ),
        )
        .order_by("order", "name_fr")
        .values("id", "code", "name_fr", "name_nl", "name_en", "helpers", "volunteers")
    )


# --- City messages and events ------------------------------------------------------------------


def announcements_available() -> bool:
    return model("announcements", "AnnouncementPage") is not None


def _specific_counts(page_model, pages) -> dict[int, int]:
    """{neighbourhood_id: items for it specifically (not for every neighbourhood)}."""
    through = page_model.neighbourhoods.through
    name = page_model._meta.model_name
    return dict(
        through.objects.filter(**{f"{name}__in": pages.filter(all_neighbourhoods=False)})
        .values_list("neighbourhood_id")
        .annotate(n=Count(f"{name}__translation_key", distinct=True))
        .order_by()
    )


def city_messages(*, period) -> dict:
    """Messages the city published in the period (each counted once across its translations),
    per neighbourhood they were for; their e-mail rounds and recipients."""
    AnnouncementPage = model("announcements", "AnnouncementPage")
    pages = AnnouncementPage.objects.live().filter(
        first_published_at__gte=period.start_at, first_published_at__lt=period.end_at
    )
    # Each message once across its translations: COUNT(DISTINCT translation_key).
    counts = pages.aggregate(
        total=Count("translation_key", distinct=True),
        everywhere=Count("translation_key", distinct=True, filter=Q(all_neighbourhoods=True)),
    )
    total, everywhere = counts["total"], counts["everywhere"]
    specific = _specific_counts(AnnouncementPage, pages)
    Mailing = model("announcements", "AnnouncementMailing")
    mailed = {"mailings": 0, "recipients": 0}
    if Mailing is not None:
        from django.db.models import Sum

        mailed = Mailing.objects.filter(
            sent_at__gte=period.start_at, sent_at__lt=period.end_at
        ).aggregate(mailings=Count("pk"), recipients=Sum("recipients"))
        mailed["recipients"] = mailed["recipients"] or 0
    return {"total": total, "everywhere": everywhere, "specific": specific, **mailed}


def events(*, period) -> dict:
    """Events held in the period, per neighbourhood they were for; and, per event (its
    translations together), places and registrations: confirmed (expected attendance) and
    waitlisted."""
    from django.db.models import Max, Min

    EventPage = model("announcements", "EventPage")
    pages = EventPage.objects.live().filter(
        starts_at__gte=period.start_at, starts_at__lt=period.end_at
    )
    specific = _specific_counts(EventPage, pages)
    rows = list(
        pages.values("translation_key")
        .annotate(
            starts_at=Min("starts_at"),
            capacity=Max("capacity"),
            # Translations of an event for every neighbourhood (counted from the same rows).
            for_all=Count("pk", filter=Q(all_neighbourhoods=True), distinct=True),
            confirmed=Count("registrations", filter=Q(registrations__status="confirmed")),
            waitlisted=Count("registrations", filter=Q(registrations__status="waitlisted")),
        )
        .order_by("starts_at", "translation_key")
    )
    titles = _pick_titles(EventPage, [row["translation_key"] for row in rows])
    for row in rows:
        row["title"] = titles.get(row["translation_key"], "?")
    everywhere = sum(1 for row in rows if row.pop("for_all"))
    return {"total": len(rows), "everywhere": everywhere, "specific": specific, "rows": rows}


# --- Newsletters -------------------------------------------------------------------------------


def newsletters_available() -> bool:
    return model("newsletters", "Subscriber") is not None


def newsletter_subscribers(*, period) -> dict:
    """Subscribers at the end of the period (confirmed, not unsubscribed), new and lost in the
    period, and subscribers per neighbourhood of interest."""
    Subscriber = model("newsletters", "Subscriber")
    end, start = period.end_at, period.start_at
    active = Q(confirmed_at__lt=end) & (
        Q(unsubscribed_at__isnull=True) | Q(unsubscribed_at__gte=end)
    )
    totals = Subscriber.objects.aggregate(
        active=Count("pk", filter=active),
        new=Count("pk", filter=Q(confirmed_at__gte=start, confirmed_at__lt=end)),
        left=Count("pk", filter=Q(unsubscribed_at__gte=start, unsubscribed_at__lt=end)),
    )
    through = Subscriber.neighbourhoods.through
    per_hood = dict(
        through.objects.filter(subscriber__in=Subscriber.objects.filter(active))
        .values_list("neighbourhood_id")
        .annotate(n=Count("subscriber_id"))
        .order_by()
    )
    return {**totals, "per_neighbourhood": per_hood}


def newsletter_sends(*, period) -> list[dict]:
    """Sends started in the period: the issue's title and its deliveries by outcome."""
    Send = model("newsletters", "NewsletterSend")
    return list(
        Send.objects.filter(started_at__gte=period.start_at, started_at__lt=period.end_at)
        .annotate(
            sent=Count("deliveries", filter=Q(deliveries__status="sent")),
            failed=Count("deliveries", filter=Q(deliveries__status="failed")),
            recipients=Count("deliveries"),
        )
        .order_by("started_at", "pk")
        .values("pk", "page__title", "started_at", "status", "recipients", "sent", "failed")
    )
