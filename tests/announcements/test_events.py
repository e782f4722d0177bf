import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from announcements import services
from announcements.models import EventRegistration
from tests.factories.announcements import event
from tests.factories.neighbourhoods import member

pytestmark = pytest.mark.django_db
CONFIRMED, WAITLISTED = EventRegistration.Status.CONFIRMED, EventRegistration.Status.WAITLISTED


def test_sign_up_past_capacity_lands_on_the_waitlist(client, neighbourhoods):
    a, _ = neighbourhoods
    page = event(neighbourhoods=[a], capacity=1)
    first, second = member(neighbourhood=a), member(neighbourhood=a)
    client.force_login(first)
    client.post(f"/annonces/evenements/{page.pk}/inscription/")
    client.force_login(second)
    response = client.post(f"/annonces/evenements/{page.pk}/inscription/", follow=True)
    body = response.content.decode()
    assert "liste d'attente" in body
    assert "numéro 1" in body
    assert EventRegistration.objects.get(user=first).status == CONFIRMED
    assert EventRegistration.objects.get(user=second).status == WAITLISTED


def test_signing_up_twice_keeps_one_registration(client, neighbourhoods):
    a, _ = neighbourhoods
    page = event(neighbourhoods=[a])
    client.force_login(member(neighbourhood=a))
    client.post(f"/annonces/evenements/{page.pk}/inscription/")
    response = client.post(f"/annonces/evenements/{page.pk}/inscription/", follow=True)
    assert "Vous étiez déjà inscrit" in response.content.decode()
    assert EventRegistration.objects.count() == 1


def test_residents_of_other_neighbourhoods_cannot_sign_up(client, neighbourhoods):
    a, b = neighbourhoods
    page = event(neighbourhoods=[a])
    client.force_login(member(neighbourhood=b))
    response = client.post(f"/annonces/evenements/{page.pk}/inscription/", follow=True)
    assert "résidents vérifiés" in response.content.decode()
    assert not EventRegistration.objects.exists()


def test_cancel_moves_the_waitlist_up_and_emails_the_promoted(client, neighbourhoods):
    a, _ = neighbourhoods
    page = event(neighbourhoods=[a], capacity=1, title="Atelier vélo")
    first, second = member(neighbourhood=a), member(neighbourhood=a)
    services.event_sign_up(event=page, user=first)
    services.event_sign_up(event=page, user=second)
    mail.outbox.clear()
    client.force_login(first)
    reg = EventRegistration.objects.get(user=first)
    response = client.post(f"/annonces/evenements/{page.pk}/annulation/{reg.pk}/", follow=True)
    assert "Votre inscription est annulée" in response.content.decode()
    promoted = EventRegistration.objects.get(user=second)
    assert promoted.status == CONFIRMED and promoted.promoted_at
    assert [m.to for m in mail.outbox] == [[second.email]]
    assert "Atelier vélo" in mail.outbox[0].subject


def test_cancelling_someone_elses_sign_up_is_not_found(client, neighbourhoods):
    a, _ = neighbourhoods
    page = event(neighbourhoods=[a])
    owner, intruder = member(neighbourhood=a), member(neighbourhood=a)
    reg = services.event_sign_up(event=page, user=owner).registration
    client.force_login(intruder)
    response = client.post(f"/annonces/evenements/{page.pk}/annulation/{reg.pk}/")
    assert response.status_code == 404
    assert EventRegistration.objects.filter(pk=reg.pk).exists()


def test_ics_download(client, neighbourhoods):
    a, _ = neighbourhoods
    page = event(neighbourhoods=[a], title="Atelier, jardin; potager")
    response = client.get(f"/annonces/evenements/{page.pk}/agenda.ics")
    assert response["Content-Type"].startswith("text/calendar")
    body = response.content.decode()
    assert "BEGIN:VEVENT" in body and "SUMMARY:Atelier\\, jardin\\; potager" in body
    assert body.endswith("END:VCALENDAR\r\n")


