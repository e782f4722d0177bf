import pytest
from django.core import mail
from django.urls import reverse

from neighbour_help.models import HelpContact, HelpOffer
from tests.factories.neighbour_help import offer
from tests.factories.neighbourhoods import member

pytestmark = pytest.mark.django_db


def test_member_offers_help_and_a_neighbour_finds_them(client, neighbourhoods, skills):
    a, b = neighbourhoods
    helper = member(neighbourhood=a, display_name="Hélène P.")
    client.force_login(helper)
    r = client.post(
        reverse("care:offer"),
        {"skills": [skills["groceries"].pk, skills["digital"].pk], "availability": "Le soir"},
    )
    assert r.status_code == 302
    assert set(HelpOffer.objects.get(user=helper).skills.all()) == {
        skills["groceries"],
        skills["digital"],
    }
    neighbour = member(neighbourhood=a)
    far_away = member(neighbourhood=b)
    client.force_login(neighbour)
    page = client.get(reverse("care:home"), {"skill": skills["groceries"].pk}).content.decode()
    assert "Hélène P." in page and "1 voisin peut aider" in page
    assert helper.email not in page
    client.force_login(far_away)
    page = client.get(reverse("care:home"), {"skill": skills["groceries"].pk}).content.decode()
    assert "Hélène P." not in page


def test_offer_form_errors_are_clear_and_nothing_is_stored(client, neighbourhoods, skills):
    a, _ = neighbourhoods
    client.force_login(member(neighbourhood=a))
    r = client.post(reverse("care:offer"), {"skills": ["999999", "abc"], "availability": ""})
    body = r.content.decode()
    assert r.status_code == 200 and "Il y a un problème" in body
    assert "Indiquez quand vous êtes disponible." in body
    assert not HelpOffer.objects.exists()


def test_contact_through_the_platform_without_email(
    client, neighbourhoods, skills, django_capture_on_commit_callbacks
):
    a, _ = neighbourhoods
    helper = member(neighbourhood=a, display_name="Hélène P.")
    the_offer = offer(user=helper, skill_list=[skills["company"]])
    asker = member(neighbourhood=a, display_name="Paul R.")
    client.force_login(asker)
    with django_capture_on_commit_callbacks(execute=True):
        r = client.post(
            reverse("care:contact", args=[the_offer.pk]),
            {"body": "<b>Bonjour</b>, pourriez-vous passer voir ma mère ?"},
        )
    contact = HelpContact.objects.get()
    assert r.status_code == 302 and contact.body.startswith("Bonjour, pourriez")
    message = mail.outbox[-1]
    assert message.to == [helper.email]
    text = message.body + message.alternatives[0][0]
    assert asker.email not in text and "Paul R." in text and "pourriez" not in text
    assert message.from_email != asker.email and not message.reply_to
    client.force_login(helper)
    thread = client.get(reverse("care:conversation", args=[contact.pk])).content.decode()
    assert "pourriez-vous passer" in thread and asker.email not in thread
    client.post(reverse("care:conversation", args=[contact.pk]), {"body": "Avec plaisir"})
    assert HelpContact.objects.filter(sender=helper, recipient=asker).exists()


def test_messages_are_only_for_the_two_residents(client_for, neighbourhoods, skills, client):
    a, _ = neighbourhoods
    helper = member(neighbourhood=a)
    asker = member(neighbourhood=a)
    from neighbour_help import services

    contact = services.contact_send(
        sender=asker, offer=offer(user=helper, skill_list=[skills["pets"]]), body="Secret"
    )
    url = reverse("care:conversation", args=[contact.pk])
    for role in (
        "member of A",
        "member of B",
        "moderator of A",
        "Communications officers",
        "Newsletter editors",
        "Participation staff",
        "Verification staff",
        "superuser",
        "pending resident",
    ):
        r = client_for(role).get(url)
        assert r.status_code in (403, 404), role
        assert "Secret" not in r.content.decode()
    assert client_for("anonymous").get(url).status_code == 302


def test_cannot_contact_an_offer_from_another_neighbourhood(client, neighbourhoods, skills):
    a, b = neighbourhoods
    far = offer(user=member(neighbourhood=b), skill_list=[skills["pets"]])
    client.force_login(member(neighbourhood=a))
    r = client.post(reverse("care:contact", args=[far.pk]), {"body": "Bonjour"})
    assert r.status_code == 404
    assert not HelpContact.objects.exists()


def test_own_offer_is_not_listed_and_withdrawn_offer_disappears(client, neighbourhoods, skills):
    a, _ = neighbourhoods
    helper = member(neighbourhood=a, display_name="Moi-même")
    offer(user=helper, skill_list=[skills["pets"]])
    client.force_login(helper)
    page = client.get(reverse("care:home"), {"skill": skills["pets"].pk}).content.decode()
    assert "Moi-même" not in page.split("Trouver de l’aide")[1].split("Proposer votre aide")[0]
    client.post(reverse("care:offer_withdraw"))
    client.force_login(member(neighbourhood=a))
    page = client.get(reverse("care:home"), {"skill": skills["pets"].pk}).content.decode()
    assert "Moi-même" not in page


def test_matching_offers_query_count_is_flat(client, neighbourhoods, skills):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    a, _ = neighbourhoods
    client.force_login(member(neighbourhood=a))

    def count():
        with CaptureQueriesContext(connection) as ctx:
            r = client.get(reverse("care:home"), {"skill": skills["pets"].pk})
        assert r.status_code == 200
        return len(ctx.captured_queries)

    for _ in range(3):
        offer(user=member(neighbourhood=a), skill_list=[skills["pets"], skills["company"]])
    count()  # warm up (site, settings)
    few = count()
    for _ in range(25):
        offer(user=member(neighbourhood=a), skill_list=[skills["pets"], skills["company"]])
    assert count() == few <= 20


def test_links_to_a_help_request_in_the_feed(client, neighbourhoods, skills):
    a, _ = neighbourhoods
    client.force_login(member(neighbourhood=a))
    body = client.get(reverse("care:home"), {"skill": skills["pets"].pk}).content.decode()
    assert "publier une demande d’aide dans le fil du quartier" in body
    assert "/fil/quartier/mons-centre/publier/?category=help" in body


def test_a_conversation_closes_when_the_resident_moves_away(client, neighbourhoods, skills):
    """Regression: the permission accepted any membership, so after moving to B the resident
    still read (and answered) the help conversation of A."""
    from neighbour_help import services
    from neighbourhoods.services import membership_join
    from tests.factories.neighbourhoods import AddressFactory

    a, b = neighbourhoods
    helper, asker = member(neighbourhood=a), member(neighbourhood=a)
    contact = services.contact_send(
        sender=asker, offer=offer(user=helper, skill_list=[skills["pets"]]), body="Secret de A"
    )
    membership_join(user=asker, address=AddressFactory(neighbourhood=b))
    client.force_login(asker)
    url = reverse("care:conversation", args=[contact.pk])
    response = client.get(url)
    assert response.status_code == 404 and "Secret de A" not in response.content.decode()
    listing = client.get(reverse("care:conversations")).content.decode()
    assert url not in listing
    with pytest.raises(services.CareError):
        services.contact_reply(sender=asker, contact=contact, body="Toujours là")
    # The neighbour who stayed still reads it.
    client.force_login(helper)
    assert "Secret de A" in client.get(url).content.decode()
