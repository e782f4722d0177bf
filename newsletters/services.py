"""Every write of the newsletters app: subscriptions, scheduling and the sending itself.

Sending is at-most-once per recipient. A worker claims a small batch of deliveries with
SELECT … FOR UPDATE SKIP LOCKED and marks them `sending` in that same transaction (committed
before any message leaves). It then hands the batch to the mail backend and marks the rows
`sent`. A worker killed in between leaves at most one batch in `sending`: a resumed worker never
takes those again, and the report counts them as "unknown" (some of those people got the issue,
some did not). The batch size bounds that window (NEWSLETTER_BATCH_SIZE, default 50); retrying
them instead would be at-least-once, i.e. some people would get two copies.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import get_connection
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import timezone, translation

from emails.services import (
    RenderedEmail,
    email_message,
    email_send,
    unsubscribe_headers,
)
from portal.links import absolute_url

from . import mime
from .consent import CONSENT_TEXT, PRIVACY_VERSION
from .models import ConsentRecord, Delivery, NewsletterSend, Subscriber, new_nonce
from .rendering import (
    PREFERENCES_MARK,
    UNSUBSCRIBE_MARK,
    RenderedIssue,
    render_issue,
)
from .selectors import audience_count, audience_of_send
from .tokens import confirm_token, manage_token, manage_token_for

log = logging.getLogger(__name__)


def batch_size() -> int:
    """Rows claimed at a time: also the most recipients a killed worker can leave "unknown"."""
    return settings.NEWSLETTER_BATCH_SIZE


# ------------------------------------------------------------------ links and plain e-mails


def _link(name: str, token: str, language: str) -> str:
    with translation.override(language):
        return absolute_url(reverse(f"newsletters:{name}", kwargs={"token": token}))


def _link_template(name: str, language: str) -> tuple[str, str]:
    """(prefix, suffix) around the token: reverse() once per language, not per recipient."""
    url = _link(name, "TOKEN", language)
    prefix, suffix = url.split("TOKEN")
    return prefix, suffix


def _mail(*, to: str, language: str, template: str, context: dict) -> None:
    email_send(to=to, language=language, template=f"newsletters/emails/{template}", context=context)


def _consent(subscriber, kind, *, method="form", language=None):
    language = language or subscriber.language
    with translation.override(language):
        statement = str(CONSENT_TEXT)
    ConsentRecord.objects.create(
        subscriber=subscriber,
        kind=kind,
        privacy_version=PRIVACY_VERSION,
        statement=statement,
        language=language,
        method=method,
    )


# ------------------------------------------------------------------ subscription


def subscriber_subscribe(*, email: str, language: str, neighbourhoods=(), ui_language=None):
    """Start (or restart) a double opt-in. The caller shows the same page whatever happened."""
    email = email.strip().lower()
    ui_language = ui_language or language
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().filter(email__iexact=email).first()
        if subscriber is None:
            try:
                with transaction.atomic():
                    subscriber = Subscriber.objects.create(email=email, language=language)
            except IntegrityError:  # the same address submitted twice at once
                subscriber = Subscriber.objects.select_for_update().get(email__iexact=email)
        if subscriber.is_active:
            already = True
        else:
            already = False
            if subscriber.unsubscribed_at is not None:  # coming back: a fresh opt-in
                subscriber.unsubscribed_at = None
                subscriber.confirmed_at = None
                subscriber.token_nonce = new_nonce()
            subscriber.language = language
            subscriber.save()
            subscriber.neighbourhoods.set(neighbourhoods)
            _consent(subscriber, ConsentRecord.Kind.REQUESTED, language=ui_language)
    # Sent after the commit above: the link in it must find the row.
    if already:
        _mail(
            to=subscriber.email,
            language=subscriber.language,
            template="already",
            context={
                "preferences_url": _link(
                    "preferences", manage_token(subscriber), subscriber.language
                )
            },
        )
    else:
        _mail(
            to=subscriber.email,
            language=ui_language,
            template="confirm",
            context={"confirm_url": _link("confirm", confirm_token(subscriber), ui_language)},
        )
    return subscriber


def subscriber_confirm(*, subscriber: Subscriber) -> Subscriber:
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
        if subscriber.is_active:
            return subscriber
        subscriber.confirmed_at = timezone.now()
        subscriber.unsubscribed_at = None
        subscriber.save(update_fields=["confirmed_at", "unsubscribed_at"])
        _consent(subscriber, ConsentRecord.Kind.CONFIRMED, method="link")
    return subscriber


def subscriber_preferences_update(*, subscriber: Subscriber, language: str, neighbourhoods):
    with transaction.atomic():
        subscriber.language = language
        subscriber.save(update_fields=["language"])
        subscriber.neighbourhoods.set(neighbourhoods)
        _consent(subscriber, ConsentRecord.Kind.PREFERENCES)
    return subscriber


def subscriber_unsubscribe(*, subscriber: Subscriber, method: str = "page") -> Subscriber:
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
        if subscriber.unsubscribed_at is not None:
            return subscriber
        subscriber.unsubscribed_at = timezone.now()
        subscriber.save(update_fields=["unsubscribed_at"])
        _consent(subscriber, ConsentRecord.Kind.UNSUBSCRIBED, method=method)
    return subscriber


# ------------------------------------------------------------------ editors: test and schedule


def newsletter_send_test(*, page, user) -> None:
    """The latest draft, as an e-mail, to the editor themself (links are inert).

    An issue not yet sent has no public web version, so the test carries no link to it."""
    draft = page.get_latest_revision_as_object()
    language = draft.locale.language_code
    web_url = None if page.is_sent and page.live else ""
    rendered = render_issue(page=draft, language=language, exact=True, web_url=web_url)
    message = _issue_message(
        rendered,
        to=user.email,
        unsubscribe_url=absolute_url("/"),
        preferences_url=absolute_url("/"),
        subject_prefix="[TEST] ",
    )
    message.send()


def newsletter_send_schedule(
    *, page, scheduled_for, audience, neighbourhoods=(), language="", user=None
) -> NewsletterSend:
    if scheduled_for < timezone.now() - timedelta(minutes=1):
        raise ValidationError("The send time is in the past.", code="past")
    if audience_count(audience=audience, neighbourhoods=neighbourhoods, language=language) == 0:
        raise ValidationError("No subscriber matches this audience.", code="empty_audience")
    with transaction.atomic():
        send = NewsletterSend.objects.create(
            page=page,
            scheduled_for=scheduled_for,
            audience=audience,
            language=language if audience == NewsletterSend.Audience.LANGUAGE else "",
            created_by=user,
        )
        if audience == NewsletterSend.Audience.NEIGHBOURHOODS:
            send.neighbourhoods.set(neighbourhoods)
        transaction.on_commit(lambda: _enqueue(send, run_after=scheduled_for))
    return send


def _enqueue(send: NewsletterSend, *, run_after=None) -> None:
    from .tasks import newsletter_send_task

    task = newsletter_send_task.using(run_after=run_after) if run_after else newsletter_send_task
    result = task.enqueue(send_id=send.pk)
    NewsletterSend.objects.filter(pk=send.pk, task_id="").update(task_id=str(result.id))


def newsletter_send_cancel(*, send: NewsletterSend) -> bool:
    return bool(
        NewsletterSend.objects.filter(pk=send.pk, status=NewsletterSend.Status.SCHEDULED).update(
            status=NewsletterSend.Status.CANCELLED
        )
    )


# ------------------------------------------------------------------ the sending


def _issue_message(
    rendered: RenderedIssue,
    *,
    to,
    unsubscribe_url,
    preferences_url,
    subject_prefix="",
    connection=None,
):
    message = email_message(
        to=to,
        rendered=RenderedEmail(
            subject=subject_prefix + rendered.subject,
            text=rendered.text_for(
                unsubscribe_url=unsubscribe_url, preferences_url=preferences_url
            ),
            html=rendered.html_for(
                unsubscribe_url=unsubscribe_url, preferences_url=preferences_url
            ),
        ),
        # RFC 8058: one click in the mail client POSTs "List-Unsubscribe=One-Click" here.
        headers=unsubscribe_headers(unsubscribe_url),
        connection=connection,
    )
    return message


def _publish_at_send_time(page) -> None:
    """The issue goes out as its latest revision; its web version appears now, not before."""
    page = page.specific
    if page.live and not page.has_unpublished_changes:
        return
    revision = page.latest_revision or page.save_revision()
    revision.publish(log_action=True)


def _materialise(send: NewsletterSend, now) -> None:
    """One delivery row per recipient; the unique key makes a second run harmless."""
    with transaction.atomic():
        send = NewsletterSend.objects.select_for_update().get(pk=send.pk)
        if send.materialised_at is not None:
            return
        _publish_at_send_time(send.page)
        rows = []
        recipients = audience_of_send(send=send).order_by("pk").values_list("pk", "language")
        for subscriber_id, language in recipients.iterator(chunk_size=5000):
            rows.append(Delivery(send_id=send.pk, subscriber_id=subscriber_id, language=language))
            if len(rows) >= 5000:
                Delivery.objects.bulk_create(rows, ignore_conflicts=True)
                rows = []
        Delivery.objects.bulk_create(rows, ignore_conflicts=True)
        NewsletterSend.objects.filter(pk=send.pk).update(
            materialised_at=now, started_at=now, status=NewsletterSend.Status.SENDING
        )


_CLAIM_SQL = """
    UPDATE {delivery} AS d
       SET status = CASE WHEN s.confirmed_at IS NOT NULL AND s.unsubscribed_at IS NULL
                         THEN %(sending)s ELSE %(skipped)s END,
           claimed_at = %(now)s
      FROM {subscriber} AS s
     WHERE s.id = d.subscriber_id
       AND d.id IN (SELECT id FROM {delivery}
                     WHERE send_id = %(send)s AND status = %(pending)s
                     ORDER BY id LIMIT %(size)s
                     FOR UPDATE SKIP LOCKED)
 RETURNING d.id, d.language, d.subscriber_id, s.email, s.token_nonce, d.status
