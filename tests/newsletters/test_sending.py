from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from newsletters import services
from newsletters.forms import ScheduleForm
from newsletters.mime import MESSAGE_ID_MARK
from newsletters.models import Delivery, NewsletterSend, Subscriber
from newsletters.selectors import send_report
from tests.factories.newsletters import SubscriberFactory, issue

pytestmark = pytest.mark.django_db
NOW = timezone.now


def schedule(page, audience="all", **kwargs):
    return services.newsletter_send_schedule(
        page=page, scheduled_for=kwargs.pop("at", NOW()), audience=audience, **kwargs
    )


def test_send_reaches_confirmed_subscribers_once_with_rfc8058_headers():
    page = issue(title="Lettre d'avril")
    active = SubscriberFactory.create_batch(3)
    SubscriberFactory(confirmed_at=None)  # never confirmed
    SubscriberFactory(unsubscribed_at=NOW())
    send = schedule(page)
    mail.outbox.clear()
    services.newsletter_send_process(send_id=send.pk)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(s.email for s in active)
    message = mail.outbox[0]
    assert message.subject == "Lettre d'avril"
    unsubscribe = message.extra_headers["List-Unsubscribe"]
    assert unsubscribe.startswith("<https://quartiers.mons.be/lettre/desinscription/")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    html = message.alternatives[0][0]
    assert unsubscribe[1:-1] in html and unsubscribe[1:-1] in message.body
    assert "Des ateliers partout" in html and "Des ateliers partout" in message.body
    # A second run (or the follow-up task) sends nothing more.
    services.newsletter_send_process(send_id=send.pk)
    assert len(mail.outbox) == 3
    send.refresh_from_db()
    assert send.status == NewsletterSend.Status.DONE
    assert send_report(send=send)["sent"] == 3


def test_each_recipient_gets_their_own_unsubscribe_link():
    page = issue()
    SubscriberFactory.create_batch(2)
    services.newsletter_send_process(send_id=schedule(page).pk)
    links = {m.extra_headers["List-Unsubscribe"] for m in mail.outbox}
    assert len(links) == 2


def test_consent_is_rechecked_at_send_time():
    page = issue()
    keep, leave = SubscriberFactory.create_batch(2)
    send = schedule(page)
    services.newsletter_send_process(send_id=send.pk, max_batches=0)  # recipients listed
    Subscriber.objects.filter(pk=leave.pk).update(unsubscribed_at=NOW())
    services.newsletter_send_process(send_id=send.pk)
    assert [m.to[0] for m in mail.outbox] == [keep.email]
    report = send_report(send=send)
    assert (report["sent"], report["skipped"]) == (1, 1)


def test_rendered_once_per_language(monkeypatch):
    from newsletters import services as module

    page = issue()
    SubscriberFactory.create_batch(5, language="fr")
    SubscriberFactory.create_batch(3, language="nl")
    calls = []
    original = module.render_issue
    monkeypatch.setattr(
        module, "render_issue", lambda **kw: calls.append(kw["language"]) or original(**kw)
    )
    services.newsletter_send_process(send_id=schedule(page).pk)
    assert sorted(calls) == ["fr", "nl"]
    assert len(mail.outbox) == 8


def test_audience_by_neighbourhood_and_language(neighbourhoods):
    a, b = neighbourhoods
    page = issue()
    in_a = SubscriberFactory()
    in_a.neighbourhoods.add(a)
    in_b = SubscriberFactory(language="nl")
    in_b.neighbourhoods.add(b)
    services.newsletter_send_process(
        send_id=schedule(page, "neighbourhoods", neighbourhoods=[a]).pk
    )
    assert [m.to[0] for m in mail.outbox] == [in_a.email]
    mail.outbox.clear()
    services.newsletter_send_process(send_id=schedule(page, "language", language="nl").pk)
    assert [m.to[0] for m in mail.outbox] == [in_b.email]


