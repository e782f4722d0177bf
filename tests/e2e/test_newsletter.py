"""Browser: a visitor subscribes, confirms, gets a scheduled issue, unsubscribes in one click."""

import re

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from newsletters import services
from newsletters.models import Subscriber
from tests.factories.newsletters import issue

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_subscribe_confirm_receive_and_unsubscribe(page, live_server, settings, neighbourhoods):
    settings.SITE_URL = live_server.url
    mail.outbox.clear()
    page.goto("/")
    page.get_by_role("link", name="Lettre d'information").click()
    page.get_by_label("Adresse e-mail").fill("visiteur@example.be")
    page.get_by_label("Mons-Centre").check()
    page.get_by_label("J'accepte que la Ville de Mons").check()
    page.get_by_role("button", name="M'inscrire").click()
    assert page.get_by_role("heading", name="Consultez votre boîte e-mail").is_visible()

    confirm_url = re.search(r"http\S+/lettre/confirmer/\S+/", mail.outbox[-1].body).group(0)
    page.goto(confirm_url)
    page.get_by_role("button", name="Oui, je confirme mon inscription").click()
    assert page.get_by_text("Votre inscription est confirmée").is_visible()

    letter = issue(title="Lettre d'octobre")
    send = services.newsletter_send_schedule(
        page=letter,
        scheduled_for=timezone.now(),
        audience="neighbourhoods",
        neighbourhoods=[neighbourhoods[0]],
    )
    services.newsletter_send_process(send_id=send.pk)  # what the worker runs at that time
    received = [m for m in mail.outbox if m.subject == "Lettre d'octobre"]
    assert [m.to for m in received] == [["visiteur@example.be"]]
    headers = received[0].extra_headers
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    page.goto(headers["List-Unsubscribe"].strip("<>"))
    page.get_by_role("button", name="Se désinscrire").click()
    assert page.get_by_role("heading", name="Vous êtes désinscrit").is_visible()
    assert Subscriber.objects.get(email="visiteur@example.be").unsubscribed_at is not None

    # The web version of the sent issue is public.
    page.goto(letter.url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Lettre d'octobre")
