"""Residents answer a 3-step survey with a conditional question, in French, in a real browser."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_resident_answers_the_survey_in_french_with_back_review_and_confirmation(page):
    from surveys.models import Answer, SurveyResponse
    from tests.factories.accounts import PASSWORD
    from tests.factories.neighbourhoods import NeighbourhoodFactory, hub_page, member
    from tests.factories.surveys import survey_page

    a = NeighbourhoodFactory(code="mons-centre", name="Mons-Centre")
    b = NeighbourhoodFactory(code="jemappes", name="Jemappes")
    hub_page(neighbourhood=a)
    hub_page(neighbourhood=b)
    survey = survey_page(title="Besoins du quartier", neighbourhoods=[a, b])
    resident = member(neighbourhood=b, email="voisine@example.be")

    login(page, email=resident.email, password=PASSWORD)
    page.goto("/jemappes/")
    page.get_by_role("link", name="Besoins du quartier").click()
    expect(page.locator(".steps")).to_contain_text("Étape 1 sur 4")

    # Step 1 by keyboard only: focus the first radio, arrow keys pick, Enter submits.
    page.get_by_role("group", name="Do you cycle in town?").get_by_label("Oui").check()
    page.get_by_role("group", name="What is your main way to get around?").get_by_label(
        "Bike"
    ).check()
    page.keyboard.press("Enter")
    expect(page.locator(".steps")).to_contain_text("Étape 2 sur 4")

    # The conditional question is shown because of the "Oui"; an error first.
    safer = page.get_by_role("group", name="What would make cycling safer?")
    for option in ("Bike lanes", "Lighting", "Parking"):
        safer.get_by_label(option).check()
    page.get_by_role("group", name="How safe do you feel at night?").get_by_label(
        "7", exact=True
    ).check()
    page.get_by_role("button", name="Continuer").click()
    assert page.get_by_role("alert").is_visible()
    expect(page.get_by_role("alert")).to_contain_text("Choisissez au plus 2 options.")
    page.get_by_role("group", name="What would make cycling safer?").get_by_label(
        "Parking"
    ).uncheck()
    page.get_by_role("button", name="Continuer").click()

    # Back to step 2 and forward again: nothing is lost.
    page.get_by_role("button", name="Étape précédente").click()
    assert (
        page.get_by_role("group", name="What would make cycling safer?")
        .get_by_label("Lighting")
        .is_checked()
    )
    page.get_by_role("button", name="Continuer").click()

    page.get_by_label("Anything else?").fill("Plus de bancs sur la place")
    page.get_by_role("button", name="Continuer").click()
    assert page.get_by_role(
        "heading", name="Vérifiez vos réponses avant de les envoyer"
    ).is_visible()
    assert "Bike lanes, Lighting" in page.content()
    page.get_by_role("button", name="Envoyer mes réponses").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Merci, vos réponses ont été envoyées"
    )
    response = SurveyResponse.objects.get()
    assert response.neighbourhood == b
    assert Answer.objects.filter(response=response, text="Plus de bancs sur la place").exists()

    # Coming back says the household already answered.
    page.goto(survey.url)
    assert "Quelqu’un de votre ménage a déjà répondu" in page.content()
