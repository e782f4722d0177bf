"""The reader's language for content pages: one rule for every app.

A page and its translations share a `translation_key`. A reader sees each page once: in their
language when a live translation exists, else in French (the city's default language) on
purpose — the template then says so and marks the French text with lang="fr".
"""

from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import get_language
from wagtail.coreutils import get_supported_content_language_variant


def default_language() -> str:
    return get_supported_content_language_variant(settings.LANGUAGE_CODE)


def reader_language(language: str | None = None) -> str:
    """The content language for `language` (default: the active one), without a query."""
    try:
        return get_supported_content_language_variant(language or get_language())
    except LookupError:
        return default_language()


def in_reader_language(queryset, *, language: str | None = None):
    """`queryset` (of pages) keeping one version of each: the reader's language if a live
    translation exists, else the default-language one.

    Filters on the locale's language code (a join on the tiny locale table) rather than
    fetching Locale rows first, so it costs no extra query.
    """
    active, default = reader_language(language), default_language()
    if active == default:
        return queryset.filter(locale__language_code=default)
    translated = queryset.model.objects.live().filter(
        locale__language_code=active, translation_key=OuterRef("translation_key")
    )
    return queryset.filter(
        Q(locale__language_code=active) | (Q(locale__language_code=default) & ~Exists(translated))
    )


def page_in_reader_language(page, *, language: str | None = None):
    """The live translation of `page` in the reader's language, else its default-language
    version, else `page` itself. Returns the specific page."""
    if page is None:
        return None
    active, default = reader_language(language), default_language()
    if page.locale.language_code == active:
        return page
    versions = {
        p.locale.language_code: p
        for p in type(page)
        .objects.live()
        .filter(translation_key=page.translation_key, locale__language_code__in=[active, default])
        .select_related("locale")
    }
    chosen = versions.get(active) or versions.get(default) or page
    return chosen.specific if hasattr(chosen, "specific") else chosen


def is_fallback(page, *, language: str | None = None) -> bool:
    """True when `page` is shown to a reader of another language (no translation for them)."""
    return page is not None and page.locale.language_code != reader_language(language)


def keep_reader_prefix(page_path: str, *, language: str | None = None) -> str:
    """A default-language page's path under the reader's language prefix.

    French pages live at the root ("/actualites/…"); a Dutch reader following that link would
    fall back to French for the whole interface. "/nl/actualites/…" keeps the reader's language:
    HomePage.route serves the Dutch translation there, or the French page on purpose.
    """
    reader, default = reader_language(language), default_language()
    if reader == default or not page_path.startswith("/"):
        return page_path
    if any(page_path.startswith(f"/{code}/") for code, _name in settings.LANGUAGES):
        return page_path  # a translation: already under its language's prefix
    return f"/{reader}{page_path}"


def install_reader_urls() -> None:
    """Make every page URL the site builds (templates, menus, registry links, redirects,
    e-mails rendered in a resident's language) keep the reader's language prefix."""
    from wagtail.models import Page

    if getattr(Page.get_url_parts, "_keeps_reader_language", False):
        return
    original = Page.get_url_parts

    def get_url_parts(self, request=None):
        parts = original(self, request)
        if parts is None or parts[2] is None:
            return parts
        site_id, root_url, page_path = parts
        return site_id, root_url, keep_reader_prefix(page_path)

    get_url_parts._keeps_reader_language = True
    Page.get_url_parts = get_url_parts


_locale_codes: dict[int, str] = {}


def locale_code(locale_id) -> str | None:
    """The language code of a Locale id. The table has a handful of rows that never change:
    kept in memory, reloaded when an unknown id shows up (no cache round trip per page)."""
    if locale_id is None:
        return None
    if locale_id not in _locale_codes:
        from wagtail.models import Locale

        _locale_codes.clear()
        _locale_codes.update(Locale.objects.values_list("pk", "language_code"))
    return _locale_codes.get(locale_id)
