"""Survey figures in the Service Dashboard: responses and household turnout."""

from django.db.models import Count
from django.utils.translation import gettext as _

from dashboard import selectors
from dashboard.privacy import Column
from dashboard.report import (
    Section,
    turnout_columns,
    turnout_section,
)

from .models import SurveyResponse
from .pages import SurveyPage


def survey_turnout(*, period, neighbourhoods=None) -> list[dict]:
    """Per neighbourhood: survey responses in the period, and the households that answered at
    least one survey (the numerator of turnout: a share of registered households)."""
    rows = (
        selectors.in_neighbourhoods(
            SurveyResponse.objects.all(), "neighbourhood_id", neighbourhoods
        )
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
        registered = selectors.registered_by_neighbourhood(period=period)
    return selectors.with_audience(rows, SurveyPage, keys, registered)


def section(ctx) -> Section:
    answered = [
        Column("responses", _("Responses"), "count"),
        *turnout_columns(_("Households that answered")),
    ]
    return turnout_section(
        ctx,
        key="surveys",
        title=_("Surveys"),
        per_neighbourhood={
            "key": "survey_turnout",
            "title": _("Survey turnout per neighbourhood"),
            "rows": survey_turnout(period=ctx.period),
            "columns": answered,
            "note": _(
                "Turnout: households that answered at least one survey in the period, as a "
                "share of the registered households."
            ),
        },
        per_item={
            "key": "surveys",
            "title": _("Surveys answered in the period"),
            "label": _("Survey"),
            "columns": answered,
            "rows": survey_results(period=ctx.period, registered=ctx.registered_households()),
            "note": _("Registered households: those of the neighbourhoods the survey was for."),
        },
    )
