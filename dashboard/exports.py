"""CSV (streamed) and XLSX (openpyxl write-only) of every figure table of a report."""

import csv
import io
import re

from django.utils.translation import gettext as _
from openpyxl import Workbook

from .privacy import export_value


class _Echo:
    def write(self, value):
        return value


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


def csv_lines(report):
    """Lines of one CSV holding every table, each under its title, separated by a blank line."""
    writer = csv.writer(_Echo())
    yield "\ufeff"  # lets spreadsheet programs read the accents
    for line in _header(report):
        yield writer.writerow(line)
    for table in report.tables:
        yield writer.writerow([])
        for line in table_rows(table):
            yield writer.writerow(line)


def _sheet_title(title, used):
    base = re.sub(r"[\[\]:*?/\\]", " ", str(title))[:28].strip() or "Table"
    name, n = base, 2
    while name.lower() in used:
        name = f"{base[:26]} {n}"
        n += 1
    used.add(name.lower())
    return name


def xlsx_bytes(report) -> bytes:
    workbook = Workbook(write_only=True)
    used: set[str] = set()
    summary = workbook.create_sheet(_sheet_title(_("Report"), used))
    for line in _header(report):
        summary.append(line)
    summary.append([])
    for table in report.tables:
        summary.append([table.title])
    for table in report.tables:
        sheet = workbook.create_sheet(_sheet_title(table.title, used))
        for line in table_rows(table):
            sheet.append(line)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
