from django import template

from portal.money import money as format_money

register = template.Library()


@register.filter
def money(amount):
    """{{ project.cost|money }} -> "2 500 €" / "€ 2.500" / "€2,500" in the active language."""
    return format_money(amount)
