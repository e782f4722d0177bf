from django.db.models import Count, Exists, OuterRef, Q, Subquery

from neighbourhoods.models import Membership, Neighbourhood

from .models import CallOutDelivery, HelpContact, HelpOffer, HelpSkill, VolunteerConsent


def offers_matching(*, neighbourhood, skill=None, exclude_user=None):
    """Active offers of residents currently living in `neighbourhood` (and only there)."""
    current_member = Membership.objects.filter(
        user=OuterRef("user"), neighbourhood=neighbourhood, ended_at__isnull=True
    )
    query = HelpOffer.objects.filter(active=True, neighbourhood=neighbourhood).filter(
        Exists(current_member)
    )
    if skill is not None:
        query = query.filter(skills=skill)
    if exclude_user is not None:
        query = query.exclude(user=exclude_user)
    return query.select_related("user").prefetch_related("skills").order_by("-updated_at", "pk")


def offer_of(*, user):
    return HelpOffer.objects.filter(user=user).prefetch_related("skills").first()


def consent_of(*, user):
    return VolunteerConsent.objects.filter(user=user, withdrawn_at__isnull=True).first()


def _active_consent():
    return VolunteerConsent.objects.filter(user=OuterRef("user"), withdrawn_at__isnull=True)


def volunteer_counts():
    """Helpers and consenting volunteers per neighbourhood, and per neighbourhood × skill.

    Two aggregate queries whatever the number of residents."""
    per_hood = {row["pk"]: dict(row) for row in Neighbourhood.objects.values("pk", "name")}
    offers = HelpOffer.objects.filter(active=True).annotate(consenting=Exists(_active_consent()))
    totals = offers.values("neighbourhood").annotate(
        helpers=Count("pk"), volunteers=Count("pk", filter=Q(consenting=True))
    )
    for row in totals:
        per_hood[row["neighbourhood"]].update(helpers=row["helpers"], volunteers=row["volunteers"])
    through = HelpOffer.skills.through.objects.filter(helpoffer__active=True).annotate(
        consenting=Exists(
            VolunteerConsent.objects.filter(
                user=OuterRef("helpoffer__user"), withdrawn_at__isnull=True
            )
        )
    )
    cells = through.values("helpoffer__neighbourhood", "helpskill").annotate(
        helpers=Count("pk"), volunteers=Count("pk", filter=Q(consenting=True))
    )
    grid = {(c["helpoffer__neighbourhood"], c["helpskill"]): c for c in cells}
    rows = []
    skills = list(HelpSkill.objects.all())
    for hood in sorted(per_hood.values(), key=lambda r: r["name"]):
        rows.append(
            {
                "name": hood["name"],
                "helpers": hood.get("helpers", 0),
                "volunteers": hood.get("volunteers", 0),
                "cells": [
                    grid.get((hood["pk"], s.pk), {"helpers": 0, "volunteers": 0}) for s in skills
                ],
            }
        )
    total = {
        "helpers": sum(r["helpers"] for r in rows),
        "volunteers": sum(r["volunteers"] for r in rows),
    }
    return skills, rows, total


def volunteers_matching(*, neighbourhoods=(), skill=None):
    """Ids of residents with an active consent, filtered by where they live and what they offer."""
    from django.contrib.auth import get_user_model

    User = get_user_model()
    # Exists(), not joins: `reverse__field__isnull=True` would also match people with no row.
    consenting = VolunteerConsent.objects.filter(user=OuterRef("pk"), withdrawn_at__isnull=True)
    living = Membership.objects.filter(user=OuterRef("pk"), ended_at__isnull=True)
    hood_ids = [n.pk for n in neighbourhoods]
    if hood_ids:
        living = living.filter(neighbourhood_id__in=hood_ids)
    query = User.objects.filter(Exists(consenting), Exists(living), is_active=True)
    if skill is not None:
        offering = HelpOffer.objects.filter(user=OuterRef("pk"), active=True, skills=skill)
        query = query.filter(Exists(offering))
    return query.values_list("pk", flat=True)


def callout_yes_rows(*, callout):
    """Rows (name, e-mail, phone, answered_at) with blanks where the volunteer did not consent."""
    consent = VolunteerConsent.objects.filter(user=OuterRef("volunteer"), withdrawn_at__isnull=True)
    query = (
        CallOutDelivery.objects.filter(callout=callout, answer=CallOutDelivery.Answer.YES)
        .filter(Exists(consent))
        .annotate(
            share_name=Subquery(consent.values("share_name")[:1]),
            share_email=Subquery(consent.values("share_email")[:1]),
            share_phone=Subquery(consent.values("share_phone")[:1]),
            phone=Subquery(consent.values("phone")[:1]),
        )
        .select_related("volunteer")
        .order_by("answered_at", "pk")
    )
    for d in query.iterator(chunk_size=500):
        yield {
            "name": d.volunteer.public_name if d.share_name else "",
            "email": d.volunteer.email if d.share_email else "",
            "phone": d.phone if d.share_phone else "",
            "answered_at": d.answered_at,
        }


def callout_stats(*, callout):
    return callout.deliveries.aggregate(
        sent=Count("pk", filter=Q(sent_at__isnull=False)),
        total=Count("pk"),
        yes=Count("pk", filter=Q(answer="yes")),
        no=Count("pk", filter=Q(answer="no")),
    )


def conversations_of(*, user, neighbourhood):
    """The resident's help messages in their current neighbourhood, newest first."""
    return (
        HelpContact.objects.filter(Q(sender=user) | Q(recipient=user))
        .filter(neighbourhood=neighbourhood)
        .select_related("sender", "recipient")
        .order_by("-created_at", "-pk")
    )


def thread(*, contact):
    """Every message between the same two residents about the same offer."""
    a, b = contact.sender_id, contact.recipient_id
    return (
        HelpContact.objects.filter(offer_id=contact.offer_id)
        .filter(Q(sender_id=a, recipient_id=b) | Q(sender_id=b, recipient_id=a))
        .select_related("sender")
        .order_by("created_at", "pk")
    )
