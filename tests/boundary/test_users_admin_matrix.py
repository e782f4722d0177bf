"""The users admin and impersonation: no role, superusers included, reaches a resident's account.

A password set by staff (or any "log in as") would let staff read the resident's feed.
"""

from types import SimpleNamespace

import pytest

from tests.boundary.matrix import REDIRECT, Case, check_case
from tests.conftest import ROLES, STAFF_ROLES

pytestmark = pytest.mark.django_db

RESIDENTS = ["pending resident", "member of A", "member of B", "moderator of A"]
# Wagtail sends signed-in people without admin access back to its login page.
NOT_ADMIN = dict.fromkeys(["anonymous", *RESIDENTS], REDIRECT)


def _resident_cases():
    cases = []
    for view in ("edit", "delete", "history", "usage", "copy"):
        cases.append(
            Case(
                name=f"users admin {view} of a resident",
                url=lambda w, view=view: f"/admin/users/{view}/{w.resident.pk}/",
                expect=NOT_ADMIN,
                default=404,
            )
        )
    cases += [
        Case(
            name="users admin: set a resident's password",
            url=lambda w: f"/admin/users/edit/{w.resident.pk}/",
            method="post",
            data=lambda w: {
                "email": w.resident.email,
                "password1": "pris-en-main-1234",
                "password2": "pris-en-main-1234",
                "is_active": "on",
            },
            expect=NOT_ADMIN,
            default=404,
        ),
        Case(
            name="users admin: bulk-assign a staff role to a resident",
            url=lambda w: f"/admin/bulk/accounts/user/assign_role/?id={w.resident.pk}",
            expect=NOT_ADMIN,
            default=404,
        ),
        Case(
            name="users admin: select every account",
            url=lambda w: "/admin/bulk/accounts/user/delete/?id=all",
            expect=NOT_ADMIN,
            default=404,
        ),
    ]
    # Impersonation: the routes Wagtail add-ons and Django packages use do not exist here.
    for url in ("/impersonate/{pk}/", "/admin/users/{pk}/impersonate/", "/hijack/acquire/"):
        cases.append(
            Case(
                name=f"impersonate via {url}",
                url=lambda w, url=url: url.format(pk=w.resident.pk),
                method="post",
                data=lambda w: {"user_pk": w.resident.pk},
                expect=NOT_ADMIN if url.startswith("/admin/") else {"anonymous": 404},
                default=404,
            )
        )
    return cases


CASES = _resident_cases()


@pytest.fixture
def world(users_by_role):
    return SimpleNamespace(resident=users_by_role["member of A"])


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_no_role_reaches_a_residents_account(case, world, client_for):
    resident = world.resident
    assert check_case(case, world=world, client_for=client_for, secrets=[resident.email]) == []
    resident.refresh_from_db()
    assert resident.check_password("correct-horse-battery-9")
    assert resident.is_active and not resident.groups.exists()


def test_staff_accounts_stay_reachable_by_superusers_only(world, client_for, users_by_role):
    officer = users_by_role["Communications officers"]
    case = Case(
        name="users admin edit of a staff account",
        url=lambda w: f"/admin/users/edit/{officer.pk}/",
        expect={**NOT_ADMIN, "superuser": 200},
        default=REDIRECT,  # Wagtail: "permission denied" back to the dashboard
    )
    assert check_case(case, world=world, client_for=client_for) == []


def test_the_matrix_covers_every_role():
    assert set(ROLES) == {"anonymous", *RESIDENTS, *STAFF_ROLES}
