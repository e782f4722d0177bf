"""Visitors get hubs, the home page and find-my-hub from the shared cache; any change shows at once.

Each change goes through what staff do: pages published and unpublished with Wagtail's revisions
(the `page_published` / `page_unpublished` signals), an initiative decided through its service.
"""

import re

import pytest
from django.test import Client

from initiatives.models import Initiative
from initiatives.services import initiative_set_status
from tests.factories.announcements import announcement, event
from tests.factories.budgets import budget_round
from tests.factories.feed import PostFactory
from tests.factories.initiatives import InitiativeFactory, call_page
from tests.factories.neighbourhoods import member
from tests.factories.surveys import survey_page

pytestmark = pytest.mark.django_db

HUB = "/mons-centre/"
OTHER_HUB = "/jemappes/"


def _without_token(html):
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def _cached(client, url=HUB):
    """The page as the cache serves it (primed first if needed)."""
    client.get(url)
    response = client.get(url)
    assert response.status_code == 200
    assert response["X-Page-Cache"] == "hit"
    return response.content.decode()


def _fresh(client, url=HUB):
    """The next visit after a change: built again, not replayed."""
    response = client.get(url)
    assert response.get("X-Page-Cache") == "miss"
    return response


def test_visitors_get_the_hub_home_and_finder_from_the_cache(client, neighbourhoods):
    for url in (HUB, "/", "/quartiers/trouver/", "/nl/mons-centre/"):
        first = client.get(url)
        assert first.status_code == 200, url
        assert first["X-Page-Cache"] == "miss"
        assert _without_token(_cached(client, url)) == _without_token(first.content.decode())


def test_a_cached_page_costs_no_query(client, neighbourhoods, django_assert_num_queries):
    client.get(HUB)
    with django_assert_num_queries(0):
        assert client.get(HUB)["X-Page-Cache"] == "hit"


def test_each_visitor_gets_their_own_csrf_token_and_the_language_form_works(neighbourhoods):
    tokens = []
    for _ in range(2):
        visitor = Client(enforce_csrf_checks=True)
        html = _cached(visitor)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        tokens.append(token)
        response = visitor.post(
            "/i18n/setlang/", {"language": "nl", "next": HUB, "csrfmiddlewaretoken": token}
        )
        assert response.status_code == 302
    assert tokens[0] != tokens[1]


def test_query_strings_and_campaign_parameters(client, neighbourhoods):
    _cached(client, HUB)
    assert client.get(HUB + "?utm_source=lettre")["X-Page-Cache"] == "hit"
    # An address search is the searcher's own: never looked up in nor stored to the cache.
    for _ in range(2):
        response = client.get("/quartiers/trouver/?street=Rue+de+Nimy&number=1")
        assert "X-Page-Cache" not in response


def test_members_are_never_served_or_stored_by_the_page_cache(client, neighbourhoods):
    alice = member(neighbourhood=neighbourhoods[0])
    PostFactory(author=alice, title="Vide-grenier dimanche")
    client.force_login(alice)
    for _ in range(2):
        response = client.get(HUB)
        assert "X-Page-Cache" not in response
        assert "private" in response["Cache-Control"]
        assert "Vide-grenier dimanche" in response.content.decode()
    client.logout()
    assert "Vide-grenier dimanche" not in client.get(HUB).content.decode()


def test_a_visitor_with_a_message_waiting_gets_a_fresh_page(client, neighbourhoods):
    _cached(client)
    alice = member(neighbourhood=neighbourhoods[0])
    client.force_login(alice)
    client.post("/compte/deconnexion/")  # logging out leaves the session cookie and maybe a message
    response = client.get(HUB)
    assert response.status_code == 200
    assert "Log out" not in response.content.decode()
    assert "Se déconnecter" not in response.content.decode()


def test_a_page_made_private_is_never_served_from_the_cache(client, neighbourhoods):
    from wagtail.models import PageViewRestriction

    from neighbourhoods.models import NeighbourhoodPage

    _cached(client)
    PageViewRestriction.objects.create(
        page=NeighbourhoodPage.objects.get(slug="mons-centre"),
        restriction_type=PageViewRestriction.LOGIN,
    )
    for _ in range(2):
        response = client.get(HUB)
        assert response.status_code == 302  # to the login page: Wagtail's check ran
        assert response.get("X-Page-Cache") != "hit"


