"""Every write of the verification app: claiming letter codes, requests, the register, batches."""

import csv
import io
from dataclasses import dataclass, field
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from emails.services import email_send
from neighbourhoods.models import Address, Membership, Neighbourhood, normalise_street
from neighbourhoods.selectors import address_find
from neighbourhoods.services import membership_join
from portal.errors import ServiceRefusal

from . import codes
from .models import CodeUse, LetterCode, LetterCodeBatch, VerificationRequest


class VerificationError(ServiceRefusal):
    """A refusal the resident can act on: `field` names the form field it belongs to."""

    def __init__(self, field, message):
        super().__init__(message, field=field)


ADDRESS_UNKNOWN = _(
    "We could not find this address in the city's register. Check the street, number, box and "
    "postcode as printed on your letter."
)
# The same words whether the address exists, has codes or not: nothing to learn from a guess.
WRONG_CODE = _("This code is not valid. Type it exactly as printed on your letter.")
OTHER_ADDRESS = _(
    "This code belongs to another address. Type the address exactly as printed on your letter."
)
REVOKED = _("This code has been cancelled by the City. Ask for a new letter below.")
EXPIRED = _("This code expired on %(date)s. Ask for a new letter below.")
USED_UP = _(
    "This code has already been used by %(count)s residents, the most allowed for one household. "
    "Ask for a new letter below if someone has moved out."
)


@transaction.atomic
def letter_code_claim(*, user, street, number, box="", postcode="", code) -> Membership:
    """Verify `user` at the typed address with the code from their letter.

    Race-safe: the code's row is locked for the whole check-and-count, so a code limited to N
    members makes exactly N members however many people type it at the same moment.
    Raises VerificationError; nothing is stored then.
    """
    address = address_find(street=street, number=number, box=box, postcode=postcode)
    if address is None:
        raise VerificationError("street", ADDRESS_UNKNOWN)
    if not codes.looks_like_a_code(code):
        raise VerificationError("code", WRONG_CODE)
    letter_code = (
        LetterCode.objects.select_for_update().filter(code_hash=codes.code_hash(code)).first()
    )
    if letter_code is None:
        raise VerificationError("code", WRONG_CODE)
    if letter_code.address_id != address.pk:
        raise VerificationError("code", OTHER_ADDRESS)
    if letter_code.is_revoked:
        raise VerificationError("code", REVOKED)
    if letter_code.is_expired:
        raise VerificationError(
            "code", EXPIRED % {"date": formats.date_format(letter_code.expires_at, "DATE_FORMAT")}
        )
    already_used = CodeUse.objects.filter(code=letter_code, user=user).exists()
    if not already_used:
        if letter_code.uses >= letter_code.max_members:
            raise VerificationError("code", USED_UP % {"count": letter_code.max_members})
        LetterCode.objects.filter(pk=letter_code.pk).update(uses=F("uses") + 1)
    membership = membership_join(user=user, address=address, method=Membership.Method.LETTER_CODE)
    if not already_used:
        CodeUse.objects.create(code=letter_code, user=user, household=membership.household)
    # A request for a letter is answered by verifying: close it.
    VerificationRequest.objects.filter(user=user, status=VerificationRequest.Status.PENDING).update(
        status=VerificationRequest.Status.LETTER_SENT,
        handled_at=timezone.now(),
        staff_note="Verified with a letter code before the request was handled.",
    )
    return membership


class RequestAlreadyOpen(Exception):
    pass


def verification_request_create(
    *, user, street, number, box="", postcode=""
) -> VerificationRequest:
    """One open request per resident (a conditional unique constraint backs this)."""
    address = address_find(street=street, number=number, box=box, postcode=postcode)
    try:
        with transaction.atomic():
            return VerificationRequest.objects.create(
                user=user,
                street=" ".join(street.split()),
                number=number.strip().upper(),
                box=box.strip().upper(),
                postcode=postcode.strip(),
                address=address,
            )
    except IntegrityError:
        raise RequestAlreadyOpen()


# ---------------------------------------------------------------- letter codes (staff)

SCOPE_UNVERIFIED = "unverified"
SCOPE_ALL = "all"


