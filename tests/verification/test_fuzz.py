"""Arbitrary input on the public forms: never a server error, never anything half-stored."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from neighbourhoods.models import Membership
from tests.factories.accounts import UserFactory
from tests.factories.neighbourhoods import AddressFactory
from tests.factories.verification import letter_code
from verification.models import CodeUse, VerificationRequest

pytestmark = pytest.mark.django_db
text = st.one_of(
    st.text(max_size=300), st.sampled_from(["", " ", "7000", "ACDE-FGHJ-KMNP", "\x00"])
)
fields = st.fixed_dictionaries(
    {},
    optional=dict.fromkeys(
        (
            "street",
            "number",
            "box",
            "postcode",
            "code",
            "email",
            "display_name",
            "language",
            "password1",
            "password2",
        ),
        text,
    ),
)
FUZZ = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture
def setting(neighbourhoods):
    address = AddressFactory(neighbourhood=neighbourhoods[0])
    code, _plaintext = letter_code(address=address)
    return code


@FUZZ
@given(data=fields)
def test_verification_form_never_fails(setting, data):
    user = UserFactory()
    client = Client()
    client.force_login(user)
    response = client.post("/verification/", data)
    assert response.status_code in (200, 302, 429)
    assert not Membership.objects.filter(user=user).exists()
    assert not CodeUse.objects.filter(user=user).exists()


@FUZZ
@given(data=fields)
def test_letter_request_form_never_fails(setting, data):
    user = UserFactory()
    client = Client()
    client.force_login(user)
    response = client.post("/verification/demander-une-lettre/", data)
    assert response.status_code in (200, 302)
    stored = VerificationRequest.objects.filter(user=user).count()
    assert stored == (1 if response.status_code == 302 else 0)


@FUZZ
@given(data=fields)
def test_sign_up_form_never_fails(db, data):
    before = get_user_model().objects.count()
    response = Client().post("/compte/inscription/", data)
    assert response.status_code in (200, 302, 429)
    created = get_user_model().objects.count() - before
    assert created in (0, 1)
    if response.status_code != 302:
        assert created == 0
