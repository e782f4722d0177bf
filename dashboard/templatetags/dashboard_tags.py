from django import template

from dashboard.render import table_html

register = template.Library()


@register.simple_tag
def render_table(table):
    """A figure table: caption, column headers, neighbourhood rows, the city's total row."""
    return table_html(table)
