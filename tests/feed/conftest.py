import pytest

from tests.factories.neighbourhoods import member


@pytest.fixture
def hoods(neighbourhoods):
    return neighbourhoods


@pytest.fixture
def alice(hoods):
    """A member of A (mons-centre)."""
    return member(neighbourhood=hoods[0], display_name="Alice M.")


@pytest.fixture
def bob(hoods):
    """Another member of A."""
    return member(neighbourhood=hoods[0], display_name="Bob R.")


@pytest.fixture
def moderator(hoods):
    return member(neighbourhood=hoods[0], moderator=True, display_name="Modé R.")


@pytest.fixture
def outsider(hoods):
    """A member of B (jemappes)."""
    return member(neighbourhood=hoods[1], display_name="Berthe J.")


@pytest.fixture
def login(client):
    def as_(user):
        client.force_login(user)
        return client

    return as_


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "public"
