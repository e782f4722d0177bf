"""The neighbourhood digest: daily and weekly e-mails with what is new in *my* neighbourhood.

A run has two steps. `digest_materialise` writes one DigestDelivery row per resident who gets
that period's digest (unique per resident and period: a second run adds nobody). Then
`digest_send_pending` takes the rows one at a time with SELECT … FOR UPDATE SKIP LOCKED and
keeps the row locked while its e-mail is handed to the mail backend; the row is marked sent in
the same transaction. Several workers share the rows; a worker killed before its commit
leaves its row pending, and the next worker sends it.

Membership is checked again when the row is taken: a resident who left the neighbourhood (or
became staff) after the rows were written gets nothing. The neighbourhood part of a digest is
rendered once per neighbourhood and language, not once per resident.
"""

import logging
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import Truncator

from emails.services import email_message, email_render, unsubscribe_headers
from feed.models import Post, Status
from neighbourhoods.models import Membership, Neighbourhood
from neighbourhoods.registry import city_items_for
from portal.links import absolute_url
from portal.text import one_line as plain_text

from .models import (
    DEFAULT_CHANNELS,
    DigestDelivery,
    Kind,
    Notification,
    NotificationPreference,
    Period,
    visible_q,
)
from .services import in_language
from .tokens import make_token

log = logging.getLogger(__name__)
PHOTO_SALT = "notifications.digest-photo"
PHOTO_MAX_AGE = 60 * 60 * 24 * 30
LENGTH = {Period.DAILY: timedelta(days=1), Period.WEEKLY: timedelta(days=7)}


def digest_hour() -> int:
    return settings.DIGEST_HOUR


def _period_day(period: str, now):
    day = timezone.localtime(now).date()
    if period == Period.WEEKLY:
        day -= timedelta(days=day.weekday())
    return day


def period_of(*, period: str, now=None) -> tuple:
    """(period_start, since, until) of a run at `now`: the key is the day (or the week's
    Monday); the digest covers the period's length up to the run."""
    now = now or timezone.now()
    return _period_day(period, now), now - LENGTH[Period(period)], now


def next_run(*, period: str, now=None) -> datetime:
    """When the next digest of `period` is due (for run_after): DIGEST_HOUR, Mondays for weekly."""
    now = now or timezone.now()
    due = timezone.make_aware(datetime.combine(_period_day(period, now), time(digest_hour())))
    while due <= now:
        due += LENGTH[Period(period)]
    return due


# ---------------------------------------------------------------- who gets it


def _residents():
    """Verified members, never staff (superusers and anyone in a staff group included)."""
    return Membership.objects.filter(
        ended_at__isnull=True,
        user__is_active=True,
        user__is_staff=False,
        user__is_superuser=False,
        user__groups__isnull=True,
    )


def digest_recipients(*, period: str):
    """User ids whose "neighbourhood news" choice is this period (or the default is)."""
    chosen = NotificationPreference.objects.filter(kind=Kind.CITY)
    members = _residents()
    if DEFAULT_CHANNELS[Kind.CITY] == period:
        members = members.exclude(user__in=chosen.exclude(channel=period).values("user_id"))
    else:
        members = members.filter(user__in=chosen.filter(channel=period).values("user_id"))
    return members.values_list("user_id", flat=True).distinct()


def digest_materialise(*, period: str, now=None) -> int:
    day, since, until = period_of(period=period, now=now)
    created, rows = 0, []
    for user_id in digest_recipients(period=period).iterator(chunk_size=5000):
        rows.append(
            DigestDelivery(
                user_id=user_id, period=period, period_start=day, since=since, until=until
            )
        )
        if len(rows) >= 5000:
            created += len(DigestDelivery.objects.bulk_create(rows, ignore_conflicts=True))
            rows = []
    created += len(DigestDelivery.objects.bulk_create(rows, ignore_conflicts=True))
    return created


# ---------------------------------------------------------------- what is in it


def photo_url(post_id: int) -> str:
    """A signed link to a post's thumbnail; the view still requires a member of that
    neighbourhood to be logged in (the signature only stops guessing of post ids)."""
    token = signing.dumps({"p": post_id}, salt=PHOTO_SALT)
    with translation.override(settings.LANGUAGE_CODE):
        return absolute_url(reverse("notifications:digest_photo", args=[token]))


