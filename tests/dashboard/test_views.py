"""Filters, exports, the printable report and the query budget, as a staff member sees them."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

pytestmark = pytest.mark.django_db

PAGES = [
    "/admin/dashboard/",
    "/admin/dashboard/?period=month",
    "/admin/dashboard/print/",
    "/admin/dashboard/export.csv",
    "/admin/dashboard/export.xlsx",
]


@pytest.fixture
def staff(client_for):
    return client_for("Participation staff")


def _content(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_report_page_has_charts_with_tables_beside_them(staff, dataset):
    html = staff.get("/admin/dashboard/").content.decode()
    for chart in ("chart-penetration", "chart-registrations"):
        assert f'id="{chart}"' in html
        assert f'aria-labelledby="{chart}-title {chart}-desc"' in html
    assert 'role="img"' in html and "<title id=" in html and "<desc id=" in html
    assert '<table class="listing dashboard-table" id="table-households">' in html
    assert "Objectif" in html  # the target line is labelled (in French)
    assert "<script" not in html.split('id="section-households"')[1].split("</section>")[0]


def test_custom_range_errors_are_clear_and_linked(staff, neighbourhoods):
    response = staff.get("/admin/dashboard/", {"period": "custom", "start": "2026-03-01"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'href="#id_end"' in html and 'aria-invalid="true"' in html
    assert response.context["report"] is None
    response = staff.get(
        "/admin/dashboard/", {"period": "custom", "start": "2026-03-10", "end": "2026-03-01"}
    )
    assert response.context["form"].errors["end"]
    response = staff.get(
        "/admin/dashboard/", {"period": "custom", "start": "2099-01-01", "end": "2099-02-01"}
    )
    assert response.context["form"].errors["end"]
    response = staff.get("/admin/dashboard/", {"period": "custom", "start": "pas une date"})
    assert response.context["form"].errors["start"]
    assert staff.get("/admin/dashboard/export.csv", {"period": "nope"}).status_code == 400
    assert staff.get("/admin/dashboard/print/", {"period": "custom"}).status_code == 400


def test_custom_range_and_neighbourhood_filter(staff, dataset, neighbourhoods):
    a, b = neighbourhoods
    response = staff.get(
        "/admin/dashboard/",
        {"period": "custom", "start": "2025-01-01", "end": "2025-12-31", "neighbourhood": [a.pk]},
    )
    report = response.context["report"]
    assert report.context.period.start.isoformat() == "2025-01-01"
    households = next(t for t in report.tables if t.key == "households")
    assert [row["label"] for row in households.rows] == ["Mons-Centre"]
    assert households.rows[0]["registered"] == 0  # nobody had joined in 2025


def test_csv_export_holds_every_table_with_suppression(staff, dataset):
    response = staff.get("/admin/dashboard/export.csv")
    assert response.streaming
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(_content(response).decode("utf-8-sig"))))
    titles = [row[0] for row in rows if len(row) == 1]
    report = staff.get("/admin/dashboard/").context["report"]
    for table in report.tables:
        assert str(table.title) in titles
    mons = next(row for row in rows if row and row[0] == "Mons-Centre")
    assert mons[2] == "9"  # 7 households of the dataset + 2 of the role matrix
    jemappes = next(row for row in rows if row and row[0] == "Jemappes")
    assert jemappes[2] == "< 5"


def test_xlsx_export_has_a_sheet_per_table(staff, dataset):
    response = staff.get("/admin/dashboard/export.xlsx")
    workbook = load_workbook(io.BytesIO(_content(response)), read_only=True)
    report = staff.get("/admin/dashboard/").context["report"]
    assert len(workbook.sheetnames) == len(report.tables) + 1
    values = [list(row) for row in workbook[workbook.sheetnames[1]].iter_rows(values_only=True)]
    assert ["Mons-Centre", 1000, 9, 0.9, 30.0] in values
    assert any(row[0] == "Jemappes" and row[2] == "< 5" for row in values if row[0])


def test_printable_report_has_no_admin_chrome(staff, dataset):
    html = staff.get("/admin/dashboard/print/").content.decode()
    assert "dashboard/print.css" in html
    assert "sidebar" not in html and "wagtail" not in html.lower().replace("wagtail_", "")
    assert 'id="chart-penetration"' in html


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
        _content(response)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_query_count_is_pinned_and_does_not_grow_with_the_data(staff, neighbourhoods):
    """Same number of queries with a tiny and a larger dataset (every figure is a GROUP BY)."""
    from tests.factories.dashboard import build, build_groups

    small = build(neighbourhoods=neighbourhoods, households_a=5, posts_a=2)
    build_groups(neighbourhoods=neighbourhoods, dataset=small)
    # One request to each page first: Wagtail's caches (site root paths, locales…) are
    # emptied when pages are published; the budget is about the figures, warm.
    _warm = [_queries(staff, url) for url in PAGES]
    before = {url: _queries(staff, url) for url in PAGES}
    bigger = build(
        neighbourhoods=neighbourhoods,
        households_a=20,
        households_b=12,
        posts_a=30,
        reactions_per_post=4,
    )
    build_groups(neighbourhoods=neighbourhoods, dataset=bigger)
    _warm = [_queries(staff, url) for url in PAGES]
    after = {url: _queries(staff, url) for url in PAGES}
    assert after == before
    # The budget: the report and its exports stay within these, whatever the volumes
    # (27 figure queries; the rest is the session, the user's permissions and Wagtail's menu,
    # the staff member's second-factor device, and the exports' audit-log entry).
    assert before["/admin/dashboard/"] <= 42
    assert before["/admin/dashboard/export.csv"] <= 36
    assert before["/admin/dashboard/export.xlsx"] <= 36


def test_report_page_query_budget(staff, dataset, django_assert_max_num_queries):
    with django_assert_max_num_queries(42):
        staff.get("/admin/dashboard/")
    with django_assert_max_num_queries(34):
        _content(staff.get("/admin/dashboard/export.csv"))
    with django_assert_max_num_queries(34):
        staff.get("/admin/dashboard/export.xlsx")


def test_filter_form_fuzz_never_crashes_and_valid_periods_are_sane(neighbourhoods):
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from dashboard import periods
    from dashboard.forms import ReportFilterForm

    text = st.one_of(st.text(max_size=30), st.dates().map(str), st.just(""))

    @settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
    @given(
        period=st.one_of(st.sampled_from(["month", "six_months", "custom"]), st.text(max_size=12)),
        start=text,
        end=text,
        hood=st.lists(st.one_of(st.integers(-5, 10**12).map(str), st.text(max_size=8)), max_size=3),
    )
    def check(period, start, end, hood):
        form = ReportFilterForm(
            {"period": period, "start": start, "end": end, "neighbourhood": hood}
        )
        if form.is_valid():
            chosen = form.get_period()
            assert chosen.start <= chosen.end <= periods.today()
            assert len(chosen.months) <= periods.MAX_MONTHS

    check()
