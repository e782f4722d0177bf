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
