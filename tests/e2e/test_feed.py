"""In French, in a real browser: a member posts and reacts; a member elsewhere sees nothing."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_member_posts_and_reacts_and_another_neighbourhood_sees_nothing(
    page, browser, live_server
):
    from tests.factories.accounts import PASSWORD
    from tests.factories.neighbourhoods import NeighbourhoodFactory, hub_page, member

    centre = NeighbourhoodFactory(code="mons-centre", name="Mons-Centre")
    jemappes = NeighbourhoodFactory(code="jemappes", name="Jemappes")
    hub_page(neighbourhood=centre)
    alice = member(neighbourhood=centre, email="alice@example.be", display_name="Alice M.")
    member(neighbourhood=jemappes, email="berthe@example.be", display_name="Berthe J.")

    login(page, email=alice.email, password=PASSWORD)
    page.goto("/fil/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Fil du quartier — Mons-Centre")
    page.get_by_role("link", name="Publier un message").click()
    page.get_by_label("Prêt et partage").check()
    page.get_by_label("Titre").fill("Je prête une échelle")
    page.get_by_label("Message", exact=False).first.fill("Elle fait 3 mètres.\nÀ venir chercher.")
    page.get_by_role("button", name="Publier").click()
    page.get_by_text("Votre message est en ligne").wait_for()
    expect(page.get_by_role("heading", level=1)).to_have_text("Je prête une échelle")
    post_url = page.url

    page.get_by_label("Votre réaction").fill("Merci, je passe samedi !")
    page.get_by_role("button", name="Réagir").click()
    page.get_by_text("Votre réaction a été ajoutée").wait_for()
    assert page.get_by_text("Merci, je passe samedi !").is_visible()
    assert page.get_by_text("Elle fait 3 mètres.").is_visible()

    # The hub shows it to its members.
    page.goto("/mons-centre/")
    assert page.get_by_role("link", name="Je prête une échelle").is_visible()

    # A member of Jemappes: not in their feed, not on the Mons-Centre hub, 404 on the post.
    other = browser.new_context(locale="fr-BE", base_url=live_server.url)
    try:
        tab = other.new_page()
        login(tab, email="berthe@example.be", password=PASSWORD)
        tab.goto("/fil/")
        assert re.search(r"/fil/quartier/jemappes/$", tab.url)
        assert tab.get_by_text("Je prête une échelle").count() == 0
        tab.goto("/mons-centre/")
        assert tab.get_by_text("Je prête une échelle").count() == 0
        response = tab.goto(post_url)
        assert response.status == 404
        assert tab.get_by_text("Je prête une échelle").count() == 0
    finally:
        other.close()
