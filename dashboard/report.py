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


def feed_section(ctx) -> Section | None:
    if not selectors.feed_available():
        return None
    monthly = selectors.feed_activity_by_month(period=ctx.period)
    # The period's totals are the sums of its months (16 rows): no second pass over the feed.
    values = {
        hood["id"]: {
            "posts": sum(monthly["posts"].get(hood["id"], [])),
            "reactions": sum(monthly["reactions"].get(hood["id"], [])),
        }
        for hood in ctx.hoods
    }
    activity = neighbourhood_table(
        ctx=ctx,
        key="feed",
        title=_("Posts and reactions in the period"),
        columns=[
            Column("posts", _("Posts"), "count"),
            Column("reactions", _("Reactions"), "count"),
        ],
        values=values,
        note=_("Counts only: the city never reads the neighbourhoods' conversations."),
    )
    posts = monthly_table(
        ctx=ctx,
        key="feed_posts_by_month",
        title=_("Posts per month"),
        series=monthly["posts"],
        flows=True,
    )
    reactions = monthly_table(
        ctx=ctx,
        key="feed_reactions_by_month",
        title=_("Reactions per month"),
        series=monthly["reactions"],
        flows=True,
    )
    return Section("feed", _("Neighbourhood feeds"), [activity, posts, reactions])


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


def _turnout_columns(numerator_label):
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


def surveys_section(ctx) -> Section | None:
    if not selectors.surveys_available():
        return None
    registered = ctx.registered_households()
    per_hood = turnout_table(
        ctx,
        key="survey_turnout",
        title=_("Survey turnout per neighbourhood"),
        rows=selectors.survey_turnout(period=ctx.period),
        columns=[
            Column("responses", _("Responses"), "count"),
            *_turnout_columns(_("Households that answered")),
        ],
        note=_(
            "Turnout: households that answered at least one survey in the period, as a share of "
            "the registered households."
        ),
    )
    surveys = entity_table(
        key="surveys",
        title=_("Surveys answered in the period"),
        label=_("Survey"),
        columns=[
            Column("responses", _("Responses"), "count"),
            *_turnout_columns(_("Households that answered")),
        ],
        rows=selectors.survey_results(period=ctx.period, registered=registered),
        note=_("Registered households: those of the neighbourhoods the survey was for."),
    )
    return Section("surveys", _("Surveys"), [per_hood, surveys])


def budgets_section(ctx) -> Section | None:
    if not selectors.budgets_available():
        return None
    registered = ctx.registered_households()
    per_hood = turnout_table(
        ctx,
        key="budget_turnout",
        title=_("Citizen budget turnout per neighbourhood"),
        rows=selectors.budget_turnout(period=ctx.period),
        columns=_turnout_columns(_("Households that voted")),
        note=_("Households that voted in a budget round in the period (one vote per household)."),
    )
    rounds = entity_table(
        key="budget_rounds",
        title=_("Budget rounds with votes in the period"),
        label=_("Round"),
        columns=[
            Column("ballots", _("Ballots"), "count"),
            *_turnout_columns(_("Households that voted")),
        ],
        rows=selectors.budget_rounds(period=ctx.period, registered=registered),
        note=_("Ballots include paper and imported ballots."),
    )
    return Section("budgets", _("Citizen budget"), [per_hood, rounds])


def initiatives_section(ctx) -> Section | None:
    if not selectors.initiatives_available():
        return None
    Initiative = selectors.model("initiatives", "Initiative")
    statuses = list(Initiative.Status.choices)
    values: dict = {}
    for row in selectors.initiatives_by_status(period=ctx.period):
        values.setdefault(row["neighbourhood_id"], {})[f"status_{row['status']}"] = row["n"]
    for hood_id, n in selectors.initiative_supports(period=ctx.period).items():
        values.setdefault(hood_id, {})["supports"] = n
    table = neighbourhood_table(
        ctx=ctx,
        key="initiatives",
        title=_("Initiatives by status, and supports"),
        columns=[
            *[
                Column(f"status_{value}", str(label).capitalize(), "count")
                for value, label in statuses
            ],
            Column("supports", _("Supports"), "count"),
        ],
        values=values,
        note=_(
            "Initiatives submitted in the period, by their status today; supports given in the "
            "period (one per household and initiative)."
        ),
    )
    return Section("initiatives", _("Initiatives"), [table])


