"""One rule for the reader's language: each page once, translated when a live translation
exists, else the French one on purpose."""

import pytest
from django.utils import translation

from announcements.models import AnnouncementPage
from neighbourhoods.languages import in_reader_language, is_fallback, page_in_reader_language
from tests.factories.announcements import announcement
from tests.factories.neighbourhoods import translate

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(neighbourhoods):
    a, _b = neighbourhoods
    both = announcement(neighbourhoods=[a], title="Travaux")
    translate(both, "nl", title="Werken")
    french_only = announcement(neighbourhoods=[a], title="Marché")
    draft = announcement(neighbourhoods=[a], title="Fête")
    translate(draft, "nl", title="Feest", publish=False)
    return both, french_only, draft


def titles(language):
    with translation.override(language):
        qs = in_reader_language(AnnouncementPage.objects.live())
        return sorted(qs.values_list("title", flat=True))


def test_each_page_once_in_the_readers_language_else_french(pages):
    assert titles("fr") == ["Fête", "Marché", "Travaux"]
    # The Dutch draft does not count: the French one is shown.
    assert titles("nl") == ["Fête", "Marché", "Werken"]
    # No English locale content at all: French, page by page (the same rule as Dutch).
    assert titles("en") == ["Fête", "Marché", "Travaux"]


def test_one_page_in_the_readers_language(pages):
    both, french_only, draft = pages
    with translation.override("nl"):
        assert page_in_reader_language(both).title == "Werken"
        assert page_in_reader_language(french_only).title == "Marché"
        assert page_in_reader_language(draft).title == "Fête"
        assert is_fallback(page_in_reader_language(french_only))
        assert not is_fallback(page_in_reader_language(both))
    dutch = page_in_reader_language(both, language="nl")
    assert page_in_reader_language(dutch, language="fr").title == "Travaux"
    assert page_in_reader_language(dutch, language="en").title == "Travaux"


def test_the_old_copies_are_gone():
    import announcements.selectors
    import neighbourhoods.selectors
    import newsletters.rendering
    import surveys.selectors

    assert not hasattr(announcements.selectors, "_in_language")
    assert not hasattr(surveys.selectors, "_in_active_locale")
    assert not hasattr(newsletters.rendering, "issue_in_language")
    assert not hasattr(neighbourhoods.selectors, "one_per_translation")
