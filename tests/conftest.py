"""Shared fixtures. App-specific fixtures live in tests/<app>/conftest.py."""

import os
import re
import sys
import tempfile
from pathlib import Path

import pytest
from django.db import connection

REPO = Path(__file__).resolve().parent.parent
_outside_reads: set[str] = set()

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


def pytest_configure(config):
    """The repository stands alone: note every file a test opens beside the checkout (in its
    parent folder but outside it, e.g. a sibling data folder); pytest_sessionfinish fails the run
    on any."""
    beside = str(REPO.parent) + os.sep
    inside = (str(REPO) + os.sep, sys.prefix + os.sep)
    temp = os.path.realpath(tempfile.gettempdir()) + os.sep
    if temp.startswith(beside):  # a checkout straight in /tmp: its neighbours are temp files
        inside += (temp,)

    def audit(event, args):
        if event == "open" and isinstance(args[0], str | bytes | os.PathLike):
            path = os.path.abspath(os.fsdecode(args[0]))
            if path.startswith(beside) and not path.startswith(inside):
                _outside_reads.add(path)

    if not getattr(sys, "_portal_audit_hook", False):
        sys.addaudithook(audit)
        sys._portal_audit_hook = True


def pytest_sessionfinish(session, exitstatus):
    if _outside_reads:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        if reporter:
            reporter.write_line("Tests opened files outside the repository:", red=True)
            for path in sorted(_outside_reads)[:20]:
                reporter.write_line(f"  {path}", red=True)
        session.exitstatus = 1
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


@pytest.fixture(autouse=True)
def _staff_force_login_has_second_factor(request, monkeypatch):
    """Staff must sign in with a second factor; `client.force_login(staff)` does it for tests.

    A test about the second factor itself marks itself `second_factor_unverified` (or logs in
    with `client.login`/the login form, which never verifies).
    """
    if request.node.get_closest_marker("second_factor_unverified"):
        return
    from django.test import Client

    from accounts.two_factor import needs_second_factor
    from tests.factories.accounts import verify_second_factor

    original = Client.force_login

    def force_login(self, user, backend=None):
        original(self, user, backend)
        if needs_second_factor(user):
            verify_second_factor(self, user)

    monkeypatch.setattr(Client, "force_login", force_login)


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
