"""After login a verified resident lands on their neighbourhood's hub, in their language."""

import pytest
from django.urls import reverse
from django.utils import translation

from tests.factories.accounts import PASSWORD, UserFactory
from tests.factories.neighbourhoods import member

pytestmark = pytest.mark.django_db


def login(client, user, language="fr", **extra):
    with translation.override(language):
        url = reverse("accounts:login")
    return client.post(url, {"username": user.email, "password": PASSWORD, **extra})


def test_a_resident_lands_on_their_hub(client, neighbourhoods):
    a, _b = neighbourhoods
    response = login(client, member(neighbourhood=a))
    assert response.status_code == 302
    assert response["Location"] == "/mons-centre/"


@pytest.mark.parametrize("language", ["nl", "en"])
def test_in_the_language_they_read_the_site_in(client, neighbourhoods, language):
    a, _b = neighbourhoods
    response = login(client, member(neighbourhood=a), language)
    # No translated hub: the French one, under the reader's prefix (shown on purpose).
    assert response["Location"] == f"/{language}/mons-centre/"
    page = client.get(response["Location"])
    assert f'<html lang="{language}">' in page.content.decode()


def test_a_safe_next_wins_and_an_unsafe_one_is_ignored(client, neighbourhoods):
    a, _b = neighbourhoods
    user = member(neighbourhood=a)
    assert login(client, user, next="/enquetes/")["Location"] == "/enquetes/"
    client.logout()
    assert login(client, user, next="https://evil.example/")["Location"] == "/mons-centre/"


def test_an_account_without_membership_lands_on_my_account(client, neighbourhoods):
    assert login(client, UserFactory())["Location"] == reverse("accounts:profile")
