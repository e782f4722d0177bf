from django import template

from portal.money import money as format_money

register = template.Library()


@register.filter
def money(amount):
    """{{ project.cost|money }} -> "2 500 €" / "€ 2.500" / "€2,500" in the active language."""
    return format_money(amount)


@register.filter
def content_lang(page):
    """` lang="fr"` on an element holding a page shown in another language than the reader's
    (an untranslated page on a Dutch or English page); nothing otherwise. No query per page."""
    from django.utils.html import format_html

    from neighbourhoods.languages import locale_code, reader_language

    code = locale_code(getattr(page, "locale_id", None))
    if code and code != reader_language():
        return format_html(' lang="{}"', code)
    return ""


@register.filter
def page_language(page):
    """The language code of a page's locale, without loading the Locale row."""
    from neighbourhoods.languages import locale_code

    return locale_code(getattr(page, "locale_id", None)) or ""
