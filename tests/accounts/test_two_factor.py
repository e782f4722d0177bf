"""Every account that can enter the admin signs in with a second factor (django-otp)."""

import base64
import re
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from audit.models import AuditEntry
from tests.factories.accounts import PASSWORD, staff_user, superuser
from tests.factories.neighbourhoods import member

pytestmark = pytest.mark.django_db


def secret_from(page: str) -> bytes:
    secret = re.search(r'id="totp-secret">([A-Z2-7]+)<', page).group(1)
    return base64.b32decode(secret + "=" * (-len(secret) % 8))


def password_login(client, user):
    assert client.login(username=user.email, password=PASSWORD)


@pytest.fixture
def officer(db):
    return staff_user("Communications officers", email="agent@example.be")


def test_staff_signed_in_with_a_password_only_are_sent_to_enrolment(client, officer):
    password_login(client, officer)
    for url in ["/admin/", "/admin/pages/", "/compte/profil/", "/admin/users/"]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/admin/2fa/setup/?next="), url


def test_the_code_pages_get_the_admin_icons_not_a_copy_of_themselves(client, officer):
    # Wagtail's script fetches the icon sprite and inserts it into the page: a redirect here put
    # a second sign-in form into the code page.
    from django.urls import reverse

    password_login(client, officer)
    response = client.get(reverse("wagtailadmin_sprite"))
    assert response.status_code == 200
    assert b"<svg" in response.content


def test_enrolment_with_the_qr_secret_then_the_admin_opens(client, officer):
    password_login(client, officer)
    page = client.get("/admin/2fa/setup/?next=/admin/pages/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "<svg" in html  # the QR code, drawn inline
    key = secret_from(html)
    wrong = client.post("/admin/2fa/setup/", {"token": "000000", "next": "/admin/pages/"})
    assert wrong.status_code == 200 and 'aria-invalid="true"' in wrong.content.decode()
    # django-otp backs off after a wrong code (1 s, 2 s, 4 s…): an immediate retry waits.
    too_soon = client.post("/admin/2fa/setup/", {"token": f"{totp(key):06d}"})
    assert "wait a few seconds" in too_soon.content.decode() or "quelques secondes" in (
        too_soon.content.decode()
    )
    TOTPDevice.objects.filter(user=officer).update(
        throttling_failure_timestamp=timezone.now() - timedelta(seconds=5)
    )
    done = client.post("/admin/2fa/setup/", {"token": f"{totp(key):06d}", "next": "/admin/pages/"})
    codes = re.findall(r"<li><code>([a-z0-9]+)</code></li>", done.content.decode())
    assert len(codes) == 10
    assert TOTPDevice.objects.get(user=officer).confirmed
    assert client.get("/admin/pages/").status_code == 200


def test_an_enrolled_staff_member_signs_in_with_a_code_or_a_single_use_recovery_code(
    client, officer
):
    device = TOTPDevice.objects.create(user=officer, name="authenticator", confirmed=True)
    static = StaticDevice.objects.create(user=officer, name="recovery codes", confirmed=True)
    static.token_set.create(token="abcd2345")
    password_login(client, officer)
    response = client.get("/admin/")
    assert response["Location"].startswith("/admin/2fa/verify/")
    response = client.post("/admin/2fa/verify/", {"token": "abcd2345", "next": "/admin/"})
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    # The recovery code is used up.
    client.logout()
    password_login(client, officer)
    assert client.post("/admin/2fa/verify/", {"token": "abcd2345"}).status_code == 200
    assert client.get("/admin/").status_code == 302
    # The authenticator's code works (once django-otp's back-off after that miss has passed).
    TOTPDevice.objects.update(throttling_failure_timestamp=None)
    response = client.post("/admin/2fa/verify/", {"token": f"{totp(device.bin_key):06d}"})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_wrong_codes_are_throttled_even_before_the_right_one(client, officer, settings):
    device = TOTPDevice.objects.create(user=officer, name="authenticator", confirmed=True)
    password_login(client, officer)
    for _ in range(5):
        assert client.post("/admin/2fa/verify/", {"token": "123456"}).status_code == 200
        TOTPDevice.objects.update(throttling_failure_timestamp=None)  # past django-otp's back-off
    right = client.post("/admin/2fa/verify/", {"token": f"{totp(device.bin_key):06d}"})
    assert right.status_code == 429
    assert client.get("/admin/").status_code == 302


def test_residents_are_not_asked_for_a_second_factor(client, neighbourhoods):
    resident = member(neighbourhood=neighbourhoods[0])
    password_login(client, resident)
    assert client.get("/compte/profil/").status_code == 200
    assert client.get("/admin/2fa/setup/").status_code == 302


def test_the_test_helper_logs_staff_in_with_a_verified_device(client_for):
    assert client_for("superuser").get("/admin/").status_code == 200
    assert client_for("Communications officers").get("/admin/").status_code == 200


@pytest.mark.second_factor_unverified
def test_force_login_can_leave_staff_unverified(client, officer):
    client.force_login(officer)
    assert client.get("/admin/")["Location"].startswith("/admin/2fa/setup/")


def test_a_superuser_resets_a_staff_members_factor_and_it_is_audited(officer):
    admin = superuser(email="chef@example.be")
    TOTPDevice.objects.create(user=officer, name="authenticator", confirmed=True)
    StaticDevice.objects.create(user=officer, name="recovery codes", confirmed=True)
    call_command("second_factor_reset", officer.email, by=admin.email)
    assert not TOTPDevice.objects.filter(user=officer).exists()
    assert not StaticDevice.objects.filter(user=officer).exists()
    entry = AuditEntry.objects.get(action="two_factor.reset")
    assert entry.actor == admin and entry.target == officer.email


def test_only_a_superuser_may_reset_a_factor(officer):
    other = staff_user("Verification staff", email="autre@example.be")
    TOTPDevice.objects.create(user=officer, name="authenticator", confirmed=True)
    with pytest.raises(CommandError):
        call_command("second_factor_reset", officer.email, by=other.email)
    assert TOTPDevice.objects.filter(user=officer).exists()
    assert not AuditEntry.objects.exists()
