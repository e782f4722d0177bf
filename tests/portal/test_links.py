"""Absolute links come from SITE_URL; internal links keep the reader's language."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from portal.links import absolute_url
from tests.factories.announcements import announcement, event
from tests.factories.neighbourhoods import member

DEMO = "http://127.0.0.1:8765"


def test_absolute_url_uses_site_url(settings):
    settings.SITE_URL = DEMO + "/"
    assert absolute_url("/nl/x/") == DEMO + "/nl/x/"
    assert absolute_url("x/") == DEMO + "/x/"
    assert absolute_url("https://else.example/a") == "https://else.example/a"


def test_run_py_gives_server_and_worker_the_port_it_serves(monkeypatch):
    import run

    monkeypatch.delenv("SITE_URL", raising=False)
    assert run.demo_env("8765")["SITE_URL"] == DEMO
    monkeypatch.setenv("SITE_URL", "https://quartiers.mons.be")
    assert run.demo_env("8765")["SITE_URL"] == "https://quartiers.mons.be"


@pytest.mark.django_db
def test_the_site_record_follows_site_url(settings):
    from wagtail.models import Site

    from home.bootstrap import site_sync_from_setting

    settings.SITE_URL = DEMO
    site_sync_from_setting()
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("127.0.0.1", 8765)


@pytest.mark.django_db
def test_ics_letters_and_emails_point_at_site_url(client, settings, neighbourhoods):
    settings.SITE_URL = DEMO
    a, _b = neighbourhoods
    party = event(neighbourhoods=[a])
    ics = client.get(
        reverse("announcements:calendar", args=[party.pk]), HTTP_HOST="localhost"
    ).content.decode()
    assert f"URL:{DEMO}/" in ics.replace("\r\n ", "")
    assert "localhost" not in ics and ":8000" not in ics

    from verification.exports import _verify_url

    assert _verify_url("nl").startswith(DEMO + "/nl/")

    from accounts.services import user_signup

    user_signup(email="new@example.be", password="x" * 12, display_name="N", language="en")
    body = mail.outbox[-1].body
    assert f"{DEMO}/en/" in body
    assert "localhost" not in body and ":8000" not in body

    # Django's password reset would use the request's Host header.
    member(neighbourhood=a, email="reset@example.be", language="nl")
    client.post(
        reverse("accounts:password_reset"), {"email": "reset@example.be"}, HTTP_HOST="localhost"
    )
    body = mail.outbox[-1].body
    assert f"{DEMO}/nl/" in body and "localhost" not in body


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_internal_link_on_hub_and_footer_keeps_the_language(client, neighbourhoods, language):
    from home.models import PortalSettings, StandardPage

    a, _b = neighbourhoods
    from wagtail.models import Page, Site

    root = Page.objects.get(depth=2)
    privacy = StandardPage(title="Vie privée", slug="vie-privee")
    access = StandardPage(title="Accessibilité", slug="accessibilite")
    root.add_child(instance=privacy)
    root.add_child(instance=access)
    PortalSettings.objects.update_or_create(
        site=Site.objects.get(is_default_site=True),
        defaults={"privacy_page": privacy, "accessibility_page": access},
    )
    announcement(neighbourhoods=[a], title="Travaux")
    event(neighbourhoods=[a], title="Atelier")
    client.force_login(member(neighbourhood=a))

    with translation.override(language):
        hub_url = a.hub_pages.first().url
    assert hub_url.startswith(f"/{language}/")
    html = client.get(hub_url).content.decode()
    assert f'<html lang="{language}">' in html
    hrefs = re.findall(r'(?:href|action)="(/[^"]*)"', html)
    internal = [h for h in hrefs if not h.startswith(("/static/", "/media/", "/i18n/"))]
    assert len(internal) > 8
    lost = [h for h in internal if not h.startswith(f"/{language}/")]
    assert lost == []
    # French titles shown on the Dutch or English hub say they are French.
    assert re.search(rf'<h3 lang="fr"><a href="/{language}/[^"]*">Travaux</a>', html)
    assert re.search(rf'<a href="/{language}/[^"]*" lang="fr">Atelier</a>', html)
    # The French-only pages it links to open in the reader's language, saying so.
    for href in [h for h in internal if "travaux" in h or "vie-privee" in h]:
        page = client.get(href).content.decode()
        assert f'<html lang="{language}">' in page
        assert 'id="only-in-language"' in page
        assert '<div lang="fr">' in page
