"""Hypothesis posts arbitrary data to neighbour help's public forms: no 5xx, nothing partial."""

import pytest
from django.urls import NoReverseMatch, reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from neighbour_help.models import CallOutDelivery, HelpContact, HelpOffer, VolunteerConsent
from tests.factories.neighbour_help import offer
from tests.factories.neighbourhoods import member

pytestmark = pytest.mark.django_db
FUZZ = settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
text = st.text(max_size=300)
values = st.one_of(text, st.lists(text, max_size=3))


def post(client, url, data):
    return client.post(url, data)


@given(data=st.dictionaries(st.sampled_from(["skills", "availability"]), values))
@FUZZ
def test_offer_form(client, neighbourhoods, skills, data):
    a, _ = neighbourhoods
    client.force_login(member(neighbourhood=a))
    before = HelpOffer.objects.count()
    response = post(client, reverse("care:offer"), data)
    assert response.status_code < 500
    if response.status_code == 200:
        assert HelpOffer.objects.count() == before


@given(
    data=st.dictionaries(
        st.sampled_from(["consent", "share_name", "share_email", "share_phone", "phone"]), text
    )
)
@FUZZ
def test_consent_form(client, neighbourhoods, data):
    a, _ = neighbourhoods
    user = member(neighbourhood=a)
    client.force_login(user)
    response = post(client, reverse("care:volunteer"), data)
    assert response.status_code < 500
    if response.status_code == 200:
        assert not VolunteerConsent.objects.filter(user=user).exists()


@given(body=text, skill=text)
@FUZZ
def test_contact_and_search(client, neighbourhoods, skills, body, skill):
    a, _ = neighbourhoods
    target = offer(user=member(neighbourhood=a), skill_list=[skills["pets"]])
    client.force_login(member(neighbourhood=a))
    assert client.get(reverse("care:home"), {"skill": skill}).status_code < 500
    before = HelpContact.objects.count()
    response = post(client, reverse("care:contact", args=[target.pk]), {"body": body})
    assert response.status_code < 500
    if response.status_code == 200:
        assert HelpContact.objects.count() == before


@given(token=st.text(min_size=1, max_size=200), answer=text)
@FUZZ
def test_callout_answer_link(client, token, answer):
    try:
        url = reverse("care:callout_answer", args=[token])
    except NoReverseMatch:
        return
    assert client.get(url).status_code < 500
    assert client.post(url, {"answer": answer}).status_code < 500
    assert not CallOutDelivery.objects.exclude(answer="").exists()