def photo_post_id(token: str) -> int | None:
    try:
        return int(signing.loads(token, salt=PHOTO_SALT, max_age=PHOTO_MAX_AGE)["p"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None


@dataclass(frozen=True)
class PostLine:
    title: str
    excerpt: str
    category: str
    url: str
    photo_url: str
    reactions: int


@dataclass(frozen=True)
class NeighbourhoodPart:
    html: str
    text: str
    has_news: bool


def _post_line(post: Post, language: str) -> PostLine:
    path = in_language(_neutral("feed:post", post.pk), language)
    return PostLine(
        title=post.title,
        excerpt=Truncator(plain_text(post.body)).chars(160),
        category=post.get_category_display(),
        url=absolute_url(path),
        photo_url=photo_url(post.pk) if post.image else "",
        reactions=post.reaction_count,
    )


def _neutral(name, *args):
    with translation.override(settings.LANGUAGE_CODE):
        return reverse(name, args=args)


class NeighbourhoodParts:
    """The neighbourhood's part of a digest, rendered once per neighbourhood and language."""

    def __init__(self, *, since, until):
        self.since, self.until = since, until
        self._cache: dict[tuple[int, str], NeighbourhoodPart] = {}
        self._posts: dict[int, tuple[list, list]] = {}

    def _posts_of(self, neighbourhood_id: int):
        if neighbourhood_id not in self._posts:
            visible = Post.objects.filter(neighbourhood_id=neighbourhood_id, status=Status.VISIBLE)
            new = list(
                visible.filter(created_at__gte=self.since, created_at__lt=self.until).order_by(
                    "-created_at", "-id"
                )[:10]
            )
            popular = list(
                visible.filter(
                    created_at__gte=self.since - LENGTH[Period.WEEKLY],
                    created_at__lt=self.until,
                    reaction_count__gt=0,
                ).order_by("-reaction_count", "-created_at")[:3]
            )
            self._posts[neighbourhood_id] = (new, popular)
        return self._posts[neighbourhood_id]

    def get(self, *, neighbourhood: Neighbourhood, language: str) -> NeighbourhoodPart:
        key = (neighbourhood.pk, language)
        if key not in self._cache:
            new, popular = self._posts_of(neighbourhood.pk)
            with translation.override(language):
                items = city_items_for(neighbourhood=neighbourhood, limit=20)
                city = [
                    i
                    for i in items
                    if i.kind != "event"
                    and i.published_at
                    and self.since <= i.published_at < self.until
                ]
                events = [i for i in items if i.kind == "event"][:5]
                context = {
                    "neighbourhood": neighbourhood,
                    "new_posts": [_post_line(p, language) for p in new],
                    "popular": [_post_line(p, language) for p in popular],
                    "city_items": [(i, absolute_url(i.url or "/")) for i in city],
                    "events": [(i, absolute_url(i.url or "/")) for i in events],
                    "feed_url": absolute_url(
                        in_language(_neutral("feed:neighbourhood", neighbourhood.code), language)
                    ),
                }
                html = render_to_string("notifications/emails/digest_part.html", context)
                from emails.services import render_text

                text = render_text("notifications/emails/digest_part.txt", context)
            self._cache[key] = NeighbourhoodPart(html=html, text=text, has_news=bool(new or city))
        return self._cache[key]


# ---------------------------------------------------------------- sending


def _unsubscribe_url(user, preferences: dict) -> str:
    updated = preferences.get(Kind.CITY, (None, None))[1]
    token = make_token(
        user_id=user.pk, kind=Kind.CITY, version=updated.isoformat() if updated else ""
    )
    return absolute_url(in_language(_neutral("notifications:unsubscribe", token), user.language))


def _deliver(row: DigestDelivery, parts: NeighbourhoodParts, connection=None) -> bool:
    """Send one resident's digest now if they are still a member and something is new."""
    user = row.user
    membership = (
        _residents().filter(user_id=user.pk).select_related("neighbourhood").first()
        if user.email
        else None
    )
    if membership is None:
        return False  # left the neighbourhood, or became staff, since the rows were written
    preferences = {
        kind: (channel, updated)
        for kind, channel, updated in NotificationPreference.objects.filter(user=user).values_list(
            "kind", "channel", "updated_at"
        )
    }
    if preferences.get(Kind.CITY, (DEFAULT_CHANNELS[Kind.CITY],))[0] != row.period:
        return False  # changed their choice since
    kinds = [
        kind
        for kind in Kind.values
        if preferences.get(kind, (DEFAULT_CHANNELS[Kind(kind)],))[0] == row.period
        and kind != Kind.CITY
    ]
    personal = (
        list(
            Notification.objects.filter(
                recipient=user,
                kind__in=kinds,
                read_at__isnull=True,
                created_at__gte=row.since,
                created_at__lt=row.until,
            )
            .filter(visible_q())
            .order_by("-created_at")[:20]
        )
        if kinds
        else []
    )
    language = user.language or settings.LANGUAGE_CODE
    part = parts.get(neighbourhood=membership.neighbourhood, language=language)
    if not part.has_news and not personal:
        return False  # nothing new: nothing sent
    unsubscribe = _unsubscribe_url(user, preferences)
    rendered = email_render(
        template="notifications/emails/digest",
        language=language,
        context={
            "recipient": user,
            "period": row.period,
            "neighbourhood": membership.neighbourhood,
            "part_html": part.html,
            "part_text": part.text,
            "personal": personal,
            "list_url": absolute_url(in_language(_neutral("notifications:list"), language)),
            "unsubscribe_url": unsubscribe,
        },
    )
    email_message(
        to=user.email,
        rendered=rendered,
        headers=unsubscribe_headers(unsubscribe),
        connection=connection,
    ).send()
    return True


def digest_send_pending(*, period: str, period_start, max_rows: int | None = None) -> dict:
    first = (
        DigestDelivery.objects.filter(period=period, period_start=period_start)
        .values("since", "until")
        .first()
    )
    if first is None:
        return {"sent": 0, "skipped": 0}
    parts = NeighbourhoodParts(since=first["since"], until=first["until"])
    sent = skipped = 0
    from django.core.mail import get_connection

    connection = get_connection()
    connection.open()
    try:
        while max_rows is None or sent + skipped < max_rows:
            with transaction.atomic():
                row = (
                    DigestDelivery.objects.select_for_update(skip_locked=True, of=("self",))
                    .select_related("user")
                    .filter(
                        period=period,
                        period_start=period_start,
                        status=DigestDelivery.Status.PENDING,
                    )
                    .order_by("id")
                    .first()
                )
                if row is None:
                    break
                try:
                    delivered = _deliver(row, parts, connection)
                except Exception:  # one bad address must not stop the others
                    log.exception("digest %s failed", row.pk)
                    delivered = False
                DigestDelivery.objects.filter(pk=row.pk).update(
                    status=DigestDelivery.Status.SENT
                    if delivered
                    else DigestDelivery.Status.SKIPPED,
                    sent_at=timezone.now() if delivered else None,
                )
            if delivered:
                sent += 1
            else:
                skipped += 1
    finally:
        connection.close()
    return {"sent": sent, "skipped": skipped}


def digest_run(*, period: str, now=None) -> dict:
    """Write the period's rows (idempotent), then send what is still pending."""
    day, _since, _until = period_of(period=period, now=now)
    digest_materialise(period=period, now=now)
    return digest_send_pending(period=period, period_start=day)


def digest_schedule(*, period: str, now=None) -> None:
    """Queue the next run of `period` at the digest hour (each run queues the next one)."""
    from .tasks import digest_task

    digest_task.using(run_after=next_run(period=period, now=now)).enqueue(period=period)


def digest_run_in_worker(*, period: str, now=None) -> dict:
    """The worker's run: rows first, then a follow-up task queued before any e-mail leaves —
    if this worker is killed mid-run, the follow-up (taken by the restarted worker) sends the
    rows still pending; after a normal run it finds none."""
    from .tasks import digest_resume_task

    day, _since, _until = period_of(period=period, now=now)
    digest_materialise(period=period, now=now)
    digest_resume_task.enqueue(period=period, period_start=day.isoformat())
    return digest_send_pending(period=period, period_start=day)
