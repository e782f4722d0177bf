"""Hypothesis posts arbitrary data to the public forms: never a 5xx, nothing partial stored."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from initiatives.models import CoOrganiser, HelperSignup, Initiative, InitiativeDraft, Support
from tests.factories.initiatives import InitiativeFactory
from tests.factories.neighbourhoods import member

pytestmark = pytest.mark.django_db
FUZZ = settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
text = st.text(max_size=300)
STEPS = ["what", "where", "who", "needs", "review", "nope", ""]
FIELDS = {
    "what": ["title", "description", "image_alt"],
    "where": ["neighbourhood", "place"],
    "who": ["co_organisers"],
    "needs": ["needs_budget", "needs_material", "needs_other", "helpers_needed"],
    "review": ["confirm"],
}


@given(
    step=st.sampled_from(STEPS),
    values=st.dictionaries(st.sampled_from(sum(FIELDS.values(), [])), text, max_size=6),
    extra=st.sampled_from(
        [{}, {"save_draft": "1"}, {"wizard_goto_step": "what"}, {"wizard_goto_step": "\x00"}]
    ),
)
@FUZZ
def test_wizard_never_fails(client, call, neighbourhoods, step, values, extra):
    a, _ = neighbourhoods
    user = member(neighbourhood=a)
    client.force_login(user)
    draft = InitiativeDraft.objects.create(owner=user, call=call)
    payload = {"initiative_wizard-current_step": step}
    payload.update({f"{step}-{k}": v for k, v in values.items()})
    payload.update(extra)
    response = client.post(reverse("initiatives:wizard", args=[draft.pk]), payload)
    assert response.status_code < 500
    # One step can never produce an initiative (the others are empty).
    assert not Initiative.objects.exists() and not CoOrganiser.objects.exists()
    assert client.get(reverse("initiatives:wizard", args=[draft.pk])).status_code == 200


@given(data=st.dictionaries(st.sampled_from(["share_contact", "withdraw", "x"]), text))
@FUZZ
def test_support_and_help_never_fail(client, call, neighbourhoods, data):
    a, _ = neighbourhoods
    initiative = InitiativeFactory(call=call, neighbourhood=a, status=Initiative.Status.DECLINED)
    client.force_login(member(neighbourhood=a))
    for name in ("initiatives:support", "initiatives:help", "initiatives:unsupport"):
        assert client.post(reverse(name, args=[initiative.pk]), data).status_code < 500
    assert not Support.objects.exists() and not HelperSignup.objects.exists()


@given(token=st.text(min_size=1, max_size=200).filter(lambda t: "/" not in t))
@FUZZ
def test_invitation_tokens_never_fail(client, neighbourhoods, token):
    a, _ = neighbourhoods
    client.force_login(member(neighbourhood=a))
    try:
        url = reverse("initiatives:invitation", args=[token])
    except Exception:  # noqa: BLE001  (not a routable token)
        return
    assert client.post(url).status_code < 500
    assert not CoOrganiser.objects.filter(confirmed_at__isnull=False).exists()
