"""Feed content never reaches the Wagtail admin, search, roles or page previews."""

import re
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Permission
from django.utils.module_loading import import_string

from feed.services import post_create, reaction_create
from tests.factories.neighbourhoods import member

pytestmark = pytest.mark.django_db

SECRET = "Zorglubienne"
FEED_MODELS = list(apps.get_app_config("feed").get_models())


@pytest.fixture
def world(users_by_role, neighbourhoods):
    author = users_by_role["member of A"]
    post = post_create(
        author=author, category="idea", title=f"Idée {SECRET}", body=f"{SECRET} dans le parc"
    )
    reaction_create(post=post, author=users_by_role["moderator of A"], body=f"Oui {SECRET}")
    return SimpleNamespace(post=post, author=author)


def test_no_feed_model_is_registered_anywhere_in_the_admin():
    from wagtail.admin.admin_url_finder import AdminURLFinder
    from wagtail.search.index import get_indexed_models
    from wagtail.snippets.models import get_snippet_models

    for model in FEED_MODELS:
        assert model not in get_snippet_models(), model
        assert model not in get_indexed_models(), model
        assert AdminURLFinder().get_edit_url(model()) is None, model


def test_the_admin_menus_and_search_show_no_feed_content(world, users_by_role):
    from django.test import Client

    client = Client(raise_request_exception=False)  # other apps' admin errors are theirs
    client.force_login(users_by_role["superuser"])
    home = client.get("/admin/")
    assert home.status_code == 200
    html = home.content.decode()
    links = {link.replace("\\/", "/") for link in re.findall(r'/admin/[^"\'\s<>&\\]*', html)}
    links |= {
        # Searching for words around the secret: the page would only show it from a post.
        "/admin/pages/search/?q=parc",
        "/admin/pages/search/?q=Id%C3%A9e",
        "/admin/snippets/",
        "/admin/users/",
        "/admin/reports/site-history/",
        "/admin/images/?q=parc",
        "/admin/documents/?q=parc",
    }
    visited = 0
    for link in sorted(links):
        if any(word in link for word in ("logout", "delete", "unpublish", "/login")):
            continue
        response = client.get(link)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        visited += 1
        assert SECRET not in response.content.decode(), link
    assert visited >= 8


def test_wagtail_search_never_returns_feed_content(world, client_for):
    from wagtail.models import Page
    from wagtail.search.backends import get_search_backend

    backend = get_search_backend()
    assert list(backend.search(SECRET, Page)) == []
    assert list(Page.objects.live().search(SECRET)) == []
    response = client_for("superuser").get("/admin/pages/search/", {"q": SECRET})
    assert response.status_code == 200
    assert "/fil/" not in response.content.decode()


def test_no_roles_file_gives_staff_any_feed_permission():
    for app in settings.PROJECT_APPS:
        try:
            permissions = import_string(f"{app}.roles.PERMISSIONS")
        except ImportError:
            continue
        for group, perms in permissions.items():
            assert not [p for p in perms if p.startswith("feed.")], (app, group)
    feed_perms = Permission.objects.filter(content_type__app_label="feed")
    assert not feed_perms.filter(group__isnull=False).exists()
    assert not feed_perms.filter(user__isnull=False).exists()


def test_staff_who_also_hold_a_membership_still_see_nothing(world, neighbourhoods):
    """A city employee with a resident membership on the same account is still staff."""
    from django.contrib.auth.models import Group
    from django.test import Client

    employee = member(neighbourhood=neighbourhoods[0])
    employee.groups.add(Group.objects.get(name="Communications officers"))
    client = Client()
    client.force_login(employee)
    assert client.get(f"/fil/messages/{world.post.pk}/").status_code == 404
    assert SECRET not in client.get("/mons-centre/").content.decode()
