"""The report: the selectors' figures as suppressed tables (and charts), one section per group.

Every table is built over *all* neighbourhoods, suppressed (see `dashboard.privacy`), and only
then cut down to the neighbourhoods the user picked; the city row is always the whole city.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.formats import date_format
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from . import charts, selectors
from .privacy import Column, suppress_table


@dataclass
class Table:
    key: str
    title: str
    columns: list[Column]
    rows: list[dict]
    total: dict | None = None
    note: str = ""
    chart: SafeString | None = None

    @property
    def all_rows(self):
        return [*self.rows, *([self.total] if self.total is not None else [])]


@dataclass
class Section:
    key: str
    title: str
    tables: list[Table] = field(default_factory=list)


@dataclass
class Context:
    period: object
    hoods: list[dict]  # every neighbourhood: id, code, name, households_in_area
    selected: set[int] | None  # None = all
    target: int
    city_label: str

    def shown(self, hood_id) -> bool:
        return self.selected is None or hood_id in self.selected


@dataclass
class Report:
    context: Context
    sections: list[Section]

    @property
    def tables(self):
        return [table for section in self.sections for table in section.tables]


LABEL = "label"


def month_label(month, short=False):
    return date_format(month, "m/y" if short else "F Y")


def neighbourhood_table(*, ctx, key, title, columns, values, note="", constants=None):
    """One row per neighbourhood (+ the city), from {neighbourhood_id: {column key: number}}.

    Count columns are summed for the city; `constants` (e.g. the target) are the same everywhere.
    """
    constants = constants or {}
    summed = [c.key for c in columns if c.kind in ("count", "public")]
    rows = []
    for hood in ctx.hoods:
        row = {LABEL: hood["name"], "neighbourhood_id": hood["id"], **constants}
        got = values.get(hood["id"], {})
        for k in summed:
            row[k] = got.get(k, 0)
        rows.append(row)
    total = {LABEL: ctx.city_label, "neighbourhood_id": None, **constants}
    for k in summed:
        total[k] = sum(row[k] for row in rows)
    rows, total = suppress_table(columns, rows, total)
    rows = [row for row in rows if ctx.shown(row["neighbourhood_id"])]
    return Table(
        key=key,
        title=title,
        columns=[Column(LABEL, _("Neighbourhood"), "label"), *columns],
        rows=rows,
        total=total,
        note=note,
    )


def monthly_table(*, ctx, key, title, series, note=""):
    """Neighbourhoods x months, from {neighbourhood_id: [count per month]}."""
    months = ctx.period.months
    columns = [Column(f"m{i}", month_label(m), "count") for i, m in enumerate(months)]
    values = {
        hood_id: {f"m{i}": n for i, n in enumerate(counts)} for hood_id, counts in series.items()
    }
    return neighbourhood_table(
        ctx=ctx, key=key, title=title, columns=columns, values=values, note=note
    )


def _series_items(table, months):
    return [(month_label(m, short=True), table.total[f"m{i}"]) for i, m in enumerate(months)]


def _bar_items(table, key):
    return [(row[LABEL], row[key]) for row in table.all_rows]


# --- Groups ------------------------------------------------------------------------------------


def core_section(ctx) -> Section:
    rows = selectors.households_by_neighbourhood(period=ctx.period)
    values = {row["neighbourhood_id"]: row for row in rows}
    households = neighbourhood_table(
        ctx=ctx,
        key="households",
        title=_("Households and registrations"),
        columns=[
            Column("households_in_area", _("Households in the area"), "public"),
            Column("registered", _("Registered households"), "count"),
            Column("penetration", _("Penetration"), "percent", "registered", "households_in_area"),
            Column("target", _("Target"), "target"),
        ],
        values=values,
        constants={"target": float(ctx.target)},
        note=_(
            "Registered households: households with at least one verified member at the end "
            "of the period. Penetration: registered households as a share of the households "
            "in the area (population register)."
        ),
    )
    households.chart = charts.bar_chart(
        chart_id="chart-penetration",
        title=_("Penetration per neighbourhood against the target"),
        description=_(
            "Share of households registered per neighbourhood, with the city's target of "
            "%(target)s %% drawn as a dashed line. The same figures are in the table."
        )
        % {"target": ctx.target},
        items=_bar_items(households, "penetration"),
        unit="%",
        target=float(ctx.target),
        highlight=(ctx.city_label,),
    )
    growth = monthly_table(
        ctx=ctx,
        key="registrations",
        title=_("Registered households at the end of each month"),
        series=selectors.registration_growth(period=ctx.period),
    )
    growth.chart = charts.column_chart(
        chart_id="chart-registrations",
        title=_("Registrations over time"),
        description=_("Registered households in the whole city at the end of each month."),
        items=_series_items(growth, ctx.period.months),
    )
    return Section("households", _("Households"), [households, growth])


def feed_section(ctx) -> Section | None:
    if not selectors.feed_available():
        return None
    activity = neighbourhood_table(
        ctx=ctx,
        key="feed",
        title=_("Posts and reactions in the period"),
        columns=[
            Column("posts", _("Posts"), "count"),
            Column("reactions", _("Reactions"), "count"),
        ],
        values={row["neighbourhood_id"]: row for row in selectors.feed_activity(period=ctx.period)},
        note=_("Counts only: the city never reads the neighbourhoods' conversations."),
    )
    monthly = selectors.feed_activity_by_month(period=ctx.period)
    posts = monthly_table(
        ctx=ctx, key="feed_posts_by_month", title=_("Posts per month"), series=monthly["posts"]
    )
    reactions = monthly_table(
        ctx=ctx,
        key="feed_reactions_by_month",
        title=_("Reactions per month"),
        series=monthly["reactions"],
    )
    return Section("feed", _("Neighbourhood feeds"), [activity, posts, reactions])


GROUPS: list[Callable[[Context], Section | None]] = [core_section, feed_section]


def build_report(*, period, selected=None, target=30, city_label=None) -> Report:
    ctx = Context(
        period=period,
        hoods=selectors.neighbourhood_list(),
        selected=selected,
        target=target,
        city_label=city_label or _("City (all neighbourhoods)"),
    )
    sections = [section for group in GROUPS if (section := group(ctx)) is not None]
    return Report(context=ctx, sections=sections)


def build_panel(*, period, target=30) -> Table:
    """The admin home panel: per neighbourhood, this month, counts only."""
    ctx = Context(
        period=period,
        hoods=selectors.neighbourhood_list(),
        selected=None,
        target=target,
        city_label=_("City (all neighbourhoods)"),
    )
    values = {
        row["neighbourhood_id"]: dict(row)
        for row in selectors.households_by_neighbourhood(period=period)
    }
    columns = [
        Column("households_in_area", _("Households in the area"), "public"),
        Column("registered", _("Registered households"), "count"),
        Column("penetration", _("Penetration"), "percent", "registered", "households_in_area"),
    ]
    if selectors.feed_available():
        for row in selectors.feed_activity(period=period):
            values.setdefault(row["neighbourhood_id"], {}).update(row)
        columns += [
            Column("posts", _("Posts this month"), "count"),
            Column("reactions", _("Reactions this month"), "count"),
        ]
    return neighbourhood_table(
        ctx=ctx, key="panel", title=_("Participation this month"), columns=columns, values=values
    )
