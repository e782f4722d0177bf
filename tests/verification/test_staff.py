"""Verification staff: the address register, letter batches and their exports, the queue."""

import csv
import io
import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from neighbourhoods.models import Address
from tests.conftest import STAFF_ROLES
from tests.factories.accounts import UserFactory
from tests.factories.neighbourhoods import AddressFactory, member
from tests.factories.verification import address_form, letter_code, verification_request
from verification import codes
from verification.models import LetterCode, LetterCodeBatch, VerificationRequest
from verification.services import letter_code_claim

pytestmark = pytest.mark.django_db
ADMIN = "/admin/verification/"


@pytest.mark.parametrize("role", ["anonymous", *STAFF_ROLES])
def test_only_verification_staff_and_superusers_get_in(client_for, role):
    response = client_for(role).get(ADMIN)
    if role in ("Verification staff", "superuser"):
        assert response.status_code == 200
    elif role == "anonymous":
        assert response.status_code == 302
    else:
        assert response.status_code in (302, 403)
        assert "Demandes de lettre" not in response.content.decode()


@pytest.mark.parametrize("role", ["member of A", "pending resident"])
def test_residents_do_not_get_in(client_for, role):
    assert client_for(role).get(ADMIN + "batches/").status_code in (302, 403)


def test_menu_shows_verification_to_verification_staff(verifier_client, client_for):
    page = verifier_client.get("/admin/").content.decode()
    assert "/admin/verification/batches/new/" in page
    other = client_for("Participation staff").get("/admin/").content.decode()
    assert "/admin/verification/" not in other


def upload(client, text, action="check"):
    return client.post(
        ADMIN + "register/",
        {"file": SimpleUploadedFile("register.csv", text.encode()), "action": action},
    )


REGISTER = (
    "street;number;box;postcode;neighbourhood\n"
    "Rue des Lilas;1;;7000;mons-centre\n"
    "Rue des Lilas;3;A;7000;mons-centre\n"
    "Place de Jemappes;10;;7012;jemappes\n"
)


def test_register_import_is_checked_then_imported_and_idempotent(verifier_client, neighbourhoods):
    page = upload(verifier_client, REGISTER).content.decode()
    assert "3 nouvelles adresses" in page
    assert Address.objects.count() == 0
    upload(verifier_client, REGISTER, action="import")
    assert Address.objects.count() == 3
    assert Address.objects.get(number="3").box == "A"
    page = upload(verifier_client, REGISTER, action="import").content.decode()
    assert Address.objects.count() == 3
    assert "3 déjà dans le registre" in page


def test_register_import_with_errors_stores_nothing_and_names_the_lines(
    verifier_client, neighbourhoods
):
    bad = (
        "street,number,box,postcode,neighbourhood\n"
        "Rue des Lilas,1,,7000,mons-centre\n"
        "Rue des Lilas,2,,70,mons-centre\n"
        "Rue des Lilas,4,,7000,atlantis\n"
        "rue des lilas,1,,7000,mons-centre\n"
        ",5,,7000,mons-centre\n"
    )
    page = upload(verifier_client, bad, action="import").content.decode()
    assert Address.objects.count() == 0
    assert "Rien n’a été importé" in page
    assert re.search(r"<td>3</td><td>[^<]*code postal", page)
    assert "atlantis" in page and "<td>4</td>" in page
    assert "doublon de la ligne 2" in page
    assert "<td>6</td>" in page


def test_register_import_missing_columns(verifier_client, neighbourhoods):
    page = upload(verifier_client, "street,number\nRue,1\n", action="import").content.decode()
    assert "Colonne(s) manquante(s)" in page
    assert Address.objects.count() == 0


def generate(client, hood, output="letters", scope="unverified", language="fr"):
    return client.post(
        ADMIN + "batches/new/",
        {
            "neighbourhood": hood.pk,
            "scope": scope,
            "language": language,
            "valid_days": 60,
            "max_members": 3,
            "output": output,
        },
    )


def body(response):
    return b"".join(response.streaming_content).decode()


def test_batch_as_csv_for_unverified_addresses_only(verifier_client, neighbourhoods):
    a, _b = neighbourhoods
    free = [AddressFactory(neighbourhood=a) for _ in range(3)]
    member(neighbourhood=a)  # one verified household: no letter for it
    response = generate(verifier_client, a, output="csv")
    assert response["Content-Type"].startswith("text/csv")
    assert "no-store" in response["Cache-Control"]
    rows = list(csv.DictReader(io.StringIO(body(response).lstrip("\ufeff"))))
    # Column names in the staff member's language (French here).
    rows = [{"number": r["Numéro"], "code": r["Code"]} for r in rows]
    assert sorted(r["number"] for r in rows) == sorted(x.number for x in free)
    batch = LetterCodeBatch.objects.get()
    assert batch.codes.count() == 3 and batch.created_by is not None
    # The database keeps only fingerprints; each printed code works for its address.
    stored = set(LetterCode.objects.values_list("code_hash", flat=True))
    for row in rows:
        assert row["code"] not in stored and codes.code_hash(row["code"]) in stored
        assert re.fullmatch(r"[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}", row["code"])
    first = rows[0]
    address = Address.objects.get(number=first["number"], neighbourhood=a)
    letter_code_claim(user=UserFactory(), **address_form(address, first["code"]))


