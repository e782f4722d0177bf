"""In a real browser: a resident downloads their data and deletes their account; a staff member
enrols a second factor (reading the key from the page) and signs in with it."""

import base64
import io
import json
import re
import zipfile

import pytest
from django.core import mail
from django_otp.oath import totp
from playwright.sync_api import expect

from tests.e2e.conftest import login
from tests.factories.accounts import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_resident_downloads_their_data_then_deletes_their_account(
    page, live_server, settings, tmp_path
):
    from accounts.models import User
    from feed.services import post_create
    from tests.factories.neighbourhoods import NeighbourhoodFactory, hub_page, member

    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
        "immediate": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    }
    hood = NeighbourhoodFactory(code="mons-centre", name="Mons-Centre")
    hub_page(neighbourhood=hood)
    alice = member(neighbourhood=hood, email="alice@example.be", display_name="Alice D.")
    post_create(author=alice, category="idea", title="Un banc rue de Nimy", body="Pour les aînés")

    login(page, email=alice.email, password=PASSWORD)
    page.goto("/compte/profil/")
    page.get_by_role("link", name="Télécharger mes données").click()
    page.get_by_role("button", name="Préparer mes données").click()
    expect(page.get_by_text("Nous préparons vos données")).to_be_visible()

    message = next(m for m in mail.outbox if m.to == [alice.email])
    link = re.search(r"https?://\S+/compte/mes-donnees/telecharger/\S+/", message.body).group(0)
    response = page.request.get("/" + link.split("/", 3)[3])  # with the browser's session
    assert response.status == 200
    archive = zipfile.ZipFile(io.BytesIO(response.body()))
    data = json.loads(archive.read("data.json"))
    assert "Un banc rue de Nimy" in json.dumps(data, ensure_ascii=False)
    assert "alice@example.be" in archive.read("data.html").decode()

    page.goto("/compte/profil/")
    page.get_by_role("link", name="Supprimer mon compte").click()
    expect(page.get_by_role("heading", name="Ce qui est effacé")).to_be_visible()
    expect(page.get_by_role("heading", name="Ce qui est anonymisé")).to_be_visible()
    expect(page.get_by_role("heading", name="Ce qui est gardé, et pourquoi")).to_be_visible()
    page.get_by_label("Votre mot de passe").fill("pas-le-bon-mot")
    page.get_by_role("button", name="Supprimer définitivement mon compte").click()
    expect(page.get_by_text("Ce mot de passe n’est pas correct.").first).to_be_visible()
    page.get_by_label("Votre mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Supprimer définitivement mon compte").click()
    expect(page.get_by_text("Votre compte est supprimé.")).to_be_visible()

    shell = User.objects.get(pk=alice.pk)
    assert shell.erased_at is not None and not shell.is_active
    login(page, email="alice@example.be", password=PASSWORD)
    expect(page.get_by_role("button", name="Se connecter")).to_be_visible()  # still on login


def test_staff_member_enrols_a_second_factor_and_signs_in_with_it(page, live_server):
    from tests.factories.accounts import staff_user

    officer = staff_user("Communications officers", email="agent@example.be")

    login(page, email=officer.email, password=PASSWORD)
    page.goto("/admin/")
    page.wait_for_url(re.compile(r"/admin/2fa/setup/"))
    expect(page.locator(".two-factor-qr svg")).to_be_visible()  # the QR code
    secret = page.locator("#totp-secret").inner_text().strip()
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    page.get_by_label("Code").fill(f"{totp(key):06d}")
    page.get_by_role("button", name="Confirmer").click()
    codes = page.locator("#recovery-codes li")
    expect(codes).to_have_count(10)
    page.get_by_role("link", name="Je les ai notés, continuer").click()
    page.wait_for_url(re.compile(r"/admin/$"))

    # Next sign-in: password, then a fresh code from the same key (the next time step, which the
    # tolerance of one step accepts; the code just used is refused as a replay).
    page.context.clear_cookies()
    login(page, email=officer.email, password=PASSWORD)
    page.goto("/admin/pages/")
    page.wait_for_url(re.compile(r"/admin/2fa/verify/"))
    page.get_by_label("Code").fill(f"{totp(key, drift=1):06d}")
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url(re.compile(r"/admin/pages/"))
    assert "/2fa/" not in page.url
