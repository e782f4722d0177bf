"""Security review findings on initiatives: the neighbourhood and the image of a submission."""

import pytest
from django.urls import reverse

from initiatives.models import Initiative, InitiativeDraft
from initiatives.services import InitiativeError, initiative_submit
from tests.factories.neighbourhoods import member

pytestmark = pytest.mark.django_db


def _start(client, call):
    client.post(reverse("initiatives:start", args=[call.pk]))
    return InitiativeDraft.objects.latest("pk")


def test_a_resident_cannot_file_an_initiative_for_another_neighbourhood(
    client, call, neighbourhoods, wizard
):
    """Regression: a Mons-Centre resident could choose Jemappes at the "where" step."""
    a, b = neighbourhoods
    client.force_login(member(neighbourhood=a))
    draft = _start(client, call)
    wizard(client, draft.pk, "what", {"title": "Potager", "description": "d" * 30})
    response = wizard(client, draft.pk, "where", {"neighbourhood": b.pk, "place": "Parc"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Choisissez un quartier dans la liste" in body
    page = client.get(reverse("initiatives:wizard", args=[draft.pk]) + "?etape=where")
    assert f'value="{b.pk}"' not in page.content.decode()


def test_the_service_refuses_another_neighbourhood_too(call, neighbourhoods):
    a, b = neighbourhoods
    resident = member(neighbourhood=a)
    draft = InitiativeDraft.objects.create(owner=resident, call=call)
    data = {
        "neighbourhood": b,
        "title": "Potager",
        "description": "Un potager partagé pour tous.",
        "place": "Parc",
    }
    with pytest.raises(InitiativeError):
        initiative_submit(draft=draft, submitter=resident, data=data)
    assert not Initiative.objects.exists()
