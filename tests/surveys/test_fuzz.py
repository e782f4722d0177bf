"""Hypothesis posts arbitrary data to every step of the answer flow: no 5xx, nothing partial."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from surveys.models import Answer, SurveyResponse

from .conftest import Answerer, keys

values = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        [
            "yes",
            "no",
            "0",
            "1",
            "2",
            "3",
            "9",
            "-1",
            "7",
            "11",
            "1e400",
            "nan",
            "2026-02-30",
            "",
            " ",
            "review",
        ]
    ),
    st.lists(st.sampled_from(["0", "1", "2", "3", "4", "x"]), max_size=5),
)
steps = st.sampled_from(["1", "2", "3", "review", "0", "99", "", "../1", "1 OR 1=1"])


@pytest.mark.django_db
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    posts=st.lists(
        st.tuples(
            steps,
            st.dictionaries(st.sampled_from(range(8)), values, max_size=6),
            st.one_of(st.none(), steps),
        ),
        min_size=1,
        max_size=5,
    )
)
def test_answer_flow_never_fails_and_stores_all_or_nothing(client, survey, resident, posts):
    client.force_login(resident)
    answerer = Answerer(client, survey)
    names = list(keys(survey).values())
    answerer.start()
    for step, fields, goto in posts:
        data = {names[i % len(names)]: value for i, value in fields.items()}
        extra = {"wizard_goto_step": goto} if goto is not None else {}
        response = answerer.post(step, data, **extra)
        assert response.status_code < 500
    for response in SurveyResponse.objects.all():
        # A stored response always has its required answers.
        assert Answer.objects.filter(response=response).exists()
    SurveyResponse.objects.all().delete()


@pytest.mark.django_db
def test_open_survey_refuses_the_honeypot_and_too_fast_robots(client, neighbourhoods):
    from tests.factories.surveys import survey_page

    survey = survey_page(
        who_may_answer="open",
        questions=[{"label": "Votre avis ?", "field_type": "yes_no", "required": True}],
    )
    answerer = Answerer(client, survey)
    key = survey.questions[0].key
    answerer.start()
    answerer.post("1", {key: "yes"})
    fast = answerer.post("review")
    assert "C’était très rapide" in fast.content.decode()
    session = client.session
    prefix = f"wizard_{answerer.prefix}"
    session[prefix]["extra_data"]["started_at"] -= 60
    session.save()
    trapped = answerer.post("review", {"website": "http://spam.example"})
    assert "n’ont pas pu être envoyées" in trapped.content.decode()
    assert SurveyResponse.objects.count() == 0
    done = answerer.post("review", {})
    assert "Merci, vos réponses ont été envoyées" in done.content.decode()
    assert SurveyResponse.objects.get().household is None


@pytest.mark.django_db
def test_open_survey_throttles_per_ip(neighbourhoods, monkeypatch):
    from surveys import services
    from surveys.services import SurveyRefused, survey_response_submit
    from tests.factories.surveys import survey_page

    monkeypatch.setitem(services.OPEN_SURVEY_PER_IP, "limit", 2)
    survey = survey_page(
        who_may_answer="open",
        questions=[{"label": "Votre avis ?", "field_type": "yes_no", "required": True}],
    )
    for _ in range(2):
        survey_response_submit(survey=survey, user=None, answers={}, ip="10.0.0.1")
    with pytest.raises(SurveyRefused) as refused:
        survey_response_submit(survey=survey, user=None, answers={}, ip="10.0.0.1")
    assert refused.value.refusal.status == 429
    assert SurveyResponse.objects.count() == 2
