"""Two neighbours write to each other: opened from a post, blocked, reported, closed on leaving."""

import pytest
from django.core import mail
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conversations import services
from conversations.models import Conversation, Message
from neighbourhoods.services import membership_leave
from notifications.models import Kind, Notification
from tests.factories.neighbourhoods import member

pytestmark = pytest.mark.django_db


def open_from_post(client, user, post, body="Bonjour, l'échelle est-elle libre samedi ?"):
    client.force_login(user)
    page = client.get(reverse("feed:post", args=[post.pk])).content.decode()
    link = reverse("conversations:start_from_post", args=[post.pk])
    assert f'href="{link}"' in page and "Écrire à l&#x27;auteur" in page
    return client.post(link, {"body": body})


def test_write_to_the_author_from_a_post_and_get_an_answer(client, alice, bob, post):
    response = open_from_post(client, bob, post)
    conversation = Conversation.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(
        f"/conversations/{conversation.pk}/"
    )
    told = Notification.objects.get(recipient=alice, kind=Kind.REPLIES)
    assert told.actor_name == "Bob R."
    (email,) = mail.outbox
    assert email.to == [alice.email] and "Bob R. vous a écrit" in email.subject
    assert "samedi" not in email.body  # the message itself stays on the site
    client.force_login(alice)
    page = client.get(reverse("conversations:detail", args=[conversation.pk])).content.decode()
    assert "l&#x27;échelle est-elle libre samedi" in page
    client.post(reverse("conversations:detail", args=[conversation.pk]), {"body": "Oui !"})
    assert list(conversation.messages.values_list("body", flat=True)) == [
        "Bonjour, l'échelle est-elle libre samedi ?",
        "Oui !",
    ]
    assert Notification.objects.filter(recipient=bob, kind=Kind.REPLIES).count() == 1


def test_nobody_else_reads_it(client, alice, bob, berthe, post, neighbourhoods):
    conversation = services.conversation_start(sender=bob, recipient=alice, body="Bonjour")
    url = reverse("conversations:detail", args=[conversation.pk])
    carol = member(neighbourhood=neighbourhoods[0])
    for outsider in (carol, berthe):
        client.force_login(outsider)
        assert client.get(url).status_code == 404
    staff = member(neighbourhood=neighbourhoods[0])
    staff.is_superuser = True
    staff.save()
    client.force_login(staff)
    assert client.get(url).status_code == 403


def test_no_conversation_with_another_neighbourhood(client, alice, berthe, post):
    client.force_login(berthe)
    link = reverse("conversations:start_from_post", args=[post.pk])
    assert client.post(link, {"body": "Bonjour"}).status_code == 404
    with pytest.raises(services.ConversationError):
        services.conversation_start(sender=berthe, recipient=alice, body="Bonjour")
    assert not Conversation.objects.exists() and not Message.objects.exists()


def test_a_blocked_neighbour_cannot_write_again(client, alice, bob, post):
    conversation = services.conversation_start(sender=bob, recipient=alice, body="Bonjour")
    client.force_login(alice)
    client.post(reverse("conversations:block", args=[conversation.pk]))
    client.force_login(bob)
    response = client.post(
        reverse("conversations:detail", args=[conversation.pk]), {"body": "Encore moi"}
    )
    assert response.status_code == 400
    assert "Vous ne pouvez pas écrire à ce voisin" in response.content.decode()
    assert open_from_post(client, bob, post, body="Et ici ?").status_code == 400
    assert conversation.messages.count() == 1


def test_leaving_the_neighbourhood_closes_the_conversation(client, alice, bob):
    conversation = services.conversation_start(sender=bob, recipient=alice, body="Bonjour")
    membership_leave(user=bob)
    with pytest.raises(services.ConversationError):
        services.message_send(conversation=conversation, sender=alice, body="Tu es là ?")
    client.force_login(alice)
    page = client.get(reverse("conversations:detail", args=[conversation.pk])).content.decode()
    assert "Bonjour" in page and "Cette conversation est fermée" in page
    assert "<textarea" not in page


def test_reported_to_the_resident_moderators_only(client, alice, bob, neighbourhoods):
    moderator = member(neighbourhood=neighbourhoods[0], moderator=True)
    other_moderator = member(neighbourhood=neighbourhoods[1], moderator=True)
    conversation = services.conversation_start(sender=bob, recipient=alice, body="Insulte")
    client.force_login(alice)
    response = client.post(
        reverse("conversations:report", args=[conversation.pk]), {"reason": "Propos blessants"}
    )
    assert response.status_code == 302
    told = Notification.objects.get(recipient=moderator, event="conversation_reported")
    assert not Notification.objects.filter(recipient=other_moderator).exists()
    client.force_login(moderator)
    page = client.get(reverse("notifications:open", args=[told.pk]), follow=True)
    assert "Insulte" in page.content.decode() and "Propos blessants" in page.content.decode()
    client.force_login(other_moderator)
    assert client.get(told.url).status_code == 404
    # Reported twice by the same person: a clear answer, one report.
    client.force_login(alice)
    again = client.post(
        reverse("conversations:report", args=[conversation.pk]), {"reason": "Encore"}
    )
    assert again.status_code == 400 and "déjà signalé" in again.content.decode()


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(body=st.text(max_size=2100))
def test_fuzzed_messages_never_fail_and_never_half_store(client, alice, bob, post, body):
    Conversation.objects.all().delete()
    client.force_login(bob)
    response = client.post(reverse("conversations:start_from_post", args=[post.pk]), {"body": body})
    assert response.status_code in (302, 400)
    if response.status_code == 400:
        assert not Message.objects.exists() and not Conversation.objects.exists()
