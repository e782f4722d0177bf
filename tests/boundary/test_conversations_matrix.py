"""THE BOUNDARY for conversations between neighbours: every URL × every role.

Only the two participants read a conversation; the resident moderators of its neighbourhood
read it once a participant reported it. Staff — superusers included — never do.
"""

from types import SimpleNamespace

import pytest
from django.urls import reverse

from conversations.services import conversation_report, conversation_start
from feed.services import post_create
from tests.conftest import ROLES
from tests.factories.neighbourhoods import member

from .matrix import REDIRECT, Case, check_case

pytestmark = pytest.mark.django_db

SECRETS = ("MessagePriveEntreVoisins",)
ALL_ROLES = [*ROLES, "author"]
NOT_PARTICIPANTS = tuple(r for r in ALL_ROLES if r not in ("author", "member of A"))


@pytest.fixture
def world(users_by_role, neighbourhoods):
    a, _b = neighbourhoods
    author = member(neighbourhood=a, display_name="Autrice A.")
    users_by_role["author"] = author
    post = post_create(author=author, category="question", title="Question", body="Texte")
    conversation = conversation_start(
        sender=users_by_role["member of A"], recipient=author, body=SECRETS[0], post=post
    )
    report = conversation_report(conversation=conversation, reporter=author, reason="Pas gentil")
    return SimpleNamespace(post=post, conversation=conversation, report=report)


PARTICIPANTS = ("member of A", "author")
# Members of A who are not participants, and members of B, get 404; people without a
# verified membership and every staff role get 403 (conversations are for residents).
NOT_RESIDENTS = {
    role: 403 for role in ROLES if role not in ("anonymous", "member of A", "moderator of A")
}
NOT_RESIDENTS["member of B"] = 404

CASES = [
    Case(
        "my conversations",
        lambda w: reverse("conversations:list"),
        expect={
            **NOT_RESIDENTS,
            "member of B": 200,
            "member of A": 200,
            "author": 200,
            "moderator of A": 200,
        },
        secrets_hidden_from=NOT_PARTICIPANTS,
    ),
    Case(
        "a conversation",
        lambda w: reverse("conversations:detail", args=[w.conversation.pk]),
        expect={**NOT_RESIDENTS, **dict.fromkeys(PARTICIPANTS, 200)},
        secrets_hidden_from=NOT_PARTICIPANTS,
    ),
    Case(
        "report page",
        lambda w: reverse("conversations:report", args=[w.conversation.pk]),
        expect={**NOT_RESIDENTS, **dict.fromkeys(PARTICIPANTS, 200)},
        secrets_hidden_from=NOT_PARTICIPANTS,
    ),
    Case(
        "reported conversation (moderators of A)",
        lambda w: reverse("conversations:reported", args=[w.report.pk]),
        expect={**NOT_RESIDENTS, "moderator of A": 200},
        secrets_hidden_from=tuple(r for r in ALL_ROLES if r != "moderator of A"),
    ),
    Case(
        "write to the author",
        lambda w: reverse("conversations:start_from_post", args=[w.post.pk]),
        expect={**NOT_RESIDENTS, "member of A": 200, "moderator of A": 200},
    ),
    Case(
        "block",
        lambda w: reverse("conversations:block", args=[w.conversation.pk]),
        method="post",
        expect={**NOT_RESIDENTS, "member of A": REDIRECT, "author": REDIRECT},
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_conversation_url_answers_every_role_exactly(case, world, matrix_client_for):
    problems = check_case(
        case, world=world, client_for=matrix_client_for, roles=ALL_ROLES, secrets=SECRETS
    )
    assert not problems, "\n".join(problems)


def test_every_conversations_url_is_in_the_matrix():
    from conversations import urls

    assert {p.name for p in urls.urlpatterns} == {
        "list",
        "detail",
        "block",
        "report",
        "start_from_post",
        "reported",
    }
