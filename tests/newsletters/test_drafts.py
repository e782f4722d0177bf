"""An editor schedules a draft issue: it goes out, and its web version appears, when it is sent."""

from datetime import timedelta

from django.core import mail
from django.utils import timezone

from newsletters import services
from newsletters.models import NewsletterPage, NewsletterSend
from tests.factories.newsletters import SubscriberFactory, issue


def _at(**delta):
    return (timezone.localtime() + timedelta(**delta)).strftime("%Y-%m-%d %H:%M")


def test_a_draft_issue_is_scheduled_and_published_when_it_is_sent(client_for, users_by_role):
    page = issue(title="Lettre de juin", publish=False)
    SubscriberFactory.create_batch(2)
    editor = client_for("Newsletter editors")
    url = f"/admin/newsletters/{page.pk}/schedule/"

    form = editor.get(url)
    assert form.status_code == 200
    assert "publiée sur le site au moment de l’envoi" in form.content.decode()

    response = editor.post(url, {"scheduled_for": _at(hours=1), "audience": "all"}, follow=True)
    assert response.status_code == 200
    assert "Envoi programmé pour 2 abonnés" in response.content.decode()
    send = NewsletterSend.objects.get()
    page.refresh_from_db()
    assert not page.live
    assert editor.get(page.url).status_code == 404 if page.url else True

    services.newsletter_send_process(send_id=send.pk, now=send.scheduled_for)
    assert len(mail.outbox) == 2
    page.refresh_from_db()
    assert page.live
    web = client_for("anonymous").get(page.url)
    assert web.status_code == 200
    assert "Lettre de juin" in web.content.decode()
    assert page.url in mail.outbox[0].body and "Version web" in mail.outbox[0].body


def test_the_latest_draft_is_what_goes_out(client_for, users_by_role):
    page = issue(title="Lettre de juillet", publish=False)
    draft = page.get_latest_revision_as_object()
    draft.title = "Lettre de juillet (corrigée)"
    draft.save_revision()
    SubscriberFactory()
    send = services.newsletter_send_schedule(
        page=NewsletterPage.objects.get(pk=page.pk),
        scheduled_for=timezone.now(),
        audience="all",
    )
    services.newsletter_send_process(send_id=send.pk)
    assert mail.outbox[0].subject == "Lettre de juillet (corrigée)"
    assert NewsletterPage.objects.get(pk=page.pk).title == "Lettre de juillet (corrigée)"


def test_the_test_mail_of_a_draft_has_no_dead_web_link(client_for, users_by_role):
    page = issue(title="Lettre d'août", publish=False)
    editor = client_for("Newsletter editors")
    response = editor.post(f"/admin/newsletters/{page.pk}/test/")
    assert response.status_code == 302
    (message,) = mail.outbox
    assert "[TEST]" in message.subject
    html = message.alternatives[0][0]
    assert "Version web" not in message.body and "Lire la version web" not in html
    if page.url:
        assert page.url not in message.body and page.url not in html
