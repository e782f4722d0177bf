"""Download-my-data links and account deletion: only the person themself, never staff."""

from types import SimpleNamespace

import pytest

from privacy import services
from privacy.models import DataExport
from tests.boundary.matrix import Case, check_case
from tests.conftest import STAFF_ROLES

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(users_by_role, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    owner = users_by_role["member of A"]
    export = DataExport.objects.create(user=owner)
    services.data_export_build(export_id=export.pk)
    export.refresh_from_db()
    return SimpleNamespace(token=services.download_token(export), owner=owner)


CASES = [
    Case(
        name="download a member's data ZIP",
        url=lambda w: f"/compte/mes-donnees/telecharger/{w.token}/",
        expect={"member of A": 200},
        default=404,
    ),
    Case(
        name="delete-my-account page",
        url=lambda w: "/compte/supprimer-mon-compte/",
        expect={
            "pending resident": 200,
            "member of A": 200,
            "member of B": 200,
            "moderator of A": 200,
        },
        default=404,  # staff accounts are closed by a superuser, not here
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_privacy_urls(case, world, client_for):
    assert check_case(case, world=world, client_for=client_for, secrets=[world.owner.email]) == []


def test_staff_roles_are_covered():
    assert STAFF_ROLES
