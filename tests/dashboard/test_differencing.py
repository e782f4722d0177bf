"""Small-count suppression must survive subtraction (security review finding 4)."""

import csv
import datetime
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dashboard import periods
from dashboard.privacy import Column, is_suppressed, suppress_table

MONTHS = [Column(f"m{i}", f"month {i}", "count") for i in range(4)]


def _recoverable_rows(rows, total):
    """Rows (and the total row) where exactly one cell is hidden: its sum, published elsewhere,
    minus the visible cells gives the hidden one back."""
    lines = [*rows, total]
    return [r for r in lines if sum(is_suppressed(r[c.key]) for c in MONTHS) == 1]


def _recoverable_columns(rows):
    return [c for c in MONTHS if sum(is_suppressed(r[c.key]) for r in rows) == 1]


def test_a_row_with_one_hidden_month_hides_a_second():
    rows = [{"m0": 6, "m1": 3, "m2": 7, "m3": 9}, {"m0": 40, "m1": 50, "m2": 60, "m3": 70}]
    total = {k: sum(r[k] for r in rows) for k in rows[0]}
    rows, total = suppress_table(MONTHS, rows, total, rows_have_totals=True)
    assert is_suppressed(rows[0]["m1"]) and is_suppressed(rows[0]["m0"])
    assert not _recoverable_rows(rows, total)


@given(
    st.lists(
        st.lists(st.integers(min_value=0, max_value=12), min_size=4, max_size=4),
        min_size=2,
        max_size=6,
    )
)
def test_no_row_or_column_gives_a_cell_back(values):
    rows = [{f"m{i}": v for i, v in enumerate(row)} for row in values]
    total = {k: sum(r[k] for r in rows) for k in rows[0]}
    rows, total = suppress_table(MONTHS, rows, total, rows_have_totals=True)
    assert not _recoverable_columns(rows)
    assert not _recoverable_rows(rows, total)


def _table(rows, title):
    start = next(i for i, row in enumerate(rows) if row and row[0] == title)
    header = rows[start + 1]
    body = []
    for row in rows[start + 2 :]:
        if not row:
            break
        body.append(dict(zip(header, row, strict=False)))
    return body


@pytest.mark.django_db
def test_dashboard_csv_period_total_minus_visible_months_reveals_nothing(
    client_for, neighbourhoods
):
    """Regression: Jemappes' period total minus its visible months gave the "< 5" month back."""
    from django.utils import timezone

    from tests.factories.feed import PostFactory
    from tests.factories.neighbourhoods import member

    a, b = neighbourhoods
    now = timezone.now()
    first_of_month = timezone.localtime(now).date().replace(day=1)
    posters = {hood.pk: member(neighbourhood=hood) for hood in (a, b)}
    # B: 7 posts two months ago, 3 last month, 6 this month; A: many every month.
    for hood, counts in ((b, (7, 3, 6)), (a, (20, 20, 20))):
        for months_ago, count in zip((2, 1, 0), counts, strict=True):
            day = periods.add_months(first_of_month, -months_ago)
            moment = periods.local_midnight(day) + datetime.timedelta(hours=1)
            moment = min(moment, now)
            for _ in range(count):
                PostFactory(author=posters[hood.pk], created_at=moment)
    response = client_for("Participation staff").get("/admin/dashboard/export.csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    period = {r["Quartier"]: r for r in _table(rows, "Messages et réactions sur la période")}
    months = {r["Quartier"]: r for r in _table(rows, "Messages par mois")}
    row = months[b.name]
    hidden = [k for k, v in row.items() if v == "< 5"]
    assert period[b.name]["Messages"] == "16"
    assert len(hidden) != 1, row  # total minus the visible months would give it back
    assert len(hidden) >= 2


def test_custom_ranges_one_day_apart_give_the_same_period():
    """Regression: two custom ranges a day apart gave one day's counts by difference."""
    on = datetime.date(2026, 11, 20)
    one = periods.whole_months(
        start=datetime.date(2026, 3, 1), end=datetime.date(2026, 6, 14), on=on
    )
    two = periods.whole_months(
        start=datetime.date(2026, 3, 1), end=datetime.date(2026, 6, 15), on=on
    )
    three = periods.whole_months(
        start=datetime.date(2026, 3, 2), end=datetime.date(2026, 6, 15), on=on
    )
    assert one == two == three
    assert (one.start, one.end) == (datetime.date(2026, 3, 1), datetime.date(2026, 6, 30))
    current = periods.whole_months(start=datetime.date(2026, 11, 5), end=on, on=on)
    assert current.end == on  # the current month runs to today


@pytest.mark.django_db
def test_dashboard_custom_ranges_one_day_apart_export_the_same_file(client_for, neighbourhoods):
    staff = client_for("Participation staff")

    def export(end):
        response = staff.get(
            "/admin/dashboard/export.csv",
            {"period": "custom", "start": "2025-01-10", "end": end},
        )
        return b"".join(response.streaming_content)

    assert export("2025-06-14") == export("2025-06-15")


@pytest.mark.django_db
def test_a_custom_range_ending_in_year_9999_is_a_form_error(client_for, neighbourhoods):
    """Regression: end=9999-12-31 raised ValueError (a 500)."""
    staff = client_for("Participation staff")
    for url in ("/admin/dashboard/", "/admin/dashboard/export.csv", "/admin/dashboard/print/"):
        response = staff.get(url, {"period": "custom", "start": "2025-01-01", "end": "9999-12-31"})
        assert response.status_code in (200, 400), url
    response = staff.get(
        "/admin/dashboard/", {"period": "custom", "start": "2025-01-01", "end": "9999-12-31"}
    )
    assert response.context["form"].errors["end"]
