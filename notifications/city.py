"""City items (announcement, event, survey, budget vote, call for initiatives) published for a
neighbourhood become a notification for each of its members."""

from django.conf import settings
from django.db import transaction
from wagtail.models import Page

from .services import city_item_notify

# Page model label -> the event name shown to residents.
CITY_PAGES = {
    "announcements.announcementpage": "announcement",
    "announcements.eventpage": "event",
    "surveys.surveypage": "survey",
    "budgets.budgetroundpage": "budget",
    "initiatives.callforinitiativespage": "call",
}


def audience(page) -> list[int] | None:
    """Neighbourhood ids the page addresses; None = every neighbourhood."""
    if getattr(page, "all_neighbourhoods", False):
        return None
    if page._meta.label_lower == "budgets.budgetroundpage":
        ids = list(page.areas.values_list("neighbourhood_id", flat=True))
    else:
        ids = [n.pk for n in page.neighbourhoods.all()]
    if not ids and page._meta.label_lower in (
        "initiatives.callforinitiativespage",
        "budgets.budgetroundpage",
    ):
        return None  # an open call / a city-wide round: everyone
    return ids


def on_page_published(sender, instance, **kwargs):
    label = type(instance)._meta.label_lower
    if label not in CITY_PAGES:
        return
    page_id = instance.pk
    from .tasks import city_page_notify_task

    transaction.on_commit(
        lambda: city_page_notify_task.using(backend=settings.EMAIL_TASK_BACKEND).enqueue(
            page_id=page_id
        )
    )


def city_page_notify(*, page_id: int) -> int:
    page = Page.objects.filter(pk=page_id).live().first()
    if page is None:
        return 0
    page = page.specific
    label = page._meta.label_lower
    if label not in CITY_PAGES:
        return 0
    ids = audience(page)
    if ids == []:
        return 0
    return city_item_notify(
        neighbourhood_ids=ids,
        event=CITY_PAGES[label],
        title=page.title,
        url=page.url or "/",
        # Once per item, whatever its translations and re-publications.
        source_key=f"page:{page.translation_key}",
    )
