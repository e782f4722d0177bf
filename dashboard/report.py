"""The report: figures as suppressed tables (and charts), one section per app.

The core's section (households, registrations) is built here; every capability app builds its own
in `<app>/figures.py` from the blocks below and registers it (neighbourhoods.registry).

Every table is built over *all* neighbourhoods, suppressed (see `dashboard.privacy`), and only
then cut down to the neighbourhoods the user picked; the city row is always the whole city.
"""

from dataclasses import dataclass, field

from django.utils.formats import date_format
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from neighbourhoods import registry

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
    # {neighbourhood_id: registered households at the period's end}: the turnout denominators,
    # filled in by the households section (no second query).
    registered: dict | None = None

    def registered_households(self) -> dict:
        if self.registered is None:
            self.registered = selectors.registered_by_neighbourhood(period=self.period)
        return self.registered

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


def neighbourhood_table(
    *,
    ctx,
    key,
    title,
    columns,
    values,
    note="",
    constants=None,
    totals=None,
    with_total=True,
    rows_have_totals=False,
):
    """One row per neighbourhood (+ the city), from {neighbourhood_id: {column key: number}}.

    Count columns are summed for the city unless `totals` gives the city's figure (e.g. messages
    for every neighbourhood are counted once); `constants` (the target) are the same everywhere.
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
    total.update(totals or {})
    rows, total = suppress_table(
        columns, rows, total if with_total else None, rows_have_totals=rows_have_totals
    )
    rows = [row for row in rows if ctx.shown(row["neighbourhood_id"])]
    return Table(
        key=key,
        title=title,
        columns=[Column(LABEL, _("Neighbourhood"), "label"), *columns],
        rows=rows,
        total=total,
        note=note,
    )


def monthly_table(*, ctx, key, title, series, note="", flows=False):
    """Neighbourhoods x months, from {neighbourhood_id: [count per month]}.

    `flows`: the months add up to a period figure shown in another table (posts, reactions),
    so a row's hidden month must not be its total minus the visible months.
    """
    months = ctx.period.months
    columns = [Column(f"m{i}", month_label(m), "count") for i, m in enumerate(months)]
    values = {
        hood_id: {f"m{i}": n for i, n in enumerate(counts)} for hood_id, counts in series.items()
    }
    return neighbourhood_table(
        ctx=ctx,
        key=key,
        title=title,
        columns=columns,
        values=values,
        note=note,
        rows_have_totals=flows,
    )


def _series_items(table, months):
    return [(month_label(m, short=True), table.total[f"m{i}"]) for i, m in enumerate(months)]


def _bar_items(table, key):
    return [(row[LABEL], row[key]) for row in table.all_rows]


# --- Groups ------------------------------------------------------------------------------------


def core_section(ctx) -> Section:
    # One pass over the memberships: registered households at each month end; the last month
    # ends with the period, which gives the households table its "registered" column.
    series = selectors.registration_growth(period=ctx.period)
    values = {
        hood["id"]: {
            "households_in_area": hood["households_in_area"],
            "registered": series[hood["id"]][-1] if hood["id"] in series else 0,
        }
        for hood in ctx.hoods
    }
    ctx.registered = {hood_id: row["registered"] for hood_id, row in values.items()}
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
        series=series,
    )
    growth.chart = charts.column_chart(
        chart_id="chart-registrations",
        title=_("Registrations over time"),
        description=_("Registered households in the whole city at the end of each month."),
        items=_series_items(growth, ctx.period.months),
    )
    return Section("households", _("Households"), [households, growth])


def entity_table(*, key, title, label, columns, rows, note=""):
    """One row per survey, round, event, kind of help…: no total row, small counts suppressed."""
    rows = [{LABEL: row["title"], **row} for row in rows]
    rows, _total = suppress_table(columns, rows)
    return Table(
        key=key,
        title=title,
        columns=[Column(LABEL, label, "label"), *columns],
        rows=rows,
        note=note,
    )


def turnout_columns(numerator_label):
    return [
        Column("households", numerator_label, "count"),
        Column("registered", _("Registered households"), "count"),
        Column("turnout", _("Turnout"), "percent", "households", "registered"),
    ]


def _turnout_chart(table, *, chart_id, title, ctx):
    return charts.bar_chart(
        chart_id=chart_id,
        title=title,
        description=_(
            "Share of registered households taking part, per neighbourhood and for the city. "
            "The same figures are in the table."
        ),
        items=_bar_items(table, "turnout"),
        unit="%",
        highlight=(ctx.city_label,),
    )


def turnout_table(ctx, *, key, title, rows, columns, note):
    """Per neighbourhood: what the households did against those registered, with its chart
    (one shape for every "who took part" figure: surveys, budget rounds)."""
    values = {h: {"registered": n} for h, n in ctx.registered_households().items()}
    for row in rows:
        values.setdefault(row["neighbourhood_id"], {}).update(row)
    table = neighbourhood_table(
        ctx=ctx, key=key, title=title, columns=columns, values=values, note=note
    )
    table.chart = _turnout_chart(
        table, chart_id=f"chart-{key.replace('_', '-')}", title=title, ctx=ctx
    )
    return table


def turnout_section(ctx, *, key, title, per_neighbourhood, per_item) -> Section:
    """A "who took part" section: turnout per neighbourhood (with its chart) and one row per item
    (survey, budget round…). Each argument is the keyword arguments of turnout_table and
    entity_table."""
    return Section(key, title, [turnout_table(ctx, **per_neighbourhood), entity_table(**per_item)])


def build_report(*, period, selected=None, target=30, city_label=None) -> Report:
    ctx = Context(
        period=period,
        hoods=selectors.neighbourhood_list(),
        selected=selected,
        target=target,
        city_label=city_label or _("City (all neighbourhoods)"),
    )
    sections = [core_section(ctx)]
    for figures in registry.dashboard_figures():
        section = figures.section(ctx)
        if section is not None:
            sections.append(section)
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
    for figures in registry.dashboard_figures():
        if figures.panel is None:
            continue
        more_columns, more_values = figures.panel(period=period)
        columns += more_columns
        for hood_id, row in more_values.items():
            values.setdefault(hood_id, {}).update(row)
    return neighbourhood_table(
        ctx=ctx, key="panel", title=_("Participation this month"), columns=columns, values=values
    )
