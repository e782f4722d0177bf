"""Demo letter batches, a queue of requests, and one known code a visitor can try.

The demo code is the constant DEMO_CODE below; `demo_code_address()` returns the address it
belongs to (after seeding), e.g. for run.py:
    from verification.demo import DEMO_CODE, demo_code_address
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from demo.accounts import DEMO_PASSWORD, PENDING
from neighbourhoods.models import Address, Membership, Neighbourhood

from . import codes
from .models import LetterCode, LetterCodeBatch, VerificationRequest

DEMO_CODE = "MEET-MANY-7349"
DEMO_NEIGHBOURHOOD = "mons-centre"
BATCHES = [("mons-centre", "fr", 240), ("jemappes", "fr", 160), ("nimy", "nl", 60)]


def _unverified_addresses(neighbourhood, limit):
    verified = Membership.objects.filter(neighbourhood=neighbourhood, ended_at__isnull=True).values(
        "household__address_id"
    )
    return list(
        Address.objects.filter(neighbourhood=neighbourhood)
        .exclude(pk__in=verified)
        .order_by("street_key", "number", "box")[:limit]
    )


def _code(rng):
    raw = "".join(rng.choice(codes.ALPHABET) for _ in range(codes.LENGTH))
    return "-".join(raw[i : i + codes.GROUP] for i in range(0, codes.LENGTH, codes.GROUP))


def seed(*, scale, rng, log):
    now = timezone.now()
    hoods = {h.code: h for h in Neighbourhood.objects.filter(code__in=[b[0] for b in BATCHES])}
    letter_codes, total = [], 0
    demo_address = None
    for code, language, size in BATCHES:
        hood = hoods.get(code)
        if hood is None:
            continue
        created = now - timedelta(days=rng.randrange(5, 40))
        batch = LetterCodeBatch.objects.create(
            neighbourhood=hood,
            created_at=created,
            expires_at=created + timedelta(days=365),
            language=language,
            note="demo",
        )
        addresses = _unverified_addresses(hood, max(1, round(size * scale)))
        for index, address in enumerate(addresses):
            plaintext = DEMO_CODE if (code == DEMO_NEIGHBOURHOOD and index == 0) else _code(rng)
            if plaintext == DEMO_CODE:
                demo_address = address
            letter_codes.append(
                LetterCode(
                    address=address,
                    batch=batch,
                    code_hash=codes.code_hash(plaintext),
                    max_members=4,
                    expires_at=batch.expires_at,
                    revoked_at=now if rng.random() < 0.02 and index else None,
                )
            )
        total += len(addresses)
    LetterCode.objects.bulk_create(letter_codes, batch_size=5000)

    # People waiting for a letter: the demo "nouveau" account and a few others.
    User = get_user_model()
    password = make_password(DEMO_PASSWORD)
    count = max(3, round(24 * scale))
    waiting = User.objects.bulk_create(
        [
            User(
                email=f"attente{i}@demo.mons.be",
                password=password,
                display_name=f"Voisin {i}",
                email_confirmed_at=now,
                language=rng.choices(["fr", "nl", "en"], [85, 10, 5])[0],
            )
            for i in range(1, count + 1)
        ],
        batch_size=5000,
    )
    pool = _spread(rng, count + 1)
    requests = []
    nouveau = User.objects.filter(email=PENDING[0]).first()
    people = ([nouveau] if nouveau else []) + waiting
    for person, address in zip(people, pool, strict=False):
        status = VerificationRequest.Status.PENDING
        if person is not nouveau and rng.random() < 0.25:
            status = rng.choice(
                [VerificationRequest.Status.LETTER_SENT, VerificationRequest.Status.REJECTED]
            )
        requests.append(
            VerificationRequest(
                user=person,
                street=address.street,
                number=address.number,
                box=address.box,
                postcode=address.postcode,
                address=address,
                status=status,
                created_at=now - timedelta(hours=rng.randrange(1, 24 * 20)),
                handled_at=None if status == VerificationRequest.Status.PENDING else now,
                staff_note=""
                if status != VerificationRequest.Status.REJECTED
                else "Adresse inconnue à ce nom dans le registre de population.",
            )
        )
    VerificationRequest.objects.bulk_create(requests, batch_size=5000)
    log(f"  {len(BATCHES)} letter batches, {total} codes, {len(requests)} requests for a letter")
    if demo_address is not None:
        log(f"  demo letter code: {DEMO_CODE} for {demo_address}")


def _spread(rng, count):
    """`count` addresses spread over the register (deterministic for a given rng)."""
    ids = list(Address.objects.order_by("pk").values_list("pk", flat=True))
    if not ids:
        return []
    chosen = sorted(rng.sample(ids, min(count, len(ids))))
    by_id = Address.objects.in_bulk(chosen)
    return [by_id[i] for i in chosen]


def demo_code_address():
    """The address the demo code belongs to, or None if the demo has not been seeded."""
    letter_code = (
        LetterCode.objects.select_related("address")
        .filter(code_hash=codes.code_hash(DEMO_CODE))
        .first()
    )
    return letter_code.address if letter_code else None


def describe_demo_code() -> str:
    """One line for run.py: the demo code and its address (empty if not seeded)."""
    address = demo_code_address()
    return f"{DEMO_CODE} at {address}" if address else ""
