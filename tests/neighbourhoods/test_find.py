"""Find my hub: a typo gets the nearest streets, a wrong number puts the error on the number."""

import re

import pytest
from django.urls import reverse

from tests.factories.neighbourhoods import AddressFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def register(neighbourhoods):
    a, b = neighbourhoods
    AddressFactory(neighbourhood=a, street="Place des Écoles", number="3", postcode="7000")
    AddressFactory(neighbourhood=a, street="Rue des Écoles", number="8", postcode="7000")
    AddressFactory(neighbourhood=b, street="Rue de la Gare", number="12", postcode="7012")
    return a, b


def errors_of(html, field):
    match = re.search(rf'id="id_{field}_error">(.*?)</p>', html, re.S)
    return match.group(1) if match else ""


def test_a_typo_suggests_the_nearest_streets(client, register):
    html = client.get(
        reverse("neighbourhoods:find"), {"street": "Plce des Ecoles", "number": "3"}
    ).content.decode()
    assert "Place des Écoles" in errors_of(html, "street") or "Place des Écoles" in html
    suggestions = re.search(r'id="street-suggestions">(.*?)</div>', html, re.S).group(1)
    assert suggestions.index("Place des Écoles") < suggestions.index("Rue des Écoles")
    assert "Rue de la Gare" not in suggestions
    assert errors_of(html, "street") and not errors_of(html, "number")
    # A suggestion is a link that finds the address with the number already typed.
    link = re.search(r'<a href="([^"]+)">Place des Écoles</a>', suggestions).group(1)
    found = client.get(link.replace("&amp;", "&")).content.decode()
    assert "Mons-Centre" in found and 'role="status"' in found


@pytest.mark.postgres
def test_suggestions_use_trigrams_on_postgresql(register):
    from django.db import connection

    from neighbourhoods.selectors import street_suggestions

    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        assert cursor.fetchone()
    assert street_suggestions(text="Plce des Ecoles")[0] == "Place des Écoles"


def test_suggestions_fall_back_to_the_cached_register_names(register, settings):
    from neighbourhoods.selectors import _street_names, street_suggestions

    assert street_suggestions(text="Plce des Ecoles")[0] == "Place des Écoles"
    assert "rue de la gare" in _street_names()


def test_a_wrong_number_puts_the_error_on_the_number(client, register):
    html = client.get(
        reverse("neighbourhoods:find"), {"street": "place des ecoles", "number": "99"}
    ).content.decode()
    assert errors_of(html, "number")
    assert not errors_of(html, "street")
    assert 'href="#id_number"' in html  # the error summary links to the number field


def test_the_hub_link_keeps_the_readers_language(client, register):
    html = client.get(
        "/nl" + reverse("neighbourhoods:find").removeprefix("/nl"),
        {"street": "Rue de la Gare", "number": "12"},
    ).content.decode()
    assert 'href="/nl/jemappes/"' in html
