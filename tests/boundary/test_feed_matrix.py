"""THE BOUNDARY for the neighbourhood feed: every feed URL as every role, exact answers.

Roles: tests/conftest.py ROLES plus "author" (the member of A who wrote the post and reaction).
Members of A see their feed; everybody else — members of B, people not yet verified, every
staff group and superusers — gets 403 (neighbourhood pages) or 404 (objects), and never a
word of the feed's content, on any page, in the admin or in search.
"""

from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from feed.models import Post, Status
from feed.services import post_create, reaction_create
from neighbourhoods.uploads import process_upload
from tests.conftest import ROLES
from tests.factories.feed import image_bytes
from tests.factories.neighbourhoods import member

from .matrix import REDIRECT, Case, check_case

pytestmark = pytest.mark.django_db

SECRETS = (
    "Secret de la rue des Tilleuls",
    "MotDePasseDuLocalVelo",
    "ReactionTresPrivee",
    "TitreMasqueAttenteModeration",
)
A_MEMBERS = ("member of A", "moderator of A", "author")
ALL_ROLES = [*ROLES, "author"]


@pytest.fixture
def world(users_by_role, neighbourhoods, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    a, b = neighbourhoods
    author = member(neighbourhood=a, display_name="Autrice A.")
    users_by_role["author"] = author
    image = process_upload(SimpleUploadedFile("p.jpg", image_bytes(), content_type="image/jpeg"))
    post = post_create(
        author=author,
        category="question",
        title=SECRETS[0],
        body=f"Le code est {SECRETS[1]}",
        image=image,
    )
    reaction = reaction_create(post=post, author=author, body=SECRETS[2])
    hidden = post_create(author=author, category="idea", title=SECRETS[3], body="Masqué")
    Post.objects.filter(pk=hidden.pk).update(status=Status.HIDDEN, report_count=3)
    return SimpleNamespace(a=a, b=b, post=post, reaction=reaction, hidden=hidden)


def _post_data(world):
    return {"category": "activity", "title": "Apéro", "body": "Vendredi 18 h"}


def members_of_a(answer, **others):
    return {**dict.fromkeys(A_MEMBERS, answer), **others}


CASES = [
    Case(
        "feed home",
        lambda w: reverse("feed:home"),
        default=403,
        expect={**members_of_a(REDIRECT), "pending resident": REDIRECT, "member of B": REDIRECT},
    ),
    Case(
        "neighbourhood feed",
        lambda w: reverse("feed:neighbourhood", args=[w.a.code]),
        default=403,
        expect=members_of_a(200),
    ),
    Case(
        "feed, category filter",
        lambda w: reverse("feed:neighbourhood", args=[w.a.code]) + "?category=question",
        default=403,
        expect=members_of_a(200),
    ),
    Case(
        "create form",
        lambda w: reverse("feed:create", args=[w.a.code]),
        default=403,
        expect=members_of_a(200),
    ),
    Case(
        "create",
        lambda w: reverse("feed:create", args=[w.a.code]),
        method="post",
        data=_post_data,
        default=403,
        expect=members_of_a(REDIRECT),
    ),
    Case("post detail", lambda w: reverse("feed:post", args=[w.post.pk]), expect=members_of_a(200)),
    Case(
        "hidden post detail",
        lambda w: reverse("feed:post", args=[w.hidden.pk]),
        expect={"author": 200, "moderator of A": 200},
    ),
    Case(
        "edit form",
        lambda w: reverse("feed:post_edit", args=[w.post.pk]),
        expect=members_of_a(403, author=200),
    ),
    Case(
        "edit",
        lambda w: reverse("feed:post_edit", args=[w.post.pk]),
        method="post",
        data=_post_data,
        expect=members_of_a(403, author=REDIRECT),
    ),
    Case(
        "delete form",
        lambda w: reverse("feed:post_delete", args=[w.post.pk]),
        expect=members_of_a(403, author=200),
    ),
    Case(
        "delete",
        lambda w: reverse("feed:post_delete", args=[w.post.pk]),
        method="post",
        expect=members_of_a(403, author=REDIRECT),
    ),
    Case(
        "react",
        lambda w: reverse("feed:react", args=[w.post.pk]),
        method="post",
        data=lambda w: {"body": "Bonne idée"},
        expect=members_of_a(REDIRECT),
    ),
    Case(
        "react with GET",
        lambda w: reverse("feed:react", args=[w.post.pk]),
        expect=members_of_a(405),
    ),
    Case(
        "thank",
        lambda w: reverse("feed:thank", args=[w.post.pk]),
        method="post",
        expect=members_of_a(REDIRECT),
    ),
    Case(
        "report form",
        lambda w: reverse("feed:post_report", args=[w.post.pk]),
        expect=members_of_a(200),
    ),
    Case(
        "report",
        lambda w: reverse("feed:post_report", args=[w.post.pk]),
        method="post",
        data=lambda w: {"reason": "spam"},
        expect=members_of_a(REDIRECT, author=200),
    ),
    Case(
        "reaction edit form",
        lambda w: reverse("feed:reaction_edit", args=[w.reaction.pk]),
        expect=members_of_a(403, author=200),
    ),
    Case(
        "reaction edit",
        lambda w: reverse("feed:reaction_edit", args=[w.reaction.pk]),
        method="post",
        data=lambda w: {"body": "Corrigé"},
        expect=members_of_a(403, author=REDIRECT),
    ),
    Case(
        "reaction delete",
        lambda w: reverse("feed:reaction_delete", args=[w.reaction.pk]),
        method="post",
        expect=members_of_a(403, author=REDIRECT),
    ),
    Case(
        "reaction report",
        lambda w: reverse("feed:reaction_report", args=[w.reaction.pk]),
        method="post",
        data=lambda w: {"reason": "rude"},
        expect=members_of_a(REDIRECT, author=200),
    ),
    Case(
        "moderation queue",
        lambda w: reverse("feed:moderation", args=[w.a.code]),
        default=403,
        expect={"moderator of A": 200},
    ),
    Case(
        "restore a hidden post",
        lambda w: reverse("feed:moderate", args=["message", w.hidden.pk, "restore"]),
        method="post",
        expect={"moderator of A": REDIRECT, "author": 403},
    ),
    Case(
        "remove a reaction",
        lambda w: reverse("feed:moderate", args=["reaction", w.reaction.pk, "remove"]),
        method="post",
        expect=members_of_a(403, **{"moderator of A": REDIRECT}),
    ),
    Case("image", lambda w: reverse("feed:image", args=[w.post.pk]), expect=members_of_a(200)),
    Case(
        "image of a hidden post",
        lambda w: reverse("feed:image", args=[w.hidden.pk]),
        expect={"author": 404, "moderator of A": 404},
    ),  # it has no image: 404 for all
    Case("hub page of A", lambda w: "/mons-centre/", default=200, expect={"anonymous": 200}),
    # No Dutch hub in the fixture: Wagtail serves the French one (its feed only to members).
    Case(
        "hub page of A under /nl/",
        lambda w: "/nl/mons-centre/",
        default=200,
        expect={"anonymous": 200},
    ),
    Case(
        "feed in Dutch",
        lambda w: "/nl/fil/quartier/mons-centre/",
        default=403,
        expect=members_of_a(200),
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_feed_url_answers_every_role_exactly(case, world, matrix_client_for):
    problems = check_case(
        case, world=world, client_for=matrix_client_for, roles=ALL_ROLES, secrets=SECRETS
    )
    assert not problems, "\n".join(problems)


def test_every_feed_url_is_in_the_matrix():
    """A new feed URL without a matrix case fails here."""
    from feed import urls

    covered = {
        "home",
        "neighbourhood",
        "create",
        "post",
        "post_edit",
        "post_delete",
        "react",
        "thank",
        "post_report",
        "reaction_edit",
        "reaction_delete",
        "reaction_report",
        "moderation",
        "moderate",
        "image",
    }
    assert {p.name for p in urls.urlpatterns} == covered


def test_members_of_a_see_the_content(world, matrix_client_for):
    from .matrix import response_text

    for role in A_MEMBERS:
        html = response_text(
            matrix_client_for(role).get(reverse("feed:post", args=[world.post.pk]))
        )
        assert SECRETS[0] in html and SECRETS[1] in html and SECRETS[2] in html, role
        hub = response_text(matrix_client_for(role).get("/mons-centre/"))
        assert SECRETS[0] in hub, role
