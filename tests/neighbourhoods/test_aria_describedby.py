"""Every public form page: each id named by aria-describedby exists in the page, blank and
with errors (help text and error messages are what screen readers read with the field)."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from initiatives.models import InitiativeDraft
from tests.factories.accounts import UserFactory
from tests.factories.budgets import budget_round, projects
from tests.factories.feed import PostFactory, ReactionFactory
from tests.factories.initiatives import call_page
from tests.factories.neighbour_help import skills
from tests.factories.neighbourhoods import member
from tests.factories.surveys import survey_page

pytestmark = pytest.mark.django_db


def dangling(html: str) -> list[str]:
    ids = set(re.findall(r'\bid="([^"]+)"', html))
    named = [i for refs in re.findall(r'aria-describedby="([^"]*)"', html) for i in refs.split()]
    return [i for i in named if i not in ids]


def describedby_count(html: str) -> int:
    return len(re.findall(r'aria-describedby="', html))


@pytest.fixture
def world(neighbourhoods):
    a, _b = neighbourhoods
    skills()
    resident = member(neighbourhood=a)
    neighbour = member(neighbourhood=a)
    post = PostFactory(author=neighbour)
    reaction = ReactionFactory(post=post, author=neighbour)
    survey = survey_page(neighbourhoods=[a])
    budget = budget_round(projects=projects(("Potager", 10_000), ("Bancs", 20_000)))
    call = call_page(neighbourhoods=[a])
    return {
        "a": a,
        "resident": resident,
        "pending": UserFactory(),
        "post": post,
        "reaction": reaction,
        "survey": survey,
        "budget": budget,
        "call": call,
    }


def pages(world):
    """(who, method, url, data) for every public form, blank (GET) and invalid (POST)."""
    post, reaction, survey = world["post"], world["reaction"], world["survey"]
    survey_prefix = f"survey_{survey.translation_key.hex}"
    budget = world["budget"]
    anonymous = [
        reverse("accounts:signup"),
        reverse("accounts:login"),
        reverse("accounts:password_reset"),
        reverse("accounts:resend_confirmation"),
        reverse("newsletters:subscribe"),
    ]
    yield from (("anonymous", "get", url, None) for url in anonymous)
    yield from (("anonymous", "post", url, {}) for url in anonymous)
    find = reverse("neighbourhoods:find")
    yield "anonymous", "get", find, None
    yield "anonymous", "get", find + "?street=Plce+des+Ecoles&number=3", None
    yield "pending", "get", reverse("verification:start"), None
    yield "pending", "post", reverse("verification:start"), {}
    yield "pending", "get", reverse("verification:request_letter"), None
    yield "pending", "post", reverse("verification:request_letter"), {}
    resident_forms = [
        reverse("feed:create", args=[world["a"].code]),
        reverse("feed:post", args=[post.pk]),
        reverse("feed:post_report", args=[post.pk]),
        reverse("feed:reaction_report", args=[reaction.pk]),
        reverse("care:offer"),
        reverse("care:volunteer"),
        reverse("announcements:preferences"),
        reverse("budgets:vote", args=[budget.pk]),
    ]
    yield from (("resident", "get", url, None) for url in resident_forms)
    yield from (("resident", "post", url, {}) for url in resident_forms if "signaler" in url)
    yield "resident", "post", reverse("feed:create", args=[world["a"].code]), {}
    yield "resident", "post", reverse("feed:react", args=[post.pk]), {}
    yield "resident", "post", reverse("care:offer"), {}
    yield "resident", "post", reverse("care:volunteer"), {}
    yield (
        "resident",
        "post",
        reverse("budgets:vote", args=[budget.pk]),
        {f"budget_ballot_{budget.pk}-current_step": "choose"},
    )
    yield "resident", "get", survey.url, None
    yield "resident", "post", survey.url, {f"{survey_prefix}-current_step": "1"}


@pytest.mark.parametrize("language", ["fr", "nl"])
def test_every_aria_describedby_points_at_an_element_of_the_page(client, world, language):
    checked, described = 0, 0
    users = {"resident": world["resident"], "pending": world["pending"], "anonymous": None}
    with translation.override(language):
        cases = list(pages(world))
    for who, method, url, data in cases:
        client.logout()
        if users[who] is not None:
            client.force_login(users[who])
        response = getattr(client, method)(url, data) if data is not None else client.get(url)
        if response.status_code in (301, 302):
            response = client.get(response["Location"])
        assert response.status_code in (200, 400, 403, 409, 422), (url, response.status_code)
        html = response.content.decode()
        assert dangling(html) == [], (method, url)
        checked += 1
        described += describedby_count(html)
    assert checked >= 30
    assert described >= 20  # the pages do describe their fields


def test_initiative_wizard_steps(client, world):
    client.force_login(world["resident"])
    call = world["call"]
    assert client.post(reverse("initiatives:start", args=[call.pk])).status_code == 302
    draft = InitiativeDraft.objects.latest("pk")
    url = reverse("initiatives:wizard", args=[draft.pk])
    assert dangling(client.get(url).content.decode()) == []
    for step in ("what", "where", "who", "needs"):
        html = client.post(url, {"initiative_wizard-current_step": step}).content.decode()
        assert dangling(html) == [], step


def test_field_template_uses_djangos_help_text_id(client):
    html = client.get(reverse("accounts:signup")).content.decode()
    helped = re.findall(r'id="(id_\w+)_helptext"', html)
    assert helped, "the sign-up form has help texts"
    for field_id in helped:
        tag = re.search(rf'<[^>]*\bid="{field_id}"[^>]*>', html).group(0)
        assert f"{field_id}_helptext" in tag, tag
