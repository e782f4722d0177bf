"""Reporting periods: this month, the last six months, or a custom range of whole days."""

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

THIS_MONTH = "month"
SIX_MONTHS = "six_months"
CUSTOM = "custom"
KINDS = [
    (THIS_MONTH, _("This month")),
    (SIX_MONTHS, _("Last six months")),
    (CUSTOM, _("Custom range")),
]
# Long enough for a council term's yearly report, short enough to keep the month series readable.
MAX_MONTHS = 36


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The first day of the month `months` after the month of `day`."""
    index = day.year * 12 + (day.month - 1) + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def local_midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


@dataclass(frozen=True)
class Period:
    kind: str
    start: datetime.date  # first day, inclusive
    end: datetime.date  # last day, inclusive

    @property
    def start_at(self) -> datetime.datetime:
        return local_midnight(self.start)

    @property
    def end_at(self) -> datetime.datetime:
        """Exclusive: midnight after the last day (local time)."""
        return local_midnight(self.end + datetime.timedelta(days=1))

    @property
    def months(self) -> list[datetime.date]:
        """First day of every calendar month the period touches, oldest first."""
        first = self.start.replace(day=1)
        months = []
        while first <= self.end:
            months.append(first)
            first = add_months(first, 1)
        return months

    def month_ends(self) -> list[datetime.datetime]:
        """For each month: the moment its figures are read (its end, or the period's end)."""
        return [min(local_midnight(add_months(m, 1)), self.end_at) for m in self.months]

    @property
    def label(self) -> str:
        return f"{self.start:%d/%m/%Y} – {self.end:%d/%m/%Y}"

    @property
    def slug(self) -> str:
        return f"{self.start:%Y%m%d}-{self.end:%Y%m%d}"


def today() -> datetime.date:
    return timezone.localdate()


def this_month(*, on: datetime.date | None = None) -> Period:
    on = on or today()
    return Period(THIS_MONTH, on.replace(day=1), on)


def last_six_months(*, on: datetime.date | None = None) -> Period:
    """The current calendar month and the five before it."""
    on = on or today()
    return Period(SIX_MONTHS, add_months(on, -5), on)


def custom(*, start: datetime.date, end: datetime.date) -> Period:
    return Period(CUSTOM, start, end)


def whole_months(
    *, start: datetime.date, end: datetime.date, on: datetime.date | None = None
) -> Period:
    """A custom range widened to whole calendar months (the current one up to today).

    Two ranges a day apart then give the same figures: differencing them reveals nothing a
    month's figures do not already show, and those are suppressed like every other cell.
    """
    last = add_months(end, 1) - datetime.timedelta(days=1)
    return Period(CUSTOM, start.replace(day=1), min(last, on or today()))
