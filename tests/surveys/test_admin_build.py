"""A communications officer builds a 3-step survey with a conditional question in the Wagtail
admin (the page-create view, posted like the browser does), publishes it to two neighbourhoods."""

from datetime import timedelta

from django.utils import timezone
from wagtail.models import Page

from surveys.models import SurveyPage
from tests.admin_forms import FormInputs
from tests.factories.accounts import staff_user

QUESTIONS = [
    {"label": "Utilisez-vous un vélo ?", "field_type": "yes_no", "required": "on"},
    {"label": "saut", "field_type": "step_break"},
    {
        "label": "Où garez-vous votre vélo ?",
        "field_type": "radio",
        "required": "on",
        "choices": "Chez moi\nEn rue\nAu travail",
        "condition_question": "Utilisez-vous un vélo ?",
        "condition_value": "Oui",
    },
    {"label": "Note du quartier", "field_type": "scale", "min_value": "1", "max_value": "10"},
    {"label": "saut 2", "field_type": "step_break"},
    {"label": "Une idée ?", "field_type": "multiline"},
]


def test_communications_officer_builds_and_publishes_a_three_step_survey(client, neighbourhoods):
    officer = staff_user("Communications officers")
    client.force_login(officer)
    home = Page.objects.get(depth=2)
    url = f"/admin/pages/add/surveys/surveypage/{home.pk}/"
    form = client.get(url)
    assert form.status_code == 200
    parser = FormInputs()
    parser.feed(form.content.decode())
    data = {k: v for k, v in parser.data.items() if not k.startswith("survey_fields-__prefix__")}
    now = timezone.localtime()
    data.update(
        {
            "title": "Vélo dans le quartier",
            "slug": "velo-dans-le-quartier",
            "all_neighbourhoods": "",
            "neighbourhoods": [str(n.pk) for n in neighbourhoods],
            "who_may_answer": "household",
            "opens_at": (now - timedelta(days=1)).strftime("%Y-%m-%d %H:%M"),
            "closes_at": (now + timedelta(days=10)).strftime("%Y-%m-%d %H:%M"),
            "survey_fields-TOTAL_FORMS": str(len(QUESTIONS)),
            "survey_fields-INITIAL_FORMS": "0",
            "action-publish": "action-publish",
        }
    )
    data.pop("all_neighbourhoods")
    for index, question in enumerate(QUESTIONS):
        data[f"survey_fields-{index}-ORDER"] = str(index + 1)
        data[f"survey_fields-{index}-id"] = ""
        for key, value in question.items():
            data[f"survey_fields-{index}-{key}"] = value
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors if response.context else ""
    survey = SurveyPage.objects.get(slug="velo-dans-le-quartier")
    assert survey.live
    assert [len(step) for step in survey.steps] == [1, 2, 1]
    assert sorted(n.code for n in survey.neighbourhoods.all()) == ["jemappes", "mons-centre"]
    parked = survey.question(survey.steps[1][0].key)
    assert parked.condition_key == survey.steps[0][0].key
    assert not parked.is_shown({parked.condition_key: "no"})
    assert parked.is_shown({parked.condition_key: "yes"})
    # The results view is one click away in the page's header menu.
    edit = client.get(f"/admin/pages/{survey.pk}/edit/").content.decode()
    assert f"/admin/survey-results/{survey.pk}/" in edit


def test_a_condition_on_the_same_step_is_refused_with_a_clear_message(client, neighbourhoods):
    officer = staff_user("Participation staff")
    client.force_login(officer)
    home = Page.objects.get(depth=2)
    url = f"/admin/pages/add/surveys/surveypage/{home.pk}/"
    parser = FormInputs()
    parser.feed(client.get(url).content.decode())
    data = {k: v for k, v in parser.data.items() if not k.startswith("survey_fields-__prefix__")}
    data.update(
        {
            "title": "Test",
            "slug": "test",
            "all_neighbourhoods": "on",
            "who_may_answer": "household",
            "survey_fields-TOTAL_FORMS": "2",
            "survey_fields-INITIAL_FORMS": "0",
            "action-publish": "action-publish",
        }
    )
    for index, question in enumerate([QUESTIONS[0], {**QUESTIONS[2]}]):
        data[f"survey_fields-{index}-ORDER"] = str(index + 1)
        for key, value in question.items():
            data[f"survey_fields-{index}-{key}"] = value
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Ajoutez un saut d’étape entre les deux." in response.content.decode()
    assert not SurveyPage.objects.exists()
