"""Security review findings on sign-in: throttle keys, client address, reset e-mails, admin door."""

import pytest
from django.core import mail
from django.test import RequestFactory, override_settings

from accounts.throttle import client_ip, identity
from tests.factories.accounts import PASSWORD, UserFactory, staff_user

pytestmark = pytest.mark.django_db


def _logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def _full_width(email: str) -> str:
    # "n" → "ｎ" (U+FF4E): NFKC makes it "n" again, so the same account signs in.
    assert "n" in email
    return email.replace("n", "\uff4e", 1)


@pytest.mark.parametrize("url", ["/compte/connexion/", "/admin/login/"])
def test_login_lock_holds_for_a_full_width_or_upper_case_spelling(client, url):
    """Regression: the throttle keyed on the raw POST value, the form on the NFKC one."""
    user = staff_user("Communications officers") if "admin" in url else UserFactory()
    for _ in range(5):
        client.post(url, {"username": user.email, "password": "wrong"})
    for spelling in (_full_width(user.email), user.email.upper(), f" {user.email} "):
        response = client.post(url, {"username": spelling, "password": PASSWORD})
        assert response.status_code == 429, spelling
        assert not _logged_in(client)


def test_identity_is_nfkc_and_case_folded():
    assert identity(" Ｐｅｒｓｏｎ@Example.BE ") == "person@example.be"


# --- Client address behind a proxy ------------------------------------------------------------

rf = RequestFactory()


def _request(xff=None, remote="10.0.0.1"):
    extra = {"REMOTE_ADDR": remote}
    if xff is not None:
        extra["HTTP_X_FORWARDED_FOR"] = xff
    return rf.get("/", **extra)


def test_without_a_header_setting_the_forwarded_header_is_ignored():
    assert client_ip(_request("203.0.113.7")) == "10.0.0.1"


@override_settings(CLIENT_IP_HEADER="X-Forwarded-For", TRUSTED_PROXY_COUNT=1)
def test_one_proxy_takes_the_right_most_entry_never_the_client_supplied_one():
    assert client_ip(_request("203.0.113.7")) == "203.0.113.7"
    assert client_ip(_request("6.6.6.6, 203.0.113.7")) == "203.0.113.7"
    assert client_ip(_request("")) == "10.0.0.1"  # the proxy was bypassed
    assert client_ip(_request("6.6.6.6, not-an-ip")) == "10.0.0.1"


@override_settings(CLIENT_IP_HEADER="HTTP_X_FORWARDED_FOR", TRUSTED_PROXY_COUNT=2)
def test_two_proxies_take_the_second_entry_from_the_right():
    assert client_ip(_request("6.6.6.6, 203.0.113.7, 10.0.0.2")) == "203.0.113.7"
    assert client_ip(_request("203.0.113.7")) == "10.0.0.1"  # shorter than the proxy chain


@override_settings(CLIENT_IP_HEADER="X-Forwarded-For", TRUSTED_PROXY_COUNT=1)
def test_behind_the_proxy_one_visitor_cannot_lock_out_the_city(client):
    """Regression: the header name was never read from the environment, and when set the
    left-most (client-written) entry was used: a visitor could rotate it, or lock everyone."""
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    for i in range(20):
        client.post(
            "/compte/connexion/",
            {"username": f"nobody{i}@example.be", "password": "wrong"},
            HTTP_X_FORWARDED_FOR=f"198.18.0.{i}, 203.0.113.7",
            **proxy,
        )
    blocked = client.post(
        "/compte/connexion/",
        {"username": "nobody99@example.be", "password": "wrong"},
        HTTP_X_FORWARDED_FOR="198.18.1.1, 203.0.113.7",
        **proxy,
    )
    assert blocked.status_code == 429
    someone_else = UserFactory()
    response = client.post(
        "/compte/connexion/",
        {"username": someone_else.email, "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="198.51.100.9",
        **proxy,
    )
    assert response.status_code == 302 and _logged_in(client)


def test_client_ip_settings_are_declared():
    from django.conf import settings

    assert settings.CLIENT_IP_HEADER == ""
    assert settings.TRUSTED_PROXY_COUNT == 1


# --- Password reset -----------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/compte/mot-de-passe/", "/admin/password_reset/"])
def test_password_reset_is_throttled_per_address(client, url, settings):
    """Regression: 8 reset e-mails went out in one second."""
    user = staff_user("Participation staff") if "admin" in url else UserFactory()
    limit = settings.PASSWORD_RESET_THROTTLE["per_account"]
    for _ in range(limit):
        assert client.post(url, {"email": user.email}).status_code == 302
    response = client.post(url, {"email": user.email.upper()})
    assert response.status_code == 429
    assert "Trop de tentatives" in response.content.decode()
    assert len(mail.outbox) == limit


def test_password_reset_is_throttled_per_ip(client, settings):
    limit = settings.PASSWORD_RESET_THROTTLE["per_ip"]
    for i in range(limit):
        client.post("/compte/mot-de-passe/", {"email": f"someone{i}@example.be"})
    response = client.post("/compte/mot-de-passe/", {"email": "another@example.be"})
    assert response.status_code == 429
    other = client.post(
        "/compte/mot-de-passe/", {"email": "another@example.be"}, REMOTE_ADDR="10.9.9.9"
    )
    assert other.status_code == 302


# --- The admin door -------------------------------------------------------------------------------


def test_unconfirmed_resident_cannot_sign_in_through_the_admin_login(client):
    """Regression: only the site form refused unconfirmed e-mail addresses."""
    user = UserFactory(email_confirmed_at=None)
    response = client.post("/admin/login/", {"username": user.email, "password": PASSWORD})
    assert response.status_code == 200
    assert not _logged_in(client)
    assert "pas encore confirmée" in response.content.decode()


def test_staff_created_by_a_superuser_still_sign_in_through_the_admin(client):
    user = staff_user("Verification staff", email_confirmed_at=None)
    response = client.post("/admin/login/", {"username": user.email, "password": PASSWORD})
    assert response.status_code == 302 and _logged_in(client)


# --- Sign-up timing ---------------------------------------------------------------------------


def test_sign_up_does_the_same_work_for_new_and_existing_addresses(client, monkeypatch, settings):
    """Regression: an existing address skipped the password hash and the new one mailed in the
    request (0.06 s vs 1.2 s). Both now hash once and queue one e-mail for the worker."""
    from django_tasks_db.models import DBTaskResult

    from accounts import services

    settings.EMAIL_TASK_BACKEND = "default"  # the database queue: see what the request leaves
    hashed = []
    real = services.make_password
    monkeypatch.setattr(services, "make_password", lambda raw: hashed.append(raw) or real(raw))
    existing = UserFactory(email="deja@example.be")

    def sign_up(email):
        data = {
            "email": email,
            "display_name": "Marie D.",
            "language": "fr",
            "password1": "un-mot-de-passe-solide-42",
            "password2": "un-mot-de-passe-solide-42",
        }
        assert client.post("/compte/inscription/", data).status_code == 302

    sign_up("nouvelle@example.be")
    sign_up(existing.email)
    assert len(hashed) == 2
    assert not mail.outbox  # nothing sent inside the request
    queued = list(DBTaskResult.objects.order_by("enqueued_at"))
    assert [t.task_path for t in queued] == ["emails.tasks.email_deliver_task"] * 2
    # The worker sends the confirmation to one and the notice to the other.
    for result in queued:
        result.task.call(*result.args_kwargs["args"], **result.args_kwargs["kwargs"])
    assert sorted(m.to[0] for m in mail.outbox) == ["deja@example.be", "nouvelle@example.be"]
