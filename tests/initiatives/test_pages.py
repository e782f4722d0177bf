import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from initiatives.models import Initiative, Support
from tests.factories.initiatives import InitiativeFactory
from tests.factories.neighbourhoods import HouseholdFactory, member

from .conftest import png_upload

pytestmark = pytest.mark.django_db


def queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries), response.content.decode()


def test_call_page_with_none_and_many_initiatives(client, call, neighbourhoods):
    a, b = neighbourhoods
    queries(client, call.url)  # warm up
    _, body = queries(client, call.url)
    assert "Aucune initiative n’a encore été retenue." in body
    assert "Un budget de 1\u00a0500\u00a0€ maximum par initiative" in body
    submitter = member(neighbourhood=a)
    InitiativeFactory(
        call=call,
        neighbourhood=a,
        submitter=submitter,
        status=Initiative.Status.ACCEPTED,
        title="Premier",
    )
    few, _ = queries(client, call.url)
    for i in range(30):
        initiative = InitiativeFactory(
            call=call,
            neighbourhood=a if i % 2 else b,
            submitter=submitter,
            status=Initiative.Status.ACCEPTED,
            title=f"Projet {i}",
        )
        Support.objects.create(initiative=initiative, household=HouseholdFactory())
    Initiative.objects.filter(title="Projet 3").update(status=Initiative.Status.DECLINED)
    many, body = queries(client, call.url)
    assert many == few
    assert "Projet 29" in body and "1 ménage la soutient" in body
    assert "Page 1" in body  # 30 published, 20 per page
    page2 = client.get(call.url + "?page=2").content.decode()
    assert "Projet 4" in page2 and "Projet 3<" not in page2 and "Projet 3<" not in body
    hub = a.hub_pages.first()
    hub_body = client.get(hub.url).content.decode()
    assert "Projet 29" in hub_body and "Projet 28" not in hub_body  # only that neighbourhood


def test_my_initiatives_query_count_is_flat(client, call, neighbourhoods):
    a, _ = neighbourhoods
    user = member(neighbourhood=a)
    client.force_login(user)
    queries(client, reverse("initiatives:mine"))
    few, _ = queries(client, reverse("initiatives:mine"))
    for i in range(15):
        InitiativeFactory(call=call, neighbourhood=a, submitter=user, title=f"Mien {i}")
    many, body = queries(client, reverse("initiatives:mine"))
    assert many == few and "Mien 14" in body


def test_image_is_served_only_when_visible(
    client, call, neighbourhoods, wizard, django_capture_on_commit_callbacks
):
    from initiatives import services
    from initiatives.models import InitiativeDraft

    a, _ = neighbourhoods
    owner = member(neighbourhood=a)
    draft = InitiativeDraft.objects.create(owner=owner, call=call)
    from neighbourhoods.uploads import process_upload

    image = process_upload(png_upload())
    initiative = services.initiative_submit(
        draft=draft,
        submitter=owner,
        data={
            "neighbourhood": a,
            "title": "Avec photo",
            "description": "d" * 30,
            "place": "Ici",
            "image_alt": "Une photo",
        },
        image=image,
    )
    url = reverse("initiatives:image", args=[initiative.pk])
    assert client.get(url).status_code == 404
    client.force_login(owner)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"  # re-encoded
    assert response["X-Content-Type-Options"] == "nosniff"
    assert not str(initiative.image.path).startswith(
        str(__import__("django.conf").conf.settings.MEDIA_ROOT)
    )
