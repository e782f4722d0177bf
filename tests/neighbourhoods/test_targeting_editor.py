"""Neighbourhood targeting through the Wagtail editor, as staff post it.

Every page type with targeting × one / several / all / no neighbourhood × draft / publish, on
create and on edit; then the hubs that must (and must not) show the page.
"""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import Page

from announcements.models import AnnouncementPage, EventPage
from initiatives.models import CallForInitiativesPage
from neighbourhoods.targeting import targeted_to
from surveys.models import SurveyPage
from tests.admin_forms import form_defaults, form_errors
from tests.factories.accounts import staff_user, superuser
from tests.factories.announcements import news_index
from tests.factories.neighbourhoods import NeighbourhoodFactory, hub_page

pytestmark = pytest.mark.django_db

NO_AUDIENCE = "Choisissez au moins un quartier"


def _when(days):
    return (timezone.localtime() + timedelta(days=days)).strftime("%Y-%m-%d %H:%M")


def _announcement_data():
    return {"category": "roadworks", "summary": "La rue sera fermée.", "body-count": "0"}


def _event_data():
    return {
        "kind": "workshop",
        "summary": "Dessinons le parc ensemble.",
        "starts_at": _when(5),
        "ends_at": _when(6),
        "place": "Maison de quartier",
        "capacity": "20",
        "body-count": "0",
    }


def _survey_data():
    return {
        "who_may_answer": "household",
        "survey_fields-TOTAL_FORMS": "1",
        "survey_fields-INITIAL_FORMS": "0",
        "survey_fields-0-ORDER": "1",
        "survey_fields-0-id": "",
        "survey_fields-0-label": "Utilisez-vous un vélo ?",
        "survey_fields-0-field_type": "yes_no",
        "survey_fields-0-required": "on",
    }


def _call_data():
    today = timezone.localdate()
    return {
        "theme": "Redonner vie aux villages",
        "opens_on": (today - timedelta(days=1)).isoformat(),
        "closes_on": (today + timedelta(days=30)).isoformat(),
        "budget_max": "1500",
        "support_threshold": "25",
    }


PAGE_TYPES = {
    "announcement": (AnnouncementPage, "announcements/announcementpage", _announcement_data),
    "event": (EventPage, "announcements/eventpage", _event_data),
    "survey": (SurveyPage, "surveys/surveypage", _survey_data),
    "call": (CallForInitiativesPage, "initiatives/callforinitiativespage", _call_data),
}
ROLES = ["superuser", "Communications officers", "Participation staff"]


@pytest.fixture
def hoods(db):
    a = NeighbourhoodFactory(code="mons-centre", name="Mons-Centre")
    b = NeighbourhoodFactory(code="jemappes", name="Jemappes")
    c = NeighbourhoodFactory(code="hyon", name="Hyon")
    for hood in (a, b, c):
        hub_page(neighbourhood=hood)
    return a, b, c


def _login(client, role):
    user = superuser() if role == "superuser" else staff_user(role)
    client.force_login(user)
    return user


def _parent(kind):
    return news_index() if kind in ("announcement", "event") else Page.objects.get(depth=2)


def _audience(data, audience, hoods):
    a, b, _c = hoods
    if "body-count" not in data and "survey_fields-TOTAL_FORMS" not in data:
        data["body-count"] = "0"  # the StreamField widget posts this from JavaScript
    data.pop("all_neighbourhoods", None)
    data.pop("neighbourhoods", None)
    if audience == "one":
        data["neighbourhoods"] = [str(a.pk)]
    elif audience == "several":
        data["neighbourhoods"] = [str(a.pk), str(b.pk)]
    elif audience == "all":
        data["all_neighbourhoods"] = "on"
    return data


def _create(client, kind, *, audience, action, hoods, title="Fermeture de la rue des Écoles"):
    _model, path, extra = PAGE_TYPES[kind]
    url = f"/admin/pages/add/{path}/{_parent(kind).pk}/"
    data = form_defaults(client, url)
    data.update({"title": title, "slug": "fermeture-rue-ecoles", **extra()})
    if action == "publish":
        data["action-publish"] = "action-publish"
    return client.post(url, _audience(data, audience, hoods))


