"""A resident is told what concerns them: list, unread count, e-mail, never about hidden posts."""

import re

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse

from feed import services as feed_services
from feed.models import Status
from notifications import selectors
from notifications.models import Channel, Kind, Notification
from notifications.services import notification_email_send, preference_set

pytestmark = pytest.mark.django_db


def react(client, user, post, body="Je peux vous la prêter samedi."):
    client.force_login(user)
    return client.post(reverse("feed:react", args=[post.pk]), {"body": body})


def test_a_reaction_tells_the_author_on_the_site_and_by_email(client, alice, bob, post):
    assert react(client, bob, post).status_code == 302
    (notification,) = Notification.objects.filter(recipient=alice)
    assert notification.kind == Kind.REACTIONS and notification.actor_name == "Bob R."
    assert not Notification.objects.filter(recipient=bob).exists()
    (message,) = mail.outbox
    assert message.to == [alice.email]
    assert "Bob R. a réagi à votre message « Échelle à prêter »" in message.subject
    assert f"/fil/messages/{post.pk}/" in message.body
    # No post text in the e-mail, only who and which post.
    assert "samedi" not in message.body and "samedi" not in message.alternatives[0][0]
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "/notifications/desinscription/" in message.extra_headers["List-Unsubscribe"]


def test_own_reaction_and_own_thanks_tell_nobody(client, alice, post):
    feed_services.reaction_create(post=post, author=alice, body="Précision : le samedi.")
    assert Notification.objects.count() == 0 and mail.outbox == []


def test_thanks_tell_the_author(alice, bob, post):
    feed_services.thanks_give(post=post, user=bob)
    (notification,) = Notification.objects.filter(recipient=alice)
    assert notification.event == "thanks"


def test_unread_count_is_one_query(alice, bob, post, django_assert_num_queries):
    feed_services.reaction_create(post=post, author=bob, body="Oui")
    feed_services.thanks_give(post=post, user=bob)
    with django_assert_num_queries(1):
        assert selectors.unread_count(user=alice) == 2


def test_header_shows_the_unread_count_and_opening_marks_read(client, alice, bob, post):
    feed_services.reaction_create(post=post, author=bob, body="Oui")
    client.force_login(alice)
    page = client.get(reverse("notifications:list")).content.decode()
    assert re.search(r'<span class="badge">1<span class="visually-hidden"> non lue?s?</span>', page)
    notification = Notification.objects.get(recipient=alice)
    opened = client.get(reverse("notifications:open", args=[notification.pk]))
    assert opened.status_code == 302
    assert opened["Location"] == f"/fil/messages/{post.pk}/#reactions"
    notification.refresh_from_db()
    assert notification.read_at is not None
    assert selectors.unread_count(user=alice) == 0
    assert 'class="badge"' not in client.get(reverse("notifications:list")).content.decode()


def test_the_unread_count_costs_one_query_on_a_member_page(
    client, alice, bob, post, django_assert_num_queries
):
    """Pinned: the header badge adds exactly one query to a member's page."""
    from neighbourhoods import registry

    client.force_login(alice)
    client.get(reverse("accounts:profile"))  # warm caches (site, settings)
    saved = dict(registry._menu_entries)
    try:
        registry._menu_entries.clear()
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as without:
            client.get(reverse("accounts:profile"))
    finally:
        registry._menu_entries.update(saved)
    with django_assert_num_queries(len(without) + 1):
        client.get(reverse("accounts:profile"))


def test_opening_someone_elses_notification_is_404(client, alice, bob, post):
    feed_services.reaction_create(post=post, author=bob, body="Oui")
    notification = Notification.objects.get(recipient=alice)
    client.force_login(bob)
    assert client.get(reverse("notifications:open", args=[notification.pk])).status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


@pytest.mark.parametrize("status", [Status.HIDDEN, Status.REMOVED])
def test_nothing_is_shown_about_a_hidden_post(client, alice, bob, post, status):
    feed_services.reaction_create(post=post, author=bob, body="Oui")
    notification = Notification.objects.get(recipient=alice)
    post.status = status
    post.save(update_fields=["status"])
    assert selectors.unread_count(user=alice) == 0
    assert selectors.notifications_for(user=alice) == []
    client.force_login(alice)
    assert client.get(reverse("notifications:open", args=[notification.pk])).status_code == 404


def test_nothing_is_shown_about_a_hidden_reaction(alice, bob, post):
    reaction = feed_services.reaction_create(post=post, author=bob, body="Oui")
    reaction.status = Status.HIDDEN
    reaction.save(update_fields=["status"])
    assert selectors.notifications_for(user=alice) == []


def test_a_deleted_post_takes_its_notifications_with_it(alice, bob, post):
    feed_services.reaction_create(post=post, author=bob, body="Oui")
    feed_services.post_delete(post=post)
    assert not Notification.objects.exists()


