"""The feed page and a post with its reactions run a fixed number of queries at any data size.

City items (announcements, surveys, calls, budget rounds) come from a per-neighbourhood,
per-language cache (neighbourhoods.cache); the rest is the member's own: session, user (with
the staff check), membership, neighbourhood, posts, thanks. The goal is 8 at most, one kept for
the header's unread-notification count. `HUB_SQL=1` writes the SQL to /tmp/hub_sql/ for profiling.
"""

import os
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories.announcements import announcement
from tests.factories.feed import PostFactory, ReactionFactory
from tests.factories.neighbourhoods import member
from tests.factories.surveys import survey_page

pytestmark = pytest.mark.django_db

FEED = "/fil/quartier/mons-centre/"
FEED_QUERIES = 7  # with the header's unread-notifications badge (one COUNT)
POST_QUERIES = 7
BUDGET = 8


def _count(client, url, label):
    client.get(url)  # warm-up
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    if os.environ.get("HUB_SQL"):
        folder = Path("/tmp/hub_sql")
        folder.mkdir(exist_ok=True)
        (folder / f"{label}.sql").write_text("\n\n".join(q["sql"] for q in ctx.captured_queries))
    return len(ctx.captured_queries), response.content.decode()


def test_feed_and_post_pages_run_the_same_queries_at_any_size(client, neighbourhoods):
    hood = neighbourhoods[0]
    alice, bob = member(neighbourhood=hood), member(neighbourhood=hood)
    client.force_login(alice)
    counts = {}
    for size, count in (("small", 2), ("large", 12)):
        posts = [PostFactory(author=bob, title=f"Message {size}{i}") for i in range(count * 3)]
        announcement(title=f"Annonce {size}", neighbourhoods=[hood])
        survey_page(title=f"Enquête {size}", neighbourhoods=[hood])
        for i in range(count):
            ReactionFactory(post=posts[-1], author=alice if i % 2 else bob, body=f"Réponse {i}")
        feed, html = _count(client, FEED, f"feed-{size}")
        assert f"Message {size}{count * 3 - 1}" in html and f"Annonce {size}" in html
        post, html = _count(client, f"/fil/messages/{posts[-1].pk}/", f"post-{size}")
        assert f"Réponse {count - 1}" in html
        counts[size] = (feed, post)
    assert counts["small"] == counts["large"] == (FEED_QUERIES, POST_QUERIES)
    assert max(FEED_QUERIES, POST_QUERIES) <= BUDGET - 1
