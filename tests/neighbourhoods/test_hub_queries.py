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
from tests.factories.announcements import announcement, event
from tests.factories.budgets import budget_round, projects
from tests.factories.feed import PostFactory, ReactionFactory
from tests.factories.initiatives import InitiativeFactory, call_page
from tests.factories.neighbourhoods import member
from tests.factories.surveys import survey_page

pytestmark = pytest.mark.django_db

HUB = "/mons-centre/"
# Wagtail routing (site, locale, page, ancestors, view restrictions), the neighbourhood, the
# portal settings, then the sections below. Members add the session, the user, the staff check,
# the membership, the unread notifications count and the feed (residents get no Wagtail
# user bar: staff only).
ANONYMOUS_QUERIES = 15
MEMBER_QUERIES = 21  # + the unread notifications badge in the header (one COUNT)
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


def _hub(client, label):
    client.get(HUB)  # warm-up: Wagtail caches the site's root paths on first use
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
    for size, count in (("small", 1), ("large", 5)):
        _content(hood, alice, count, size)
        client.logout()
        anonymous, html = _hub(client, f"anonymous-{size}")
        assert f"Annonce {size}0" in html and f"Enquête {size}0" in html
        assert f"Budget {size}" in html and f"Appel {size}0" in html
        assert f"Initiative {size}0" in html
        assert "hub-feed" not in html and f"Message {size}0" not in html
        with django_assert_max_num_queries(ANONYMOUS_QUERIES):
            client.get(HUB)
        client.force_login(alice)
        member_count, html = _hub(client, f"member-{size}")
        assert "hub-feed" in html and f"Message {size}{count * 3 - 1}" in html
        assert f"Annonce {size}0" in html
        with django_assert_max_num_queries(MEMBER_QUERIES):
            client.get(HUB)
        counts[size] = (anonymous, member_count)
    assert counts["small"] == counts["large"] == (ANONYMOUS_QUERIES, MEMBER_QUERIES)


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
        assert client.get(HUB).status_code == 200
    finally:
        registry._hub_sections.update(saved)
    assert seen == SECTION_QUERIES
