"""Shared fixtures. App-specific fixtures live in tests/<app>/conftest.py."""

import os
import re

import pytest
from django.db import connection

ROLES = [
    "anonymous",
    "pending resident",
    "member of A",
    "member of B",
    "moderator of A",
    "Communications officers",
    "Newsletter editors",
    "Participation staff",
    "Verification staff",
    "superuser",
]
STAFF_ROLES = ROLES[5:]


def pytest_collection_modifyitems(config, items):
    """PostgreSQL-only tests skip on SQLite, except in CI where skipping them fails the run."""
    on_postgres = "postgres" in os.environ.get("DATABASE_URL", "")
    if on_postgres:
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL: set DATABASE_URL=postgres://…")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


def pytest_sessionfinish(session, exitstatus):
    # CI sets FAIL_ON_SKIP=1: a skipped test there means a requirement went unchecked.
    if os.environ.get("FAIL_ON_SKIP") != "1":
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if skipped:
        reporter.write_line(f"FAIL_ON_SKIP: {len(skipped)} test(s) were skipped:", red=True)
        for report in skipped:
            reporter.write_line(f"  {report.nodeid}: {report.longrepr[-1]}", red=True)
        session.exitstatus = 1


@pytest.fixture(autouse=True)
def _base_content(request):
    """Transactional tests truncate every table, migrations' data included: put it back."""
    marker = request.node.get_closest_marker("django_db")
    if marker is None:
        return
    transactional = marker.kwargs.get("transaction") or (marker.args and marker.args[0])
    if not transactional:
        return
    request.getfixturevalue("transactional_db")
    from home.bootstrap import ensure_base_content

    ensure_base_content()


HTML_ENTITY = re.compile(r"&(#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);")


@pytest.fixture(autouse=True)
def _plain_text_mail_has_no_html_entities():
    """Every e-mail any test sends: its subject and text part are never HTML-escaped."""
    yield
    from django.core import mail

    for message in getattr(mail, "outbox", []):
        for part in (message.subject, message.body):
            found = HTML_ENTITY.search(part)
            assert found is None, f"HTML entity {found.group(0)!r} in e-mail {message.subject!r}"


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def is_postgres():
    return connection.vendor == "postgresql"


@pytest.fixture
def neighbourhoods(db):
    """Two neighbourhoods, A and B, each with a published hub page."""
    from tests.factories.neighbourhoods import NeighbourhoodFactory, hub_page

    a = NeighbourhoodFactory(code="mons-centre", name="Mons-Centre")
    b = NeighbourhoodFactory(code="jemappes", name="Jemappes")
    hub_page(neighbourhood=a)
    hub_page(neighbourhood=b)
    return a, b


@pytest.fixture
def users_by_role(neighbourhoods):
    """One user per role of the boundary matrix (see ROLES)."""
    from tests.factories.accounts import UserFactory, staff_user, superuser
    from tests.factories.neighbourhoods import member

    a, b = neighbourhoods
    users = {
        "anonymous": None,
        "pending resident": UserFactory(),
        "member of A": member(neighbourhood=a),
        "member of B": member(neighbourhood=b),
        "moderator of A": member(neighbourhood=a, moderator=True),
        "superuser": superuser(),
    }
    for group in STAFF_ROLES[:-1]:
        users[group] = staff_user(group)
    return users


@pytest.fixture
def client_for(client, users_by_role):
    """client_for(role) -> a Django test client logged in as that role."""
    from django.test import Client

    def make(role):
        c = Client()
        user = users_by_role[role]
        if user is not None:
            c.force_login(user)
        return c

    return make
