"""Every write about neighbour help and city call-outs."""

from django.core import signing
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from emails.services import email_send_to_user
from neighbourhoods.permissions import resident_membership
from portal.errors import ServiceRefusal
from portal.text import plain_text

from .models import CallOut, CallOutDelivery, HelpContact, HelpOffer, VolunteerConsent
from .permissions import can_read_contact
from .selectors import volunteers_matching

CALLOUT_SALT = "care.callout.answer"
CALLOUT_LINK_MAX_AGE = 60 * 60 * 24 * 60  # a link never lives longer than 60 days


class CareError(ServiceRefusal):
    """A refusal with a message for the person who asked."""


def _membership_or_refuse(user):
    membership = resident_membership(user)
    if membership is None:
        raise CareError(_("Neighbour help is for verified residents."))
    return membership


@transaction.atomic
def offer_save(*, user, skills, availability: str) -> HelpOffer:
    membership = _membership_or_refuse(user)
    if not skills:
        raise CareError(_("Choose at least one kind of help."))
    offer, _created = HelpOffer.objects.update_or_create(
        user=user,
        defaults={
            "neighbourhood_id": membership.neighbourhood_id,
            "availability": plain_text(availability)[:300],
            "active": True,
            "updated_at": timezone.now(),
        },
    )
    offer.skills.set(skills)
    return offer


def offer_withdraw(*, user) -> None:
    HelpOffer.objects.filter(user=user).update(active=False, updated_at=timezone.now())


def consent_give(*, user, share_name=True, share_email=False, share_phone=False, phone=""):
    _membership_or_refuse(user)
    phone = plain_text(phone)[:32]
    if share_phone and not phone:
        raise CareError(_("Give a phone number, or do not share it."))
    fields = {
        "share_name": bool(share_name),
        "share_email": bool(share_email),
        "share_phone": bool(share_phone),
        "phone": phone if share_phone else "",
    }
    try:
        with transaction.atomic():
            current = (
                VolunteerConsent.objects.select_for_update()
                .filter(user=user, withdrawn_at__isnull=True)
                .first()
            )
            if current is not None:
                for key, value in fields.items():
                    setattr(current, key, value)
                current.save(update_fields=list(fields))
                return current
            return VolunteerConsent.objects.create(user=user, **fields)
    except IntegrityError:  # two submits at once: the other one won
        return VolunteerConsent.objects.get(user=user, withdrawn_at__isnull=True)


def consent_withdraw(*, user) -> int:
    """Effective at once: no further call-outs, no more in any list or export."""
    now = timezone.now()
    withdrawn = VolunteerConsent.objects.filter(user=user, withdrawn_at__isnull=True).update(
        withdrawn_at=now, phone=""
    )
    # Call-outs not yet e-mailed to them are not sent any more.
    CallOutDelivery.objects.filter(volunteer=user, sent_at__isnull=True).delete()
    return withdrawn


def _can_contact(sender, offer):
    membership = _membership_or_refuse(sender)
    if offer.user_id == sender.pk:
        raise CareError(_("This is your own offer."))
    recipient_membership = resident_membership(offer.user)
    if (
        not offer.active
        or offer.neighbourhood_id != membership.neighbourhood_id
        or recipient_membership is None
        or recipient_membership.neighbourhood_id != membership.neighbourhood_id
    ):
        raise CareError(_("This offer is not available."))
    return membership


def contact_send(*, sender, offer, body: str) -> HelpContact:
    membership = _can_contact(sender, offer)
    return _store_message(
        offer=offer,
        neighbourhood_id=membership.neighbourhood_id,
        sender=sender,
        recipient=offer.user,
        body=body,
    )


def contact_reply(*, sender, contact, body: str) -> HelpContact:
    membership = _membership_or_refuse(sender)
    if not can_read_contact(sender, contact):
        raise CareError(_("This conversation is not available."))
    other = contact.recipient if contact.sender_id == sender.pk else contact.sender
    other_membership = resident_membership(other)
    if other_membership is None or other_membership.neighbourhood_id != membership.neighbourhood_id:
        raise CareError(_("This neighbour can no longer be contacted here."))
    return _store_message(
        offer=contact.offer,
        neighbourhood_id=membership.neighbourhood_id,
        sender=sender,
        recipient=other,
        body=body,
    )