def test_reminder_goes_once_the_day_before(neighbourhoods):
    a, _ = neighbourhoods
    page = event(neighbourhoods=[a], capacity=1, starts_in=timedelta(hours=20))
    attendee, waiting = member(neighbourhood=a), member(neighbourhood=a)
    services.event_sign_up(event=page, user=attendee)
    services.event_sign_up(event=page, user=waiting)
    mail.outbox.clear()
    assert services.event_reminders_send(event_id=page.pk) == 1
    assert services.event_reminders_send(event_id=page.pk) == 0
    assert [m.to for m in mail.outbox] == [[attendee.email]]


def test_reminder_waits_for_the_day_before(neighbourhoods):
    a, _ = neighbourhoods
    page = event(neighbourhoods=[a], starts_in=timedelta(days=5))
    services.event_sign_up(event=page, user=member(neighbourhood=a))
    assert services.event_reminders_send(event_id=page.pk) == 0
    later = timezone.now() + timedelta(days=4, hours=1)
    assert services.event_reminders_send(event_id=page.pk, now=later) == 1


def test_publishing_queues_the_reminder_task_for_the_day_before(
    neighbourhoods, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    a, _ = neighbourhoods
    with django_capture_on_commit_callbacks(execute=True):
        page = event(neighbourhoods=[a], starts_in=timedelta(days=3))
    task = DBTaskResult.objects.get(task_path__endswith="event_reminders_task")
    assert abs(task.run_after - (page.starts_at - timedelta(days=1))) < timedelta(seconds=1)


def test_officers_see_and_export_the_attendee_list(client_for, neighbourhoods):
    a, _ = neighbourhoods
    page = event(neighbourhoods=[a], capacity=1)
    people = [member(neighbourhood=a, display_name=f"Personne {i}") for i in range(3)]
    for person in people:
        services.event_sign_up(event=page, user=person)
    officer = client_for("Communications officers")
    html = officer.get(f"/admin/announcements/events/{page.pk}/attendees/").content.decode()
    assert "Personne 0" in html and "Personne 2" in html
    response = officer.get(f"/admin/announcements/events/{page.pk}/attendees/?format=csv")
    rows = b"".join(response.streaming_content).decode().splitlines()
    assert len(rows) == 4
    assert rows[1].startswith("Personne 0") and "Place confirmée" in rows[1]


@pytest.mark.parametrize("role", ["Newsletter editors", "Verification staff", "member of A"])
def test_others_cannot_see_attendees(client_for, neighbourhoods, role):
    page = event(all_neighbourhoods=True)
    response = client_for(role).get(f"/admin/announcements/events/{page.pk}/attendees/")
    assert response.status_code in (302, 403)


def test_attendee_page_query_count_does_not_grow(
    client_for, neighbourhoods, django_assert_max_num_queries
):
    a, _ = neighbourhoods
    page = event(neighbourhoods=[a], capacity=5)
    for _ in range(30):
        services.event_sign_up(event=page, user=member(neighbourhood=a))
    officer = client_for("Communications officers")
    with django_assert_max_num_queries(20):
        officer.get(f"/admin/announcements/events/{page.pk}/attendees/")


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_capacity_holds_under_20_simultaneous_sign_ups(neighbourhoods):
    a, _ = neighbourhoods
    page = event(neighbourhoods=[a], capacity=5)
    people = [member(neighbourhood=a) for _ in range(20)]
    barrier = threading.Barrier(20)
    results = []

    def sign_up(person):
        try:
            barrier.wait()
            results.append(services.event_sign_up(event=page, user=person).registration.status)
        finally:
            connection.close()

    threads = [threading.Thread(target=sign_up, args=(p,)) for p in people]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results.count(CONFIRMED) == 5 and results.count(WAITLISTED) == 15
    assert EventRegistration.objects.filter(status=CONFIRMED).count() == 5


def test_attendee_csv_neutralises_a_display_name_formula(client_for, neighbourhoods):
    """Regression: a display name starting with "=" came out raw in the attendees CSV."""
    import csv
    import io

    a, _ = neighbourhoods
    page = event(neighbourhoods=[a], capacity=5)
    services.event_sign_up(event=page, user=member(neighbourhood=a, display_name="=1+cmd|x"))
    response = client_for("Communications officers").get(
        f"/admin/announcements/events/{page.pk}/attendees/?format=csv"
    )
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[1][0] == "'=1+cmd|x"
