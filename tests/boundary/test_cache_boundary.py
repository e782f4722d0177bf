"""The caches never hand anyone a page or fragment built for someone else.

A member of A primes every cache (page cache, hub fragments, city items, footer) by reading the
hub, the home page, their feed and a post; then each role reads the same pages. And the other way
round: every role primes, a visitor reads.
"""

import pytest
from django.test import Client

from tests.conftest import ROLES
from tests.factories.announcements import announcement
from tests.factories.feed import PostFactory, ReactionFactory

pytestmark = pytest.mark.django_db

HUB_A = "/mons-centre/"
PUBLIC_PAGES = (HUB_A, "/nl/mons-centre/", "/", "/quartiers/trouver/")
SECRET_POST = "Clé de la remise chez Odile"
SECRET_REACTION = "Je passe la chercher à 18 h"
A_MEMBERS = ("member of A", "moderator of A")


@pytest.fixture
def primed_by_member_of_a(client_for, users_by_role, neighbourhoods):
    alice = users_by_role["member of A"]
    alice.first_name = "Alicia-Secret"
    alice.save()
    post = PostFactory(author=alice, title=SECRET_POST)
    ReactionFactory(post=post, author=alice, body=SECRET_REACTION)
    announcement(title="Marché de Noël", neighbourhoods=[neighbourhoods[0]])
    primer = client_for("member of A")
    for url in (*PUBLIC_PAGES, "/fil/quartier/mons-centre/", f"/fil/messages/{post.pk}/"):
        for _ in range(2):
            assert primer.get(url).status_code == 200, url
    return post


def _private_bits(html):
    return [
        bit
        for bit in (
            SECRET_POST,
            SECRET_REACTION,
            "Alicia-Secret",
            "hub-feed",
            "csrfmiddlewaretoken",
        )
        if bit in html and (bit != "csrfmiddlewaretoken" or 'action="/fil/' in html)
    ]


@pytest.mark.parametrize("role", ROLES)
def test_what_a_member_primed_is_never_served_to_another_role(
    role, client_for, primed_by_member_of_a
):
    reader = client_for(role)
    for url in PUBLIC_PAGES:
        for _ in range(2):
            response = reader.get(url)
            assert response.status_code == 200, url
            html = response.content.decode()
            assert "Marché de Noël" in html or url != HUB_A  # the public part is there
            if role in A_MEMBERS and "mons-centre" in url:
                assert SECRET_POST in html  # their own feed, not a visitor's page
            else:
                assert _private_bits(html) == [], (role, url)
            if role != "anonymous":
                assert "X-Page-Cache" not in response  # logged in: never from the page cache
                assert 'compte/deconnexion/"' in html  # their own header


@pytest.mark.parametrize("role", ROLES[1:])
def test_what_any_role_primed_is_never_served_to_a_visitor(role, client_for, users_by_role):
    PostFactory(author=users_by_role["member of A"], title=SECRET_POST)
    primer = client_for(role)
    for url in PUBLIC_PAGES:
        primer.get(url)
        primer.get(url)
    visitor = Client()
    for url in PUBLIC_PAGES:
        for _ in range(2):
            html = visitor.get(url).content.decode()
            assert SECRET_POST not in html and "hub-feed" not in html, (role, url)
            assert 'compte/deconnexion/"' not in html, (role, url)
            assert "wagtail-userbar" not in html and "userbar" not in html, (role, url)


def test_a_member_of_b_never_gets_a_members_fragment(client_for, primed_by_member_of_a):
    reader = client_for("member of B")
    html = reader.get("/jemappes/").content.decode()
    assert "hub-feed" in html and SECRET_POST not in html
    html = reader.get(HUB_A).content.decode()
    assert "hub-feed" not in html and SECRET_POST not in html