def _new_codes(*, batch, addresses, max_members):
    """Create one code per address; returns [(LetterCode, plaintext)]. Plaintext is not kept."""
    pairs = []
    for address in addresses:
        plaintext = codes.generate()
        pairs.append(
            (
                LetterCode(
                    address=address,
                    batch=batch,
                    code_hash=codes.code_hash(plaintext),
                    max_members=max_members,
                    expires_at=batch.expires_at,
                ),
                plaintext,
            )
        )
    LetterCode.objects.bulk_create([lc for lc, _p in pairs], batch_size=2000)
    return pairs


def addresses_for_batch(*, neighbourhood, scope):
    query = Address.objects.filter(neighbourhood=neighbourhood)
    if scope == SCOPE_UNVERIFIED:
        verified = Membership.objects.filter(
            neighbourhood=neighbourhood, ended_at__isnull=True
        ).values("household__address_id")
        query = query.exclude(pk__in=verified)
    return query.order_by("street_key", "number", "box").distinct()


@transaction.atomic
def letter_batch_create(
    *,
    neighbourhood,
    created_by,
    language="fr",
    valid_days=90,
    max_members=4,
    scope=SCOPE_UNVERIFIED,
    addresses=None,
    note="",
):
    """A batch of letter codes; returns (batch, [(LetterCode, plaintext), ...]).

    The plaintexts exist only in the returned list: the caller turns them into the letters
    (or CSV) in the same request, and they are gone after that.
    """
    now = timezone.now()
    batch = LetterCodeBatch.objects.create(
        neighbourhood=neighbourhood,
        created_by=created_by,
        created_at=now,
        expires_at=now + timedelta(days=valid_days),
        language=language,
        note=note,
    )
    if addresses is None:
        addresses = addresses_for_batch(neighbourhood=neighbourhood, scope=scope)
    pairs = _new_codes(batch=batch, addresses=list(addresses), max_members=max_members)
    return batch, pairs


def letter_batch_revoke(*, batch) -> int:
    return LetterCode.objects.filter(batch=batch, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )


def letter_code_revoke(*, letter_code) -> None:
    LetterCode.objects.filter(pk=letter_code.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )


# ---------------------------------------------------------------- the queue (staff)


class RequestNotPending(Exception):
    pass


class RequestAddressUnknown(Exception):
    pass


@transaction.atomic
def verification_request_send_letter(*, request_obj, staff, valid_days=90, max_members=4):
    """Generate a code for the request's address and mark it answered; returns (batch, pairs)."""
    locked = VerificationRequest.objects.select_for_update().get(pk=request_obj.pk)
    if locked.status != VerificationRequest.Status.PENDING:
        raise RequestNotPending()
    address = locked.address or address_find(
        street=locked.street, number=locked.number, box=locked.box, postcode=locked.postcode
    )
    if address is None:
        raise RequestAddressUnknown()
    batch, pairs = letter_batch_create(
        neighbourhood=address.neighbourhood,
        created_by=staff,
        language=locked.user.language,
        valid_days=valid_days,
        max_members=max_members,
        addresses=[address],
        note=f"request #{locked.pk}",
    )
    locked.address = address
    locked.status = VerificationRequest.Status.LETTER_SENT
    locked.letter_code = pairs[0][0]
    locked.handled_by = staff
    locked.handled_at = timezone.now()
    locked.save()
    user = locked.user
    transaction.on_commit(
        lambda: email_send(
            to=user.email,
            language=user.language,
            template="verification/email/letter_sent",
            context={"user": user, "address": address},
        )
    )
    return batch, pairs


@transaction.atomic
def verification_request_reject(*, request_obj, staff, reason: str) -> VerificationRequest:
    locked = VerificationRequest.objects.select_for_update().get(pk=request_obj.pk)
    if locked.status != VerificationRequest.Status.PENDING:
        raise RequestNotPending()
    locked.status = VerificationRequest.Status.REJECTED
    locked.staff_note = reason
    locked.handled_by = staff
    locked.handled_at = timezone.now()
    locked.save()
    user = locked.user
    transaction.on_commit(
        lambda: email_send(
            to=user.email,
            language=user.language,
            template="verification/email/rejected",
            context={"user": user, "request": locked, "reason": reason},
        )
    )
    return locked


