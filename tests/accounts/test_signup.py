"""Sign up, confirm the e-mail, log in, reset the password, leave the neighbourhood."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from accounts.tokens import make_confirmation_token, user_for_confirmation_token
from neighbourhoods.selectors import active_membership
from tests.factories.accounts import PASSWORD, UserFactory
from tests.factories.neighbourhoods import member


@pytest.fixture(autouse=True)
def _mail_through_an_immediate_worker(settings):
    # Sign-up e-mails go through the worker; here it runs them at once.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


pytestmark = pytest.mark.django_db
User = get_user_model()
SIGNUP = "/compte/inscription/"
LOGIN = "/compte/connexion/"
GOOD = {
    "email": "Nouvelle.Voisine@Example.be",
    "display_name": "Anne M.",
    "language": "fr",
    "password1": "une-longue-phrase-2026",
    "password2": "une-longue-phrase-2026",
}


def link_in(message):
    return re.search(r"https?://[^/\s]+(/\S+)", message.body).group(1)


def test_sign_up_confirm_and_log_in(client):
    response = client.post(SIGNUP, GOOD)
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Consultez votre boîte mail" in page
    user = User.objects.get()
    assert user.email == "nouvelle.voisine@example.be"
    assert user.email_confirmed_at is None and user.display_name == "Anne M."
    message = mail.outbox[0]
    assert message.to == [user.email]
    assert "Confirmez votre adresse e-mail" in message.subject
    assert message.alternatives and "<a href=" in message.alternatives[0][0]
    # Not confirmed yet: the right password is refused with a way forward.
    refused = client.post(LOGIN, {"username": user.email, "password": GOOD["password1"]})
    assert "pas encore confirmée" in refused.content.decode()
    assert "/compte/confirmer/renvoyer/" in refused.content.decode()
    confirmed = client.get(link_in(message), follow=True)
    assert "votre adresse e-mail est confirmée" in confirmed.content.decode()
    user.refresh_from_db()
    assert user.email_confirmed_at is not None
    logged_in = client.post(LOGIN, {"username": user.email, "password": GOOD["password1"]})
    assert logged_in.status_code == 302
    profile = client.get("/compte/profil/").content.decode()
    assert "Vérifier mon adresse" in profile


def test_confirmation_mail_goes_out_in_the_chosen_language(client):
    client.post(SIGNUP, {**GOOD, "language": "nl"})
    message = mail.outbox[0]
    assert "Bevestig uw e-mailadres" in message.subject
    assert "/nl/compte/confirmer/" in message.body


def test_confirmation_link_works_once_and_not_when_tampered(client):
    user = UserFactory(email_confirmed_at=None)
    token = make_confirmation_token(user)
    assert client.get(f"/compte/confirmer/{token}x/").status_code == 400
    assert client.get(f"/compte/confirmer/{token}/").status_code == 302
    assert client.get(f"/compte/confirmer/{token}/").status_code == 400


def test_confirmation_link_expires(db):
    user = UserFactory(email_confirmed_at=None)
    token = make_confirmation_token(user)
    assert user_for_confirmation_token(token, max_age=-1) is None
    assert user_for_confirmation_token(token) == user


def test_signing_up_with_an_existing_address_reveals_nothing(client):
    owner = UserFactory(email="deja@example.be", language="nl")
    response = client.post(SIGNUP, {**GOOD, "email": "DEJA@example.be"})
    assert response.status_code == 302
    assert response["Location"] == "/compte/inscription/envoye/"
    assert User.objects.count() == 1
    message = mail.outbox[0]
    assert message.to == [owner.email]
    assert "Iemand probeerde zich te registreren" in message.subject
    owner.refresh_from_db()
    assert owner.check_password(PASSWORD)  # untouched


@pytest.mark.parametrize(
    "change, field_error",
    [
        ({"email": "not-an-email"}, "Saisissez une adresse de courriel valide"),
        ({"password1": "short", "password2": "short"}, "trop court"),
        ({"password1": "1234567890123", "password2": "1234567890123"}, "entièrement numérique"),
        ({"password2": "something-else-2026"}, "Les deux mots de passe sont différents"),
        ({"display_name": "   "}, "Champ requis"),
        ({"language": "de"}, "Sélectionnez un choix valide"),
    ],
)
def test_bad_sign_ups_get_a_field_error_and_store_nothing(client, change, field_error):
    response = client.post(SIGNUP, {**GOOD, **change})
    assert response.status_code == 200
    page = response.content.decode()
    assert field_error in page
    assert 'class="error-summary"' in page
    assert User.objects.count() == 0 and not mail.outbox


def test_resend_confirmation_does_not_reveal_accounts(client):
    unconfirmed = UserFactory(email_confirmed_at=None)
    UserFactory(email="confirmed@example.be")
    for email in (unconfirmed.email, "confirmed@example.be", "nobody@example.be"):
        response = client.post("/compte/confirmer/renvoyer/", {"email": email})
        assert response["Location"] == "/compte/inscription/envoye/"
    assert [m.to for m in mail.outbox] == [[unconfirmed.email]]


def test_sign_up_mails_are_capped_per_address(client):
    for _ in range(3):
        client.post(SIGNUP, {**GOOD, "email": "spam-target@example.be"})
    response = client.post(SIGNUP, {**GOOD, "email": "spam-target@example.be"})
    assert response.status_code == 429
    assert len(mail.outbox) == 3


def test_unconfirmed_login_failures_do_not_lock_the_account(client):
    user = UserFactory(email_confirmed_at=None)
    for _ in range(6):
        client.post(LOGIN, {"username": user.email, "password": PASSWORD})
    response = client.post(LOGIN, {"username": user.email, "password": PASSWORD})
    assert response.status_code == 200
    assert "pas encore confirmée" in response.content.decode()


def test_password_reset_in_the_users_language_also_confirms_the_address(client):
    user = UserFactory(email_confirmed_at=None, language="nl")
    client.post("/compte/mot-de-passe/", {"email": user.email})
    message = mail.outbox[0]
    assert "Kies een nieuw wachtwoord" in message.subject
    link = link_in(message)
    assert link.startswith("/nl/compte/mot-de-passe/")
    form_page = client.get(link, follow=True)
    new = "encore-une-autre-phrase-77"
    done = client.post(
        form_page.redirect_chain[-1][0] if form_page.redirect_chain else link,
        {"new_password1": new, "new_password2": new},
    )
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.check_password(new) and user.email_confirmed_at is not None


def test_password_reset_for_an_unknown_address_looks_the_same(client):
    response = client.post("/compte/mot-de-passe/", {"email": "nobody@example.be"})
    assert response["Location"] == "/compte/mot-de-passe/envoye/"
    assert not mail.outbox


def test_profile_shows_membership_and_a_member_can_leave(client, neighbourhoods):
    resident = member(neighbourhood=neighbourhoods[0])
    client.force_login(resident)
    page = client.get("/compte/profil/").content.decode()
    assert "Membre vérifié" in page and "Mons-Centre" in page
    assert "/verification/" in page
    assert "Oui, quitter mon quartier" in client.get("/compte/profil/quitter/").content.decode()
    client.post("/compte/profil/quitter/")
    assert active_membership(user=resident) is None
    assert "pas encore vérifiée" in client.get("/compte/profil/").content.decode()


def test_profile_details_can_be_changed(client):
    user = UserFactory()
    client.force_login(user)
    client.post("/compte/profil/", {"display_name": " Jo  B. ", "language": "en"})
    user.refresh_from_db()
    assert user.display_name == "Jo B." and user.language == "en"
