import pytest
from wagtail.models import Locale

from tests.factories.budgets import budget_round, projects

pytestmark = pytest.mark.django_db


def test_a_translated_round_shows_once_on_the_hub_in_the_readers_language(client, neighbourhoods):
    budget = budget_round(title="Budget participatif 2026", projects=projects(("Parc", 40_000)))
    dutch = budget.copy_for_translation(Locale.objects.get(language_code="nl"), copy_parents=True)
    dutch.title = "Burgerbegroting 2026"
    dutch.save_revision().publish()

    french = client.get("/mons-centre/").content.decode()
    assert french.count("Budget participatif 2026") == 1
    assert "Burgerbegroting 2026" not in french
