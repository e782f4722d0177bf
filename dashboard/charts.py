"""Server-rendered SVG charts: no JavaScript, no CDN, readable in print and by screen readers.

Each chart is an <svg role="img"> with a <title> and a <desc>; the page puts a <table> of the
same figures beside it. Suppressed values ("< 5") are drawn as a label without a bar.
"""

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from .privacy import is_suppressed

WIDTH = 640
BAR_COLOUR = "#2e5a88"  # contrast 7:1 on white
CITY_COLOUR = "#1d3a57"
TARGET_COLOUR = "#b3261e"
TEXT_COLOUR = "#1f1f1f"
GRID_COLOUR = "#c8c8c8"


def _fmt(value, unit):
    if is_suppressed(value):
        return str(value)
    if value is None:
        return "–"
    if unit == "%":
        return f"{number_format(value, 1)} %"
    return number_format(value, 0, force_grouping=True)


def _svg(*, chart_id, title, description, height, body):
    return mark_safe(  # noqa: S308 - every text below goes through escape()
        f'<svg xmlns="http://www.w3.org/2000/svg" class="dashboard-chart" role="img" '
        f'viewBox="0 0 {WIDTH} {height}" width="100%" preserveAspectRatio="xMinYMin meet" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" id="{chart_id}">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>'
        f"{''.join(body)}</svg>"
    )


def bar_chart(*, chart_id, title, description, items, unit="", target=None, highlight=()):
    """Horizontal bars, one per (label, value); an optional vertical target line."""
    label_width, value_width, row, top = 190, 80, 24, 28
    plot = WIDTH - label_width - value_width
    numbers = [v for _label, v in items if isinstance(v, int | float) and not is_suppressed(v)]
    top_value = max([*numbers, target or 0, 1])
    if unit == "%":
        top_value = min(100.0, top_value * 1.1) if top_value < 90 else 100.0
    height = top + row * max(len(items), 1) + 12
    body = []
    if target is not None:
        target_label = _("Target")
        x = label_width + plot * min(target, top_value) / top_value
        body.append(
            f'<line x1="{x:.1f}" y1="{top - 6}" x2="{x:.1f}" y2="{height - 6}" '
            f'stroke="{TARGET_COLOUR}" stroke-width="2" stroke-dasharray="6 3"/>'
            f'<text x="{x:.1f}" y="{top - 10}" text-anchor="middle" font-size="12" '
            f'fill="{TARGET_COLOUR}">{escape(target_label)} {escape(_fmt(target, unit))}</text>'
        )
    for i, (label, value) in enumerate(items):
        y = top + i * row
        colour = CITY_COLOUR if label in highlight else BAR_COLOUR
        body.append(
            f'<text x="{label_width - 8}" y="{y + 15}" text-anchor="end" font-size="12" '
            f'fill="{TEXT_COLOUR}">{escape(label)}</text>'
        )
        width = 0.0
        if isinstance(value, int | float) and not is_suppressed(value) and value > 0:
            width = plot * min(value, top_value) / top_value
            body.append(
                f'<rect x="{label_width}" y="{y + 3}" width="{width:.1f}" height="{row - 8}" '
                f'fill="{colour}"/>'
            )
        body.append(
            f'<text x="{label_width + width + 6:.1f}" y="{y + 15}" font-size="12" '
            f'fill="{TEXT_COLOUR}">{escape(_fmt(value, unit))}</text>'
        )
    return _svg(chart_id=chart_id, title=title, description=description, height=height, body=body)


def column_chart(*, chart_id, title, description, items, unit=""):
    """Vertical columns over time, one per (label, value), e.g. registered households per month."""
    left, bottom, top = 16, 40, 24
    height = 260
    plot_h = height - top - bottom
    count = max(len(items), 1)
    slot = (WIDTH - 2 * left) / count
    numbers = [v for _label, v in items if isinstance(v, int | float) and not is_suppressed(v)]
    top_value = max([*numbers, 1])
    font = 12 if count <= 12 else 9
    body = [
        f'<line x1="{left}" y1="{top + plot_h}" x2="{WIDTH - left}" y2="{top + plot_h}" '
        f'stroke="{GRID_COLOUR}"/>'
    ]
    for i, (label, value) in enumerate(items):
        x = left + i * slot
        bar_h = 0.0
        if isinstance(value, int | float) and not is_suppressed(value) and value > 0:
            bar_h = plot_h * value / top_value
            body.append(
                f'<rect x="{x + slot * 0.15:.1f}" y="{top + plot_h - bar_h:.1f}" '
                f'width="{slot * 0.7:.1f}" height="{bar_h:.1f}" fill="{BAR_COLOUR}"/>'
            )
        centre = x + slot / 2
        body.append(
            f'<text x="{centre:.1f}" y="{top + plot_h - bar_h - 5:.1f}" text-anchor="middle" '
            f'font-size="{font}" fill="{TEXT_COLOUR}">{escape(_fmt(value, unit))}</text>'
            f'<text x="{centre:.1f}" y="{top + plot_h + 16}" text-anchor="middle" '
            f'font-size="{font}" fill="{TEXT_COLOUR}">{escape(label)}</text>'
        )
    return _svg(chart_id=chart_id, title=title, description=description, height=height, body=body)
