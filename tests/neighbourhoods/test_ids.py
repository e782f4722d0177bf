"""A 30-digit id answers 404 on every URL that takes one, never an OverflowError (a 500)."""

import pytest
from django.urls import resolve

from neighbourhoods.converters import MAX_ID, IdConverter

pytestmark = pytest.mark.django_db

HUGE = "9" * 30
PUBLIC = [
    f"/budget/{HUGE}/",
    f"/budget/{HUGE}/voter/",
    f"/budget/{HUGE}/voter/merci/",
    f"/budget/{HUGE}/resultats/",
    f"/budget/{HUGE}/bulletins.pb",
    f"/enquetes/{HUGE}/resultats/",
    f"/annonces/evenements/{HUGE}/agenda.ics",
    f"/annonces/evenements/{HUGE}/inscription/",
    f"/annonces/evenements/{HUGE}/annulation/{HUGE}/",
    f"/annonces/{HUGE}/repondre/",
    f"/initiatives/appel/{HUGE}/proposer/",
    f"/initiatives/{HUGE}/",
    f"/initiatives/{HUGE}/image/",
    f"/initiatives/brouillon/{HUGE}/",
    f"/entraide/messages/{HUGE}/",
    f"/entraide/offres/{HUGE}/contacter/",
    f"/fil/messages/{HUGE}/",
    f"/fil/messages/{HUGE}/photo/",
    f"/fil/reactions/{HUGE}/modifier/",
]
STAFF = [
    f"/admin/survey-results/{HUGE}/",
    f"/admin/survey-results/{HUGE}/export.csv",
    f"/admin/announcements/events/{HUGE}/attendees/",
    f"/admin/announcements/replies/?announcement={HUGE}",
    f"/admin/dashboard/?period=six_months&neighbourhood={HUGE}",
    f"/admin/dashboard/export.csv?period=six_months&neighbourhood={HUGE}",
]


def test_the_converter_accepts_database_ids_only():
    converter = IdConverter()
    assert converter.to_python(str(MAX_ID)) == MAX_ID
    with pytest.raises(ValueError):
        converter.to_python(str(MAX_ID + 1))
    # No app URL matches; only the CMS catch-all does, and it answers 404.
    assert resolve(f"/budget/{HUGE}/").view_name != "budgets:round"
    assert resolve("/budget/12/").view_name == "budgets:round"


@pytest.mark.parametrize("role", ["anonymous", "member of A"])
@pytest.mark.parametrize("url", PUBLIC)
def test_public_urls_answer_404_to_a_huge_id(client_for, neighbourhoods, role, url):
    for method in ("get", "post"):
        response = getattr(client_for(role), method)(url)
        assert response.status_code in (302, 403, 404, 405), (method, response.status_code)


@pytest.mark.parametrize("url", STAFF)
def test_staff_urls_and_filters_survive_a_huge_id(client_for, neighbourhoods, url):
    response = client_for("superuser").get(url)
    assert response.status_code in (200, 301, 400, 404), response.status_code


def test_every_urls_py_uses_the_bounded_converter():
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    offenders = [
        str(path.relative_to(root))
        for pattern in ("*/urls.py", "*/*_urls.py", "*/wagtail_hooks.py")
        for path in root.glob(pattern)
        if "<int:" in path.read_text()
    ]
    assert offenders == []
