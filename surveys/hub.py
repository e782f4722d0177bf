"""What the surveys app shows on hub pages and in members' feeds (via neighbourhoods.registry)."""

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from neighbourhoods.registry import CityItem

from .selectors import open_surveys_for


def render_hub_section(*, request, neighbourhood):
    surveys = list(open_surveys_for(neighbourhood=neighbourhood))
    if not surveys:
        return ""
    return render_to_string("surveys/hub_section.html", {"surveys": surveys}, request=request)


def city_items(*, neighbourhood, limit=10):
    return [
        CityItem(
            kind="survey",
            label=_("Survey"),
            title=survey.title,
            url=survey.url or "",
            published_at=survey.first_published_at or survey.latest_revision_created_at,
            summary=_("From the city: tell us what you think."),
        )
        for survey in open_surveys_for(neighbourhood=neighbourhood, limit=limit)
    ]
