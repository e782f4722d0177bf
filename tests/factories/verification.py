from datetime import timedelta

from django.utils import timezone

from verification import codes
from verification.models import LetterCode, LetterCodeBatch, VerificationRequest

from .neighbourhoods import AddressFactory


def letter_code(*, address=None, plaintext=None, max_members=4, expires_in_days=90, **kwargs):
    """A letter code for `address`; returns (LetterCode, plaintext)."""
    address = address or AddressFactory()
    plaintext = plaintext or codes.generate()
    expires_at = timezone.now() + timedelta(days=expires_in_days)
    batch = LetterCodeBatch.objects.create(
        neighbourhood=address.neighbourhood, expires_at=expires_at, language="fr"
    )
    code = LetterCode.objects.create(
        address=address,
        batch=batch,
        code_hash=codes.code_hash(plaintext),
        max_members=max_members,
        expires_at=expires_at,
        **kwargs,
    )
    return code, plaintext


def verification_request(*, user, address=None, **kwargs):
    address = address or AddressFactory()
    return VerificationRequest.objects.create(
        user=user,
        street=address.street,
        number=address.number,
        box=address.box,
        postcode=address.postcode,
        address=address,
        **kwargs,
    )


def address_form(address, code=""):
    return {
        "street": address.street,
        "number": address.number,
        "box": address.box,
        "postcode": address.postcode,
        "code": code,
    }
