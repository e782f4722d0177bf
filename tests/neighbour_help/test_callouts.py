import csv
import datetime
import io
from unittest import mock

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from neighbour_help import services
from neighbour_help.models import CallOut, CallOutDelivery
from tests.factories.accounts import staff_user
from tests.factories.neighbour_help import consent, offer
from tests.factories.neighbourhoods import member

pytestmark = pytest.mark.django_db


@pytest.fixture
def volunteers(neighbourhoods, skills):
    a, b = neighbourhoods
    people = {
        "anna": member(neighbourhood=a, display_name="Anna V."),
        "bert": member(neighbourhood=a, display_name="Bert W."),
        "carl": member(neighbourhood=b, display_name="Carl X."),
        "dina": member(neighbourhood=a, display_name="Dina Y."),  # helper, no consent
    }
    for who in people.values():
        offer(user=who, skill_list=[skills["company"]])
    consent(user=people["anna"], share_email=True, share_phone=True, phone="065 11 22 33")
    consent(user=people["bert"], share_email=False)
    consent(user=people["carl"])
    return people


def send(by, neighbourhoods=(), skill=None):
    when = timezone.now() + datetime.timedelta(days=2)
    return services.callout_create(
        by=by,
        title="Canicule",
        place="Mons",
        when=when,
        needed=3,
        answers_until=when,
        neighbourhoods=neighbourhoods,
        skill=skill,
    )


def token_for(callout, user):
    return services.callout_token(CallOutDelivery.objects.get(callout=callout, volunteer=user))


def test_counts_per_neighbourhood_and_skill(client, volunteers):
    client.force_login(staff_user("Participation staff"))
    body = client.get(reverse("care_admin:counts")).content.decode()
    assert "4 habitants proposent de l’entraide ; 3 d’entre eux" in body
    for who in volunteers.values():
        assert who.public_name not in body and who.email not in body


def test_callout_reaches_only_consenting_volunteers_filtered(
    volunteers, neighbourhoods, skills, immediate_tasks, django_capture_on_commit_callbacks
):
    a, _ = neighbourhoods
    officer = staff_user("Participation staff")
    with django_capture_on_commit_callbacks(execute=True):
        callout = send(officer, neighbourhoods=[a], skill=skills["company"])
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == sorted([volunteers["anna"].email, volunteers["bert"].email])
    assert all(m.alternatives for m in mail.outbox)
    assert CallOutDelivery.objects.filter(callout=callout, sent_at__isnull=False).count() == 2
    # Running the send again (a restarted worker) sends nothing twice.
    assert services.callout_deliver(callout_id=callout.pk) == 0


def test_answers_and_export_show_only_yes_with_consented_fields(client, volunteers):
    officer = staff_user("Participation staff")
    callout = send(officer)
    # One delivery row per consenting volunteer; Dina offers help but never consented.
    assert set(
        CallOutDelivery.objects.filter(callout=callout).values_list("volunteer", flat=True)
    ) == {volunteers["anna"].pk, volunteers["bert"].pk, volunteers["carl"].pk}
    services.callout_deliver(callout_id=callout.pk)
    services.callout_answer(token=token_for(callout, volunteers["anna"]), answer="yes")
    services.callout_answer(token=token_for(callout, volunteers["bert"]), answer="yes")
    services.callout_answer(token=token_for(callout, volunteers["carl"]), answer="no")
    client.force_login(officer)
    detail = client.get(reverse("care_admin:callout_detail", args=[callout.pk])).content.decode()
    assert "Anna V." in detail and volunteers["anna"].email in detail and "065 11 22 33" in detail
    assert "Bert W." in detail and volunteers["bert"].email not in detail
    assert "Carl X." not in detail
    response = client.get(reverse("care_admin:callout_export", args=[callout.pk]))
    assert response.streaming
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[1][:3] == ["Anna V.", volunteers["anna"].email, "065 11 22 33"]
    assert rows[2][:3] == ["Bert W.", "", ""]
    assert len(rows) == 3


def test_withdrawn_consent_leaves_callouts_and_exports_immediately(client, volunteers):
    officer = staff_user("Participation staff")
    callout = send(officer)
    services.callout_deliver(callout_id=callout.pk)
    token = token_for(callout, volunteers["anna"])
    services.callout_answer(token=token, answer="yes")
    client.force_login(volunteers["anna"])
    client.post(reverse("care:volunteer_withdraw"))
    client.force_login(officer)
    detail = client.get(reverse("care_admin:callout_detail", args=[callout.pk])).content.decode()
    assert "Anna V." not in detail
    export = b"".join(
        client.get(reverse("care_admin:callout_export", args=[callout.pk])).streaming_content
    ).decode()
    assert "Anna" not in export and volunteers["anna"].email not in export
    # Her old link now says clearly that the call-out no longer concerns her.
    r = client.get(reverse("care:callout_answer", args=[token]))
    assert r.status_code == 410 and "Vous n’êtes plus bénévole" in r.content.decode()
    # And the next call-out does not reach her.
    mail.outbox.clear()
    second = send(officer)
    assert not CallOutDelivery.objects.filter(callout=second, volunteer=volunteers["anna"]).exists()


