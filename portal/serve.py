"""Wagtail's page serving, with the route (site, page, view restrictions) memoised per process.

Wagtail finds a page by walking the tree from the site's root on every request: the site, the
locale, each ancestor, the aliases and the view restrictions, eight queries before the page runs.
Routes only change when a page is published, unpublished, moved or deleted, or a site, locale or
view restriction changes, which all move the global version (`portal.page_cache`): keyed by it,
the route is worked out once per process and then costs a single query for the page itself.
"""

from django.http import Http404, HttpResponse
from django.urls import re_path
from wagtail import hooks
from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views
from wagtail.models import Page, Site
from wagtail.url_routing import RouteResult
from wagtail.wagtail_hooks import check_view_restrictions

from .page_cache import process_memo


def _route(request, path):
    """(site pk, page model, page pk, restricted) for this host, language and path, or None."""
    from django.utils import translation

    key = ("route", request.get_host(), translation.get_language(), path)

    def build():
        result = Page.route_for_request(request, path)
        if result is None:
            return None
        page, args, kwargs = result
        # Pages that route further themselves (sub-pages, routable views) keep Wagtail's way.
        if args or kwargs or type(page).route is not Page.route:
            return None
        site = Site.find_for_request(request)
        restricted = page.get_view_restrictions().exists()
        return (site.pk, type(page), page.pk, restricted)

    return process_memo.get(key, build, request=request)


def _site(request, site_pk):
    def build():
        known = getattr(request, "_wagtail_site", None)  # when the route was just worked out
        return known if known is not None and known.pk == site_pk else Site.objects.get(pk=site_pk)

    return process_memo.get(("site", site_pk), build, request=request)


def serve(request, path):
    route = _route(request, path)
    if route is None:
        return wagtail_views.serve(request, path)
    site_pk, model, page_pk, restricted = route
    related = ("locale", *getattr(model, "serve_select_related", ()))
    page = model.objects.live().select_related(*related).filter(pk=page_pk).first()
    if page is None:
        raise Http404
    request._wagtail_site = _site(request, site_pk)
    request._wagtail_route_for_request = RouteResult(page)

    chain = wagtail_views.serve_chain
    for fn in reversed(hooks.get_hooks("on_serve_page")):
        # Known to be unrestricted (a new restriction moves the global version).
        if fn is check_view_restrictions and not restricted:
            continue
        chain = fn(chain)
    for fn in hooks.get_hooks("before_serve_page"):
        result = fn(page, request, (), {})
        if isinstance(result, HttpResponse):
            return result
    return chain(page, request, (), {})


# Wagtail's own URLs with `wagtail_serve` pointing here (same pattern, same name).
urlpatterns = [
    *(p for p in wagtail_urls.urlpatterns if getattr(p, "name", None) != "wagtail_serve"),
    re_path(wagtail_urls.serve_pattern, serve, name="wagtail_serve"),
]
