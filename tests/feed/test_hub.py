"""The feed on a neighbourhood hub: members only, a constant number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories.feed import PostFactory, ReactionFactory
from tests.factories.neighbourhoods import member

pytestmark = pytest.mark.django_db

HUB = "/mons-centre/"
# Pinned: the same at both data sizes (see bench/bench_hub.py for the figures at scale).
# The whole hub page (Wagtail routing, session, other apps' sections) and the feed's own part.
# 20 + the unread notifications badge; see tests/neighbourhoods/test_hub_queries.py.
HUB_QUERIES = 21
# The latest posts; "is this a staff account?" and the membership are already known to the page.
FEED_SECTION_QUERIES = 1


def _hub_queries(client):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(HUB)
    assert response.status_code == 200
    return len(ctx.captured_queries), response.content.decode()


def _make_posts(author, hoods, count, reactions_per_post=2):
    others = [member(neighbourhood=hoods[0]) for _ in range(3)]
    for i in range(count):
        post = PostFactory(author=others[i % 3] if i % 2 else author, title=f"Hub message {i}")
        for _ in range(reactions_per_post):
            ReactionFactory(post=post, author=others[0])


def test_members_see_the_latest_posts_a_link_and_a_form_on_their_hub(login, alice, hoods):
    _make_posts(alice, hoods, 7)
    _count, html = _hub_queries(login(alice))
    assert "Hub message 6" in html and "Hub message 2" in html
    assert "Hub message 1" not in html  # only the latest five
    assert 'href="/fil/quartier/mons-centre/"' in html
    assert 'action="/fil/quartier/mons-centre/publier/"' in html


def test_the_hub_runs_the_same_number_of_queries_with_little_and_much_data(
    login, alice, hoods, django_assert_max_num_queries
):
    client = login(alice)
    _make_posts(alice, hoods, 2, reactions_per_post=0)
    client.get(HUB)  # warm-up: Wagtail caches the site's root paths on first use
    small, _ = _hub_queries(client)
    with django_assert_max_num_queries(HUB_QUERIES):
        client.get(HUB)
    _make_posts(alice, hoods, 40, reactions_per_post=3)
    large, _ = _hub_queries(client)
    with django_assert_max_num_queries(HUB_QUERIES):
        client.get(HUB)
    assert small == large


def test_the_feed_section_itself_is_one_query_at_any_size(
    rf, alice, hoods, django_assert_num_queries
):
    from feed.hub import render_hub_feed
    from neighbourhoods.permissions import is_city_staff
    from neighbourhoods.selectors import active_membership

    request = rf.get(HUB)
    request.user = alice
    active_membership(user=alice)  # the page has already looked these up
    is_city_staff(alice)
    for count in (0, 30):
        _make_posts(alice, hoods, count, reactions_per_post=1)
        with django_assert_num_queries(FEED_SECTION_QUERIES):
            html = render_hub_feed(request=request, neighbourhood=hoods[0])
        assert ("Hub message" in html) == bool(count)


def test_members_of_other_neighbourhoods_and_staff_see_no_feed_on_the_hub(
    client_for, users_by_role, hoods
):
    PostFactory(
        author=users_by_role["member of A"], title="Secret de quartier", body="<p>Motdepasse</p>"
    )
    for role in (
        "anonymous",
        "pending resident",
        "member of B",
        "Communications officers",
        "Newsletter editors",
        "Participation staff",
        "Verification staff",
        "superuser",
    ):
        html = client_for(role).get(HUB).content.decode()
        assert "Secret de quartier" not in html and "Motdepasse" not in html, role
        assert "/fil/quartier/mons-centre/publier/" not in html, role


def test_a_page_preview_by_staff_shows_no_feed(client_for, users_by_role, hoods):
    from neighbourhoods.models import NeighbourhoodPage

    PostFactory(author=users_by_role["member of A"], title="Secret de quartier")
    page = NeighbourhoodPage.objects.get(neighbourhood=hoods[0])
    for role in ("Communications officers", "superuser"):
        response = client_for(role).get(f"/admin/pages/{page.pk}/edit/preview/")
        html = response.content.decode()
        assert "Secret de quartier" not in html, role
        view = client_for(role).get(f"/admin/pages/{page.pk}/view_draft/")
        assert "Secret de quartier" not in view.content.decode(), role
