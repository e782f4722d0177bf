from django.db.models import Count, Q

from .models import Delivery, NewsletterPage, NewsletterSend, Subscriber


def audience_subscribers(*, audience, neighbourhoods=(), language=""):
    qs = Subscriber.objects.active()
    if audience == NewsletterSend.Audience.NEIGHBOURHOODS:
        ids = [getattr(n, "pk", n) for n in neighbourhoods]
        qs = qs.filter(
            pk__in=Subscriber.neighbourhoods.through.objects.filter(
                neighbourhood_id__in=ids
            ).values("subscriber_id")
        )
    elif audience == NewsletterSend.Audience.LANGUAGE:
        qs = qs.filter(language=language)
    return qs


def audience_count(**kwargs) -> int:
    return audience_subscribers(**kwargs).count()


def audience_of_send(*, send: NewsletterSend):
    return audience_subscribers(
        audience=send.audience,
        neighbourhoods=list(send.neighbourhoods.values_list("pk", flat=True)),
        language=send.language,
    )


def send_report(*, send: NewsletterSend) -> dict:
    """Figures for staff: how many were meant, sent, failed, skipped, and unknown."""
    S = Delivery.Status
    counts = Delivery.objects.filter(send=send).aggregate(
        total=Count("pk"),
        pending=Count("pk", filter=Q(status=S.PENDING)),
        sending=Count("pk", filter=Q(status=S.SENDING)),
        sent=Count("pk", filter=Q(status=S.SENT)),
        failed=Count("pk", filter=Q(status=S.FAILED)),
        skipped=Count("pk", filter=Q(status=S.SKIPPED)),
    )
    if send.materialised_at is None:
        counts["total"] = audience_of_send(send=send).count()
    finished = send.status == NewsletterSend.Status.DONE
    # Rows still "being handed over" after the send finished were claimed by a worker that
    # stopped: the message may or may not have left. They are not retried (nobody gets two).
    counts["unknown"] = counts["sending"] if finished else 0
    counts["in_progress"] = 0 if finished else counts["sending"]
    return counts


def sends_for_staff():
    return NewsletterSend.objects.select_related("page").order_by("-scheduled_for", "-id")


def issues_sent(*, index):
    sent_keys = NewsletterSend.objects.filter(
        status__in=[NewsletterSend.Status.SENDING, NewsletterSend.Status.DONE]
    ).values("page__translation_key")
    return (
        NewsletterPage.objects.live()
        .descendant_of(index)
        .filter(translation_key__in=sent_keys)
        .order_by("-first_published_at")
    )