def _store_message(*, offer, neighbourhood_id, sender, recipient, body):
    body = plain_text(body)
    if not body:
        raise CareError(_("Write a message."))
    if len(body) > 2000:
        raise CareError(_("Keep your message under 2,000 characters."))
    contact = HelpContact.objects.create(
        offer=offer,
        neighbourhood_id=neighbourhood_id,
        sender=sender,
        recipient=recipient,
        body=body,
    )
    transaction.on_commit(
        lambda: email_send_to_user(
            user=recipient,
            # An answer to my offer, or a reply in a conversation I started.
            kind="help" if offer.user_id == recipient.pk else "replies",
            template="care/emails/new_message",
            context={"sender_name": sender.public_name, "contact": contact},
        )
    )
    return contact


def contacts_mark_read(*, user, contacts) -> None:
    ids = [c.pk for c in contacts if c.recipient_id == user.pk and c.read_at is None]
    if ids:
        HelpContact.objects.filter(pk__in=ids).update(read_at=timezone.now())


@transaction.atomic
def callout_create(
    *, by, title, place, when, needed, answers_until, description="", neighbourhoods=(), skill=None
) -> CallOut:
    """Store the call-out and one delivery row per consenting volunteer; a task e-mails them."""
    callout = CallOut.objects.create(
        title=plain_text(title)[:160],
        description=plain_text(description),
        place=plain_text(place),
        when=when,
        needed=needed,
        skill=skill,
        created_by=by,
        answers_until=answers_until,
    )
    callout.neighbourhoods.set(neighbourhoods)
    volunteer_ids = list(volunteers_matching(neighbourhoods=neighbourhoods, skill=skill))
    CallOutDelivery.objects.bulk_create(
        (CallOutDelivery(callout=callout, volunteer_id=pk) for pk in volunteer_ids),
        batch_size=1000,
        ignore_conflicts=True,
    )
    from .tasks import callout_send

    transaction.on_commit(lambda: callout_send.enqueue(callout_id=callout.pk))
    return callout


def callout_token(delivery) -> str:
    return signing.dumps({"d": delivery.pk}, salt=CALLOUT_SALT, compress=True)


def callout_deliver(*, callout_id: int, batch_size: int = 200) -> int:
    """E-mail every delivery not yet sent. Rows are claimed with skip_locked: a second worker
    takes other rows, a killed worker's rows are picked up again, nobody gets two e-mails."""
    sent = 0
    callout = CallOut.objects.get(pk=callout_id)
    while True:
        with transaction.atomic():
            rows = list(
                CallOutDelivery.objects.select_for_update(skip_locked=True, of=("self",))
                .filter(callout_id=callout_id, sent_at__isnull=True)
                .select_related("volunteer")
                .order_by("pk")[:batch_size]
            )
            if not rows:
                return sent
            consenting = set(
                VolunteerConsent.objects.filter(
                    user_id__in=[r.volunteer_id for r in rows], withdrawn_at__isnull=True
                ).values_list("user_id", flat=True)
            )
            for row in rows:
                if row.volunteer_id not in consenting:
                    row.delete()
                    continue
                email_send_to_user(
                    user=row.volunteer,
                    template="care/emails/callout",
                    context={"callout": callout, "token": callout_token(row)},
                )
                row.sent_at = timezone.now()
                row.save(update_fields=["sent_at"])
                sent += 1


class CallOutLinkError(Exception):
    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason  # "invalid" | "expired" | "withdrawn"


def callout_delivery_from_token(token: str) -> CallOutDelivery:
    try:
        payload = signing.loads(token, salt=CALLOUT_SALT, max_age=CALLOUT_LINK_MAX_AGE)
        delivery_id = int(payload["d"])
    except signing.SignatureExpired:
        raise CallOutLinkError("expired")
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise CallOutLinkError("invalid")
    delivery = (
        CallOutDelivery.objects.select_related("callout", "volunteer")
        .filter(pk=delivery_id)
        .first()
    )
    if delivery is None:
        raise CallOutLinkError("withdrawn")
    if delivery.callout.answers_until < timezone.now():
        raise CallOutLinkError("expired")
    if not VolunteerConsent.objects.filter(
        user_id=delivery.volunteer_id, withdrawn_at__isnull=True
    ).exists():
        raise CallOutLinkError("withdrawn")
    return delivery


def callout_answer(*, token: str, answer: str) -> CallOutDelivery:
    if answer not in CallOutDelivery.Answer.values:
        raise CallOutLinkError("invalid")
    delivery = callout_delivery_from_token(token)
    CallOutDelivery.objects.filter(pk=delivery.pk).update(answer=answer, answered_at=timezone.now())
    delivery.answer = answer
    return delivery
