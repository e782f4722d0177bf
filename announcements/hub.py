"""What this app adds to neighbourhood hubs and members' feeds (via neighbourhoods.registry)."""

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from neighbourhoods.registry import CityItem

from . import selectors


def render_hub_section(*, request, neighbourhood) -> str:
    announcements = selectors.announcements_for_neighbourhood(neighbourhood=neighbourhood, limit=5)
    events = selectors.events_upcoming(neighbourhood=neighbourhood, limit=5)
    if not announcements and not events:
        return ""
    return render_to_string(
        "announcements/hub_section.html",
        {"announcements": announcements, "events": events, "neighbourhood": neighbourhood},
        request=request,
    )


def city_items(*, neighbourhood, limit=10) -> list[CityItem]:
    items = [
        CityItem(
            kind="announcement",
            label=_("City of Mons · %(category)s") % {"category": page.get_category_display()},
            title=page.title,
            url=page.url or "",
            published_at=page.first_published_at,
            summary=page.summary,
        )
        for page in selectors.announcements_for_neighbourhood(
            neighbourhood=neighbourhood, limit=limit
        )
    ]
    items += [
        CityItem(
            kind="event",
            label=_("City of Mons · event"),
            title=page.title,
            url=page.url or "",
            published_at=page.first_published_at,
            summary=page.summary,
        )
        for page in selectors.events_upcoming(neighbourhood=neighbourhood, limit=limit)
    ]
    return items


def on_page_published(sender, instance, **kwargs):
    from . import services
    from .models import AnnouncementPage, EventPage

    page = instance.specific
    if isinstance(page, AnnouncementPage):
        services.announcement_published(announcement=page)
    elif isinstance(page, EventPage):
        services.event_reminder_schedule(event=page)
