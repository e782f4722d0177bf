import re
from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail, signing
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsletters.models import ConsentRecord, Subscriber
from newsletters.tokens import confirm_token, manage_token

pytestmark = pytest.mark.django_db


def subscribe(client, email="lea@example.be", **extra):
    data = {"email": email, "language": "fr", "consent": "on", **extra}
    return client.post("/lettre/", data, follow=True)


def link_in(message, name):
    return re.search(rf"https://quartiers\.mons\.be(/lettre/{name}/[^/\s]+/)", message.body).group(
        1
    )


def test_double_opt_in_with_consent_record(client, neighbourhoods):
    a, _ = neighbourhoods
    response = subscribe(client, neighbourhoods=[a.pk])
    assert "Consultez votre boîte e-mail" in response.content.decode()
    subscriber = Subscriber.objects.get()
    assert subscriber.confirmed_at is None
    assert list(subscriber.neighbourhoods.all()) == [a]
    consent = ConsentRecord.objects.get()
    assert (
        consent.kind == "requested"
        and consent.privacy_version
        and "Ville de Mons" in consent.statement
    )
    assert mail.outbox[0].to == ["lea@example.be"]
    path = link_in(mail.outbox[0], "confirmer")
    assert "Confirmez votre inscription" in client.get(path).content.decode()
    response = client.post(path, follow=True)
    assert "Votre inscription est confirmée" in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.is_active
    assert [c.kind for c in subscriber.consents.all()] == ["requested", "confirmed"]


def test_subscribing_twice_shows_the_same_page_and_keeps_one_row(client):
    first = subscribe(client, email="Lea@Example.be")
    second = subscribe(client, email="lea@example.be")

    def page(response):
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())

    assert page(first) == page(second)
    assert Subscriber.objects.count() == 1
    assert Subscriber.objects.get().email == "lea@example.be"


def test_subscribing_an_active_address_shows_the_same_page_and_mails_its_owner(client):
    Subscriber.objects.create(email="lea@example.be", confirmed_at=timezone.now())
    response = subscribe(client)
    assert "Consultez votre boîte e-mail" in response.content.decode()
    assert "déjà inscrit" in mail.outbox[0].subject
    assert Subscriber.objects.count() == 1


@pytest.mark.parametrize("email", ["", "not-an-address", "a@b", "x" * 300 + "@example.be"])
def test_invalid_address_is_refused_clearly(client, email):
    response = client.post("/lettre/", {"email": email, "language": "fr", "consent": "on"})
    body = response.content.decode()
    assert response.status_code == 200 and "Il y a un problème" in body
    assert "Adresse e-mail" in body
    assert not Subscriber.objects.exists() and not mail.outbox


def test_consent_is_required(client):
    response = client.post("/lettre/", {"email": "lea@example.be", "language": "fr"})
    assert "vous devez accepter" in response.content.decode()
    assert not Subscriber.objects.exists()


@pytest.mark.parametrize("kind", ["confirmer", "preferences", "desinscription"])
def test_forged_tokens_are_refused(client, kind):
    subscriber = Subscriber.objects.create(email="lea@example.be", confirmed_at=timezone.now())
    forged = signing.dumps([subscriber.pk, subscriber.token_nonce], salt="wrong", key="x" * 50)
    for token in (forged, "nimportequoi", manage_token(subscriber) + "x"):
        response = client.get(f"/lettre/{kind}/{token}/")
        assert response.status_code == 400
        assert "Ce lien ne fonctionne pas" in response.content.decode()
        client.post(f"/lettre/{kind}/{token}/")
    subscriber.refresh_from_db()
    assert subscriber.unsubscribed_at is None


def test_expired_confirmation_link_is_refused(client):
    subscriber = Subscriber.objects.create(email="lea@example.be")
    with mock.patch(
        "django.core.signing.time.time", return_value=timezone.now().timestamp() - 8 * 86400
    ):
        token = confirm_token(subscriber)
    response = client.post(f"/lettre/confirmer/{token}/")
    assert response.status_code == 400
    subscriber.refresh_from_db()
    assert subscriber.confirmed_at is None


def test_confirm_token_cannot_unsubscribe_and_manage_token_cannot_confirm(client):
    subscriber = Subscriber.objects.create(email="lea@example.be")
    assert client.post(f"/lettre/confirmer/{manage_token(subscriber)}/").status_code == 400
    subscriber.confirmed_at = timezone.now()
    subscriber.save()
    assert client.post(f"/lettre/desinscription/{confirm_token(subscriber)}/").status_code == 400


def test_preferences_page(client, neighbourhoods):
    a, b = neighbourhoods
    subscriber = Subscriber.objects.create(email="lea@example.be", confirmed_at=timezone.now())
    url = f"/lettre/preferences/{manage_token(subscriber)}/"
    assert "lea@example.be" in client.get(url).content.decode()
    response = client.post(url, {"language": "nl", "neighbourhoods": [b.pk]}, follow=True)
    assert "Vos préférences sont enregistrées" in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.language == "nl" and list(subscriber.neighbourhoods.all()) == [b]


def test_one_click_unsubscribe_rfc8058_without_csrf_or_login(neighbourhoods):
    from django.test import Client

    subscriber = Subscriber.objects.create(email="lea@example.be", confirmed_at=timezone.now())
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        f"/lettre/desinscription/{manage_token(subscriber)}/",
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.unsubscribed_at is not None
    assert subscriber.consents.last().method == "one-click"


def test_unsubscribe_page_asks_then_confirms(client):
    subscriber = Subscriber.objects.create(email="lea@example.be", confirmed_at=timezone.now())
    url = f"/lettre/desinscription/{manage_token(subscriber)}/"
    assert "Ne plus envoyer la lettre" in client.get(url).content.decode()
    subscriber.refresh_from_db()
    assert subscriber.unsubscribed_at is None  # a GET (link preview, scanner) changes nothing
    assert "Vous êtes désinscrit" in client.post(url).content.decode()
    assert "Vous êtes désinscrit" in client.get(url).content.decode()


def test_coming_back_after_unsubscribing_needs_a_new_confirmation(client):
    subscriber = Subscriber.objects.create(
        email="lea@example.be",
        confirmed_at=timezone.now() - timedelta(days=30),
        unsubscribed_at=timezone.now(),
    )
    old_token = manage_token(subscriber)
    subscribe(client)
    subscriber.refresh_from_db()
    assert subscriber.confirmed_at is None and subscriber.unsubscribed_at is None
    assert client.get(f"/lettre/preferences/{old_token}/").status_code == 400


emails = st.one_of(st.emails(), st.text(max_size=300))


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    email=emails,
    language=st.text(max_size=5),
    consent=st.sampled_from(["", "on", "x"]),
    hoods=st.lists(st.text(max_size=8), max_size=3),
)
def test_fuzz_subscribe_form(client, email, language, consent, hoods):
    before = Subscriber.objects.count(), ConsentRecord.objects.count()
    response = client.post(
        "/lettre/",
        {"email": email, "language": language, "consent": consent, "neighbourhoods": hoods},
    )
    assert response.status_code in (200, 302)
    if response.status_code == 200:  # refused: nothing stored
        assert (Subscriber.objects.count(), ConsentRecord.objects.count()) == before


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    token=st.text(alphabet=st.characters(blacklist_characters="/\x00"), min_size=1, max_size=120),
    kind=st.sampled_from(["confirmer", "preferences", "desinscription"]),
)
def test_fuzz_token_links(client, token, kind):
    from urllib.parse import quote

    response = client.post(f"/lettre/{kind}/{quote(token, safe='')}/", {"language": "fr"})
    assert response.status_code in (400, 404)
