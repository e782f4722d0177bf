"""Every code batch, letter and export is written to the audit log; superusers read it."""

import csv
import io

import pytest

from audit.models import AuditEntry
from surveys.services import survey_response_submit
from tests.factories.neighbourhoods import AddressFactory, member
from tests.factories.surveys import survey_page
from tests.surveys.test_results import answers_for
from verification.selectors import batches_for_household
from verification.services import letter_batch_create, letter_code_claim

pytestmark = pytest.mark.django_db


def consume(response):
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return b"".join(response) if hasattr(response, "file_to_stream") else response.content


def test_a_letter_code_batch_is_logged_with_who_and_how_many(
    client_for, users_by_role, neighbourhoods
):
    a, _b = neighbourhoods
    for _ in range(3):
        AddressFactory(neighbourhood=a)
    verifier = client_for("Verification staff")
    for output in ("csv", "letters"):
        response = verifier.post(
            "/admin/verification/batches/new/",
            {
                "neighbourhood": a.pk,
                "scope": "all",
                "language": "fr",
                "valid_days": 60,
                "max_members": 3,
                "output": output,
            },
        )
        assert response.status_code == 200
        consume(response)
    entries = list(AuditEntry.objects.order_by("pk"))
    assert [e.action for e in entries] == ["letter_codes.csv", "letter_codes.letters"]
    assert all(e.actor == users_by_role["Verification staff"] for e in entries)
    from verification.models import LetterCodeBatch

    counts = [b.codes.count() for b in LetterCodeBatch.objects.order_by("pk")]
    assert [e.rows for e in entries] == counts and counts[0] >= 3
    assert all("mons-centre" in e.target for e in entries)


def test_survey_exports_are_logged_with_their_row_count(client_for, users_by_role, neighbourhoods):
    survey = survey_page(neighbourhoods=neighbourhoods)
    for _ in range(4):
        survey_response_submit(
            survey=survey, user=member(neighbourhood=neighbourhoods[0]), answers=answers_for(survey)
        )
    staff = client_for("Participation staff")
    csv_text = consume(staff.get(f"/admin/survey-results/{survey.pk}/export.csv")).decode()
    assert len(list(csv.reader(io.StringIO(csv_text)))) == 5
    consume(staff.get(f"/admin/survey-results/{survey.pk}/export.xlsx"))
    logged = {e.action: e for e in AuditEntry.objects.all()}
    assert logged["surveys.export_csv"].rows == 4
    assert logged["surveys.export_xlsx"].rows == 4
    assert logged["surveys.export_csv"].actor == users_by_role["Participation staff"]


def test_dashboard_exports_are_logged(client_for):
    staff = client_for("Participation staff")
    consume(staff.get("/admin/dashboard/export.csv"))
    consume(staff.get("/admin/dashboard/export.xlsx"))
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"dashboard.export_csv", "dashboard.export_xlsx"} <= actions
    assert all(e.rows is not None for e in AuditEntry.objects.all())


def test_event_attendees_export_is_logged(client_for, neighbourhoods):
    from announcements import services
    from tests.factories.announcements import event

    page = event(neighbourhoods=[neighbourhoods[0]], capacity=5)
    for i in range(2):
        services.event_sign_up(
            event=page, user=member(neighbourhood=neighbourhoods[0], display_name=f"P {i}")
        )
    officer = client_for("Communications officers")
    consume(officer.get(f"/admin/announcements/events/{page.pk}/attendees/?format=csv"))
    entry = AuditEntry.objects.get(action="announcements.attendees_csv")
    assert entry.rows == 2


def test_only_superusers_read_the_audit_log(client_for, users_by_role):
    from audit.services import audit_record

    audit_record(actor=users_by_role["Verification staff"], action="letter_codes.csv", rows=12)
    page = client_for("superuser").get("/admin/audit/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "letter_codes.csv" in text and users_by_role["Verification staff"].email in text
    for role in ["Verification staff", "Participation staff", "Communications officers"]:
        assert client_for(role).get("/admin/audit/").status_code in (302, 403)
    assert client_for("member of A").get("/admin/audit/").status_code == 302


def test_a_household_is_traceable_to_the_batch_whose_code_let_it_in(neighbourhoods):
    from accounts.models import User
    from tests.factories.accounts import UserFactory

    a, _ = neighbourhoods
    address = AddressFactory(neighbourhood=a)
    batch, pairs = letter_batch_create(
        neighbourhood=a, created_by=None, language="fr", valid_days=30, max_members=3, scope="all"
    )
    (code, plaintext) = next(p for p in pairs if p[0].address_id == address.pk)
    person = UserFactory()
    membership = letter_code_claim(
        user=person,
        street=address.street,
        number=address.number,
        box=address.box,
        postcode=address.postcode,
        code=plaintext,
    )
    assert list(batches_for_household(household=membership.household)) == [batch]
    # Still traceable once the person who typed the code has deleted their account.
    User.objects.filter(pk=person.pk).delete()
    assert list(batches_for_household(household=membership.household)) == [batch]
