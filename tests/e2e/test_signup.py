"""In French, in a real browser: sign up, confirm the e-mail, log in, verify with a letter code,
then post in the neighbourhood feed and react — the whole first visit of a new resident."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from neighbourhoods.selectors import active_membership

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_sign_up_with_a_code_then_post_and_react(page, live_server):
    from django.contrib.auth import get_user_model

    from tests.factories.neighbourhoods import AddressFactory, NeighbourhoodFactory, hub_page
    from tests.factories.verification import letter_code

    hood = NeighbourhoodFactory(code="mons-centre", name="Mons-Centre")
    hub_page(neighbourhood=hood)
    address = AddressFactory(neighbourhood=hood, street="Rue de Nimy", number="7", postcode="7000")
    _code, plaintext = letter_code(address=address)
    password = "une-longue-phrase-2026"

    page.goto("/")
    page.get_by_role("link", name="S'inscrire").click()
    page.get_by_label("Adresse e-mail").fill("claire@example.be")
    page.get_by_label("Nom affiché aux voisins").fill("Claire V.")
    page.get_by_label("Mot de passe", exact=False).first.fill(password)
    page.get_by_label("Mot de passe (encore une fois)").fill(password)
    page.get_by_role("button", name="Créer mon compte").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Consultez votre boîte mail")

    link = re.search(r"https?://[^/\s]+(/\S+)", mail.outbox[-1].body).group(1)
    page.goto(link)
    expect(page.locator(".messages")).to_contain_text("confirmée")

    page.get_by_label("Adresse e-mail").fill("claire@example.be")
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_role("button", name="Se connecter").click()
    page.get_by_role("link", name="Vérifier mon adresse").first.click()

    page.get_by_label("Rue").fill("rue de nimy")
    page.get_by_label("Numéro").fill("7")
    page.get_by_label("Code postal").fill("7000")
    page.get_by_label("Code de votre lettre").fill("wrong-code")
    page.get_by_role("button", name="Vérifier mon adresse").click()
    # The error summary links to the field, and nothing is stored.
    expect(page.locator(".error-summary")).to_contain_text("Ce code n’est pas valide")
    page.get_by_label("Code de votre lettre").fill(plaintext.lower())
    page.get_by_role("button", name="Vérifier mon adresse").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Bienvenue dans votre quartier")
    page.get_by_role("link", name="Aller à Mons-Centre").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mons-Centre")
    assert page.get_by_role("heading", name="Rejoignez vos voisins").count() == 0
    user = get_user_model().objects.get(email="claire@example.be")
    assert active_membership(user=user).neighbourhood == hood

    # First post and first reaction, as the "sign up with a code → post → react".
    page.goto("/fil/")
    page.get_by_role("link", name="Publier un message").click()
    page.get_by_label("Question").check()
    page.get_by_label("Titre").fill("Bonjour les voisins")
    page.get_by_label("Message", exact=False).first.fill("Nouvelle dans la rue de Nimy !")
    page.get_by_role("button", name="Publier").click()
    page.get_by_text("Votre message est en ligne").wait_for()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bonjour les voisins")
    page.get_by_label("Votre réaction").fill("Bienvenue à vous")
    page.get_by_role("button", name="Réagir").click()
    page.get_by_text("Votre réaction a été ajoutée").wait_for()
    expect(page.get_by_text("Bienvenue à vous")).to_be_visible()
