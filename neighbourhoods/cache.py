"""What the public parts of hubs are cached from, and what invalidates them.

Hubs show pages (the hub itself, announcements, events, surveys, calls, budget rounds) and a few
records that are not pages (initiatives). Any page published, unpublished, moved or deleted, and
any change of site, locale, view restriction or neighbourhood, moves the global version of
`portal.page_cache`; records registered by hub sections (`HubSection.invalidated_by`) move the
version of their neighbourhood. Feed content is never cached here: it is members-only.
"""

from django.db.models.signals import post_delete, post_save
from django.utils.translation import get_language
from wagtail.signals import page_published, page_unpublished, post_page_move

from portal import page_cache


def _global_changed(sender=None, **kwargs):
    page_cache.bump_global()


def _existing_changed(sender=None, created=False, **kwargs):
    # A new neighbourhood has no hub yet: nothing cached shows it.
    if not created:
        page_cache.bump_global()


def _neighbourhood_record_changed(sender, instance, **kwargs):
    page_cache.bump_neighbourhood(getattr(instance, "neighbourhood_id", None))


def connect_signals():
    from wagtail.models import Locale, Page, PageViewRestriction, Site

    from .models import Neighbourhood

    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(_global_changed, dispatch_uid=f"page_cache_{id(signal)}")
    for model in (Page, PageViewRestriction, Site, Locale, Neighbourhood):
        handler = _existing_changed if model is Neighbourhood else _global_changed
        for signal in (post_save, post_delete):
            signal.connect(handler, sender=model, dispatch_uid=f"page_cache_{model.__name__}")


def invalidate_hubs_on(model_label: str) -> None:
    """Saving or deleting a `model_label` record moves its neighbourhood's version."""
    for signal in (post_save, post_delete):
        signal.connect(
            _neighbourhood_record_changed,
            sender=model_label,
            weak=False,
            dispatch_uid=f"page_cache_hood_{model_label}",
        )


def hub_public_parts(*, request, page, sections) -> dict:
    """The hub's public HTML (head and public sections) for its neighbourhood and language.

    The same for every reader of that hub: rendered for an anonymous reader whoever asks first,
    so a section that looked at the user by mistake could not put them in the shared cache.
    """
    import copy

    from django.contrib.auth.models import AnonymousUser
    from django.template.loader import render_to_string

    neighbourhood = page.neighbourhood

    def build():
        anonymous = copy.copy(request)
        anonymous.user = AnonymousUser()
        head = render_to_string("neighbourhoods/_hub_head.html", {"page": page}, request=anonymous)
        parts = []
        for section in sections:
            html = section.render(request=anonymous, neighbourhood=neighbourhood)
            if html:
                parts.append((section.order, section.key, str(html)))
        return {"head": head, "sections": parts}

    return page_cache.fragment(
        "hub",
        (page.pk, get_language()),
        build,
        request=request,
        tags=(page_cache.GLOBAL, page_cache.hood_tag(neighbourhood.pk)),
    )


def city_items(*, request, neighbourhood, limit, build):
    """City items of a neighbourhood (pages for all and for it), cached per language."""
    return page_cache.fragment(
        "city-items",
        (neighbourhood.pk, get_language(), limit),
        build,
        request=request,
        tags=(page_cache.GLOBAL, page_cache.hood_tag(neighbourhood.pk)),
    )