def test_withdrawal_before_the_worker_runs_skips_the_email(volunteers):
    callout = send(staff_user("Participation staff"))
    services.consent_withdraw(user=volunteers["bert"])
    services.callout_deliver(callout_id=callout.pk)
    assert volunteers["bert"].email not in [m.to[0] for m in mail.outbox]


def test_answer_link_get_shows_post_answers(client, volunteers):
    callout = send(staff_user("Participation staff"))
    token = token_for(callout, volunteers["anna"])
    url = reverse("care:callout_answer", args=[token])
    page = client.get(url)
    assert page.status_code == 200 and "Canicule" in page.content.decode()
    assert not CallOutDelivery.objects.filter(answer="yes").exists()
    r = client.post(url, {"answer": "yes"})
    assert r.status_code == 200 and "Merci pour votre réponse" in r.content.decode()
    assert (
        CallOutDelivery.objects.get(callout=callout, volunteer=volunteers["anna"]).answer == "yes"
    )
    r = client.post(url, {"answer": "peut-être"})
    assert r.status_code == 200


def test_tampered_link_is_refused_clearly(client, volunteers):
    callout = send(staff_user("Participation staff"))
    token = token_for(callout, volunteers["anna"])
    for bad in (token[:-2] + "xx", "abc", token + ":1"):
        r = client.post(reverse("care:callout_answer", args=[bad]), {"answer": "yes"})
        assert r.status_code == 400
        assert "Le lien est incomplet ou a été modifié" in r.content.decode()
    assert not CallOutDelivery.objects.exclude(answer="").exists()


def test_expired_link_is_refused_clearly(client, volunteers):
    callout = send(staff_user("Participation staff"))
    token = token_for(callout, volunteers["anna"])
    CallOut.objects.filter(pk=callout.pk).update(answers_until=timezone.now())
    r = client.post(reverse("care:callout_answer", args=[token]), {"answer": "yes"})
    assert r.status_code == 410 and "le lien a expiré" in r.content.decode()
    CallOut.objects.filter(pk=callout.pk).update(
        answers_until=timezone.now() + datetime.timedelta(days=400)
    )
    later = timezone.now().timestamp() + services.CALLOUT_LINK_MAX_AGE + 10
    with mock.patch("django.core.signing.time.time", return_value=later):
        r = client.get(reverse("care:callout_answer", args=[token]))
    assert r.status_code == 410
    assert not CallOutDelivery.objects.exclude(answer="").exists()


def test_callout_form_in_the_admin(
    client, volunteers, neighbourhoods, immediate_tasks, django_capture_on_commit_callbacks
):
    a, _ = neighbourhoods
    client.force_login(staff_user("Participation staff"))
    r = client.post(reverse("care_admin:callout_create"), {"title": "", "when": "hier"})
    assert r.status_code == 200 and not CallOut.objects.exists()
    when = (timezone.localtime() + datetime.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    with django_capture_on_commit_callbacks(execute=True):
        r = client.post(
            reverse("care_admin:callout_create"),
            {
                "title": "Fête",
                "place": "Grand-Place",
                "when": when,
                "needed": "4",
                "neighbourhoods": [a.pk],
            },
        )
    assert r.status_code == 302
    assert len(mail.outbox) == 2


def test_consent_form(client, neighbourhoods):
    a, _ = neighbourhoods
    resident = member(neighbourhood=a)
    client.force_login(resident)
    r = client.post(reverse("care:volunteer"), {"share_phone": "on"})
    body = r.content.decode()
    assert "Cochez la case" in body and "Donnez un numéro" in body
    r = client.post(reverse("care:volunteer"), {"consent": "on", "share_name": "on"})
    assert r.status_code == 302
    assert resident.volunteer_consents.filter(withdrawn_at__isnull=True).count() == 1
    client.post(reverse("care:volunteer"), {"consent": "on", "share_email": "on"})
    assert resident.volunteer_consents.filter(withdrawn_at__isnull=True).count() == 1
    client.post(reverse("care:volunteer_withdraw"))
    assert resident.volunteer_consents.filter(withdrawn_at__isnull=True).count() == 0
