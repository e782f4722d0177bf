"""Neighbour help's part of "download my data" and "delete my account"."""

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from neighbourhoods.registry import PersonalData, RetentionRule

from .models import CallOutDelivery, HelpContact, HelpOffer, VolunteerConsent


def export(*, user):
    from privacy.serialize import rows, section

    offer = HelpOffer.objects.filter(user=user).first()
    offers = []
    if offer is not None:
        offers.append(
            {
                "skills": [s.code for s in offer.skills.all()],
                "availability": offer.availability,
                "active": offer.active,
                "created_at": offer.created_at.isoformat(),
            }
        )
    messages = rows(HelpContact.objects.filter(sender=user), "recipient_id", "body", "created_at")
    consents = rows(
        VolunteerConsent.objects.filter(user=user),
        "consented_at",
        "withdrawn_at",
        "share_name",
        "share_email",
        "share_phone",
        "phone",
    )
    callouts = rows(
        CallOutDelivery.objects.filter(volunteer=user),
        "callout__title",
        "sent_at",
        "answer",
        "answered_at",
    )
    return section(
        _("Neighbour help"),
        [
            {"help_offers": offers},
            {"messages_i_wrote": messages},
            {"volunteer_consents": consents},
            {"call_outs": callouts},
        ],
    )


def erase(*, user):
    offer = HelpOffer.objects.filter(user=user).first()
    if offer is not None:
        # The row stays (the neighbours' conversations point at it) but says nothing any more.
        offer.skills.clear()
        offer.availability = ""
        offer.active = False
        offer.save(update_fields=["availability", "active"])
    now = timezone.now()
    VolunteerConsent.objects.filter(user=user).filter(
        Q(withdrawn_at__isnull=True) | ~Q(phone="")
    ).update(withdrawn_at=now, phone="")
    VolunteerConsent.objects.filter(user=user, withdrawn_at__isnull=True).update(withdrawn_at=now)
    CallOutDelivery.objects.filter(volunteer=user).delete()


ENTRY = PersonalData(
    app="care",
    order=40,
    export=export,
    erase=erase,
    erased=(_("your help offer, your phone number and the city's call-outs sent to you"),),
    anonymised=(_("the messages you wrote to neighbours about help"),),
    kept=(
        _(
            "the dates you agreed to and withdrew from volunteering for the city, without "
            "contact details (proof of consent)"
        ),
    ),
)


def purge_callout_deliveries(*, cutoff) -> int:
    """Which volunteer got which call-out and answered what: kept a while, then deleted."""
    deleted, _ = CallOutDelivery.objects.filter(callout__created_at__lt=cutoff).delete()
    return deleted


RETENTION = RetentionRule("callout_delivery_logs", "delivery_logs", purge_callout_deliveries)
