"""Neighbour help figures in the Service Dashboard: helpers and volunteers."""

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from dashboard import selectors
from dashboard.privacy import Column
from dashboard.report import (
    Section,
    entity_table,
    neighbourhood_table,
)

from .models import HelpOffer, HelpSkill, VolunteerConsent


def _volunteer_at(moment, prefix=""):
    return Q(**{f"{prefix}consented_at__lt": moment}) & (
        Q(**{f"{prefix}withdrawn_at__isnull": True}) | Q(**{f"{prefix}withdrawn_at__gte": moment})
    )


def _volunteer_users(period):
    return VolunteerConsent.objects.filter(_volunteer_at(period.end_at)).values("user_id")


def helpers_by_neighbourhood(*, period, neighbourhoods=None) -> list[dict]:
    """Per neighbourhood at the end of the period: members offering help ("helpers"), and those
    of them who also agreed to be called on by the city ("volunteers")."""
    return list(
        selectors.in_neighbourhoods(
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


def section(ctx) -> Section | None:
    per_hood = neighbourhood_table(
        ctx=ctx,
        key="helpers",
        title=_("Neighbour-helpers and volunteers"),
        columns=[
            Column("helpers", _("Helpers"), "count"),
            Column("volunteers", _("Of whom volunteers"), "count"),
        ],
        values={
            row["neighbourhood_id"]: row for row in helpers_by_neighbourhood(period=ctx.period)
        },
        note=_(
            "Helpers: members offering help to neighbours at the end of the period. Volunteers: "
            "helpers who also agreed to be called on by the city."
        ),
    )
    from django.utils import translation

    language = (translation.get_language() or "fr")[:2]
    skills = [
        {**row, "title": row.get(f"name_{language}") or row["name_fr"]}
        for row in helpers_by_skill(period=ctx.period)
    ]
    by_skill = entity_table(
        key="helpers_by_skill",
        title=_("Helpers and volunteers by kind of help"),
        label=_("Kind of help"),
        columns=[
            Column("helpers", _("Helpers"), "count"),
            Column("volunteers", _("Of whom volunteers"), "count"),
        ],
        rows=skills,
        note=_(
            "A helper may offer several kinds of help. Whole city, whatever the neighbourhoods "
            "chosen (a total over a free choice of neighbourhoods would give one "
            "neighbourhood's figures back by difference)."
        ),
    )
    return Section("care", _("Neighbour help"), [per_hood, by_skill])
