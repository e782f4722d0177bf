"""The neighbourhood digest: only my neighbourhood, only verified members, once per period."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from feed import services as feed_services
from neighbourhoods.services import membership_leave
from neighbourhoods.uploads import process_upload
from notifications import digest
from notifications.models import Channel, DigestDelivery, Kind, Period
from notifications.services import preference_set
from tests.factories.accounts import staff_user, superuser
from tests.factories.feed import PostFactory, image_bytes
from tests.factories.neighbourhoods import NeighbourhoodFactory, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def week():
    """A digest run a week from now: (run time, since, until) of that week's digest."""
    run_at = digest.period_of(period=Period.WEEKLY)[2] + timedelta(days=7, hours=1)
    _day, since, until = digest.period_of(period=Period.WEEKLY, now=run_at)
    return run_at, since, until


def post_in(author, title, when, **kwargs):
    return PostFactory(author=author, title=title, created_at=when, **kwargs)


def digests_by_recipient():
    return {m.to[0]: m for m in mail.outbox}


def test_each_member_gets_their_own_neighbourhood_only_and_staff_never(
    neighbourhoods, alice, bob, berthe, week
):
    run_at, since, _until = week
    a, b = neighbourhoods
    post_in(alice, "Échelle à prêter", since + timedelta(hours=2))
    post_in(berthe, "Vélo trouvé rue d'Havré", since + timedelta(hours=3))
    quiet = NeighbourhoodFactory(code="quiet", name="Calme")
    nobody_posted = member(neighbourhood=quiet)
    staff_resident = member(neighbourhood=a)
    staff_resident.is_staff = True
    staff_resident.save()
    officer = staff_user("Communications officers")
    grouped_resident = member(neighbourhood=a)
    grouped_resident.groups.add(officer.groups.first())
    admin = superuser()

    result = digest.digest_run(period=Period.WEEKLY, now=run_at)

    got = digests_by_recipient()
    assert set(got) == {alice.email, bob.email, berthe.email}
    assert result == {"sent": 3, "skipped": 1}  # the quiet neighbourhood: nothing new
    for email in (alice.email, bob.email):
        assert "Échelle à prêter" in got[email].body and "Vélo" not in got[email].body
        assert "Échelle à prêter" in got[email].alternatives[0][0]
    assert "Vélo trouvé rue d'Havré" in got[berthe.email].body
    assert "Échelle" not in got[berthe.email].body
    for never in (nobody_posted, staff_resident, grouped_resident, officer, admin):
        assert never.email not in got
    message = got[alice.email]
    assert "Cette semaine à" in message.subject
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_a_second_run_sends_nothing_more(neighbourhoods, alice, bob, week):
    run_at, since, _until = week
    post_in(alice, "Échelle à prêter", since + timedelta(hours=2))
    digest.digest_run(period=Period.WEEKLY, now=run_at)
    digest.digest_run(period=Period.WEEKLY, now=run_at + timedelta(hours=3))
    assert sorted(m.to[0] for m in mail.outbox) == sorted([alice.email, bob.email])
    assert DigestDelivery.objects.filter(status="sent").count() == 2


def test_a_resident_who_left_stops_receiving_at_once(neighbourhoods, alice, bob, week):
    run_at, since, _until = week
    post_in(alice, "Échelle à prêter", since + timedelta(hours=2))
    digest.digest_materialise(period=Period.WEEKLY, now=run_at)
    membership_leave(user=bob)  # after the rows were written, before the sending
    day = digest.period_of(period=Period.WEEKLY, now=run_at)[0]
    digest.digest_send_pending(period=Period.WEEKLY, period_start=day)
    assert [m.to[0] for m in mail.outbox] == [alice.email]
    assert DigestDelivery.objects.get(user=bob).status == "skipped"


def test_daily_and_weekly_follow_the_residents_choice(neighbourhoods, alice, bob, berthe):
    preference_set(user=bob, kind=Kind.CITY, channel=Channel.DAILY)
    preference_set(user=berthe, kind=Kind.CITY, channel=Channel.SITE)
    day_run = digest.period_of(period=Period.DAILY)[2] + timedelta(days=1, hours=1)
    _d, since, _u = digest.period_of(period=Period.DAILY, now=day_run)
    post_in(alice, "Échelle à prêter", since + timedelta(hours=1))
    post_in(berthe, "Vélo trouvé", since + timedelta(hours=1))
    digest.digest_run(period=Period.DAILY, now=day_run)
    assert [m.to[0] for m in mail.outbox] == [bob.email]
    assert "Aujourd'hui à" in mail.outbox[0].subject


def test_hidden_posts_are_left_out_and_personal_news_goes_in(neighbourhoods, alice, bob, week):
    run_at, since, _until = week
    hidden = post_in(bob, "Message masqué", since + timedelta(hours=1))
    hidden.status = "hidden"
    hidden.save()
    shown = post_in(alice, "Échelle à prêter", since + timedelta(hours=2))
    preference_set(user=alice, kind=Kind.REACTIONS, channel=Channel.WEEKLY)
    reaction = feed_services.reaction_create(post=shown, author=bob, body="Oui")
    from notifications.models import Notification

    Notification.objects.filter(reaction=reaction).update(created_at=since + timedelta(hours=3))
    digest.digest_run(period=Period.WEEKLY, now=run_at)
    got = digests_by_recipient()
    assert "Message masqué" not in got[alice.email].body
    assert "Bob R. a réagi à votre message « Échelle à prêter »" in got[alice.email].body
    assert "Bob R. a réagi" not in got[bob.email].body


def test_photos_only_through_a_signed_member_only_link(
    client, neighbourhoods, alice, bob, berthe, week, settings, tmp_path
):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    run_at, since, _until = week
    upload = SimpleUploadedFile("p.jpg", image_bytes("JPEG"), content_type="image/jpeg")
    post = feed_services.post_create(
        author=alice,
        category="lending",
        title="Échelle à prêter",
        body="Une grande échelle.",
        image=process_upload(upload),
    )
    from feed.models import Post

    Post.objects.filter(pk=post.pk).update(created_at=since + timedelta(hours=1))
    digest.digest_run(period=Period.WEEKLY, now=run_at)
    html = digests_by_recipient()[bob.email].alternatives[0][0]
    link = html.split('<img src="', 1)[1].split('"', 1)[0]
    path = link[link.index("/notifications/") :]
    assert f"/messages/{post.pk}/" not in link  # no guessable post id
    assert client.get(path).status_code == 302  # to the login page
    client.force_login(berthe)
    assert client.get(path).status_code == 404  # another neighbourhood
    client.force_login(bob)
    assert client.get(path).status_code == 200
    forged = reverse("notifications:digest_photo", args=["x" + path.rsplit("/", 2)[-2]])
    assert client.get(forged).status_code == 404


def test_the_next_run_is_at_the_digest_hour(settings):
    settings.DIGEST_HOUR = 7
    now = timezone.now()
    for period in Period.values:
        due = timezone.localtime(digest.next_run(period=period, now=now))
        assert due > now and due.hour == 7
    assert timezone.localtime(digest.next_run(period=Period.WEEKLY, now=now)).weekday() == 0
