"""Three neighbours and a post, shared by the notifications and conversations tests."""

import pytest

from tests.factories.neighbourhoods import member


@pytest.fixture
def alice(neighbourhoods):
    """A member of A who posts."""
    return member(neighbourhood=neighbourhoods[0], display_name="Alice M.", language="fr")


@pytest.fixture
def bob(neighbourhoods):
    """Another member of A who reacts."""
    return member(neighbourhood=neighbourhoods[0], display_name="Bob R.")


@pytest.fixture
def berthe(neighbourhoods):
    """A member of B."""
    return member(neighbourhood=neighbourhoods[1], display_name="Berthe J.")


@pytest.fixture
def post(alice):
    from tests.factories.feed import PostFactory

    return PostFactory(author=alice, title="Échelle à prêter")


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "public"
