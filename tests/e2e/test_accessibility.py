"""axe-core (WCAG 2.1 A/AA rules) on the pages people use, as a visitor and as a member.

Every app's resident-facing pages are here; a new page belongs in one of these lists.
"""

import os
from pathlib import Path

import pytest

from tests.e2e.conftest import login
from tests.factories.accounts import PASSWORD
from tests.factories.neighbourhoods import NeighbourhoodFactory, hub_page, member

ROOT = Path(__file__).resolve().parents[2]
# run.py installs axe-core into the checkout's virtualenv; AXE_PATH points elsewhere.
AXE = Path(
    os.environ.get("AXE_PATH")
    or ROOT / ".venv" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
)

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not AXE.exists(), reason="axe-core not installed (needs npm)"),
]

PUBLIC_PAGES = [
    "/",
    "/hyon/",
    "/quartiers/trouver/",
    "/quartiers/trouver/?street=x&number=1",
    "/compte/connexion/",
    "/compte/inscription/",
    "/nl/",
    "/en/hyon/",
    "/lettre/",
    "{announcement}",
    "{event}",
    "{call}",
    "{budget}",
]
MEMBER_PAGES = [
    "/hyon/",
    "/compte/profil/",
    "/compte/mes-donnees/",
    "/compte/supprimer-mon-compte/",
    "/fil/quartier/hyon/",
    "/fil/quartier/hyon/publier/",
    "/verification/",
    "/entraide/",
    "/annonces/preferences/",
    "/entraide/messages/",
    "/entraide/mon-offre/",
    "/entraide/benevole/",
    "/initiatives/mes-initiatives/",
    "{survey}",
    "{budget}",
    "{budget_vote}",
    "{event}",
]


def axe_violations(page):
    page.evaluate(AXE.read_text())
    return page.evaluate(
        "async () => (await axe.run(document, {runOnly: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']})).violations"
        ".map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' '))}))"
    )


@pytest.fixture
def content(db):
    from django.urls import reverse

    from tests.factories.announcements import announcement, event
    from tests.factories.budgets import budget_round, projects
    from tests.factories.initiatives import call_page
    from tests.factories.surveys import survey_page

    hood = NeighbourhoodFactory(code="hyon", name="Hyon")
    hub_page(neighbourhood=hood)
    budget = budget_round(projects=projects(("Parc", 40_000), ("Bancs", 10_000)))
    return hood, {
        "announcement": announcement(neighbourhoods=[hood]).url,
        "event": event(neighbourhoods=[hood]).url,
        "call": call_page(neighbourhoods=[hood]).url,
        "survey": survey_page(neighbourhoods=[hood]).url,
        "budget": budget.url,
        "budget_vote": reverse("budgets:vote", args=[budget.pk]),
    }


def walk(page, urls, objects):
    found = {}
    for template in urls:
        url = template.format(**objects)
        response = page.goto(url)
        assert response.status == 200, f"{url} answered {response.status}"
        violations = axe_violations(page)
        if violations:
            found[url] = violations
    return found


def test_public_pages_have_no_wcag_violations(page, content):
    _hood, objects = content
    assert walk(page, PUBLIC_PAGES, objects) == {}


def test_member_pages_have_no_wcag_violations(page, content):
    hood, objects = content
    user = member(neighbourhood=hood)
    login(page, email=user.email, password=PASSWORD)
    assert walk(page, MEMBER_PAGES, objects) == {}