def _expected_hubs(audience, hoods):
    a, b, c = hoods
    return {
        "one": {a},
        "several": {a, b},
        "all": {a, b, c},
        "none": set(),
    }[audience]


@pytest.mark.parametrize("kind", PAGE_TYPES)
@pytest.mark.parametrize("audience", ["one", "several", "all", "none"])
@pytest.mark.parametrize("action", ["draft", "publish"])
def test_create_with_each_audience(client, hoods, kind, audience, action):
    model = PAGE_TYPES[kind][0]
    _login(client, "Communications officers")
    response = _create(client, kind, audience=audience, action=action, hoods=hoods)
    if audience == "none" and action == "publish":
        assert response.status_code == 200
        errors = form_errors(response)
        assert NO_AUDIENCE in " ".join(errors.get("neighbourhoods", [])), errors
        assert not model.objects.exists()
        return
    assert response.status_code == 302, form_errors(response)
    page = model.objects.get()
    assert page.live == (action == "publish")
    targeted = {h for h in hoods if page.targets(neighbourhood_id=h.pk)}
    assert targeted == _expected_hubs(audience, hoods)
    live = model.objects.live()
    for hood in hoods:
        shown = targeted_to(live, hood).filter(pk=page.pk).exists()
        assert shown == (action == "publish" and hood in _expected_hubs(audience, hoods))


@pytest.mark.parametrize("kind", PAGE_TYPES)
@pytest.mark.parametrize("role", ROLES)
def test_edit_a_draft_to_several_neighbourhoods_and_publish(client, hoods, kind, role):
    """Create a draft with no audience, then edit it: tick two neighbourhoods and publish."""
    model = PAGE_TYPES[kind][0]
    _login(client, role)
    assert _create(client, kind, audience="none", action="draft", hoods=hoods).status_code == 302
    page = model.objects.get()
    url = f"/admin/pages/{page.pk}/edit/"

    data = form_defaults(client, url)
    data["action-publish"] = "action-publish"
    refused = client.post(url, _audience(data, "none", hoods))
    assert NO_AUDIENCE in " ".join(form_errors(refused).get("neighbourhoods", []))

    data = form_defaults(client, url)
    data["action-publish"] = "action-publish"
    response = client.post(url, _audience(data, "several", hoods))
    assert response.status_code == 302, form_errors(response)
    page = model.objects.get()
    assert page.live
    targeted = {h for h in hoods if page.targets(neighbourhood_id=h.pk)}
    assert targeted == _expected_hubs("several", hoods)

    # Edit again: one neighbourhood, saved as a draft of the live page; then published.
    data = form_defaults(client, url)
    assert sorted(data["neighbourhoods"]) == sorted(str(h.pk) for h in hoods[:2])
    response = client.post(url, _audience(data, "one", hoods))
    assert response.status_code == 302, form_errors(response)
    data = form_defaults(client, url)
    data["action-publish"] = "action-publish"
    response = client.post(url, _audience(data, "all", hoods))
    assert response.status_code == 302, form_errors(response)
    page = model.objects.get()
    assert page.all_neighbourhoods and all(page.targets(neighbourhood_id=h.pk) for h in hoods)


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_nothing_is_preselected_on_a_new_page(client, hoods, kind):
    _login(client, "Communications officers")
    _model, path, _extra = PAGE_TYPES[kind]
    data = form_defaults(client, f"/admin/pages/add/{path}/{_parent(kind).pk}/")
    assert "all_neighbourhoods" not in data
    assert "neighbourhoods" not in data


def test_announcement_for_two_neighbourhoods_shows_on_their_hubs_only(client, hoods):
    a, b, c = hoods
    _login(client, "Communications officers")
    response = _create(client, "announcement", audience="several", action="publish", hoods=hoods)
    assert response.status_code == 302, form_errors(response)
    client.logout()
    for hood, shown in ((a, True), (b, True), (c, False)):
        html = client.get(f"/{hood.code}/").content.decode()
        assert ("Fermeture de la rue des Écoles" in html) == shown, hood.code