def care_section(ctx) -> Section | None:
    if not selectors.care_available():
        return None
    per_hood = neighbourhood_table(
        ctx=ctx,
        key="helpers",
        title=_("Neighbour-helpers and volunteers"),
        columns=[
            Column("helpers", _("Helpers"), "count"),
            Column("volunteers", _("Of whom volunteers"), "count"),
        ],
        values={
            row["neighbourhood_id"]: row
            for row in selectors.helpers_by_neighbourhood(period=ctx.period)
        },
        note=_(
            "Helpers: members offering help to neighbours at the end of the period. Volunteers: "
            "helpers who also agreed to be called on by the city."
        ),
    )
    from django.utils import translation

    language = (translation.get_language() or "fr")[:2]
    skills = [
        {**row, "title": row.get(f"name_{language}") or row["name_fr"]}
        for row in selectors.helpers_by_skill(period=ctx.period)
    ]
    by_skill = entity_table(
        key="helpers_by_skill",
        title=_("Helpers and volunteers by kind of help"),
        label=_("Kind of help"),
        columns=[
            Column("helpers", _("Helpers"), "count"),
            Column("volunteers", _("Of whom volunteers"), "count"),
        ],
        rows=skills,
        note=_(
            "A helper may offer several kinds of help. Whole city, whatever the neighbourhoods "
            "chosen (a total over a free choice of neighbourhoods would give one "
            "neighbourhood's figures back by difference)."
        ),
    )
    return Section("care", _("Neighbour help"), [per_hood, by_skill])


def announcements_section(ctx) -> Section | None:
    if not selectors.announcements_available():
        return None
    messages = selectors.city_messages(period=ctx.period)
    held = selectors.events(period=ctx.period)
    values = {
        hood["id"]: {
            "messages": messages["everywhere"] + messages["specific"].get(hood["id"], 0),
            "events": held["everywhere"] + held["specific"].get(hood["id"], 0),
        }
        for hood in ctx.hoods
    }
    per_hood = neighbourhood_table(
        ctx=ctx,
        key="city_messages",
        title=_("City messages and events per neighbourhood"),
        columns=[
            Column("messages", _("Messages published"), "public"),
            Column("events", _("Events held"), "public"),
        ],
        values=values,
        totals={"messages": messages["total"], "events": held["total"]},
        note=_(
            "A message or event for several neighbourhoods counts once in each of them and once "
            "for the city."
        ),
    )
    mailing = entity_table(
        key="city_mailings",
        title=_("City messages sent by e-mail"),
        label=_("City"),
        columns=[
            Column("total", _("Messages published"), "public"),
            Column("mailings", _("E-mail rounds"), "public"),
            Column("recipients", _("Recipients"), "count"),
        ],
        rows=[{"title": ctx.city_label, **messages}],
    )
    event_rows = entity_table(
        key="events",
        title=_("Events and attendance"),
        label=_("Event"),
        columns=[
            Column("starts_at", _("Date"), "date"),
            Column("capacity", _("Places"), "public"),
            Column("confirmed", _("Registered (confirmed)"), "count"),
            Column("waitlisted", _("Waitlist"), "count"),
        ],
        rows=held["rows"],
        note=_("Attendance: confirmed registrations (the city does not record who came)."),
    )
    return Section("announcements", _("City messages and events"), [per_hood, mailing, event_rows])


def newsletters_section(ctx) -> Section | None:
    if not selectors.newsletters_available():
        return None
    subscribers = selectors.newsletter_subscribers(period=ctx.period)
    summary = entity_table(
        key="newsletter_subscribers",
        title=_("Newsletter subscribers"),
        label=_("City"),
        columns=[
            Column("active", _("Subscribers at the end of the period"), "count"),
            Column("new", _("New in the period"), "count"),
            Column("left", _("Unsubscribed in the period"), "count"),
        ],
        rows=[{"title": ctx.city_label, **subscribers}],
    )
    per_hood = neighbourhood_table(
        ctx=ctx,
        key="newsletter_interest",
        title=_("Subscribers per neighbourhood of interest"),
        columns=[Column("subscribers", _("Subscribers"), "count")],
        values={h: {"subscribers": n} for h, n in subscribers["per_neighbourhood"].items()},
        with_total=False,
        note=_("A subscriber may follow several neighbourhoods, or none (city news only)."),
    )
    sends = entity_table(
        key="newsletter_sends",
        title=_("Newsletters sent in the period"),
        label=_("Issue"),
        columns=[
            Column("started_at", _("Date"), "date"),
            Column("recipients", _("Recipients"), "count"),
            Column("sent", _("Delivered"), "count"),
            Column("failed", _("Failed"), "count"),
        ],
        rows=[
            {**row, "title": row["page__title"]}
            for row in selectors.newsletter_sends(period=ctx.period)
        ],
    )
    return Section("newsletters", _("Newsletters"), [summary, per_hood, sends])


GROUPS: list[Callable[[Context], Section | None]] = [
    core_section,
    feed_section,
    surveys_section,
    budgets_section,
    initiatives_section,
    care_section,
    announcements_section,
    newsletters_section,
]


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
