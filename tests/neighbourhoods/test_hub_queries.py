"""The whole hub page runs a fixed number of queries, for visitors and members, at any data size.

Every capability app adds a section to the hub (neighbourhoods.registry); each section is pinned
too, so a regression points at its app. `HUB_SQL=1` writes the SQL of each request and section
to /tmp/hub_sql/ for profiling.
"""

import os
from dataclasses import replace
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from initiatives.models import Initiative
from portal import page_cache
from tests.factories.announcements import announcement, event
from tests.factories.budgets import budget_round, projects
from tests.factories.feed import PostFactory, ReactionFactory
from tests.factories.initiatives import InitiativeFactory, call_page
from tests.factories.neighbourhoods import member
from tests.factories.surveys import survey_page

pytestmark = pytest.mark.django_db

HUB = "/mons-centre/"
# A visitor's hub comes from the page cache: no query at all. With every cache cold (the first
# visit after a publication): Wagtail's routing (site, locale, root, home, hub, aliases, view
# restrictions), the hub with its neighbourhood, the sections below and the portal settings.
ANONYMOUS_CACHED = 0
ANONYMOUS_COLD = 15
# A member: the session, the user with the staff check (portal.auth_backend), the membership,
# the hub page (route memoised per process), the feed section; the public part comes from the
# hub cache. Room is kept for the header's unread-notification count: the goal is 8 at most.
MEMBER_QUERIES = 6  # + the unread notifications badge in the header (one COUNT)
MEMBER_BUDGET = 8
SECTION_QUERIES = {
    "announcements": 2,  # announcements, upcoming events
    "feed": 1,  # latest posts with their authors
    "surveys": 1,
    "budgets": 1,  # rounds open for voting here (city-wide or with an area for it)
    "initiatives": 2,  # published initiatives, open calls
    "care": 0,  # the membership is already known
}


def _dump(label, queries):
    if os.environ.get("HUB_SQL"):
        folder = Path("/tmp/hub_sql")
        folder.mkdir(exist_ok=True)
        (folder / f"{label}.sql").write_text("\n\n".join(q["sql"] for q in queries))


def _content(hood, author, count, tag):
    """City content aimed at `hood` (some city-wide), initiatives, posts and reactions."""
    for i in range(count):
        survey_page(title=f"Enquête {tag}{i}", neighbourhoods=[hood] if i % 2 else ())
        announcement(title=f"Annonce {tag}{i}", neighbourhoods=[hood], all_neighbourhoods=i % 2)
        event(title=f"Atelier {tag}{i}", all_neighbourhoods=True)
        call = call_page(title=f"Appel {tag}{i}", neighbourhoods=[hood] if i % 2 else [])
        InitiativeFactory(
            call=call,
            neighbourhood=hood,
            title=f"Initiative {tag}{i}",
            status=Initiative.Status.ACCEPTED,
        )
    budget_round(
        title=f"Budget {tag}",
        areas=[(hood, 50_000)],
        projects=projects(("Parc", 40_000), ("Bancs", 10_000), neighbourhood=hood),
    )
    for i in range(count * 3):
        post = PostFactory(author=author, title=f"Message {tag}{i}")
        ReactionFactory(post=post, author=author)


def _hub(client, label, *, cold=False):
    client.get(HUB)  # warm-up: routes, hub fragments, Wagtail's site root paths
    if cold:
        page_cache.bump_global()  # as a publication does: routes, fragments, pages forgotten
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(HUB)
    assert response.status_code == 200
    _dump(label, ctx.captured_queries)
    return len(ctx.captured_queries), response.content.decode()


def test_the_hub_runs_the_same_queries_for_visitors_and_members_at_any_size(
    client, neighbourhoods, django_assert_max_num_queries
):
    hood = neighbourhoods[0]
    alice = member(neighbourhood=hood)
    counts = {}
    client.get(HUB)  # the portal settings are created on the very first page
    for size, count in (("small", 1), ("large", 5)):
        _content(hood, alice, count, size)
        client.logout()
        cold, html = _hub(client, f"anonymous-cold-{size}", cold=True)
        assert f"Annonce {size}0" in html and f"Enquête {size}0" in html
        assert f"Budget {size}" in html and f"Appel {size}0" in html
        assert f"Initiative {size}0" in html
        assert "hub-feed" not in html and f"Message {size}0" not in html
        anonymous, cached_html = _hub(client, f"anonymous-{size}")
        assert f"Annonce {size}0" in cached_html and "hub-feed" not in cached_html
        client.force_login(alice)
        member_count, html = _hub(client, f"member-{size}")
        assert "hub-feed" in html and f"Message {size}{count * 3 - 1}" in html
        assert f"Annonce {size}0" in html
        with django_assert_max_num_queries(MEMBER_BUDGET - 1):
            client.get(HUB)
        counts[size] = (cold, anonymous, member_count)
    expected = (ANONYMOUS_COLD, ANONYMOUS_CACHED, MEMBER_QUERIES)
    assert counts["small"] == counts["large"] == expected


def test_each_section_runs_a_fixed_number_of_queries(client, neighbourhoods):
    from neighbourhoods import registry

    hood = neighbourhoods[0]
    alice = member(neighbourhood=hood)
    _content(hood, alice, 2, "s")
    client.force_login(alice)
    client.get(HUB)
    seen = {}

    def counted(section):
        def render(**kwargs):
            with CaptureQueriesContext(connection) as ctx:
                html = section.render(**kwargs)
            assert html, f"the {section.key} section should show something"
            seen[section.key] = len(ctx.captured_queries)
            _dump(f"section-{section.key}", ctx.captured_queries)
            return html

        return render

    saved = dict(registry._hub_sections)
    try:
        for key, section in saved.items():
            registry._hub_sections[key] = replace(section, render=counted(section))
        page_cache.bump_global()  # the public sections render again
        assert client.get(HUB).status_code == 200
    finally:
        registry._hub_sections.update(saved)
    assert seen == SECTION_QUERIES
