"""Newsletter figures in the Service Dashboard."""

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from dashboard.privacy import Column
from dashboard.report import (
    Section,
    entity_table,
    neighbourhood_table,
)

from .models import NewsletterSend, Subscriber


def newsletter_subscribers(*, period) -> dict:
    """Subscribers at the end of the period (confirmed, not unsubscribed), new and lost in the
    period, and subscribers per neighbourhood of interest."""
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
    return list(
        NewsletterSend.objects.filter(started_at__gte=period.start_at, started_at__lt=period.end_at)
        .annotate(
            sent=Count("deliveries", filter=Q(deliveries__status="sent")),
            failed=Count("deliveries", filter=Q(deliveries__status="failed")),
            recipients=Count("deliveries"),
        )
        .order_by("started_at", "pk")
        .values("pk", "page__title", "started_at", "status", "recipients", "sent", "failed")
    )


def section(ctx) -> Section | None:
    subscribers = newsletter_subscribers(period=ctx.period)
    summary = entity_table(
        key="newsletter_subscribers",
        title=_("Newsletter subscribers"),
        label=_("City"),
        columns=[
            Column("active", _("Subscribers at the end of the period"), "count"),
            Column("new", _("New in the period"), "count"),
            Column("left", _("Unsubscribed in the period"), "count"),
        ],
        rows=[{"title": ctx.city_label, **subscribers}],
    )
    per_hood = neighbourhood_table(
        ctx=ctx,
        key="newsletter_interest",
        title=_("Subscribers per neighbourhood of interest"),
        columns=[Column("subscribers", _("Subscribers"), "count")],
        values={h: {"subscribers": n} for h, n in subscribers["per_neighbourhood"].items()},
        with_total=False,
        note=_("A subscriber may follow several neighbourhoods, or none (city news only)."),
    )
    sends = entity_table(
        key="newsletter_sends",
        title=_("Newsletters sent in the period"),
        label=_("Issue"),
        columns=[
            Column("started_at", _("Date"), "date"),
            Column("recipients", _("Recipients"), "count"),
            Column("sent", _("Delivered"), "count"),
            Column("failed", _("Failed"), "count"),
        ],
        rows=[{**row, "title": row["page__title"]} for row in newsletter_sends(period=ctx.period)],
    )
    return Section("newsletters", _("Newsletters"), [summary, per_hood, sends])
