"""A resident verifies their address with the code from their letter, or asks for a letter."""

from datetime import timedelta

import pytest
from django.utils import timezone

from neighbourhoods.models import Membership
from neighbourhoods.selectors import active_membership
from tests.factories.accounts import UserFactory, staff_user
from tests.factories.neighbourhoods import AddressFactory, member
from tests.factories.verification import address_form, letter_code, verification_request
from verification.models import CodeUse, LetterCode, VerificationRequest

pytestmark = pytest.mark.django_db
URL = "/verification/"


def post(client, address, code, **overrides):
    return client.post(URL, {**address_form(address, code), **overrides})


def assert_nothing_stored(user, code=None):
    assert not Membership.objects.filter(user=user).exists()
    assert not CodeUse.objects.filter(user=user).exists()
    if code is not None:
        code.refresh_from_db()
        assert code.uses == 0


def test_verify_with_code_makes_a_member_and_links_to_the_hub(resident_client, resident, address):
    code, plaintext = letter_code(address=address)
    response = post(resident_client, address, plaintext.lower().replace("-", " "))
    assert response.status_code == 302
    assert response["Location"] == "/verification/bienvenue/"
    membership = active_membership(user=resident)
    assert membership.household.address == address
    assert membership.method == Membership.Method.LETTER_CODE
    code.refresh_from_db()
    assert code.uses == 1
    page = resident_client.get("/verification/bienvenue/").content.decode()
    assert "Bienvenue dans votre quartier" in page
    assert 'href="/mons-centre/"' in page


def test_address_is_matched_without_accents_or_case(resident_client, resident, address):
    _, plaintext = letter_code(address=address)
    response = post(resident_client, address, plaintext, street="rue de la chaussee")
    assert response.status_code == 302
    assert active_membership(user=resident) is not None


def test_wrong_code_is_refused_with_the_same_words_whether_or_not_the_address_has_codes(
    resident_client, resident, address, neighbourhoods
):
    code, _ = letter_code(address=address)
    bare = AddressFactory(neighbourhood=neighbourhoods[0])
    with_codes = post(resident_client, address, "ACDE-FGHJ-KMNP")
    without_codes = post(resident_client, bare, "ACDE-FGHJ-KMNP")
    garbage = post(resident_client, bare, "hello")
    for response in (with_codes, without_codes, garbage):
        assert response.status_code == 200
        assert "Ce code n’est pas valide" in response.content.decode()
    assert_nothing_stored(resident, code)


def test_address_not_in_the_register(resident_client, resident, address):
    _, plaintext = letter_code(address=address)
    response = post(resident_client, address, plaintext, number="999")
    page = response.content.decode()
    assert "Nous ne trouvons pas cette adresse" in page
    assert 'href="#id_street"' in page  # linked from the error summary
    assert_nothing_stored(resident)


def test_code_for_another_address(resident_client, resident, address):
    code, plaintext = letter_code(address=address)
    other = AddressFactory(neighbourhood=address.neighbourhood)
    response = post(resident_client, other, plaintext)
    assert "Ce code appartient à une autre adresse" in response.content.decode()
    assert_nothing_stored(resident, code)


def test_expired_code(resident_client, resident, address):
    code, plaintext = letter_code(address=address)
    LetterCode.objects.filter(pk=code.pk).update(expires_at=timezone.now() - timedelta(days=1))
    response = post(resident_client, address, plaintext)
    assert "Ce code a expiré le" in response.content.decode()
    assert_nothing_stored(resident, code)


def test_revoked_code(resident_client, resident, address):
    code, plaintext = letter_code(address=address, revoked_at=timezone.now())
    response = post(resident_client, address, plaintext)
    assert "Ce code a été annulé" in response.content.decode()
    assert_nothing_stored(resident, code)


def test_used_up_code(resident_client, resident, address):
    code, plaintext = letter_code(address=address, max_members=2)
    for _ in range(2):
        other = UserFactory()
        from verification.services import letter_code_claim

        letter_code_claim(user=other, **address_form(address, plaintext))
    response = post(resident_client, address, plaintext)
    assert "déjà été utilisé par 2 habitants" in response.content.decode()
    assert_nothing_stored(resident)
    code.refresh_from_db()
    assert code.uses == 2


