"""THE BOUNDARY for notifications and digests: every URL × every role.

A notification names a neighbour's post (its title); only its recipient ever sees it. A digest
photo link is signed and still needs a logged-in member of that neighbourhood. Staff see their
own (empty) list and never a word of the feed.
"""

from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from feed.services import post_create, reaction_create
from neighbourhoods.uploads import process_upload
from notifications.digest import photo_url
from notifications.models import Notification
from notifications.services import unsubscribe_url
from tests.conftest import ROLES
from tests.factories.feed import image_bytes
from tests.factories.neighbourhoods import member

from .matrix import REDIRECT, Case, check_case

pytestmark = pytest.mark.django_db

SECRETS = ("Secret de la rue des Tilleuls", "ReactionTresPrivee")
ALL_ROLES = [*ROLES, "author"]
NOT_AUTHOR = tuple(ROLES)


@pytest.fixture
def world(users_by_role, neighbourhoods, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    a, b = neighbourhoods
    author = member(neighbourhood=a, display_name="Autrice A.")
    users_by_role["author"] = author
    image = process_upload(SimpleUploadedFile("p.jpg", image_bytes(), content_type="image/jpeg"))
    post = post_create(
        author=author, category="question", title=SECRETS[0], body="Texte", image=image
    )
    reaction_create(post=post, author=users_by_role["member of A"], body=SECRETS[1])
    notification = Notification.objects.get(recipient=author)
    return SimpleNamespace(
        a=a,
        post=post,
        notification=notification,
        photo=photo_url(post.pk).split("quartiers", 1)[-1],
        unsubscribe=unsubscribe_url(user=author, kind="reactions"),
    )


def _path(url):
    return url[url.index("/notifications/") :]


A_MEMBERS = ("member of A", "moderator of A", "author")

CASES = [
    Case(
        "notification list",
        lambda w: reverse("notifications:list"),
        default=200,
        secrets_hidden_from=NOT_AUTHOR,
    ),
    Case(
        "open a notification",
        lambda w: reverse("notifications:open", args=[w.notification.pk]),
        expect={"author": REDIRECT},
    ),
    Case(
        "mark all read",
        lambda w: reverse("notifications:mark_all_read"),
        method="post",
        default=REDIRECT,
    ),
    Case("preferences", lambda w: reverse("notifications:preferences"), default=200),
    Case(
        "one-click unsubscribe page (no login)",
        lambda w: _path(w.unsubscribe),
        default=200,
        expect={"anonymous": 200},
        secrets_hidden_from=tuple(ALL_ROLES),
    ),
    Case(
        "digest photo",
        lambda w: _path(w.photo),
        expect=dict.fromkeys(A_MEMBERS, 200),
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_notification_url_answers_every_role_exactly(case, world, matrix_client_for):
    problems = check_case(
        case, world=world, client_for=matrix_client_for, roles=ALL_ROLES, secrets=SECRETS
    )
    assert not problems, "\n".join(problems)


def test_every_notifications_url_is_in_the_matrix():
    from notifications import urls

    assert {p.name for p in urls.urlpatterns} == {
        "list",
        "open",
        "mark_all_read",
        "preferences",
        "unsubscribe",
        "digest_photo",
    }


def test_the_author_sees_the_notification(world, matrix_client_for):
    from .matrix import response_text

    html = response_text(matrix_client_for("author").get(reverse("notifications:list")))
    assert SECRETS[0] in html and SECRETS[1] not in html  # a title, never the reaction's text
