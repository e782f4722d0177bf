import random

import pytest

from demo.accounts import PENDING
from tests.factories.accounts import UserFactory
from tests.factories.neighbourhoods import AddressFactory, NeighbourhoodFactory, member
from tests.factories.verification import address_form
from verification import demo
from verification.models import LetterCode, VerificationRequest
from verification.services import letter_code_claim

pytestmark = pytest.mark.django_db


def test_demo_seeds_batches_requests_and_a_code_that_works():
    for code, _language, _size in demo.BATCHES:
        hood = NeighbourhoodFactory(code=code)
        for _ in range(5):
            AddressFactory(neighbourhood=hood)
        member(neighbourhood=hood)
    UserFactory(email=PENDING[0])
    log = []
    demo.seed(scale=0.02, rng=random.Random(2), log=log.append)
    assert LetterCode.objects.count() == 5 + 3 + 1  # 240, 160, 60 letters x 0.02
    assert not LetterCode.objects.filter(address__household__memberships__isnull=False).exists()
    assert VerificationRequest.objects.filter(user__email=PENDING[0], status="pending").exists()
    address = demo.demo_code_address()
    assert any(demo.DEMO_CODE in line and str(address) in line for line in log)
    membership = letter_code_claim(user=UserFactory(), **address_form(address, demo.DEMO_CODE))
    assert membership.neighbourhood.code == demo.DEMO_NEIGHBOURHOOD
