from datetime import timedelta

from django.utils import timezone
from wagtail.models import Page

from announcements.models import AnnouncementIndexPage, AnnouncementPage, EventPage


def news_index():
    index = AnnouncementIndexPage.objects.first()
    if index is None:
        home = Page.objects.get(depth=2).specific
        index = AnnouncementIndexPage(title="Actualités de la Ville", slug="actualites")
        home.add_child(instance=index)
        index.save_revision().publish()
    return index


def announcement(
    *,
    neighbourhoods=(),
    all_neighbourhoods=False,
    title="Travaux rue de la Gare",
    category="roadworks",
    email_members=False,
    publish=True,
    **kwargs,
):
    page = AnnouncementPage(
        title=title,
        category=category,
        summary=kwargs.pop("summary", "La rue sera fermée."),
        all_neighbourhoods=all_neighbourhoods,
        email_members=email_members,
        live=publish,
        **kwargs,
    )
    page.neighbourhoods = list(neighbourhoods)
    news_index().add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
        page.refresh_from_db()
    return page


def event(
    *,
    neighbourhoods=(),
    all_neighbourhoods=False,
    capacity=10,
    title="Atelier du parc",
    starts_in=timedelta(days=5),
    publish=True,
    **kwargs,
):
    starts = timezone.now() + starts_in
    page = EventPage(
        title=title,
        summary=kwargs.pop("summary", "Dessinons le parc ensemble."),
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        place="Maison de quartier",
        capacity=capacity,
        all_neighbourhoods=all_neighbourhoods,
        live=publish,
        **kwargs,
    )
    page.neighbourhoods = list(neighbourhoods)
    news_index().add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
        page.refresh_from_db()
    return page
