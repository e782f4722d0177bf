"""The boundary matrix for the Service Dashboard: every URL and export, as every role.

Anonymous visitors go to the login page, residents (even moderators) get nothing, every staff
group and superusers see the figures; no output ever contains a post's title or text, a
reaction's text, or a resident's name or e-mail address.
"""

import io
import re
import zipfile

import pytest

from tests.conftest import ROLES, STAFF_ROLES

pytestmark = pytest.mark.django_db

URLS = [
    "/admin/",
    "/admin/dashboard/",
    "/admin/dashboard/?period=month",
    "/admin/dashboard/?period=custom&start=2025-01-01&end=2025-12-31",
    "/admin/dashboard/print/",
    "/admin/dashboard/print/?period=month",
    "/admin/dashboard/export.csv",
    "/admin/dashboard/export.csv?period=month",
    "/admin/dashboard/export.xlsx",
    "/admin/dashboard/export.xlsx?period=six_months",
]
RESIDENT_ROLES = ["pending resident", "member of A", "member of B", "moderator of A"]


def _body(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if content[:2] == b"PK":  # XLSX: read every part of the workbook
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return "\n".join(archive.read(name).decode() for name in archive.namelist())
    return content.decode()


def _secrets(dataset, users_by_role):
    texts = [p.title for p in dataset.posts] + [p.body for p in dataset.posts]
    texts += [r.body for r in dataset.reactions]
    residents = dataset.residents + [users_by_role[r] for r in RESIDENT_ROLES]
    texts += [u.email for u in residents] + [u.display_name for u in residents]
    return [t for t in texts if t]


def _assert_no_secret(body, secrets, where):
    for secret in secrets:
        # Word boundaries: "Voisin 1" must not match inside "Voisin 12".
        pattern = r"(?<![\w.])" + re.escape(secret) + r"(?![\w])"
        assert not re.search(pattern, body), f"{secret!r} leaked in {where}"


@pytest.fixture
def figures(dataset, users_by_role):
    from tests.factories.feed import PostFactory

    # Members of the matrix post too, so their names would show if anything leaked.
    for role in RESIDENT_ROLES[1:]:
        dataset.posts.append(PostFactory(author=users_by_role[role], title=f"SECRET-{role}"))
    return dataset


@pytest.mark.parametrize("role", ROLES)
def test_every_dashboard_url_as_every_role(role, client_for, figures, users_by_role):
    client = client_for(role)
    secrets = _secrets(figures, users_by_role)
    for url in URLS:
        response = client.get(url)
        where = f"{url} as {role}"
        if role in STAFF_ROLES:
            assert response.status_code == 200, where
            _assert_no_secret(_body(response), secrets, where)
        elif role == "anonymous":
            assert response.status_code == 302, where
            assert response["Location"].startswith("/admin/login/"), where
        else:
            assert response.status_code in (302, 403), where
            if response.status_code == 302:
                assert response["Location"].startswith("/admin/login/"), where
            _assert_no_secret(response.content.decode(), secrets, where)


@pytest.mark.parametrize("role", STAFF_ROLES)
def test_staff_see_the_panel_and_the_menu_item(role, client_for, figures):
    html = client_for(role).get("/admin/").content.decode()
    assert 'id="participation-figures"' in html or "participation-figures" in html
    assert "/admin/dashboard/?period=month" in html
    # The menu item, in French, short enough for the sidebar (not "Chiffres de particip…").
    assert '"Participation"' in html.replace("&quot;", '"')


def test_public_dashboard_prefix_shows_nothing(client_for, figures):
    for role in ("anonymous", "member of A", "Participation staff"):
        assert client_for(role).get("/tableau-de-bord/").status_code == 404
