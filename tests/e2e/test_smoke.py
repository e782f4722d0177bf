import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_home_page_in_french_lists_the_hubs(page, live_server):
    from tests.factories.neighbourhoods import NeighbourhoodFactory, hub_page

    hub_page(neighbourhood=NeighbourhoodFactory(code="hyon", name="Hyon"))
    page.goto("/")
    assert page.locator("html").get_attribute("lang") == "fr"
    page.get_by_role("link", name="Hyon").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hyon")


def test_a_second_transactional_test_still_has_the_home_page(page, live_server):
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mons en quartiers")