def test_same_resident_twice_does_not_use_two_places(resident_client, resident, address):
    code, plaintext = letter_code(address=address)
    post(resident_client, address, plaintext)
    post(resident_client, address, plaintext)
    code.refresh_from_db()
    assert code.uses == 1
    assert Membership.objects.filter(user=resident).count() == 1


def test_a_resident_who_moves_reverifies_at_the_new_address(client, neighbourhoods):
    a, b = neighbourhoods
    resident = member(neighbourhood=a)
    client.force_login(resident)
    new_home = AddressFactory(neighbourhood=b)
    _, plaintext = letter_code(address=new_home)
    page = client.get(URL).content.decode()
    assert "Vous êtes membre de Mons-Centre" in page
    assert post(client, new_home, plaintext).status_code == 302
    memberships = Membership.objects.filter(user=resident)
    assert memberships.count() == 2
    assert memberships.get(ended_at__isnull=True).neighbourhood == b


def test_attempts_are_limited_per_account(resident_client, resident, address, settings):
    code, plaintext = letter_code(address=address)
    for _ in range(settings.CODE_THROTTLE["per_account"]):
        assert post(resident_client, address, "ACDE-FGHJ-KMNP").status_code == 200
    response = post(resident_client, address, plaintext)  # even the right code now waits
    assert response.status_code == 429
    assert "Trop d’essais" in response.content.decode()
    assert_nothing_stored(resident, code)


def test_attempts_are_limited_per_ip(client, address):
    from verification import views

    views.code_throttle.limits["ip"] = 3
    try:
        for _ in range(3):
            client.force_login(UserFactory())
            post(client, address, "ACDE-FGHJ-KMNP")
        client.force_login(UserFactory())
        assert post(client, address, "ACDE-FGHJ-KMNP").status_code == 429
        # Another connection is not blocked.
        other = client.post(URL, address_form(address, "ACDE-FGHJ-KMNP"), REMOTE_ADDR="10.1.2.3")
        assert other.status_code == 200
    finally:
        views.code_throttle.limits["ip"] = 20


def test_a_mistyped_address_does_not_count_as_a_code_attempt(resident_client, address, settings):
    _, plaintext = letter_code(address=address)
    for _ in range(settings.CODE_THROTTLE["per_account"] + 2):
        post(resident_client, address, plaintext, number="999")
    assert post(resident_client, address, plaintext).status_code == 302


def test_staff_accounts_cannot_verify(client, address):
    client.force_login(staff_user("Verification staff"))
    assert client.get(URL).status_code == 403


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/compte/connexion/")


def test_request_a_letter_then_not_a_second_one(resident_client, resident, address):
    response = resident_client.post(
        "/verification/demander-une-lettre/",
        address_form(address) | {"street": "rue de la chaussée"},
    )
    assert response.status_code == 302
    page = resident_client.get(response["Location"]).content.decode()
    assert "Votre demande est envoyée" in page
    request_obj = VerificationRequest.objects.get(user=resident)
    assert request_obj.status == "pending" and request_obj.address == address
    again = resident_client.post("/verification/demander-une-lettre/", address_form(address))
    assert "Vous avez demandé une lettre pour" in again.content.decode()
    assert VerificationRequest.objects.filter(user=resident).count() == 1


def test_a_request_for_an_unknown_address_is_kept_for_staff(resident_client, resident):
    resident_client.post(
        "/verification/demander-une-lettre/",
        {"street": "Rue Inconnue", "number": "1", "box": "", "postcode": "7000"},
    )
    assert VerificationRequest.objects.get(user=resident).address is None


def test_verifying_closes_an_open_request(resident_client, resident, address):
    verification_request(user=resident, address=address)
    _, plaintext = letter_code(address=address)
    post(resident_client, address, plaintext)
    assert not VerificationRequest.objects.filter(user=resident, status="pending").exists()


def test_form_errors_are_in_dutch_for_dutch_pages(resident_client, address):
    response = resident_client.post("/nl/verification/", address_form(address, "ACDE-FGHJ-KMNP"))
    assert "Deze code is niet geldig" in response.content.decode()
