"""Wording a French (or Dutch) reader met in English or cut off, through the real screens."""

import re

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import pgettext

from tests.factories.accounts import superuser
from tests.factories.feed import PostFactory, ReactionFactory
from tests.factories.initiatives import call_page
from tests.factories.neighbourhoods import member

pytestmark = pytest.mark.django_db


def text(response):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_french_admin_login_labels_the_password(client):
    html = client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    label = re.search(r'<label[^>]*for="id_password"[^>]*>(.*?)</label>', html, re.S).group(1)
    assert "Mot de passe" in label and "Password" not in label


def test_workflow_is_named_in_french(client):
    from wagtail.models import Workflow

    names = list(Workflow.objects.values_list("name", flat=True))
    assert "Moderators approval" not in names
    assert "l’approbation des modérateurs" in names


def test_reporting_a_reaction_says_signaler(client, neighbourhoods):
    a, _b = neighbourhoods
    author = member(neighbourhood=a)
    post = PostFactory(author=author)
    reaction = ReactionFactory(post=post, author=author)
    client.force_login(member(neighbourhood=a))
    html = client.get(reverse("feed:post", args=[post.pk])).content.decode()
    report = reverse("feed:reaction_report", args=[reaction.pk])
    assert re.search(rf'<a href="{report}">Signaler</a>', html)
    assert "Rapport" not in text(client.get(report))


def test_add_buttons_agree_with_their_label(client, neighbourhoods):
    client.force_login(superuser())
    from wagtail.models import Page

    home = Page.objects.get(depth=2)
    html = text(client.get(f"/admin/pages/add/surveys/surveypage/{home.pk}/"))
    assert "Ajouter une question" in html
    assert "un(e)" not in html
    html = text(client.get(f"/admin/pages/add/budgets/budgetroundpage/{home.pk}/"))
    assert "Ajouter un projet" in html and "Ajouter un quartier" in html


def test_french_admin_menu_labels_are_short(client):
    client.force_login(superuser())
    with translation.override("fr"):
        labels = [
            pgettext("admin menu", label)
            for label in [
                "Participation figures",
                "Event sign-ups",
                "Replies to city news",
                "Volunteers and call-outs",
                "Newsletter sendings",
                "Survey results",
                "Requests for a letter",
                "Generate letter codes",
                "Import the address register",
            ]
        ]
    assert all(len(label) <= 21 for label in labels), labels
    html = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Participation" in html and "Chiffres de particip" not in html


def test_initiative_intro_counts_the_steps_the_counter_shows(client, neighbourhoods):
    from initiatives.wizard import STEPS

    a, _b = neighbourhoods
    call = call_page(neighbourhoods=[a])
    client.force_login(member(neighbourhood=a))
    intro = text(client.get(reverse("initiatives:start", args=[call.pk])))
    assert len(STEPS) == 5 and "cinq courtes étapes" in intro
    client.post(reverse("initiatives:start", args=[call.pk]))
    from initiatives.models import InitiativeDraft

    draft = InitiativeDraft.objects.latest("pk")
    assert "Étape 1 sur 5" in text(client.get(reverse("initiatives:wizard", args=[draft.pk])))


def test_survey_csv_headers_in_the_staff_language(client, neighbourhoods):
    import csv
    import io

    from tests.factories.surveys import survey_page

    survey = survey_page()
    client.force_login(superuser())
    response = client.get(f"/admin/survey-results/{survey.pk}/export.csv")
    header = next(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert header[:4] == ["\ufeffRéponse", "Envoyée le", "Quartier", "Langue"] or header[:4] == [
        "Réponse",
        "Envoyée le",
        "Quartier",
        "Langue",
    ]
