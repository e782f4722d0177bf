import pytest

from tests.factories.budgets import budget_round, projects


@pytest.fixture
def city_round(neighbourhoods):
    """A city-wide approval round, voting open, €100,000, choose 1 to 3 of five projects."""
    a, b = neighbourhoods
    return budget_round(
        title="Budget participatif 2026",
        ballot_rule="approval",
        min_projects=1,
        max_projects=3,
        projects=projects(
            ("Potager collectif", 30_000),
            ("Bancs au parc", 10_000),
            ("Piste cyclable", 60_000),
            ("Fresque murale", 20_000),
            ("Boîte à livres", 5_000),
        ),
    )


@pytest.fixture
def resident(neighbourhoods):
    from tests.factories.neighbourhoods import member

    return member(neighbourhood=neighbourhoods[0])
