"""Initiative figures in the Service Dashboard: initiatives by status and supports."""

from django.db.models import Count
from django.utils.translation import gettext as _

from dashboard import selectors
from dashboard.privacy import Column
from dashboard.report import (
    Section,
    neighbourhood_table,
)

from .models import Initiative, Support


def initiatives_by_status(*, period, neighbourhoods=None) -> list[dict]:
    """Per neighbourhood and status: initiatives submitted in the period; and supports given in
    the period per neighbourhood of the initiative."""
    return list(
        selectors.in_neighbourhoods(Initiative.objects.all(), "neighbourhood_id", neighbourhoods)
        .filter(submitted_at__gte=period.start_at, submitted_at__lt=period.end_at)
        .values("neighbourhood_id", "status")
        .annotate(n=Count("pk"))
        .order_by()
    )


def initiative_supports(*, period, neighbourhoods=None) -> dict[int, int]:
    return dict(
        selectors.in_neighbourhoods(
            Support.objects.all(), "initiative__neighbourhood_id", neighbourhoods
        )
        .filter(created_at__gte=period.start_at, created_at__lt=period.end_at)
        .values_list("initiative__neighbourhood_id")
        .annotate(n=Count("pk"))
        .order_by()
    )


def section(ctx) -> Section | None:
    statuses = list(Initiative.Status.choices)
    values: dict = {}
    for row in initiatives_by_status(period=ctx.period):
        values.setdefault(row["neighbourhood_id"], {})[f"status_{row['status']}"] = row["n"]
    for hood_id, n in initiative_supports(period=ctx.period).items():
        values.setdefault(hood_id, {})["supports"] = n
    table = neighbourhood_table(
        ctx=ctx,
        key="initiatives",
        title=_("Initiatives by status, and supports"),
        columns=[
            *[
                Column(f"status_{value}", str(label).capitalize(), "count")
                for value, label in statuses
            ],
            Column("supports", _("Supports"), "count"),
        ],
        values=values,
        note=_(
            "Initiatives submitted in the period, by their status today; supports given in the "
            "period (one per household and initiative)."
        ),
    )
    return Section("initiatives", _("Initiatives"), [table])
