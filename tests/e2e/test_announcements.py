"""Browser: city messages reach only the neighbourhoods addressed; full workshops waitlist."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import login
from tests.factories.accounts import PASSWORD
from tests.factories.announcements import announcement, event
from tests.factories.neighbourhoods import NeighbourhoodFactory, hub_page, member

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_announcement_to_two_neighbourhoods_only_reaches_their_members(page, neighbourhoods):
    a, b = neighbourhoods
    c = NeighbourhoodFactory(code="hyon", name="Hyon")
    hub_page(neighbourhood=c)
    message = announcement(
        neighbourhoods=[a, b], title="Fermeture de la rue des Écoles", category="roadworks"
    )
    in_a = member(neighbourhood=a, email="marie@example.be")
    member(neighbourhood=c, email="hugo@example.be")

    login(page, email=in_a.email, password=PASSWORD)
    page.goto("/mons-centre/")
    news = page.get_by_role("region", name="Nouvelles de la Ville")
    news.get_by_role("link", name="Fermeture de la rue des Écoles").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Fermeture de la rue des Écoles")
    assert page.get_by_text("De la Ville de Mons").is_visible()
    page.get_by_label("Votre réponse à la Ville").fill("Merci, et pour les livraisons ?")
    page.get_by_role("button", name="Envoyer ma réponse").click()
    assert page.get_by_text("Merci : votre réponse a été transmise à la Ville.").is_visible()

    page.context.clear_cookies()
    login(page, email="hugo@example.be", password=PASSWORD)
    page.goto("/hyon/")
    assert page.get_by_text("Fermeture de la rue des Écoles").count() == 0
    page.goto(message.url)  # the message itself is public, but Hyon's residents cannot reply
    assert page.get_by_label("Votre réponse à la Ville").count() == 0


def test_resident_past_capacity_lands_on_the_waitlist(page, neighbourhoods):
    a, _ = neighbourhoods
    workshop = event(neighbourhoods=[a], capacity=1, title="Atelier : la place de demain")
    from announcements import services

    services.event_sign_up(event=workshop, user=member(neighbourhood=a))
    resident = member(neighbourhood=a, email="lea@example.be")

    login(page, email=resident.email, password=PASSWORD)
    page.goto(workshop.url)
    assert page.get_by_text("0 places libres sur 1").is_visible()
    page.get_by_role("button", name="M'inscrire sur la liste d'attente").click()
    assert page.get_by_text("vous êtes numéro 1 sur la liste d'attente").is_visible()
    expect(page.locator("#registration-status")).to_contain_text("Vous êtes en liste")
