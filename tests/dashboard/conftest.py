import pytest


@pytest.fixture
def dataset(neighbourhoods):
    from tests.factories.dashboard import build

    return build(neighbourhoods=neighbourhoods)
