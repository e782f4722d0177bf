"""Choices per kind on "My account", one-click unsubscribe without login, the city opt-in."""

import importlib
import re

import pytest
from django.core import mail
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from feed import services as feed_services
from notifications.models import Channel, Kind, NotificationPreference
from notifications.selectors import channel_of, channels_of
from notifications.services import preference_set

pytestmark = pytest.mark.django_db


def test_defaults_replies_at_once_neighbourhood_news_weekly(alice):
    channels = channels_of(user=alice)
    assert channels[Kind.REACTIONS] == channels[Kind.REPLIES] == Channel.IMMEDIATE
    assert channels[Kind.CITY] == Channel.WEEKLY


def test_my_account_links_to_the_choices_and_they_save(client, alice):
    client.force_login(alice)
    profile = client.get(reverse("accounts:profile")).content.decode()
    assert reverse("notifications:preferences") in profile
    page = client.get(reverse("notifications:preferences")).content.decode()
    assert re.search(
        r'value="weekly"[^>]*id="id_city_2"[^>]*checked|value="weekly"[^>]*checked', page
    )
    data = dict.fromkeys(Kind.values, Channel.IMMEDIATE) | {
        Kind.CITY: Channel.DAILY,
        Kind.REACTIONS: Channel.SITE,
    }
    assert client.post(reverse("notifications:preferences"), data).status_code == 302
    assert channel_of(user=alice, kind=Kind.CITY) == Channel.DAILY
    assert channel_of(user=alice, kind=Kind.REACTIONS) == Channel.SITE
    # Only what differs from before is stored.
    assert NotificationPreference.objects.filter(user=alice).count() == 2


def test_a_wrong_choice_is_refused_at_its_field_and_nothing_is_saved(client, alice):
    client.force_login(alice)
    data = dict.fromkeys(Kind.values, Channel.DAILY) | {Kind.CITY: "hourly"}
    response = client.post(reverse("notifications:preferences"), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'class="error-summary"' in html and 'id="id_city_error"' in html
    assert not NotificationPreference.objects.filter(user=alice).exists()


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.dictionaries(st.sampled_from(Kind.values + ["x", "csrf"]), st.text(max_size=20)))
def test_fuzzed_choices_never_fail_and_never_half_save(client, alice, data):
    client.force_login(alice)
    NotificationPreference.objects.filter(user=alice).delete()
    response = client.post(reverse("notifications:preferences"), data)
    assert response.status_code in (302, 400)
    if response.status_code == 400:
        assert not NotificationPreference.objects.filter(user=alice).exists()


def _unsubscribe_link(message) -> str:
    header = message.extra_headers["List-Unsubscribe"]
    assert header.startswith("<http") and header.endswith(">")
    url = header[1:-1]
    assert url in message.body  # also a visible link in the text part
    return url[url.index("/notifications/") :]


def test_one_click_unsubscribe_without_login(client, alice, bob, post):
    feed_services.reaction_create(post=post, author=bob, body="Oui")
    link = _unsubscribe_link(mail.outbox[0])
    page = client.get(link)  # a link scanner's GET changes nothing
    assert page.status_code == 200 and channel_of(user=alice, kind=Kind.REACTIONS) == "immediate"
    assert "Réactions et remerciements sur mes messages" in page.content.decode()
    # RFC 8058: the mail client POSTs "List-Unsubscribe=One-Click", no session, no CSRF token.
    client.handler.enforce_csrf_checks = True
    done = client.post(link, {"List-Unsubscribe": "One-Click"})
    assert done.status_code == 200 and "C'est fait" in done.content.decode()
    assert channel_of(user=alice, kind=Kind.REACTIONS) == Channel.SITE
    # Replayed: answered clearly, nothing changes.
    again = client.post(link, {"List-Unsubscribe": "One-Click"})
    assert again.status_code == 200
    assert "Vous ne recevez plus d'e-mails pour" in again.content.decode()
    # And no more e-mails of that kind.
    mail.outbox.clear()
    feed_services.reaction_create(post=post, author=bob, body="Encore")
    assert mail.outbox == []


def test_forged_and_outdated_links_are_refused_clearly(client, alice, bob, post):
    feed_services.reaction_create(post=post, author=bob, body="Oui")
    link = _unsubscribe_link(mail.outbox[0])
    forged = link.replace("/desinscription/", "/desinscription/x")
    response = client.post(forged)
    assert response.status_code == 400 and "n'est pas valide" in response.content.decode()
    # Another resident's id in a token not signed by us.
    from django.core import signing

    fake = signing.dumps({"u": bob.pk, "k": "reactions", "v": ""}, salt="wrong")
    response = client.post(reverse("notifications:unsubscribe", args=[fake]))
    assert response.status_code == 400
    assert channel_of(user=bob, kind=Kind.REACTIONS) == Channel.IMMEDIATE
    # Alice changed her mind since the e-mail: the old link no longer acts.
    preference_set(user=alice, kind=Kind.REACTIONS, channel=Channel.DAILY)
    preference_set(user=alice, kind=Kind.REACTIONS, channel=Channel.IMMEDIATE)
    response = client.post(link)
    assert response.status_code == 400 and "n'est plus à jour" in response.content.decode()
    assert channel_of(user=alice, kind=Kind.REACTIONS) == Channel.IMMEDIATE


def test_the_city_opt_in_is_migrated_to_the_city_kind(neighbourhoods):
    from django.apps import apps

    from announcements.models import CityMessagePreference
    from tests.factories.neighbourhoods import member

    yes, no, never = (member(neighbourhood=neighbourhoods[0]) for _ in range(3))
    CityMessagePreference.objects.create(user=yes, opted_in=True)
    CityMessagePreference.objects.create(user=no, opted_in=False)
    migration = importlib.import_module("notifications.migrations.0002_city_message_choices")
    migration.forwards(apps, None)
    assert channel_of(user=yes, kind=Kind.CITY) == Channel.IMMEDIATE
    assert channel_of(user=no, kind=Kind.CITY) == Channel.SITE
    assert channel_of(user=never, kind=Kind.CITY) == Channel.WEEKLY


def test_city_emails_follow_the_city_kind_and_carry_its_unsubscribe(neighbourhoods):
    from announcements import services
    from tests.factories.announcements import announcement
    from tests.factories.neighbourhoods import member

    now, _weekly = member(neighbourhood=neighbourhoods[0]), member(neighbourhood=neighbourhoods[0])
    preference_set(user=now, kind=Kind.CITY, channel=Channel.IMMEDIATE)
    page = announcement(neighbourhoods=[neighbourhoods[0]], email_members=True, title="Coupure")
    mail.outbox.clear()
    assert services.announcement_email_members(announcement_id=page.pk) == 1
    (message,) = mail.outbox
    assert message.to == [now.email]
    assert "/notifications/desinscription/" in message.extra_headers["List-Unsubscribe"]
