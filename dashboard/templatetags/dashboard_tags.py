from django import template
from django.utils.formats import date_format, number_format

from dashboard.privacy import SUPPRESSED, _local_date, is_suppressed

register = template.Library()


@register.filter
def cell(row, column):
    """A table cell as the user reads it: localised numbers, "< 5" for suppressed counts."""
    value = row.get(column.key)
    if column.kind == "label":
        return value
    if value is None:
        return "–"
    if is_suppressed(value):
        return str(SUPPRESSED)
    if column.kind == "date":
        return date_format(_local_date(value), "SHORT_DATE_FORMAT")
    if column.kind in ("percent", "target"):
        return f"{number_format(value, column.decimals)} %"
    return number_format(value, 0, force_grouping=True)


@register.filter
def is_numeric(column):
    return column.kind != "label"
