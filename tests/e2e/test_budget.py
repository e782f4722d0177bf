"""A resident votes in the citizen budget, in French, in a real browser."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_resident_votes_and_a_second_try_from_the_household_is_refused(page, live_server):
    from tests.factories.accounts import PASSWORD
    from tests.factories.budgets import budget_round, projects
    from tests.factories.neighbourhoods import HouseholdFactory, NeighbourhoodFactory, member

    hood = NeighbourhoodFactory(code="mons-centre", name="Mons-Centre")
    budget = budget_round(
        title="Budget participatif 2026",
        max_projects=2,
        projects=projects(
            ("Potager collectif", 30_000), ("Bancs au parc", 10_000), ("Piste cyclable", 60_000)
        ),
    )
    household = HouseholdFactory(address__neighbourhood=hood)
    first = member(household=household, email="marie@example.be")
    member(household=household, email="paul@example.be")

    login(page, email=first.email, password=PASSWORD)
    page.goto(budget.url)
    page.get_by_role("link", name="Voter").click()
    assert page.get_by_text("Étape 1 sur 3").is_visible()
    page.get_by_label("Potager collectif").check()
    page.get_by_label("Bancs au parc").check()
    page.get_by_label("Piste cyclable").check()
    page.get_by_role("button", name="Continuer vers la vérification").click()
    assert page.get_by_text("Choisissez au plus 2 projets").first.is_visible()
    page.get_by_label("Piste cyclable").uncheck()
    page.get_by_role("button", name="Continuer vers la vérification").click()
    assert page.get_by_role("heading", name="Vérifiez votre bulletin").is_visible()
    page.get_by_role("button", name="Confirmer mon vote").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Merci")

    page.context.clear_cookies()
    login(page, email="paul@example.be", password=PASSWORD)
    page.goto(f"/budget/{budget.pk}/voter/")
    assert page.get_by_text("Votre ménage a déjà voté pour cette édition").is_visible()
