"""What initiatives show on neighbourhood hubs (registered from InitiativesConfig.ready)."""

from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from neighbourhoods.languages import in_reader_language
from neighbourhoods.registry import CityItem
from neighbourhoods.targeting import targeted_to


def _calls_for(neighbourhood):
    from .models import CallForInitiativesPage

    today = timezone.localdate()
    query = (
        CallForInitiativesPage.objects.live()
        .filter(opens_on__lte=today)
        .filter(Q(closes_on__isnull=True) | Q(closes_on__gte=today))
    )
    # A translated call is one call: once, in the reader's language when it exists.
    return in_reader_language(targeted_to(query, neighbourhood).distinct()).order_by("-opens_on")


def render_hub_section(*, request, neighbourhood):
    from .models import Initiative

    # Title and status only: no support counts (a GROUP BY over every published initiative of
    # the neighbourhood, which grew with the data) for a list that does not show them.
    initiatives = list(
        Initiative.objects.filter(status__in=Initiative.PUBLISHED, neighbourhood=neighbourhood)
        .order_by("-status_changed_at", "-pk")
        .only("pk", "title", "status")[:5]
    )
    calls = list(_calls_for(neighbourhood)[:3])
    if not initiatives and not calls:
        return ""
    return render_to_string(
        "initiatives/hub_section.html",
        {"initiatives": initiatives, "calls": calls, "neighbourhood": neighbourhood},
        request=request,
    )


def city_items(*, neighbourhood, limit=10):
    calls = list(_calls_for(neighbourhood)[:limit])
    return [
        CityItem(
            kind="initiatives",
            label=_("Call for initiatives"),
            title=call.title,
            url=call.url or "",
            published_at=call.first_published_at or timezone.now(),
            summary=call.theme,
        )
        for call in calls
    ]