"""


def _claim(send_id: int, size: int, now) -> list[tuple]:
    """Claim up to `size` pending rows, re-check consent, mark them `sending` — one transaction."""
    if connection.vendor == "postgresql":
        # The same claim as below in one statement (one round trip instead of four).
        sql = _CLAIM_SQL.format(
            delivery=Delivery._meta.db_table, subscriber=Subscriber._meta.db_table
        )
        # Autocommit: the statement is its own transaction, committed (durably) on return.
        with connection.cursor() as cursor:
            cursor.execute(
                sql,
                {
                    "sending": Delivery.Status.SENDING,
                    "skipped": Delivery.Status.SKIPPED,
                    "pending": Delivery.Status.PENDING,
                    "now": now,
                    "send": send_id,
                    "size": size,
                },
            )
            rows = cursor.fetchall()
        if not rows:
            return []
        active = sorted(r[:5] for r in rows if r[5] == Delivery.Status.SENDING)
        return active or [None]
    with transaction.atomic():
        rows = list(
            Delivery.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(send_id=send_id, status=Delivery.Status.PENDING)
            .order_by("id")
            .values_list(
                "id",
                "language",
                "subscriber_id",
                "subscriber__email",
                "subscriber__token_nonce",
                "subscriber__confirmed_at",
                "subscriber__unsubscribed_at",
            )[:size]
        )
        if not rows:
            return []
        active = [r for r in rows if r[5] is not None and r[6] is None]
        gone = [r[0] for r in rows if r[5] is None or r[6] is not None]
        if gone:
            Delivery.objects.filter(pk__in=gone).update(
                status=Delivery.Status.SKIPPED, claimed_at=now
            )
        if active:
            Delivery.objects.filter(pk__in=[r[0] for r in active]).update(
                status=Delivery.Status.SENDING, claimed_at=now
            )
    return active or [None]  # [None]: a batch of only skipped rows, keep going


def _mark(sent_ids, failed, now) -> None:
    with transaction.atomic():
        if connection.vendor == "postgresql":
            # Losing this mark in a database crash leaves the rows "sending" (= unknown), never
            # resent; so it needn't wait for the disk. The `sending` mark above does wait.
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SET LOCAL synchronous_commit TO OFF; UPDATE {Delivery._meta.db_table} "  # noqa: S608
                    "SET status = %s, sent_at = %s WHERE id = ANY(%s)",
                    [Delivery.Status.SENT, now, list(sent_ids)],
                )
        elif sent_ids:
            Delivery.objects.filter(pk__in=sent_ids).update(
                status=Delivery.Status.SENT, sent_at=now
            )
        for pk, error in failed:
            Delivery.objects.filter(pk=pk).update(status=Delivery.Status.FAILED, error=error[:300])


class _Renderer:
    """Renders the issue once per language and builds per-recipient messages cheaply."""

    def __init__(self, send: NewsletterSend):
        self.page = send.page.specific
        self.cache: dict[str, tuple] = {}

    def for_language(self, language: str):
        if language not in self.cache:
            rendered = render_issue(page=self.page, language=language)
            unsub = _link_template("unsubscribe", language)
            prefs = _link_template("preferences", language)
            template = mime.Template(
                _issue_message(
                    rendered,
                    to=mime.ADDRESS_MARK,
                    unsubscribe_url=unsub[0] + mime.TOKEN_MARK + unsub[1],
                    preferences_url=prefs[0] + mime.TOKEN_MARK + prefs[1],
                ),
                # Both links carry the token, in the text and HTML parts; plus the header.
                token_occurrences=1
                + sum(
                    part.count(mark)
                    for part in (rendered.text, rendered.html)
                    for mark in (UNSUBSCRIBE_MARK, PREFERENCES_MARK)
                ),
            )
            self.cache[language] = (rendered, unsub, prefs, template)
        return self.cache[language]

    def message(self, *, language, subscriber_id, email, nonce, connection):
        rendered, unsub, prefs, template = self.for_language(language)
        token = manage_token_for(subscriber_id, nonce)
        unsubscribe_url = unsub[0] + token + unsub[1]
        preferences_url = prefs[0] + token + prefs[1]
        raw = template.fill(address=email, token=token)
        if raw is None:  # the slow, general path
            return _issue_message(
                rendered,
                to=email,
                connection=connection,
                unsubscribe_url=unsubscribe_url,
                preferences_url=preferences_url,
            )
        message = mime.PreparedEmail(
            rendered.subject,
            rendered.text_for(unsubscribe_url=unsubscribe_url, preferences_url=preferences_url),
            to=[email],
            connection=connection,
            raw=raw,
            headers=unsubscribe_headers(unsubscribe_url),
        )
        message.attach_alternative(
            rendered.html_for(unsubscribe_url=unsubscribe_url, preferences_url=preferences_url),
            "text/html",
        )
        return message


def newsletter_send_process(*, send_id: int, now=None, max_batches: int | None = None) -> dict:
    """Deliver a scheduled send. Safe to run several times, concurrently, or after a crash."""
    now = now or timezone.now()
    send = NewsletterSend.objects.select_related("page").filter(pk=send_id).first()
    if send is None or send.status in (NewsletterSend.Status.CANCELLED, NewsletterSend.Status.DONE):
        return {"state": "nothing to do"}
    if send.scheduled_for > now + timedelta(seconds=5):
        return {"state": "not yet"}  # rescheduled: the task queued for the new time will run
    if send.materialised_at is None:
        _materialise(send, now)
        send = NewsletterSend.objects.select_related("page").get(pk=send.pk)
    if not Delivery.objects.filter(send=send, status=Delivery.Status.PENDING).exists():
        _finish(send)
        return {"state": "done", "sent": 0}
    # Render before claiming anything: a template error fails the task with every row still
    # pending (retry after the fix), instead of marking every recipient failed.
    renderer = _Renderer(send)
    languages = (
        Delivery.objects.filter(send=send, status=Delivery.Status.PENDING)
        .values_list("language", flat=True)
        .distinct()
        .order_by()
    )
    for language in languages:
        renderer.for_language(language)
    # Queue a follow-up before working: if this worker dies, the next worker resumes the send.
    # (It finds nothing pending when this run finishes normally, and just closes the send.)
    _enqueue(send)
    size = batch_size()
    sent = failed = batches = 0
    mail = get_connection()
    mail.open()
    try:
        while max_batches is None or batches < max_batches:
            claimed = _claim(send.pk, size, timezone.now())
            if not claimed:
                break
            batches += 1
            sent_ids, failures = [], []
            for row in claimed:
                if row is None:
                    continue
                pk, language, subscriber_id, email, nonce = row[:5]
                try:
                    renderer.message(
                        language=language,
                        subscriber_id=subscriber_id,
                        email=email,
                        nonce=nonce,
                        connection=mail,
                    ).send()
                    sent_ids.append(pk)
                except Exception as error:  # one refused address must not stop the others
                    log.warning("newsletter delivery %s failed: %s", pk, error)
                    failures.append((pk, f"{type(error).__name__}: {error}"))
            _mark(sent_ids, failures, timezone.now())
            sent += len(sent_ids)
            failed += len(failures)
    finally:
        mail.close()
    if not Delivery.objects.filter(send=send, status=Delivery.Status.PENDING).exists():
        _finish(send)
    return {"state": "ran", "sent": sent, "failed": failed, "batches": batches}


def _finish(send: NewsletterSend) -> None:
    NewsletterSend.objects.filter(pk=send.pk, status=NewsletterSend.Status.SENDING).update(
        status=NewsletterSend.Status.DONE, finished_at=timezone.now()
    )
