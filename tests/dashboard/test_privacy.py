from dashboard.privacy import SUPPRESSED, Column, display, export_value, suppress_table

COLUMNS = [
    Column("label", "Neighbourhood", "label"),
    Column("area", "Households", "public"),
    Column("n", "Registered", "count"),
    Column("pct", "Penetration", "percent", "n", "area"),
]


def _rows(*values, area=100):
    return [{"label": f"Q{i}", "area": area, "n": v} for i, v in enumerate(values)]


def test_counts_from_one_to_four_are_suppressed_zero_and_five_are_shown():
    rows, _ = suppress_table(COLUMNS, _rows(0, 1, 4, 5, 12))
    assert [r["n"] for r in rows] == [0, SUPPRESSED, SUPPRESSED, 5, 12]
    assert [display(r["n"]) for r in rows] == ["0", "< 5", "< 5", "5", "12"]
    assert export_value(rows[1]["n"]) == "< 5"


def test_a_percentage_is_suppressed_with_its_count():
    rows, _ = suppress_table(COLUMNS, _rows(3, 20))
    assert rows[0]["pct"] is SUPPRESSED
    assert rows[1]["pct"] == 20.0


def test_a_single_suppressed_cell_cannot_be_recovered_from_the_total():
    rows, total = suppress_table(
        COLUMNS, _rows(3, 40, 9, 0), {"label": "City", "area": 400, "n": 52}
    )
    assert [r["n"] for r in rows] == [SUPPRESSED, 40, SUPPRESSED, 0]  # 9 hidden too
    assert total["n"] == 52


def test_city_totals_follow_the_same_rule():
    _, total = suppress_table(COLUMNS, _rows(2, 0), {"label": "City", "area": 200, "n": 2})
    assert total["n"] is SUPPRESSED
    assert total["pct"] is SUPPRESSED


def test_public_figures_are_never_suppressed():
    rows, _ = suppress_table(COLUMNS, _rows(10, area=3))
    assert rows[0]["area"] == 3
