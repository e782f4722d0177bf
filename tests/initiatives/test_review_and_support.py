import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse

from initiatives import services
from initiatives.models import HelperSignup, Initiative, Support
from tests.factories.accounts import staff_user
from tests.factories.initiatives import InitiativeFactory
from tests.factories.neighbourhoods import member

pytestmark = pytest.mark.django_db
S = Initiative.Status


@pytest.fixture
def initiative(call, neighbourhoods):
    a, _ = neighbourhoods
    return InitiativeFactory(call=call, neighbourhood=a, submitter=member(neighbourhood=a))


def accept(initiative):
    services.initiative_set_status(initiative=initiative, status=S.IN_REVIEW)
    return services.initiative_set_status(
        initiative=initiative, status=S.ACCEPTED, public_answer="Bravo"
    )


def test_workflow_mails_the_submitter_in_their_language(
    initiative, django_capture_on_commit_callbacks
):
    initiative.submitter.language = "nl"
    initiative.submitter.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.initiative_set_status(initiative=initiative, status=S.IN_REVIEW)
    message = mail.outbox[-1]
    assert message.to == [initiative.submitter.email]
    assert "in behandeling" in message.subject
    assert message.alternatives and "text/html" in message.alternatives[0][1]


def test_transitions_are_validated(initiative):
    with pytest.raises(services.InitiativeError):
        services.initiative_set_status(initiative=initiative, status=S.REALISED)
    services.initiative_set_status(initiative=initiative, status=S.IN_REVIEW)
    with pytest.raises(services.InitiativeError, match="publiquement"):
        services.initiative_set_status(initiative=initiative, status=S.DECLINED)
    services.initiative_set_status(
        initiative=initiative, status=S.DECLINED, public_answer="Hors du périmètre"
    )
    initiative.refresh_from_db()
    assert initiative.status == S.DECLINED and initiative.public_answer == "Hors du périmètre"
    with pytest.raises(services.InitiativeError):
        services.initiative_set_status(initiative=initiative, status=S.ACCEPTED)


def test_staff_review_in_the_admin(client, initiative, django_capture_on_commit_callbacks):
    officer = staff_user("Participation staff")
    client.force_login(officer)
    index = client.get("/admin/initiatives/initiative/")
    assert index.status_code == 200 and initiative.title in index.content.decode()
    url = f"/admin/initiatives/initiative/edit/{initiative.pk}/"
    page = client.get(url)
    assert page.status_code == 200
    # A jump backwards or past a step is refused.
    r = client.post(url, {"status": "realised", "public_answer": ""})
    assert r.status_code == 200
    initiative.refresh_from_db()
    assert initiative.status == S.SUBMITTED
    with django_capture_on_commit_callbacks(execute=True):
        r = client.post(url, {"status": "in_review", "public_answer": ""})
    assert r.status_code == 302
    r = client.post(url, {"status": "declined", "public_answer": ""})
    assert r.status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        r = client.post(url, {"status": "accepted", "public_answer": "Belle idée !"})
    initiative.refresh_from_db()
    assert initiative.status == S.ACCEPTED and initiative.public_answer == "Belle idée !"
    assert len(mail.outbox) == 2
    # Published on the call page and on the hub.
    assert initiative.title in client.get(initiative.call.url).content.decode()
    hub = initiative.neighbourhood.hub_pages.first()
    assert initiative.title in client.get(hub.url).content.decode()


def test_every_decision_is_offered_on_the_first_screen_and_mails_once(
    client, initiative, django_capture_on_commit_callbacks
):
    client.force_login(staff_user("Participation staff"))
    url = f"/admin/initiatives/initiative/edit/{initiative.pk}/"
    form = client.get(url).context["form"]
    offered = {value for value, _label in form.fields["status"].choices}
    assert offered == {"submitted", "in_review", "accepted", "declined"}
    with django_capture_on_commit_callbacks(execute=True):
        r = client.post(url, {"status": "accepted", "public_answer": "Belle idée, on vous aide !"})
    assert r.status_code == 302
    initiative.refresh_from_db()
    assert initiative.status == S.ACCEPTED
    assert [m.to for m in mail.outbox] == [[initiative.submitter.email]]
    assert "Belle idée, on vous aide !" in mail.outbox[0].body


def test_a_submission_can_be_declined_at_once_with_a_public_reason(
    client, initiative, django_capture_on_commit_callbacks
):
    client.force_login(staff_user("Participation staff"))
    url = f"/admin/initiatives/initiative/edit/{initiative.pk}/"
    r = client.post(url, {"status": "declined", "public_answer": ""})
    assert r.status_code == 200 and not mail.outbox
    with django_capture_on_commit_callbacks(execute=True):
        r = client.post(url, {"status": "declined", "public_answer": "Hors du périmètre"})
    assert r.status_code == 302
    assert len(mail.outbox) == 1


def test_other_staff_groups_cannot_review(client_for, initiative):
    for role in ("Communications officers", "Newsletter editors", "Verification staff"):
        r = client_for(role).get(f"/admin/initiatives/initiative/edit/{initiative.pk}/")
        assert r.status_code in (302, 403), role