def test_a_section_that_looks_at_the_user_still_sees_an_anonymous_reader(client, neighbourhoods):
    from dataclasses import replace

    from neighbourhoods import registry

    seen = []

    def spy(*, request, neighbourhood):
        seen.append(request.user.is_authenticated)
        return ""

    original = registry._hub_sections["surveys"]
    registry._hub_sections["surveys"] = replace(original, render=spy)
    try:
        client.force_login(member(neighbourhood=neighbourhoods[0]))
        client.get(HUB)
    finally:
        registry._hub_sections["surveys"] = original
    assert seen == [False]


# --- invalidation: each thing a hub shows ------------------------------------------------------
def test_publishing_the_hub_shows_at_once(client, neighbourhoods):
    from neighbourhoods.models import NeighbourhoodPage

    assert "Bienvenue à Mons-Centre" not in _cached(client)
    page = NeighbourhoodPage.objects.get(slug="mons-centre")
    page.title = "Bienvenue à Mons-Centre"
    page.save_revision().publish()
    assert "Bienvenue à Mons-Centre" in _fresh(client).content.decode()
    assert "Bienvenue à Mons-Centre" in _cached(client, "/")  # the home page lists the hubs


def test_unpublishing_the_hub_takes_it_down_at_once(client, neighbourhoods):
    from neighbourhoods.models import NeighbourhoodPage

    _cached(client)
    NeighbourhoodPage.objects.get(slug="mons-centre").unpublish()
    assert client.get(HUB).status_code == 404


def test_an_announcement_for_the_neighbourhood_shows_and_goes(client, neighbourhoods):
    hood, other = neighbourhoods
    _cached(client)
    _cached(client, OTHER_HUB)
    page = announcement(title="Travaux rue de Nimy", neighbourhoods=[hood])
    assert "Travaux rue de Nimy" in _fresh(client).content.decode()
    assert "Travaux rue de Nimy" not in client.get(OTHER_HUB).content.decode()
    page.unpublish()
    assert "Travaux rue de Nimy" not in _fresh(client).content.decode()


def test_an_event_shows_at_once(client, neighbourhoods):
    _cached(client)
    event(title="Atelier compost", neighbourhoods=[neighbourhoods[0]])
    assert "Atelier compost" in _fresh(client).content.decode()


def test_a_survey_shows_at_once(client, neighbourhoods):
    _cached(client)
    survey_page(title="Enquête propreté", neighbourhoods=[neighbourhoods[0]])
    assert "Enquête propreté" in _fresh(client).content.decode()


def test_a_call_for_initiatives_shows_at_once(client, neighbourhoods):
    _cached(client)
    call_page(title="Appel Quartiers verts", neighbourhoods=[neighbourhoods[0]])
    assert "Appel Quartiers verts" in _fresh(client).content.decode()


def test_a_budget_round_shows_at_once(client, neighbourhoods):
    _cached(client)
    budget_round(title="Budget 2027", areas=[(neighbourhoods[0], 50_000)])
    assert "Budget 2027" in _fresh(client).content.decode()


def test_an_accepted_initiative_shows_at_once_on_its_hub_only(client, neighbourhoods):
    hood, other = neighbourhoods
    call = call_page(title="Appel 2026", neighbourhoods=[hood])
    initiative = InitiativeFactory(
        call=call, neighbourhood=hood, title="Potager rue Verte", status="in_review"
    )
    assert "Potager rue Verte" not in _cached(client)
    _cached(client, OTHER_HUB)
    initiative_set_status(initiative=initiative, status=Initiative.Status.ACCEPTED)
    assert "Potager rue Verte" in _fresh(client).content.decode()
    # Jemappes' hub did not change: still served from the cache.
    assert client.get(OTHER_HUB)["X-Page-Cache"] == "hit"


def test_members_see_changes_to_the_public_part_at_once(client, neighbourhoods):
    alice = member(neighbourhood=neighbourhoods[0])
    client.force_login(alice)
    client.get(HUB)
    announcement(title="Collecte des encombrants", neighbourhoods=[neighbourhoods[0]])
    assert "Collecte des encombrants" in client.get(HUB).content.decode()


def test_settings_change_the_footer_of_cached_pages(client, neighbourhoods):
    from wagtail.models import Page, Site

    from home.models import PortalSettings

    assert "footer-links" in _cached(client)
    settings = PortalSettings.for_site(Site.objects.get(is_default_site=True))
    settings.privacy_page = Page.objects.get(slug="mons-centre")
    settings.save()
    html = _fresh(client).content.decode()
    footer = html[html.index("footer-links") :]
    assert 'href="/mons-centre/"' in footer
