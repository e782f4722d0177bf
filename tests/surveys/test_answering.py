from surveys.models import Answer, SurveyResponse

from .conftest import full_answers, keys


def send_all(answerer):
    answerer.start()
    for step, answers in full_answers(answerer.survey):
        response = answerer.post(step, answers)
        assert response.status_code == 200
    return answerer.post("review")


def test_resident_answers_three_steps_reviews_and_sees_confirmation(answerer, resident):
    first = answerer.start()
    assert "Étape 1 sur 4" in first.content.decode()
    steps = full_answers(answerer.survey)
    second = answerer.post(*steps[0])
    assert "Étape 2 sur 4" in second.content.decode()
    assert "What would make cycling safer?" in second.content.decode()
    answerer.post(*steps[1])
    review = answerer.post(*steps[2])
    page = review.content.decode()
    assert "Vérifiez vos réponses" in page
    assert "Bike lanes, Slower cars" in page and "Plus de bancs" in page
    done = answerer.post("review")
    assert "Merci, vos réponses ont été envoyées" in done.content.decode()
    response = SurveyResponse.objects.get()
    assert response.household == resident.memberships.get().household
    assert response.user is None  # household mode keeps no user
    assert response.submitted_at.minute == 0
    assert Answer.objects.filter(response=response).count() == 7  # 2 options for the checkboxes


def test_conditional_question_hidden_and_not_validated_for_non_cyclists(answerer):
    k = keys(answerer.survey)
    answerer.start()
    step2 = answerer.post(
        "1", {k["Do you cycle in town?"]: "no", k["What is your main way to get around?"]: "0"}
    )
    assert "What would make cycling safer?" not in step2.content.decode()
    answerer.post("2", {k["How safe do you feel at night?"]: "4"})
    answerer.post("3", {})
    answerer.post("review")
    assert not Answer.objects.filter(question=k["What would make cycling safer?"]).exists()
    assert SurveyResponse.objects.count() == 1


def test_back_keeps_answers_and_resume_later(answerer):
    steps = full_answers(answerer.survey)
    answerer.start()
    answerer.post(*steps[0])
    back = answerer.post("2", {}, wizard_goto_step="1")
    assert "Étape 1 sur 4" in back.content.decode()
    assert 'value="yes" checked' in back.content.decode().replace("\n", " ") or "checked" in (
        back.content.decode()
    )
    answerer.post(*steps[0])
    answerer.post(*steps[1])
    # Leave and come back later in the same session: still at step 3.
    again = answerer.start()
    assert "Étape 3 sur 4" in again.content.decode()


def test_missing_required_answer_shows_error_and_stores_nothing(answerer):
    answerer.start()
    response = answerer.post("1", {})
    page = response.content.decode()
    assert "Il y a un problème" in page
    assert "Étape 1 sur 4" in page
    assert SurveyResponse.objects.count() == 0


def test_out_of_range_and_foreign_choices_and_too_many_choices(answerer):
    k = keys(answerer.survey)
    steps = full_answers(answerer.survey)
    answerer.start()
    bad = answerer.post(
        "1", {k["Do you cycle in town?"]: "maybe", k["What is your main way to get around?"]: "9"}
    )
    assert bad.content.decode().count("error-message") >= 2
    answerer.post(*steps[0])
    too_many = answerer.post(
        "2",
        {
            k["What would make cycling safer?"]: ["0", "1", "2"],
            k["How safe do you feel at night?"]: "11",
        },
    )
    page = too_many.content.decode()
    assert "Choisissez au plus 2 options." in page
    answerer.post(*steps[1])
    out = answerer.post("3", {k["How many people live in your home?"]: "500"})
    assert "error-message" in out.content.decode()
    assert SurveyResponse.objects.count() == 0


def test_forged_step_numbers_cannot_skip_validation(answerer):
    answerer.start()
    forged = answerer.post("review")
    assert "Étape 1 sur 4" in forged.content.decode()
    jump = answerer.post("1", {}, wizard_goto_step="review")
    assert "Étape 1 sur 4" in jump.content.decode()
    nonsense = answerer.post("99")
    assert nonsense.status_code == 200
    assert SurveyResponse.objects.count() == 0


def test_second_response_from_the_same_household(answerer, client, resident):
    from django.test import Client

    from tests.factories.neighbourhoods import member

    from .conftest import Answerer
    from .test_answering import send_all as _send  # noqa: F401

    send_all(answerer)
    housemate = member(household=resident.memberships.get().household)
    other = Client()
    other.force_login(housemate)
    page = Answerer(other, answerer.survey).start().content.decode()
    assert "Quelqu’un de votre ménage a déjà répondu à cette enquête le" in page
    assert "Plus de bancs" not in page
    assert SurveyResponse.objects.count() == 1