# ---------------------------------------------------------------- the address register (staff)

REGISTER_COLUMNS = ["street", "number", "box", "postcode", "neighbourhood"]


@dataclass
class RegisterReport:
    new: list = field(default_factory=list)  # [(line, fields dict)]
    unchanged: int = 0
    errors: list = field(default_factory=list)  # [(line, message)]
    rows: int = 0

    @property
    def ok(self):
        return not self.errors and self.rows > 0


def _decode(raw: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1")


def address_register_check(*, raw: bytes) -> RegisterReport:
    """Validate a register CSV; nothing is written. Lines are numbered as in a spreadsheet."""
    report = RegisterReport()
    text = _decode(raw)
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    header = [h.strip().lower() for h in next(reader, [])]
    aliases = {"neighbourhood code": "neighbourhood", "neighbourhood_code": "neighbourhood"}
    header = [aliases.get(h, h) for h in header]
    missing = [c for c in REGISTER_COLUMNS if c not in header]
    if missing:
        report.errors.append(
            (
                1,
                _("Missing column(s): %(cols)s. Expected: %(expected)s.")
                % {"cols": ", ".join(missing), "expected": ", ".join(REGISTER_COLUMNS)},
            )
        )
        return report
    index = {name: header.index(name) for name in REGISTER_COLUMNS}
    hoods = dict(Neighbourhood.objects.values_list("code", "id"))
    existing = {
        (key, num, box, pc): hood
        for key, num, box, pc, hood in Address.objects.values_list(
            "street_key", "number", "box", "postcode", "neighbourhood_id"
        )
    }
    seen = {}
    for line, row in enumerate(reader, start=2):
        if not any(cell.strip() for cell in row):
            continue
        report.rows += 1
        if len(row) < len(header):
            row = row + [""] * (len(header) - len(row))
        values = {name: row[i].strip() for name, i in index.items()}
        problems = []
        if not values["street"] or len(values["street"]) > 160:
            problems.append(_("street is empty or longer than 160 characters"))
        if not values["number"] or len(values["number"]) > 16:
            problems.append(_("number is empty or longer than 16 characters"))
        if len(values["box"]) > 16:
            problems.append(_("box is longer than 16 characters"))
        if not (values["postcode"].isdigit() and len(values["postcode"]) == 4):
            problems.append(_("postcode must be 4 digits"))
        hood_id = hoods.get(values["neighbourhood"])
        if hood_id is None:
            problems.append(
                _("unknown neighbourhood code “%(code)s”") % {"code": values["neighbourhood"]}
            )
        if problems:
            report.errors.append((line, "; ".join(str(p) for p in problems)))
            continue
        key = (
            normalise_street(values["street"]),
            values["number"].upper(),
            values["box"].upper(),
            values["postcode"],
        )
        if key in seen:
            report.errors.append((line, _("duplicate of line %(line)s") % {"line": seen[key]}))
            continue
        seen[key] = line
        if key in existing:
            if existing[key] != hood_id:
                report.errors.append(
                    (line, _("this address is already in the register in another neighbourhood"))
                )
            else:
                report.unchanged += 1
            continue
        report.new.append((line, {**values, "neighbourhood_id": hood_id}))
    if report.rows == 0 and not report.errors:
        report.errors.append((1, _("The file has no address rows.")))
    return report


@transaction.atomic
def address_register_import(*, raw: bytes) -> RegisterReport:
    """Check the file, then add its new addresses — all of them or, if any line is wrong, none.

    Idempotent: addresses already in the register are left as they are.
    """
    report = address_register_check(raw=raw)
    if not report.ok:
        return report
    addresses = []
    for _line, values in report.new:
        address = Address(
            neighbourhood_id=values["neighbourhood_id"],
            street=" ".join(values["street"].split()),
            number=values["number"].upper(),
            box=values["box"].upper(),
            postcode=values["postcode"],
        )
        address.street_key = normalise_street(address.street)
        addresses.append(address)
    Address.objects.bulk_create(addresses, batch_size=2000, ignore_conflicts=True)
    return report
