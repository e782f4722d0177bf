"""Two gunicorn instances (production settings) against one PostgreSQL and one Redis: a person
may land on either at every request, and sees one service."""

import pytest

from .stack import Client, text_of

pytestmark = [pytest.mark.postgres]


def test_sign_in_on_one_continue_on_the_other(web_stack):
    a, b = web_stack.web(), web_stack.web()
    seed = web_stack.seed
    browser = Client(a.base)

    signed_in = browser.login("resident@stack.test", seed["password"])
    assert signed_in.status == 302, signed_in.text[:500]

    profile = browser.on(b.base).get("/compte/profil/")
    assert profile.status == 200
    assert "resident@stack.test" in profile.text or "Camille Stack" in profile.text
    # Nobody else is signed in on b.
    assert Client(b.base).get("/compte/profil/").status == 302


def test_a_post_made_on_one_appears_on_the_other(web_stack):
    a, b = web_stack.web(), web_stack.web()
    seed = web_stack.seed
    browser = Client(a.base)
    assert browser.login("resident@stack.test", seed["password"]).status == 302

    created = browser.post(
        f"/fil/quartier/{seed['code']}/publier/",
        {"category": "lending", "title": "Échelle à prêter", "body": "Trois mètres, rue Neuve."},
    )
    assert created.status == 302, text_of(created.text)[:500]
    on_b = browser.on(b.base)
    assert "Échelle à prêter" in on_b.get(created.headers["location"]).text
    assert "Échelle à prêter" in on_b.get(f"/fil/quartier/{seed['code']}/").text


def test_a_throttle_counted_on_one_holds_on_the_other(web_stack):
    a, b = web_stack.web(), web_stack.web()
    password = web_stack.seed["password"]
    # Five wrong passwords for one account, spread over both processes (per_account = 5).
    for n in range(5):
        response = Client((a, b)[n % 2].base).login("target@stack.test", "wrong-password")
        assert response.status == 200
    # The right password is now refused on both, whichever process counted what.
    for web in (a, b):
        refused = Client(web.base).login("target@stack.test", password)
        assert refused.status == 429
    # Another account from the same address is not affected.
    assert Client(b.base).login("resident@stack.test", password).status == 302


def test_a_hub_section_is_refreshed_on_both_when_an_officer_publishes(web_stack):
    a, b = web_stack.web(), web_stack.web()
    hub = web_stack.seed["hub_url"]
    for web in (a, b):  # warm whatever each process or the shared cache keeps
        for _ in range(2):
            first = Client(web.base).get(hub)
            assert first.status == 200
            assert "Fermeture de la piscine" not in first.text

    web_stack.publish_announcement("Fermeture de la piscine")

    for web in (a, b):
        page = Client(web.base).get(hub)
        assert page.status == 200
        assert "Fermeture de la piscine" in page.text
