"""Newsletter subscribers, an issue already sent (with its web version) and one scheduled."""

from datetime import timedelta

from django.utils import timezone
from wagtail.models import Page

from neighbourhoods.models import Neighbourhood

from .consent import PRIVACY_VERSION
from .models import (
    ConsentRecord,
    Delivery,
    NewsletterIndexPage,
    NewsletterPage,
    NewsletterSend,
    Subscriber,
    new_nonce,
)

SUBSCRIBERS = 2400  # at scale 1
STATEMENT = (
    "J'accepte que la Ville de Mons m'envoie sa lettre d'information à cette adresse. La Ville "
    "conserve mon adresse, ma langue et les quartiers choisis uniquement à cette fin et ne les "
    "partage jamais. Je peux me désinscrire à tout moment en un clic."
)


def _index():
    index = NewsletterIndexPage.objects.first()
    if index is None:
        home = Page.objects.get(depth=2, locale__language_code="fr").specific
        index = NewsletterIndexPage(
            title="Lettre d'information",
            slug="lettre-information",
            intro="Chaque mois, les nouvelles de la Ville pour les quartiers.",
        )
        home.add_child(instance=index)
        index.save_revision().publish()
    return index


def _issue(index, title, month):
    related = list(Page.objects.live().filter(depth__gte=4).order_by("-first_published_at")[:3])
    body = [
        ("heading", "Au programme ce mois-ci"),
        (
            "paragraph",
            f"<p>Les ateliers, consultations et travaux de {month} dans vos quartiers.</p>",
        ),
        *[("page", {"page": page, "title": page.title, "text": ""}) for page in related],
    ]
    page = NewsletterPage(
        title=title, slug=f"lettre-{month}", intro="Les nouvelles du mois.", body=body
    )
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


def seed(*, scale, rng, log):
    now = timezone.now()
    hoods = list(Neighbourhood.objects.values_list("pk", flat=True))
    total = round(SUBSCRIBERS * scale)
    subscribers = []
    for n in range(total):
        created = now - timedelta(days=rng.uniform(1, 400))
        roll = rng.random()
        subscribers.append(
            Subscriber(
                email=f"lecteur{n + 1}@demo.mons.be",
                language=rng.choices(["fr", "nl", "en"], [88, 8, 4])[0],
                created_at=created,
                confirmed_at=None
                if roll < 0.05
                else created + timedelta(minutes=rng.randint(2, 600)),
                unsubscribed_at=now - timedelta(days=rng.uniform(0, 30))
                if 0.05 <= roll < 0.13
                else None,
                token_nonce=new_nonce(),
            )
        )
    Subscriber.objects.bulk_create(subscribers, batch_size=5000)
    through = Subscriber.neighbourhoods.through
    links = [
        through(subscriber_id=s.pk, neighbourhood_id=h)
        for s in subscribers
        if hoods and rng.random() < 0.4
        for h in rng.sample(hoods, rng.randint(1, 2))
    ]
    through.objects.bulk_create(links, batch_size=5000, ignore_conflicts=True)
    # Each subscriber's consent trail: asked by form, confirmed by link, left by one click.
    consents = [
        ConsentRecord(
            subscriber_id=s.pk,
            kind=kind,
            privacy_version=PRIVACY_VERSION,
            statement=STATEMENT,
            language="fr",
            method=method,
            created_at=when,
        )
        for s in subscribers
        for kind, method, when in (
            ("requested", "form", s.created_at),
            ("confirmed", "link", s.confirmed_at),
            ("unsubscribed", "one-click", s.unsubscribed_at),
        )
        if when
    ]
    ConsentRecord.objects.bulk_create(consents, batch_size=5000)

    index = _index()
    # Last month's issue: sent, so it has a public web version.
    sent_at = now - timedelta(days=20)
    sent_issue = _issue(index, "Lettre des quartiers — le mois dernier", "dernier")
    send = NewsletterSend.objects.create(
        page=sent_issue,
        scheduled_for=sent_at,
        audience="all",
        status="done",
        started_at=sent_at,
        materialised_at=sent_at,
        finished_at=sent_at + timedelta(minutes=3),
    )
    deliveries = [
        Delivery(
            send=send,
            subscriber_id=s.pk,
            language=s.language,
            status="sent" if rng.random() > 0.004 else "failed",
            claimed_at=sent_at,
            sent_at=sent_at,
        )
        for s in subscribers
        if s.confirmed_at
        and s.confirmed_at < sent_at
        and (s.unsubscribed_at is None or s.unsubscribed_at > sent_at)
    ]
    Delivery.objects.bulk_create(deliveries, batch_size=5000)
    # This month's issue: scheduled for the first of next month at 9:00.
    upcoming = _issue(index, "Lettre des quartiers — le mois prochain", "prochain")
    first = (now.replace(day=1) + timedelta(days=32)).replace(
        day=1, hour=9, minute=0, second=0, microsecond=0
    )
    from .services import _enqueue

    scheduled = NewsletterSend.objects.create(page=upcoming, scheduled_for=first, audience="all")
    _enqueue(scheduled, run_after=first)
    log(f"  {total} newsletter subscribers, 1 issue sent to {len(deliveries)}, 1 scheduled")
