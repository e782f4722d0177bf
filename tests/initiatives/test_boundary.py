"""Every URL of initiatives and neighbour help, walked as every role."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from initiatives import services
from initiatives.models import Initiative, InitiativeDraft, Support
from neighbour_help import services as care_services
from neighbour_help.models import CallOutDelivery, HelpContact
from tests.conftest import ROLES
from tests.factories.initiatives import InitiativeFactory, call_page
from tests.factories.neighbour_help import consent, offer, skills
from tests.factories.neighbourhoods import member

pytestmark = pytest.mark.django_db

MEMBERS = {"member of A", "member of B", "moderator of A"}
STAFF = {
    "Communications officers",
    "Newsletter editors",
    "Participation staff",
    "Verification staff",
    "superuser",
}
LOGIN = 302


@pytest.fixture
def world(users_by_role, neighbourhoods):
    a, b = neighbourhoods
    call = call_page(neighbourhoods=[a, b])
    owner = users_by_role["member of A"]
    published = InitiativeFactory(
        call=call, neighbourhood=a, submitter=owner, status=Initiative.Status.ACCEPTED
    )
    hidden = InitiativeFactory(call=call, neighbourhood=a, submitter=owner)
    draft = InitiativeDraft.objects.create(owner=owner, call=call)
    s = skills()
    helper = member(neighbourhood=a, display_name="Aidant secret")
    the_offer = offer(user=helper, skill_list=[s["pets"]])
    contact = care_services.contact_send(sender=owner, offer=the_offer, body="Message privé")
    consent(user=helper)
    when = timezone.now() + datetime.timedelta(days=2)
    callout = care_services.callout_create(
        by=users_by_role["Participation staff"],
        title="Appel",
        place="Mons",
        when=when,
        needed=1,
        answers_until=when,
    )
    token = care_services.callout_token(CallOutDelivery.objects.get(callout=callout))
    return {
        "call": call,
        "published": published,
        "hidden": hidden,
        "draft": draft,
        "offer": the_offer,
        "contact": contact,
        "callout": callout,
        "token": token,
    }


def expect(client_for, url, allowed, *, method="get", data=None, denied=(403, 404)):
    """allowed: role -> status; other roles get `denied`, anonymous visitors the login page."""
    for role in ROLES:
        status = getattr(client_for(role), method)(url, data or {}).status_code
        if role in allowed:
            expected = allowed[role]
        elif role == "anonymous":
            expected = (LOGIN, 403, 404)
        else:
            expected = denied
        if not isinstance(expected, tuple):
            expected = (expected,)
        assert status in expected, (url, role, status)


def everyone(status=200):
    return dict.fromkeys(ROLES, status)


def test_public_pages_and_unpublished_initiatives(client_for, world):
    expect(client_for, world["call"].url, everyone())
    expect(client_for, reverse("initiatives:detail", args=[world["published"].pk]), everyone())
    url = reverse("initiatives:detail", args=[world["hidden"].pk])
    expect(client_for, url, {"member of A": 200, "anonymous": 404})
    expect(client_for, reverse("initiatives:image", args=[world["published"].pk]), everyone(404))
    expect(client_for, reverse("initiatives:image", args=[world["hidden"].pk]), everyone(404))


def test_resident_pages(client_for, world):
    expect(client_for, reverse("initiatives:mine"), dict.fromkeys(MEMBERS, 200))
    url = reverse("initiatives:start", args=[world["call"].pk])
    expect(client_for, url, dict.fromkeys(MEMBERS, 200))


def test_wizard_and_draft_only_for_the_owner(client_for, world):
    pk = world["draft"].pk
    expect(client_for, reverse("initiatives:wizard", args=[pk]), {"member of A": 200})
    expect(
        client_for,
        reverse("initiatives:draft_delete", args=[pk]),
        {"member of A": 302},
        method="post",
    )


def test_thanks_and_organisers_only_for_organisers(client_for, world):
    for name in ("initiatives:thanks", "initiatives:organisers"):
        url = reverse(name, args=[world["hidden"].pk])
        expect(client_for, url, {"member of A": 200})


def test_support_and_help_writes_only_from_residents(client_for, world):
    pk = world["published"].pk
    expect(
        client_for,
        reverse("initiatives:support", args=[pk]),
        {r: 302 for r in ROLES if r != "anonymous"},
        method="post",
    )
    # Staff and unverified accounts were answered, but nothing was stored for them.
    assert Support.objects.filter(initiative_id=pk).count() == 3  # A, B, moderator of A
    expect(
        client_for,
        reverse("initiatives:help", args=[pk]),
        {r: 302 for r in ROLES if r != "anonymous"},
        method="post",
    )
    assert world["published"].helpers.count() == 3


def test_invitation_with_a_bad_token(client_for, world):
    url = reverse("initiatives:invitation", args=["nope"])
    expect(client_for, url, {r: 400 for r in ROLES if r != "anonymous"})


def test_neighbour_help_pages_are_members_only(client_for, world):
    for name in ("care:home", "care:offer", "care:volunteer", "care:conversations"):
        expect(client_for, reverse(name), dict.fromkeys(MEMBERS, 200))


def test_contacting_an_offer_stays_in_its_neighbourhood(client_for, world):
    url = reverse("care:contact", args=[world["offer"].pk])
    expect(client_for, url, {"member of A": 200, "moderator of A": 200})


def test_help_messages_only_for_the_two_residents(client_for, world):
    url = reverse("care:conversation", args=[world["contact"].pk])
    expect(client_for, url, {"member of A": 200})
    for role in STAFF:
        assert "Message privé" not in client_for(role).get(url).content.decode()


def test_withdraw_buttons_need_membership(client_for, world):
    for name in ("care:offer_withdraw", "care:volunteer_withdraw"):
        expect(client_for, reverse(name), dict.fromkeys(MEMBERS, 302), method="post")


def test_callout_answer_link_is_a_capability(client_for, world):
    expect(client_for, reverse("care:callout_answer", args=[world["token"]]), everyone())
    expect(client_for, reverse("care:callout_answer", args=["forged"]), everyone(400))


STAFF_PATHS = [
    "/admin/neighbour-help/",
    "/admin/neighbour-help/callouts/",
    "/admin/neighbour-help/callouts/new/",
    "/admin/neighbour-help/callouts/{callout}/",
    "/admin/neighbour-help/callouts/{callout}/yes.csv",
    "/admin/initiatives/initiative/",
    "/admin/initiatives/initiative/edit/{hidden}/",
    "/admin/snippets/care/helpskill/",
]


def test_staff_pages_only_for_participation_staff(client_for, world):
    for path in STAFF_PATHS:
        url = path.format(callout=world["callout"].pk, hidden=world["hidden"].pk)
        expect(
            client_for,
            url,
            {"Participation staff": 200, "superuser": 200},
            denied=(302, 403, 404),
        )


PRIVATE_PATHS = [
    "/admin/snippets/care/helpcontact/",
    "/admin/snippets/care/helpoffer/",
    "/admin/snippets/care/volunteerconsent/",
    "/admin/care/helpcontact/",
    "/admin/care/helpoffer/",
    "/admin/initiatives/support/",
    "/admin/initiatives/helpersignup/",
]


def test_private_records_are_never_in_the_admin(client_for, world):
    client = client_for("superuser")
    for path in PRIVATE_PATHS:
        assert client.get(path).status_code == 404, path


def test_admin_search_and_pages_never_show_messages_or_offers(client_for, world):
    client = client_for("superuser")
    for url in (
        "/admin/",
        "/admin/neighbour-help/",
        "/admin/pages/search/?q=Message",
        f"/admin/neighbour-help/callouts/{world['callout'].pk}/",
    ):
        body = client.get(url).content.decode()
        assert "Message privé" not in body and "Aidant secret" not in body
    assert HelpContact.objects.count() == 1


def test_staff_services_refuse_resident_actions(world, users_by_role):
    staff = users_by_role["Participation staff"]
    with pytest.raises(services.InitiativeError):
        services.initiative_support(initiative=world["published"], user=staff)
    with pytest.raises(care_services.CareError):
        care_services.contact_send(sender=staff, offer=world["offer"], body="Bonjour")
