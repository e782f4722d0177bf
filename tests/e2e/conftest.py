"""Browser tests: Playwright driving Debian's Chromium against pytest-django's live server.

They need /usr/bin/chromium (CI installs it; `apt-get install chromium` locally). Without it they
skip — and CI, which sets FAIL_ON_SKIP=1, fails.
"""

import os
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "e2e"

# Playwright's sync API runs an event loop in this thread; the live server's ORM calls happen in
# its own thread, but fixtures that touch the ORM here would otherwise be refused.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    if Path(CHROMIUM).exists():
        return
    skip = pytest.mark.skip(reason=f"no Chromium at {CHROMIUM}")
    for item in items:
        if "tests/e2e/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server, request):
    """A fresh browser tab in French, with a screenshot kept if the test fails."""
    context = browser.new_context(locale="fr-BE", base_url=live_server.url)
    context.set_default_timeout(15_000)
    tab = context.new_page()
    yield tab
    failed = getattr(request.node, "rep_call", None)
    if failed is not None and failed.failed:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        tab.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()


@pytest.hookimpl(tryfirst=True, hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


def login(page, *, email, password):
    page.goto("/compte/connexion/")
    page.get_by_label("Adresse e-mail").fill(email)
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_role("button", name="Se connecter").click()


def staff_login(page, *, user, password):
    """Staff sign in with their password, then a second factor (a fresh recovery code)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from tests.factories.accounts import recovery_code_for

    # Enrolled already, so the code page (not the enrolment page) comes after the password.
    TOTPDevice.objects.get_or_create(user=user, name="authenticator", defaults={"confirmed": True})
    login(page, email=user.email, password=password)
    page.wait_for_url("**/admin/2fa/verify/**")
    page.get_by_label("Code").fill(recovery_code_for(user))
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_load_state()


def admin_login(page, *, email, password):
    """Sign in to the Wagtail admin through its own login screen (in French), then the second
    factor every staff account needs (a fresh single-use recovery code)."""
    import re

    from django_otp.plugins.otp_totp.models import TOTPDevice

    from accounts.models import User
    from tests.factories.accounts import recovery_code_for

    user = User.objects.get(email=email)
    TOTPDevice.objects.get_or_create(user=user, name="authenticator", defaults={"confirmed": True})
    page.goto("/admin/login/")
    page.get_by_label(re.compile("e-mail", re.I)).fill(email)
    # The password's placeholder is what a person reads.
    page.get_by_placeholder(re.compile("mot de passe", re.I)).fill(password)
    page.get_by_role("button", name=re.compile("S'identifier|Se connecter")).click()
    page.wait_for_url("**/admin/2fa/verify/**")
    page.get_by_label("Code").fill(recovery_code_for(user))
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url("**/admin/")


def axe_script():
    """axe-core's script, from the project's virtualenv (installed by run.py with npm)."""
    import sys

    for root in (Path(sys.prefix), Path(__file__).resolve().parents[2] / ".venv"):
        script = root / "axe" / "node_modules" / "axe-core" / "axe.min.js"
        if script.exists():
            return script
    return None


def axe_count(page) -> int:
    """WCAG 2.1 A/AA violations on the current page (admin pages: reported, not asserted)."""
    script = axe_script()
    if script is None:
        return -1
    page.evaluate(script.read_text())
    return page.evaluate(
        "async () => (await axe.run(document, {runOnly: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']})).violations.length"
    )
