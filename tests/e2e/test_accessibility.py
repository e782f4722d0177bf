"""axe-core (WCAG 2.1 A/AA rules) on the pages people use most, as a visitor and as a member."""

from pathlib import Path

import pytest

from tests.e2e.conftest import login
from tests.factories.accounts import PASSWORD
from tests.factories.neighbourhoods import NeighbourhoodFactory, hub_page, member

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / ".venv" / "axe" / "node_modules" / "axe-core" / "axe.min.js"

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not AXE.exists(), reason="axe-core not installed (needs npm)"),
]

PUBLIC_PAGES = ["/", "/hyon/", "/quartiers/trouver/", "/quartiers/trouver/?street=x&number=1",
                "/compte/connexion/", "/compte/inscription/", "/nl/", "/en/hyon/"]
MEMBER_PAGES = ["/hyon/", "/compte/profil/"]


def axe_violations(page):
    page.evaluate(AXE.read_text())
    result = page.evaluate(
        "async () => (await axe.run(document, {runOnly: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']})).violations"
        ".map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' '))}))"
    )
    return result


@pytest.fixture
def hyon(db):
    hood = NeighbourhoodFactory(code="hyon", name="Hyon")
    hub_page(neighbourhood=hood)
    return hood


def test_public_pages_have_no_wcag_violations(page, hyon):
    found = {}
    for url in PUBLIC_PAGES:
        page.goto(url)
        violations = axe_violations(page)
        if violations:
            found[url] = violations
    assert found == {}


def test_member_pages_have_no_wcag_violations(page, hyon):
    user = member(neighbourhood=hyon)
    login(page, email=user.email, password=PASSWORD)
    found = {}
    for url in MEMBER_PAGES:
        page.goto(url)
        violations = axe_violations(page)
        if violations:
            found[url] = violations
    assert found == {}