def test_nothing_is_sent_about_a_post_hidden_before_the_worker_ran(alice, bob, post):
    from django_tasks_db.models import DBTaskResult

    with override_settings(EMAIL_TASK_BACKEND="default"):
        feed_services.reaction_create(post=post, author=bob, body="Oui")
    task = DBTaskResult.objects.get(task_path="notifications.tasks.notification_email_task")
    post.status = Status.HIDDEN
    post.save(update_fields=["status"])
    assert notification_email_send(**task.args_kwargs["kwargs"]) is False
    assert mail.outbox == []


def test_the_worker_sends_once_only(alice, bob, post):
    from django_tasks_db.models import DBTaskResult

    with override_settings(EMAIL_TASK_BACKEND="default"):
        feed_services.reaction_create(post=post, author=bob, body="Oui")
    kwargs = DBTaskResult.objects.get(
        task_path="notifications.tasks.notification_email_task"
    ).args_kwargs["kwargs"]
    assert notification_email_send(**kwargs) is True
    assert notification_email_send(**kwargs) is False
    assert len(mail.outbox) == 1


def test_a_resident_who_chose_the_site_only_gets_no_email(alice, bob, post):
    preference_set(user=alice, kind=Kind.REACTIONS, channel=Channel.SITE)
    feed_services.reaction_create(post=post, author=bob, body="Oui")
    assert Notification.objects.filter(recipient=alice).count() == 1
    assert mail.outbox == []


def test_moderation_outcome_tells_the_author(alice, bob, post, django_capture_on_commit_callbacks):
    from tests.factories.neighbourhoods import member

    moderator = member(neighbourhood=post.neighbourhood, moderator=True)
    with django_capture_on_commit_callbacks(execute=True):
        feed_services.moderation_decide(item=post, moderator=moderator, decision="remove")
    notification = Notification.objects.get(recipient=alice)
    assert notification.kind == Kind.MODERATION and notification.event == "moderation_removed"
    # Shown, although the post is removed: it is not linked to the post object.
    assert selectors.notifications_for(user=alice) == [notification]
    assert len(mail.outbox) == 1 and mail.outbox[0].extra_headers["List-Unsubscribe"]


def test_an_initiative_status_change_tells_its_submitter(
    neighbourhoods, django_capture_on_commit_callbacks
):
    from initiatives import services
    from initiatives.models import Initiative
    from tests.factories.initiatives import InitiativeFactory, call_page
    from tests.factories.neighbourhoods import member

    call = call_page(neighbourhoods=list(neighbourhoods), threshold=3)
    submitter = member(neighbourhood=neighbourhoods[0])
    initiative = InitiativeFactory(call=call, neighbourhood=neighbourhoods[0], submitter=submitter)
    with django_capture_on_commit_callbacks(execute=True):
        services.initiative_set_status(initiative=initiative, status=Initiative.Status.IN_REVIEW)
    (notification,) = Notification.objects.filter(recipient=submitter)
    assert notification.kind == Kind.INITIATIVES
    preference_set(user=submitter, kind=Kind.INITIATIVES, channel=Channel.WEEKLY)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.initiative_set_status(
            initiative=initiative, status=Initiative.Status.ACCEPTED, public_answer="Oui"
        )
    assert Notification.objects.filter(recipient=submitter).count() == 2
    assert mail.outbox == []  # weekly: waits for the digest


def test_an_answer_to_my_help_offer_tells_me(alice, bob, django_capture_on_commit_callbacks):
    from neighbour_help import services as care
    from tests.factories.neighbour_help import skills

    offer = care.offer_save(user=alice, skills=list(skills().values())[:1], availability="Le soir")
    with django_capture_on_commit_callbacks(execute=True):
        care.contact_send(offer=offer, sender=bob, body="Bonjour, pouvez-vous m'aider ?")
    notification = Notification.objects.get(recipient=alice)
    assert notification.kind == Kind.HELP and notification.actor_name == "Bob R."


def test_a_city_item_tells_the_members_of_its_neighbourhoods_only(
    neighbourhoods, alice, berthe, django_capture_on_commit_callbacks
):
    from tests.factories.accounts import staff_user, superuser
    from tests.factories.announcements import announcement, event
    from tests.factories.neighbourhoods import member

    staff_member = member(neighbourhood=neighbourhoods[0])
    staff_member.is_staff = True
    staff_member.save()
    staff_user("Communications officers")
    superuser()
    with django_capture_on_commit_callbacks(execute=True):
        page = announcement(neighbourhoods=[neighbourhoods[0]], title="Travaux rue d'Havré")
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()  # published again: told once
    with django_capture_on_commit_callbacks(execute=True):
        event(all_neighbourhoods=True, title="Fête des voisins")
    told = Notification.objects.filter(kind=Kind.CITY)
    assert sorted(told.filter(event="announcement").values_list("recipient", flat=True)) == [
        alice.pk
    ]
    assert sorted(told.filter(event="event").values_list("recipient", flat=True)) == sorted(
        [alice.pk, berthe.pk]
    )
    assert mail.outbox == []  # neighbourhood news: weekly digest by default
