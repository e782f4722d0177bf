import pytest

from tests.factories.accounts import UserFactory, staff_user
from tests.factories.neighbourhoods import AddressFactory


@pytest.fixture
def resident(db):
    return UserFactory(language="fr")


@pytest.fixture
def resident_client(client, resident):
    client.force_login(resident)
    return client


@pytest.fixture
def address(neighbourhoods):
    return AddressFactory(neighbourhood=neighbourhoods[0], street="Rue de la Chaussée", number="12")


@pytest.fixture
def verifier(db):
    return staff_user("Verification staff")


@pytest.fixture
def verifier_client(client, verifier):
    client.force_login(verifier)
    return client