def test_batch_for_all_addresses_as_dutch_letters(verifier_client, neighbourhoods):
    a, _b = neighbourhoods
    AddressFactory(neighbourhood=a)
    member(neighbourhood=a)
    response = generate(verifier_client, a, scope="all", language="nl")
    html = body(response)
    assert "attachment" in response["Content-Disposition"]
    assert html.count('class="letter"') == 2
    assert "@media print" in html and "size: A4" in html
    assert "Persoonlijke code van uw gezin" in html
    assert "/nl/verification/" in html


def test_batch_list_and_detail_never_show_codes(verifier_client, neighbourhoods):
    a, _b = neighbourhoods
    AddressFactory(neighbourhood=a)
    html = body(generate(verifier_client, a))
    plaintext = re.search(r'class="code">([^<]+)<', html).group(1)
    batch = LetterCodeBatch.objects.get()
    for url in (ADMIN + "batches/", f"{ADMIN}batches/{batch.pk}/"):
        page = verifier_client.get(url).content.decode()
        assert plaintext not in page


def test_batch_pages_query_count_does_not_grow(
    verifier_client, neighbourhoods, django_assert_max_num_queries
):
    a, _b = neighbourhoods
    for _ in range(30):
        letter_code(address=AddressFactory(neighbourhood=a))
    with django_assert_max_num_queries(15):
        verifier_client.get(ADMIN + "batches/")
    batch = LetterCodeBatch.objects.first()
    with django_assert_max_num_queries(15):
        verifier_client.get(f"{ADMIN}batches/{batch.pk}/")


def test_revoking_a_batch_cancels_its_codes(verifier_client, address):
    code, plaintext = letter_code(address=address)
    verifier_client.post(f"{ADMIN}batches/{code.batch_id}/revoke/")
    code.refresh_from_db()
    assert code.is_revoked


def test_queue_lists_and_filters_pending_requests(verifier_client, neighbourhoods):
    a, b = neighbourhoods
    first = verification_request(
        user=UserFactory(display_name="Alice"), address=AddressFactory(neighbourhood=a)
    )
    verification_request(
        user=UserFactory(display_name="Bob"), address=AddressFactory(neighbourhood=b)
    )
    verification_request(
        user=UserFactory(display_name="Chloé"),
        address=AddressFactory(neighbourhood=a),
        status="rejected",
    )
    page = verifier_client.get(ADMIN).content.decode()
    assert "Alice" in page and "Bob" in page and "Chloé" not in page
    page = verifier_client.get(ADMIN, {"status": "pending", "neighbourhood": b.pk}).content.decode()
    assert "Bob" in page and "Alice" not in page
    assert first.typed_address in verifier_client.get(ADMIN).content.decode()


def test_mark_letter_sent_generates_the_letter_and_tells_the_resident(
    verifier_client, address, django_capture_on_commit_callbacks
):
    resident = UserFactory(language="nl")
    request_obj = verification_request(user=resident, address=address)
    with django_capture_on_commit_callbacks(execute=True):
        response = verifier_client.post(f"{ADMIN}requests/{request_obj.pk}/letter/")
    html = body(response)
    assert html.count('class="letter"') == 1
    assert "Rue de la Chaussée 12" in html
    plaintext = re.search(r'class="code">([^<]+)<', html).group(1)
    request_obj.refresh_from_db()
    assert request_obj.status == "letter_sent" and request_obj.letter_code is not None
    assert len(mail.outbox) == 1 and "brief" in mail.outbox[0].subject.lower()
    letter_code_claim(user=resident, **address_form(address, plaintext))
    # A second click does nothing more.
    again = verifier_client.post(f"{ADMIN}requests/{request_obj.pk}/letter/")
    assert again.status_code == 302
    assert LetterCode.objects.count() == 1


def test_a_request_whose_address_is_not_in_the_register_cannot_get_a_letter(verifier_client, db):
    request_obj = VerificationRequest.objects.create(
        user=UserFactory(), street="Rue Inconnue", number="1", postcode="7000"
    )
    response = verifier_client.post(f"{ADMIN}requests/{request_obj.pk}/letter/", follow=True)
    assert "pas dans le registre" in response.content.decode()
    assert LetterCode.objects.count() == 0


def test_reject_emails_the_reason_in_the_residents_language(
    verifier_client, address, django_capture_on_commit_callbacks
):
    resident = UserFactory(language="en")
    request_obj = verification_request(user=resident, address=address)
    url = f"{ADMIN}requests/{request_obj.pk}/reject/"
    assert "Motif" in verifier_client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        verifier_client.post(url, {"reason": "Nobody of that name lives there."})
    request_obj.refresh_from_db()
    assert request_obj.status == "rejected"
    message = mail.outbox[0]
    assert message.to == [resident.email]
    assert "About your request for a letter" in message.subject
    assert "Nobody of that name lives there." in message.body
    assert "Nobody of that name lives there." in message.alternatives[0][0]


def test_reject_needs_a_reason(verifier_client, address):
    request_obj = verification_request(user=UserFactory(), address=address)
    page = verifier_client.post(f"{ADMIN}requests/{request_obj.pk}/reject/", {"reason": ""})
    assert page.status_code == 200
    request_obj.refresh_from_db()
    assert request_obj.status == "pending" and not mail.outbox


@pytest.mark.parametrize("path", ["register/", "batches/new/", "batches/"])
def test_staff_forms_render(verifier_client, neighbourhoods, path):
    response = verifier_client.get(ADMIN + path)
    assert response.status_code == 200
    assert "Mons-Centre" in response.content.decode() or path != "batches/new/"
