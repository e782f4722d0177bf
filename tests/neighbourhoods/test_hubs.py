import pytest

from neighbourhoods.models import Membership
from neighbourhoods.permissions import is_verified_member_of
from neighbourhoods.services import membership_join
from tests.factories.accounts import UserFactory
from tests.factories.neighbourhoods import AddressFactory, member

pytestmark = pytest.mark.django_db


def test_home_page_lists_every_published_hub(client, neighbourhoods):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Mons-Centre" in html and "Jemappes" in html
    assert 'lang="fr"' in html


def test_hub_shows_public_content_and_an_invitation_to_visitors(client, neighbourhoods):
    response = client.get("/mons-centre/")
    assert response.status_code == 200
    assert "Mons-Centre" in response.content.decode()
    assert response.context["is_member"] is False


def test_visitor_finds_their_neighbourhood_by_address(client, neighbourhoods):
    a, _ = neighbourhoods
    AddressFactory(neighbourhood=a, street="Rue de l'Égalité", number="12")
    response = client.get("/quartiers/trouver/", {"street": "rue de l'egalite", "number": "12"})
    assert response.status_code == 200
    assert response.context["hub"] == a.hub_pages.get().url
    assert "/mons-centre/" in response.content.decode()


def test_unknown_address_gets_a_clear_error_in_french(client, neighbourhoods):
    response = client.get("/quartiers/trouver/", {"street": "Rue Inconnue", "number": "1"})
    assert "Nous n" in response.content.decode() or "introuvable" in response.content.decode()


def test_a_resident_who_moves_is_member_of_the_new_neighbourhood_only(neighbourhoods):
    a, b = neighbourhoods
    user = member(neighbourhood=a)
    assert is_verified_member_of(user, a)
    membership_join(user=user, address=AddressFactory(neighbourhood=b))
    user.refresh_from_db()
    assert Membership.objects.filter(user=user, ended_at__isnull=True).count() == 1
    assert not is_verified_member_of(user, a)
    assert is_verified_member_of(user, b)


def test_staff_never_count_as_members_even_if_they_live_there(neighbourhoods):
    from django.contrib.auth.models import Group

    a, _ = neighbourhoods
    user = member(neighbourhood=a)
    user.groups.add(Group.objects.get(name="Communications officers"))
    assert not is_verified_member_of(user, a)


def test_unverified_account_is_not_a_member(neighbourhoods):
    a, _ = neighbourhoods
    assert not is_verified_member_of(UserFactory(), a)
