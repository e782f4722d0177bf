"""Staff cannot become residents: the users admin never lists, opens or changes a resident."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from tests.factories.accounts import PASSWORD, UserFactory, staff_user, superuser
from tests.factories.neighbourhoods import member

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    admin = superuser(email="chef@example.be")
    client.force_login(admin)
    return client


@pytest.fixture
def resident(neighbourhoods):
    return member(neighbourhood=neighbourhoods[0], email="habitante@example.be")


def test_the_users_list_shows_staff_but_no_resident(admin_client, resident):
    officer = staff_user("Communications officers", email="agent@example.be")
    pending = UserFactory(email="pas-encore@example.be")
    response = admin_client.get("/admin/users/")
    assert response.status_code == 200
    text = response.content.decode()
    assert officer.email in text
    assert resident.email not in text
    assert pending.email not in text
    # Nor through the search box.
    response = admin_client.get("/admin/users/results/", {"q": "habitante"})
    assert resident.email not in response.content.decode()


@pytest.mark.parametrize("view", ["edit", "delete", "history", "usage", "copy"])
def test_every_url_about_a_resident_answers_404_even_to_a_superuser(admin_client, resident, view):
    assert admin_client.get(f"/admin/users/{view}/{resident.pk}/").status_code == 404


def test_a_superuser_cannot_set_a_residents_password(admin_client, resident):
    response = admin_client.post(
        f"/admin/users/edit/{resident.pk}/",
        {
            "email": resident.email,
            "password1": "nouveau-mot-de-passe-42",
            "password2": "nouveau-mot-de-passe-42",
            "is_active": "on",
        },
    )
    assert response.status_code == 404
    resident.refresh_from_db()
    assert resident.check_password(PASSWORD)


def test_a_superuser_still_edits_a_staff_account(admin_client):
    officer = staff_user("Communications officers", email="agent@example.be")
    assert admin_client.get(f"/admin/users/edit/{officer.pk}/").status_code == 200


@pytest.mark.parametrize("action", ["delete", "set_active_state", "assign_role"])
def test_bulk_actions_refuse_residents_and_select_all(admin_client, resident, action):
    url = f"/admin/bulk/accounts/user/{action}/"
    assert admin_client.get(url, {"id": resident.pk}).status_code == 404
    assert admin_client.post(f"{url}?id={resident.pk}", {}).status_code == 404
    assert admin_client.get(url, {"id": "all"}).status_code == 404
    assert get_user_model().objects.filter(pk=resident.pk, is_active=True).exists()


def test_bulk_actions_still_work_on_staff(admin_client):
    officer = staff_user("Communications officers", email="agent@example.be")
    response = admin_client.get("/admin/bulk/accounts/user/delete/", {"id": officer.pk})
    assert response.status_code == 200


def test_an_account_created_in_the_users_admin_is_a_staff_account(admin_client):
    group = Group.objects.get(name="Newsletter editors")
    response = admin_client.post(
        "/admin/users/new/",
        {
            "email": "nouvel-agent@example.be",
            "first_name": "Nadia",
            "last_name": "Agent",
            "password1": "un-mot-de-passe-solide-7",
            "password2": "un-mot-de-passe-solide-7",
            "is_active": "on",
            "groups": [group.pk],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    user = get_user_model().objects.get(email="nouvel-agent@example.be")
    assert user.is_staff


def test_no_impersonation_or_login_as_url_exists():
    from django.urls import get_resolver

    def walk(patterns, prefix=""):
        for p in patterns:
            if hasattr(p, "url_patterns"):
                yield from walk(p.url_patterns, prefix + str(p.pattern))
            else:
                yield prefix + str(p.pattern)

    routes = list(walk(get_resolver().url_patterns))
    for word in ("impersonat", "hijack", "login-as", "login_as", "loginas", "su/"):
        assert not [r for r in routes if word in r.lower()], word
