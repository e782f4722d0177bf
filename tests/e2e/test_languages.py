"""A Dutch and an English resident, by clicking only from the home page: log in, reach the hub,
answer the survey, cast a budget ballot. Every page reached is in the reader's language (html
lang, the switcher, the visible words), every link followed keeps /nl/ or /en/, and axe-core
finds no WCAG 2.1 A/AA violation."""

import pytest
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from tests.e2e.test_accessibility import AXE, axe_violations
from tests.factories.accounts import PASSWORD
from tests.factories.budgets import budget_round, projects
from tests.factories.neighbourhoods import NeighbourhoodFactory, hub_page, member, translate
from tests.factories.surveys import survey_page

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not AXE.exists(), reason="axe-core not installed (needs npm)"),
]

CONTENT = {
    "nl": {
        "survey": "Netheid in uw wijk",
        "clean": "Zijn de straten schoon?",
        "ends": ("Helemaal niet", "Heel schoon"),
        "reported": "Hebt u al eens sluikstort gemeld?",
        "budget": "Burgerbudget 2026",
        "garden": "Gedeelde moestuin",
        "benches": "Banken in het park",
    },
    "en": {
        "survey": "Cleanliness in your neighbourhood",
        "clean": "Are the streets clean?",
        "ends": ("Not at all", "Very clean"),
        "reported": "Have you ever reported fly-tipping?",
        "budget": "Citizen budget 2026",
        "garden": "Shared vegetable garden",
        "benches": "Benches in the park",
    },
}


def _content():
    from budgets.models import BudgetRoundPage
    from surveys.models import SurveyPage

    hood = NeighbourhoodFactory(code="mons-centre", name="Mons-Centre")
    hub = hub_page(neighbourhood=hood)
    survey = survey_page(
        title="Propreté du quartier",
        neighbourhoods=[hood],
        questions=[
            {
                "label": "Les rues sont-elles propres ?",
                "field_type": "scale",
                "required": True,
                "low_label": "Pas du tout",
                "high_label": "Très propres",
            },
            {
                "label": "Avez-vous déjà signalé un dépôt sauvage ?",
                "field_type": "yes_no",
                "required": True,
            },
        ],
    )
    budget = budget_round(
        title="Budget participatif 2026",
        max_projects=2,
        projects=projects(("Potager partagé", 30_000), ("Bancs au parc", 10_000)),
    )
    for code, words in CONTENT.items():
        translate(hub, code, title="Mons-Centre")
        translated = translate(survey, code, title=words["survey"])
        labels = [words["clean"], words["reported"]]
        for field, label in zip(
            translated.survey_fields.order_by("sort_order"), labels, strict=True
        ):
            field.label = label
            if field.field_type == "scale":
                field.low_label, field.high_label = words["ends"]
            field.save()
        SurveyPage.objects.get(pk=translated.pk).save_revision().publish()
        translated = translate(budget, code, title=words["budget"])
        for project, title in zip(
            translated.projects.order_by("code"), [words["garden"], words["benches"]], strict=True
        ):
            project.title = title
            project.save()
        BudgetRoundPage.objects.get(pk=translated.pk).save_revision().publish()
    return member(neighbourhood=hood, email="lezer@example.be")


def _check(page, language, visited):
    """The page reached is in `language` all through, and accessible."""
    path = page.url.split("://", 1)[1].split("/", 1)[1]
    assert f"/{path}".startswith(f"/{language}/"), page.url
    assert page.locator("html").get_attribute("lang") == language
    expect(page.locator("#language-select")).to_have_value(language)
    with translation.override(language):
        expect(page.locator(".skip-link")).to_have_text(gettext("Skip to main content"))
    assert page.locator("#only-in-language").count() == 0, f"{page.url} fell back to French"
    assert axe_violations(page) == [], page.url
    visited.append(page.url)


def _click(page, language, locator):
    href = locator.get_attribute("href")
    if href is not None:
        assert href.startswith(f"/{language}/"), href
    locator.click()
    page.wait_for_load_state()


@pytest.mark.parametrize("language", ["nl", "en"])
def test_resident_journey_stays_in_the_readers_language(page, live_server, language):
    reader = _content()
    words = CONTENT[language]
    visited: list[str] = []
    with translation.override(language):
        t = {
            key: gettext(key)
            for key in [
                "Log in",
                "E-mail address",
                "Password",
                "Continue",
                "Send my answers",
                "Thank you, your answers have been sent",
                "Back to the home page",
                "Vote",
                "Continue to review",
                "Confirm my vote",
                "Thank you: your household's vote is recorded",
            ]
        }
    for key, value in t.items():
        assert language == "en" or value != key, f"{key!r} has no {language} translation"

    page.goto(f"/{language}/")  # the only URL typed: the start page
    _check(page, language, visited)
    _click(page, language, page.get_by_role("link", name=t["Log in"], exact=True))
    _check(page, language, visited)
    page.get_by_label(t["E-mail address"]).fill(reader.email)
    page.get_by_label(t["Password"]).fill(PASSWORD)
    page.get_by_role("button", name=t["Log in"]).click()
    page.wait_for_load_state()
    # A verified resident lands on their neighbourhood's hub, in their language.
    expect(page.get_by_role("heading", level=1)).to_have_text("Mons-Centre")
    _check(page, language, visited)

    _click(page, language, page.get_by_role("link", name=words["survey"]))
    _check(page, language, visited)
    expect(page.get_by_text(words["clean"])).to_be_visible()
    # The scale says what its ends mean.
    page.get_by_label(f"10 – {words['ends'][1]}").check()
    expect(page.get_by_label(f"1 – {words['ends'][0]}")).to_be_visible()
    page.locator("fieldset", has_text=words["reported"]).get_by_role("radio").first.check()
    page.get_by_role("button", name=t["Continue"]).click()
    page.wait_for_load_state()
    _check(page, language, visited)
    page.get_by_role("button", name=t["Send my answers"]).click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        t["Thank you, your answers have been sent"]
    )
    _check(page, language, visited)

    _click(page, language, page.get_by_role("link", name=t["Back to the home page"]))
    _check(page, language, visited)
    _click(page, language, page.get_by_role("link", name="Mons-Centre", exact=True))
    _check(page, language, visited)
    _click(page, language, page.get_by_role("link", name=words["budget"]))
    expect(page.get_by_role("heading", level=1)).to_have_text(words["budget"])
    _check(page, language, visited)
    _click(page, language, page.get_by_role("link", name=t["Vote"], exact=True))
    _check(page, language, visited)
    page.get_by_label(words["garden"]).check()
    page.get_by_role("button", name=t["Continue to review"]).click()
    page.wait_for_load_state()
    _check(page, language, visited)
    page.get_by_role("button", name=t["Confirm my vote"]).click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        t["Thank you: your household's vote is recorded"]
    )
    _check(page, language, visited)
    assert len(visited) == 12
