"""City messages and events in the Service Dashboard."""

from django.db.models import Count, Max, Min, Q, Sum
from django.utils.translation import gettext as _

from dashboard import selectors
from dashboard.privacy import Column
from dashboard.report import (
    Section,
    entity_table,
    neighbourhood_table,
)

from .models import AnnouncementMailing
from .pages import AnnouncementPage, EventPage


def city_messages(*, period) -> dict:
    """Messages the city published in the period (each counted once across its translations),
    per neighbourhood they were for; their e-mail rounds and recipients."""
    pages = AnnouncementPage.objects.live().filter(
        first_published_at__gte=period.start_at, first_published_at__lt=period.end_at
    )
    # Each message once across its translations: COUNT(DISTINCT translation_key).
    counts = pages.aggregate(
        total=Count("translation_key", distinct=True),
        everywhere=Count("translation_key", distinct=True, filter=Q(all_neighbourhoods=True)),
    )
    total, everywhere = counts["total"], counts["everywhere"]
    specific = selectors.specific_counts(AnnouncementPage, pages)
    mailed = AnnouncementMailing.objects.filter(
        sent_at__gte=period.start_at, sent_at__lt=period.end_at
    ).aggregate(mailings=Count("pk"), recipients=Sum("recipients"))
    mailed["recipients"] = mailed["recipients"] or 0
    return {"total": total, "everywhere": everywhere, "specific": specific, **mailed}


def events(*, period) -> dict:
    """Events held in the period, per neighbourhood they were for; and, per event (its
    translations together), places and registrations: confirmed (expected attendance) and
    waitlisted."""
    pages = EventPage.objects.live().filter(
        starts_at__gte=period.start_at, starts_at__lt=period.end_at
    )
    specific = selectors.specific_counts(EventPage, pages)
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
    titles = selectors.pick_titles(EventPage, [row["translation_key"] for row in rows])
    for row in rows:
        row["title"] = titles.get(row["translation_key"], "?")
    everywhere = sum(1 for row in rows if row.pop("for_all"))
    return {"total": len(rows), "everywhere": everywhere, "specific": specific, "rows": rows}


def section(ctx) -> Section | None:
    messages = city_messages(period=ctx.period)
    held = events(period=ctx.period)
    values = {
        hood["id"]: {
            "messages": messages["everywhere"] + messages["specific"].get(hood["id"], 0),
            "events": held["everywhere"] + held["specific"].get(hood["id"], 0),
        }
        for hood in ctx.hoods
    }
    per_hood = neighbourhood_table(
        ctx=ctx,
        key="city_messages",
        title=_("City messages and events per neighbourhood"),
        columns=[
            Column("messages", _("Messages published"), "public"),
            Column("events", _("Events held"), "public"),
        ],
        values=values,
        totals={"messages": messages["total"], "events": held["total"]},
        note=_(
            "A message or event for several neighbourhoods counts once in each of them and once "
            "for the city."
        ),
    )
    mailing = entity_table(
        key="city_mailings",
        title=_("City messages sent by e-mail"),
        label=_("City"),
        columns=[
            Column("total", _("Messages published"), "public"),
            Column("mailings", _("E-mail rounds"), "public"),
            Column("recipients", _("Recipients"), "count"),
        ],
        rows=[{"title": ctx.city_label, **messages}],
    )
    event_rows = entity_table(
        key="events",
        title=_("Events and attendance"),
        label=_("Event"),
        columns=[
            Column("starts_at", _("Date"), "date"),
            Column("capacity", _("Places"), "public"),
            Column("confirmed", _("Registered (confirmed)"), "count"),
            Column("waitlisted", _("Waitlist"), "count"),
        ],
        rows=held["rows"],
        note=_("Attendance: confirmed registrations (the city does not record who came)."),
    )
    return Section("announcements", _("City messages and events"), [per_hood, mailing, event_rows])
