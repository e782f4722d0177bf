import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import Group

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def test_staff_groups_exist_with_admin_access():
    for name in [
        "Communications officers",
        "Newsletter editors",
        "Participation staff",
        "Verification staff",
    ]:
        group = Group.objects.get(name=name)
        assert group.permissions.filter(codename="access_admin").exists()


def test_production_settings_pass_check_deploy():
    # The browser tests' DJANGO_ALLOW_ASYNC_UNSAFE (tests/e2e/conftest.py) must not leak in here.
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": "x" * 20 + "production-secret-for-the-check-0123456789",
        "ALLOWED_HOSTS": "quartiers.mons.be",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_login_is_throttled_per_account(client, db):
    from tests.factories.accounts import UserFactory

    user = UserFactory()
    for _ in range(5):
        client.post("/compte/connexion/", {"username": user.email, "password": "wrong"})
    response = client.post("/compte/connexion/", {"username": user.email, "password": "wrong"})
    assert response.status_code == 429
    assert "Trop de tentatives" in response.content.decode()


def test_admin_login_is_throttled_too(client, db):
    from tests.factories.accounts import superuser

    admin = superuser()
    for _ in range(5):
        client.post("/admin/login/", {"username": admin.email, "password": "wrong"})
    response = client.post("/admin/login/", {"username": admin.email, "password": "wrong"})
    assert response.status_code == 429


def test_public_pages_send_a_content_security_policy(client, neighbourhoods):
    response = client.get("/")
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
