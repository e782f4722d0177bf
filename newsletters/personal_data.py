"""The newsletter's part of "download my data" and "delete my account".

Subscriptions are by e-mail address (no account needed), so they are found by the address.
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from neighbourhoods.registry import PersonalData, RetentionRule

from .models import ConsentRecord, Delivery, Subscriber


def _mine(user):
    return Subscriber.objects.filter(email__iexact=user.email)


def export(*, user):
    from privacy.serialize import rows, section

    subscribers = _mine(user)
    return section(
        _("Newsletter"),
        [
            {
                "subscriptions": rows(
                    subscribers,
                    "email",
                    "language",
                    "created_at",
                    "confirmed_at",
                    "unsubscribed_at",
                )
            },
            {
                "consents": rows(
                    ConsentRecord.objects.filter(subscriber__in=subscribers),
                    "kind",
                    "privacy_version",
                    "statement",
                    "language",
                    "method",
                    "created_at",
                )
            },
        ],
    )


def erase(*, user):
    subscribers = list(_mine(user))
    now = timezone.now()
    for subscriber in subscribers:
        Delivery.objects.filter(subscriber=subscriber).delete()
        subscriber.neighbourhoods.clear()
        # Proof of consent stays, minimal: the dates and wording, no longer the address.
        subscriber.email = f"erased-{subscriber.pk}@erased.invalid"
        subscriber.unsubscribed_at = subscriber.unsubscribed_at or now
        subscriber.save(update_fields=["email", "unsubscribed_at"])


ENTRY = PersonalData(
    app="newsletters",
    order=60,
    export=export,
    erase=erase,
    erased=(_("your newsletter subscription and its delivery log"),),
    kept=(
        _(
            "the dates and wording of what you agreed to for the newsletter, without your "
            "address (proof of consent)"
        ),
    ),
)


def purge_delivery_logs(*, cutoff) -> int:
    """Who was sent which issue, and when: kept for the send reports, then deleted."""
    deleted, _ = (
        Delivery.objects.filter(send__created_at__lt=cutoff)
        .exclude(status=Delivery.Status.PENDING)
        .delete()
    )
    return deleted


RETENTION = RetentionRule("newsletter_delivery_logs", "delivery_logs", purge_delivery_logs)
