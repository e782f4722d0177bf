"""Twenty residents type the same code at the same moment: exactly its member limit get in."""

import threading

import pytest
from django.db import connection

from neighbourhoods.models import Membership
from tests.factories.accounts import UserFactory
from tests.factories.neighbourhoods import AddressFactory, NeighbourhoodFactory
from tests.factories.verification import address_form, letter_code
from verification.models import CodeUse
from verification.services import VerificationError, letter_code_claim

THREADS = 20
LIMIT = 4


def race_once(neighbourhood):
    address = AddressFactory(neighbourhood=neighbourhood)
    code, plaintext = letter_code(address=address, max_members=LIMIT)
    users = [UserFactory() for _ in range(THREADS)]
    barrier = threading.Barrier(THREADS)
    results = []
    lock = threading.Lock()

    def claim(user):
        try:
            barrier.wait()
            try:
                letter_code_claim(user=user, **address_form(address, plaintext))
                outcome = "member"
            except VerificationError as error:
                outcome = str(error.message)
            with lock:
                results.append(outcome)
        finally:
            connection.close()

    threads = [threading.Thread(target=claim, args=(u,)) for u in users]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    code.refresh_from_db()
    return code, results


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_code_limited_to_four_makes_exactly_four_members_under_a_race():
    neighbourhood = NeighbourhoodFactory(code="race")
    for _round in range(5):
        code, results = race_once(neighbourhood)
        assert len(results) == THREADS
        assert results.count("member") == LIMIT
        refusals = [r for r in results if r != "member"]
        assert len(refusals) == THREADS - LIMIT
        assert all("déjà été utilisé par 4 habitants" in r for r in refusals), refusals[:1]
        assert code.uses == LIMIT
        assert CodeUse.objects.filter(code=code).count() == LIMIT
        assert Membership.objects.filter(household__address=code.address).count() == LIMIT
