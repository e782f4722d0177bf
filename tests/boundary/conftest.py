import pytest

from tests.conftest import ROLES


@pytest.fixture
def matrix_client_for(client_for, users_by_role):
    """client_for, plus roles a matrix file adds to `users_by_role` (e.g. "author")."""
    from django.test import Client

    def make(role):
        if role in ROLES:
            return client_for(role)
        c = Client()
        c.force_login(users_by_role[role])
        return c

    return make