def test_a_failed_address_does_not_stop_the_others(monkeypatch):
    from django.core.mail.backends.locmem import EmailBackend

    page = issue()
    SubscriberFactory.create_batch(3)
    bad = SubscriberFactory(email="refuse@example.be")
    original = EmailBackend.send_messages

    def send_messages(self, messages):
        if messages[0].to == [bad.email]:
            raise OSError("550 mailbox unavailable")
        return original(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", send_messages)
    send = schedule(page)
    services.newsletter_send_process(send_id=send.pk)
    report = send_report(send=send)
    assert (report["sent"], report["failed"]) == (3, 1)
    assert "550" in Delivery.objects.get(status="failed").error


def test_a_row_left_sending_by_a_dead_worker_is_not_resent_and_reported_unknown():
    page = issue()
    SubscriberFactory.create_batch(4)
    send = schedule(page)
    services.newsletter_send_process(send_id=send.pk, max_batches=0)  # materialise only
    # A worker claimed one row and died before marking it sent.
    Delivery.objects.filter(pk=Delivery.objects.order_by("id").first().pk).update(status="sending")
    services.newsletter_send_process(send_id=send.pk)
    assert len(mail.outbox) == 3
    send.refresh_from_db()
    report = send_report(send=send)
    assert send.status == "done" and report["unknown"] == 1 and report["sent"] == 3


def test_not_sent_before_its_time_nor_when_cancelled():
    page = issue()
    SubscriberFactory()
    later = schedule(page, at=NOW() + timedelta(hours=2))
    assert services.newsletter_send_process(send_id=later.pk)["state"] == "not yet"
    assert services.newsletter_send_cancel(send=later)
    assert (
        services.newsletter_send_process(send_id=later.pk, now=NOW() + timedelta(hours=3))["state"]
        == "nothing to do"
    )
    assert not mail.outbox and not Delivery.objects.exists()


def test_scheduling_enqueues_the_task_with_run_after(django_capture_on_commit_callbacks):
    from django_tasks_db.models import DBTaskResult

    page = issue()
    SubscriberFactory()
    at = NOW() + timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        send = schedule(page, at=at)
    task = DBTaskResult.objects.get(args_kwargs__kwargs__send_id=send.pk)
    assert task.run_after == at and task.args_kwargs["kwargs"] == {"send_id": send.pk}
    send.refresh_from_db()
    assert send.task_id == str(task.id)


def form(**data):
    return ScheduleForm(
        data={
            "scheduled_for": (NOW() + timedelta(hours=1)).strftime("%Y-%m-%d %H:%M"),
            "audience": "all",
            **data,
        }
    )


def test_schedule_form_refuses_a_time_in_the_past():
    SubscriberFactory()
    f = form(scheduled_for=(NOW() - timedelta(hours=1)).strftime("%Y-%m-%d %H:%M"))
    assert not f.is_valid()
    assert "passé" in str(f.errors["scheduled_for"])


def test_schedule_form_refuses_an_empty_audience(neighbourhoods):
    a, _ = neighbourhoods
    SubscriberFactory()  # interested in no neighbourhood
    f = form(audience="neighbourhoods", neighbourhoods=[a.pk])
    assert not f.is_valid()
    assert "personne ne la recevrait" in str(f.non_field_errors())
    assert not form(audience="neighbourhoods").is_valid()
    assert not form(audience="language").is_valid()


def test_service_refuses_past_time_and_empty_audience_and_stores_nothing():
    from django.core.exceptions import ValidationError

    page = issue()
    with pytest.raises(ValidationError):
        schedule(page)  # nobody subscribed
    SubscriberFactory()
    with pytest.raises(ValidationError):
        schedule(page, at=NOW() - timedelta(hours=1))
    assert not NewsletterSend.objects.exists()


def test_editor_schedules_in_the_admin_and_sees_the_report(client_for, users_by_role):
    page = issue(title="Lettre de mai")
    SubscriberFactory.create_batch(2)
    editor = client_for("Newsletter editors")
    at = (NOW() + timedelta(hours=1)).strftime("%Y-%m-%d %H:%M")
    response = editor.post(
        f"/admin/newsletters/{page.pk}/schedule/",
        {"scheduled_for": at, "audience": "all"},
        follow=True,
    )
    body = response.content.decode()
    assert "Envoi programmé pour 2 abonnés" in body
    send = NewsletterSend.objects.get()
    services.newsletter_send_process(send_id=send.pk, now=send.scheduled_for)
    body = editor.get(f"/admin/newsletters/sends/{send.pk}/").content.decode()
    assert 'id="report-sent">2<' in body


def test_admin_schedule_refuses_past_time_with_a_message(client_for, users_by_role):
    page = issue()
    SubscriberFactory()
    at = (NOW() - timedelta(days=1)).strftime("%Y-%m-%d %H:%M")
    response = client_for("Newsletter editors").post(
        f"/admin/newsletters/{page.pk}/schedule/", {"scheduled_for": at, "audience": "all"}
    )
    assert "Ce moment est passé" in response.content.decode()
    assert not NewsletterSend.objects.exists()


@pytest.mark.parametrize("role", ["Participation staff", "Verification staff", "member of A"])
def test_other_roles_cannot_schedule(client_for, users_by_role, role):
    page = issue()
    SubscriberFactory()
    response = client_for(role).post(
        f"/admin/newsletters/{page.pk}/schedule/",
        {"scheduled_for": "2030-01-01 10:00", "audience": "all"},
    )
    assert response.status_code in (302, 403)
    assert not NewsletterSend.objects.exists()


def test_send_a_test_to_myself_from_the_editor(client_for, users_by_role):
    page = issue(title="Lettre de juin")
    editor = users_by_role["Newsletter editors"]
    response = client_for("Newsletter editors").post(f"/admin/newsletters/{page.pk}/test/")
    assert response.status_code == 302
    assert mail.outbox[-1].to == [editor.email]
    assert mail.outbox[-1].subject == "[TEST] Lettre de juin"
    assert not NewsletterSend.objects.exists()


def test_web_version_only_once_sent(client):
    page = issue(title="Lettre de juillet")
    assert client.get(page.url).status_code == 404
    SubscriberFactory()
    services.newsletter_send_process(send_id=schedule(page).pk)
    assert "Lettre de juillet" in client.get(page.url).content.decode()


def test_editor_sees_send_test_and_schedule_in_the_page_editor(client_for, users_by_role):
    page = issue()
    body = client_for("Newsletter editors").get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert "action-send-test" in body
    assert f"/admin/newsletters/{page.pk}/schedule/" in body


def test_email_preview_mode(client_for, users_by_role):
    page = issue(title="Lettre d'aperçu")
    response = client_for("Newsletter editors").get(
        f"/admin/pages/{page.pk}/edit/preview/?mode=email"
    )
    assert response.status_code == 200


def test_send_a_test_through_the_wagtail_editor_action(client_for, users_by_role):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

    page = issue(title="Lettre d'essai")
    editor = users_by_role["Newsletter editors"]
    data = nested_form_data(
        {
            "title": "Lettre d'essai (brouillon)",
            "slug": page.slug,
            "intro": "Intro",
            "body": streamfield([("heading", "Nouveau titre")]),
            "comments": inline_formset([]),
        }
    )
    data["action-send-test"] = "1"
    response = client_for("Newsletter editors").post(f"/admin/pages/{page.pk}/edit/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert mail.outbox[-1].to == [editor.email]
    assert mail.outbox[-1].subject == "[TEST] Lettre d'essai (brouillon)"


def test_prepared_message_equals_the_slow_path_byte_for_byte_where_it_matters():
    import email

    from newsletters.services import _issue_message, _Renderer

    page = issue(body=[("paragraph", "<p>" + "Un très long paragraphe accentué. " * 80 + "</p>")])
    sub = SubscriberFactory()
    send = schedule(page)
    renderer = _Renderer(send)
    fast = renderer.message(
        language="fr", subscriber_id=sub.pk, email=sub.email, nonce=sub.token_nonce, connection=None
    )
    rendered, unsub, prefs, template = renderer.for_language("fr")
    assert template.ok  # long lines were wrapped, so the placeholders survived as 8-bit text
    token = fast.extra_headers["List-Unsubscribe"].split("/")[-2]
    slow = _issue_message(
        rendered,
        to=sub.email,
        unsubscribe_url=unsub[0] + token + unsub[1],
        preferences_url=prefs[0] + token + prefs[1],
    )
    a = email.message_from_bytes(fast.message().as_bytes())
    b = email.message_from_bytes(slow.message().as_bytes())
    for header in ("To", "Subject", "From", "List-Unsubscribe", "List-Unsubscribe-Post"):
        assert " ".join(a[header].split()) == " ".join(b[header].split())
    assert a["Message-ID"] != MESSAGE_ID_MARK
    parts_a = [p.get_payload(decode=True) for p in a.walk() if not p.is_multipart()]
    parts_b = [p.get_payload(decode=True) for p in b.walk() if not p.is_multipart()]
    assert parts_a == parts_b
    assert max(len(line) for line in fast.message().as_bytes().splitlines()) < 998
