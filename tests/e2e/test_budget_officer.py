"""The returning officer, in the Wagtail admin, in a real browser: creates the round's key (shown
once), and after the vote counts the round with it; a wrong key is refused with a clear message."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import staff_login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_officer_creates_the_key_then_counts_the_round_with_it(page, live_server):
    from budgets.models import Ballot, RoundKey, SealedBallot
    from budgets.services import ballot_cast
    from tests.factories.accounts import PASSWORD, staff_user
    from tests.factories.budgets import budget_round, move_to_phase, projects
    from tests.factories.neighbourhoods import HouseholdFactory, NeighbourhoodFactory

    hood = NeighbourhoodFactory(code="mons-centre", name="Mons-Centre")
    budget = budget_round(
        title="Budget participatif 2026",
        key=False,
        projects=projects(("Potager collectif", 30_000), ("Bancs au parc", 10_000)),
    )
    officer = staff_user("Participation staff", email="officier@mons.be")
    staff_login(page, user=officer, password=PASSWORD)

    # 1. Before voting opens: the round's key, shown once.
    page.goto("/admin/budgets/")
    page.get_by_role("link", name="Créer la clé de l'édition").click()
    page.get_by_role("button", name="Créer la clé de l'édition").click()
    expect(page.get_by_text("Enregistrez cette clé maintenant")).to_be_visible()
    key_text = page.get_by_test_id("private-key").inner_text().strip()
    assert key_text.startswith(f"mqb-key:1:{budget.round_key}:")
    download = page.get_by_role("link", name="Télécharger la clé")
    assert download.get_attribute("download") == f"{budget.slug}.key"
    # Not stored: the server keeps the public half only.
    stored = RoundKey.objects.get(round_key=budget.round_key)
    assert key_text.rsplit(":", 1)[1] not in stored.public_key
    page.reload()  # shown once: a second visit does not show it again
    expect(page.get_by_test_id("private-key")).to_have_count(0)

    # 2. Households vote (sealed ballots); voting closes.
    for choice in (["p1"], ["p1", "p2"], ["p2"]):
        household = HouseholdFactory(address__neighbourhood=hood)
        ballot_cast(budget=budget, household=household, choices=choice)
    assert SealedBallot.objects.count() == 3 and Ballot.objects.count() == 0
    move_to_phase(budget, "closed")

    # 3. The count: a wrong key is refused, the right one opens the ballots.
    page.goto("/admin/budgets/")
    page.get_by_role("link", name="Dépouiller l'édition").click()
    expect(page.get_by_text("3 bulletins scellés attendent")).to_be_visible()
    page.get_by_label("Clé privée").fill(key_text[:-6] + "AAAAA=")
    page.get_by_role("button", name="Ouvrir et compter les bulletins").click()
    expect(page.get_by_text("Si la clé est perdue")).to_be_visible()
    assert Ballot.objects.count() == 0 and SealedBallot.objects.count() == 3
    page.get_by_label("Clé privée").fill(key_text)
    page.get_by_role("button", name="Ouvrir et compter les bulletins").click()
    page.wait_for_url(re.compile(rf"/budget/{budget.pk}/resultats/$"))
    expect(page.get_by_text("3 bulletins ouverts")).to_be_visible()
    assert Ballot.objects.count() == 3 and SealedBallot.objects.count() == 0
    winners = page.locator("section").first.locator("ol").first
    expect(winners).to_contain_text("Potager collectif")