def test_unpublished_initiative_is_hidden_from_the_public(client_for, initiative):
    url = reverse("initiatives:detail", args=[initiative.pk])
    for role in ("anonymous", "member of A", "member of B", "Participation staff"):
        assert client_for(role).get(url).status_code == 404, role
    owner = client_for("anonymous")
    owner.force_login(initiative.submitter)
    assert owner.get(url).status_code == 200


def test_one_support_per_household(initiative, neighbourhoods, client):
    accept(initiative)
    a, _ = neighbourhoods
    first = member(neighbourhood=a)
    housemate = member(household=first.memberships.get().household)
    services.initiative_support(initiative=initiative, user=first)
    client.force_login(housemate)
    r = client.post(reverse("initiatives:support", args=[initiative.pk]), follow=True)
    assert "Votre ménage soutient déjà cette initiative." in r.content.decode()
    assert Support.objects.filter(initiative=initiative).count() == 1
    assert "1 ménage la soutient" in r.content.decode()


def test_supporting_a_declined_initiative_is_refused(initiative, neighbourhoods, client):
    services.initiative_set_status(initiative=initiative, status=S.IN_REVIEW)
    services.initiative_set_status(initiative=initiative, status=S.DECLINED, public_answer="Non")
    a, _ = neighbourhoods
    client.force_login(member(neighbourhood=a))
    r = client.post(reverse("initiatives:support", args=[initiative.pk]))
    assert r.status_code == 404
    with pytest.raises(services.InitiativeError, match="ne peut pas être soutenue"):
        services.initiative_support(initiative=initiative, user=member(neighbourhood=a))
    assert not Support.objects.exists()


def test_staff_cannot_support(initiative, client_for):
    accept(initiative)
    for role in ("Participation staff", "superuser", "pending resident"):
        client_for(role).post(reverse("initiatives:support", args=[initiative.pk]))
    assert not Support.objects.exists()


def test_threshold_reached_mails_participation_staff_once(
    initiative, neighbourhoods, django_capture_on_commit_callbacks
):
    accept(initiative)
    officer = staff_user("Participation staff")
    staff_user("Communications officers")
    a, b = neighbourhoods
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(5):  # threshold is 3
            services.initiative_support(initiative=initiative, user=member(neighbourhood=b))
    threshold_mails = [m for m in mail.outbox if "Seuil" in m.subject]
    assert [m.to for m in threshold_mails] == [[officer.email]]
    assert Group.objects.get(name="Participation staff").user_set.count() == 1


def test_staff_see_counts_never_supporters(initiative, neighbourhoods, client):
    accept(initiative)
    a, _ = neighbourhoods
    supporter = member(neighbourhood=a, display_name="Zoé Unique")
    services.initiative_support(initiative=initiative, user=supporter)
    client.force_login(staff_user("Participation staff"))
    for url in (
        "/admin/initiatives/initiative/",
        f"/admin/initiatives/initiative/inspect/{initiative.pk}/",
        f"/admin/initiatives/initiative/edit/{initiative.pk}/",
    ):
        body = client.get(url).content.decode()
        assert "Zoé Unique" not in body and supporter.email not in body


def test_helpers_contact_reaches_organisers_only_with_consent(initiative, neighbourhoods, client):
    accept(initiative)
    a, _ = neighbourhoods
    sharing = member(neighbourhood=a, display_name="Aline Partage")
    private = member(neighbourhood=a, display_name="Bruno Discret")
    client.force_login(sharing)
    client.post(reverse("initiatives:help", args=[initiative.pk]), {"share_contact": "on"})
    client.force_login(private)
    client.post(reverse("initiatives:help", args=[initiative.pk]), {})
    assert HelperSignup.objects.count() == 2
    client.force_login(initiative.submitter)
    body = client.get(reverse("initiatives:organisers", args=[initiative.pk])).content.decode()
    assert "Aline Partage" in body and sharing.email in body
    assert "Bruno Discret" not in body and private.email not in body
    assert "1 autre personne" in body
    # Neither the helpers nor staff reach the organisers' page.
    for user in (sharing, staff_user("Participation staff")):
        client.force_login(user)
        r = client.get(reverse("initiatives:organisers", args=[initiative.pk]))
        assert r.status_code in (403, 404)


def test_co_organiser_confirms_invitation(initiative, neighbourhoods, client):
    from django.core import signing

    from initiatives.models import CoOrganiser

    a, b = neighbourhoods
    friend = member(neighbourhood=a, email="amie@example.be")
    invite = CoOrganiser.objects.create(initiative=initiative, email="amie@example.be")
    token = signing.dumps({"invite": invite.pk}, salt="initiatives.invite")
    url = reverse("initiatives:invitation", args=[token])
    # Someone else holding the link cannot take the place.
    client.force_login(member(neighbourhood=a))
    assert client.post(url).status_code == 400
    client.force_login(friend)
    r = client.post(url)
    assert r.status_code == 302
    invite.refresh_from_db()
    assert invite.user == friend and invite.confirmed_at
    assert client.get(reverse("initiatives:organisers", args=[initiative.pk])).status_code == 200
    assert client.get(reverse("initiatives:invitation", args=["x" + token])).status_code == 400
