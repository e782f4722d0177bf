"""The report's figure tables as rows, for the core's streamed CSV and XLSX exports."""

from django.utils.translation import gettext as _

from neighbourhoods import exports

from .privacy import export_value


def _header(report):
    ctx = report.context
    hoods = (
        _("all")
        if ctx.selected is None
        else ", ".join(h["name"] for h in ctx.hoods if h["id"] in ctx.selected)
    )
    return [
        [_("Participation figures")],
        [_("Period"), ctx.period.label],
        [_("Neighbourhoods"), hoods],
        [_("Counts under 5 are shown as “< 5”.")],
    ]


def table_rows(table):
    yield [table.title]
    yield [str(column.label) for column in table.columns]
    for row in table.all_rows:
        yield [export_value(row.get(column.key), column) for column in table.columns]


def csv_rows(report):
    """Every table in one sheet, each under its title, separated by a blank line."""
    yield from _header(report)
    for table in report.tables:
        yield []
        yield from table_rows(table)


def _summary_rows(report):
    yield from _header(report)
    yield []
    for table in report.tables:
        yield [table.title]


def xlsx_sheets(report):
    yield _("Report"), _summary_rows(report)
    for table in report.tables:
        yield table.title, table_rows(table)


def csv_response(report, *, filename):
    return exports.csv_response(csv_rows(report), filename=filename)


def xlsx_response(report, *, filename):
    return exports.xlsx_response(xlsx_sheets(report), filename=filename)
