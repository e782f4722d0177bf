"""Small-count suppression: the dashboard shows aggregates only, and no cell counts fewer than five.

The rule, applied the same way in every table, chart and export:

* **Primary suppression.** A count of residents, households or their actions (registrations,
  posts, reactions, responses, ballots, supports, helpers, registrations for events, subscribers)
  between 1 and 4 is shown as "< 5". Zero is shown: it says nothing about any person. A
  percentage is suppressed whenever the count it is computed from is suppressed (its
  denominator is public, so the percentage would give the count back).
* **City totals are cells like any other.** They follow the same rule (a city total of 3 is
  "< 5"), and they are always the total of the *whole city*, never of the neighbourhoods a user
  picked: a total over a free choice of neighbourhoods would give any one neighbourhood's
  figure back by difference (all minus all-but-one).
* **Complementary suppression.** When a column with a total has exactly one suppressed cell,
  the total minus the others would give it back; the smallest other non-zero cell of that
  column is suppressed too (a zero when there is none). Month series whose months add up to a
  figure shown in another table (posts, reactions) get the same treatment along each row.
* **Whole months.** Custom ranges are widened to whole calendar months, so two ranges a day
  apart cannot give one day's counts by difference.
* **Not suppressed:** figures that describe the city's own output or the population register,
  not residents: households in the area, the target, the number of messages and events the city
  published, the number of surveys or budget rounds.
"""

from dataclasses import dataclass

THRESHOLD = 5


class _Suppressed:
    """A suppressed cell. Renders as "< 5" everywhere (HTML, CSV, XLSX, chart labels)."""

    __slots__ = ()

    def __str__(self):
        return f"< {THRESHOLD}"

    def __repr__(self):
        return "SUPPRESSED"

    def __bool__(self):
        return False


SUPPRESSED = _Suppressed()


def is_suppressed(value) -> bool:
    return value is SUPPRESSED


def needs_suppression(value) -> bool:
    return isinstance(value, int) and 0 < value < THRESHOLD


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    # "label" (text), "count" (suppressed if small), "public" (a count never suppressed),
    # "percent" (numerator/denominator, suppressed with its numerator), "date" (a month).
    kind: str = "count"
    numerator: str = ""
    denominator: str = ""
    # For percentages of a target, e.g. penetration: the chart draws the target line.
    decimals: int = 1


def percent(numerator, denominator):
    if not denominator or numerator is None:
        return None
    return round(100.0 * numerator / denominator, 1)


def _hide_smallest_other(cells) -> bool:
    """`cells` is a line with a published total (a column with its city total, or a row whose
    sum is shown elsewhere) as (row, key) pairs. With exactly one hidden cell, the total minus
    the others would give it back: hide the smallest other non-zero cell too, or, when every
    other cell is zero, one of the zeros (which one is zero stays unknown)."""
    hidden = [(row, key) for row, key in cells if is_suppressed(row.get(key))]
    if len(hidden) != 1:
        return False
    others = [(row, key) for row, key in cells if isinstance(row.get(key), int)]
    non_zero = [(row, key) for row, key in others if row[key] > 0]
    if non_zero:
        row, key = min(non_zero, key=lambda cell: cell[0][cell[1]])
    elif others:
        row, key = others[0]
    else:
        return False
    row[key] = SUPPRESSED
    return True


def suppress_table(columns, rows, total=None, *, rows_have_totals=False):
    """Return (rows, total) with small counts replaced by SUPPRESSED and percentages filled in.

    `rows` and `total` are dicts keyed by column key, with raw numbers from the database.
    Complementary suppression runs over all `rows` given, so call this with every neighbourhood
    (or every month) and filter the rows to show afterwards. `rows_have_totals`: each row's sum
    is published elsewhere (a month series whose period total is in another table), so rows get
    complementary suppression too; columns and rows are revisited until no line gives a cell
    back.
    """
    rows = [dict(row) for row in rows]
    total = dict(total) if total is not None else None
    count_keys = [c.key for c in columns if c.kind == "count"]
    for key in count_keys:
        for row in rows:
            if needs_suppression(row.get(key)):
                row[key] = SUPPRESSED
        if total is not None and needs_suppression(total.get(key)):
            total[key] = SUPPRESSED
    changed = True
    while changed:
        changed = False
        if total is not None:
            for key in count_keys:
                changed |= _hide_smallest_other([(row, key) for row in rows])
        if rows_have_totals:
            for row in [*rows, *([total] if total is not None else [])]:
                changed |= _hide_smallest_other([(row, key) for key in count_keys])
    for column in columns:
        if column.kind != "percent":
            continue
        for row in [*rows, *([total] if total is not None else [])]:
            num, den = row.get(column.numerator), row.get(column.denominator)
            if is_suppressed(num) or is_suppressed(den):
                row[column.key] = SUPPRESSED
            else:
                row[column.key] = percent(num, den)
    return rows, total


def display(value, column=None) -> str:
    """A cell as text, the same in HTML and CSV."""
    if value is None:
        return "–"
    if is_suppressed(value):
        return str(SUPPRESSED)
    if column is not None and column.kind in ("percent", "target"):
        return f"{value:.{column.decimals}f} %"
    if column is not None and column.kind == "date":
        return _local_date(value).isoformat()
    return str(value)


def _local_date(value):
    from django.utils import timezone

    if hasattr(value, "tzinfo") and value.tzinfo is not None:
        return timezone.localtime(value).date()
    return value.date() if hasattr(value, "date") else value


def export_value(value, column=None):
    """A cell for CSV/XLSX: numbers stay numbers (percentages without the sign), "< 5" is text."""
    if value is None:
        return ""
    if is_suppressed(value):
        return str(SUPPRESSED)
    if column is not None and column.kind in ("percent", "target"):
        return round(float(value), column.decimals)
    if column is not None and column.kind == "date":
        return _local_date(value)
    return value
