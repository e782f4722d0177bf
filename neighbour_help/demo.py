"""Neighbour help: 652 helpers (564 also volunteer for the city) at scale 1, and a call-out."""

import datetime

from django.utils import timezone

from neighbourhoods.models import Membership

from .models import (
    CallOut,
    CallOutDelivery,
    HelpContact,
    HelpOffer,
    HelpSkill,
    VolunteerConsent,
)

HELPERS = 652
VOLUNTEERS = 564
AVAILABILITY = [
    "En semaine après 17 h",
    "Le samedi matin",
    "Le mercredi après-midi",
    "Le week-end",
    "En journée (je suis pensionné·e)",
    "Le soir, sur rendez-vous",
]


def seed(*, scale, rng, log):
    now = timezone.now()
    skills = list(HelpSkill.objects.all())
    members = list(
        Membership.objects.filter(ended_at__isnull=True)
        .values_list("user_id", "neighbourhood_id", "user__email")
        .order_by("pk")
    )
    if not skills or not members:
        return
    named = {email: (uid, hood) for uid, hood, email in members}
    wanted = min(len(members), round(HELPERS * scale))
    # The demo's moderator and neighbour offer help, so the demo resident finds someone.
    chosen = [named[e] for e in ("moderateur@demo.mons.be", "voisin@demo.mons.be") if e in named]
    others = [(uid, hood) for uid, hood, email in members if (uid, hood) not in chosen]
    chosen += rng.sample(others, max(0, wanted - len(chosen)))
    offers = [
        HelpOffer(
            user_id=uid,
            neighbourhood_id=hood,
            availability=rng.choice(AVAILABILITY),
            created_at=now - datetime.timedelta(days=rng.randint(1, 600)),
            updated_at=now,
        )
        for uid, hood in chosen
    ]
    HelpOffer.objects.bulk_create(offers, batch_size=5000)
    weights = [5, 6, 6, 4, 3, 5, 3, 2, 3][: len(skills)] + [1] * max(0, len(skills) - 9)
    through = HelpOffer.skills.through
    links = []
    for offer in offers:
        for skill in set(rng.choices(skills, weights=weights, k=rng.randint(1, 3))):
            links.append(through(helpoffer_id=offer.pk, helpskill_id=skill.pk))
    through.objects.bulk_create(links, batch_size=5000)

    volunteers = offers[: min(len(offers), round(VOLUNTEERS * scale))]
    VolunteerConsent.objects.bulk_create(
        [
            VolunteerConsent(
                user_id=o.user_id,
                consented_at=o.created_at,
                share_name=True,
                share_email=rng.random() < 0.8,
                share_phone=(phone := rng.random() < 0.4),
                phone=f"0475 {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}"
                if phone
                else "",
            )
            for o in volunteers
        ],
        batch_size=5000,
    )

    resident = named.get("resident@demo.mons.be")
    moderator = next(
        (o for o in offers if o.user_id == named.get("moderateur@demo.mons.be", (None,))[0]), None
    )
    if resident and moderator:
        HelpContact.objects.bulk_create(
            [
                HelpContact(
                    offer=moderator,
                    neighbourhood_id=resident[1],
                    sender_id=resident[0],
                    recipient_id=moderator.user_id,
                    created_at=now - datetime.timedelta(days=2),
                    body="Bonjour, pourriez-vous m'aider à remplir un formulaire en ligne ?",
                ),
                HelpContact(
                    offer=moderator,
                    neighbourhood_id=resident[1],
                    sender_id=moderator.user_id,
                    recipient_id=resident[0],
                    created_at=now - datetime.timedelta(days=1),
                    body="Avec plaisir, je passe jeudi vers 18 h.",
                ),
            ]
        )

    company = next((s for s in skills if s.code == "company"), skills[0])
    when = now + datetime.timedelta(days=5)
    callout = CallOut.objects.create(
        title="Plan canicule : visites aux aînés isolés",
        description="Passer une heure chez une personne âgée isolée pendant la vague de chaleur.",
        place="Dans votre quartier",
        when=when,
        needed=40,
        skill=company,
        answers_until=when,
        created_at=now - datetime.timedelta(days=1),
    )
    company_offers = set(
        through.objects.filter(helpskill=company).values_list("helpoffer__user_id", flat=True)
    )
    deliveries = []
    for o in volunteers:
        if o.user_id not in company_offers:
            continue
        roll = rng.random()
        answer = "yes" if roll < 0.35 else ("no" if roll < 0.6 else "")
        deliveries.append(
            CallOutDelivery(
                callout=callout,
                volunteer_id=o.user_id,
                sent_at=callout.created_at,
                answer=answer,
                answered_at=now if answer else None,
            )
        )
    CallOutDelivery.objects.bulk_create(deliveries, batch_size=5000)
    yes = sum(1 for d in deliveries if d.answer == "yes")
    log(
        f"  {len(offers)} helpers, {len(volunteers)} consenting volunteers, "
        f"1 call-out to {len(deliveries)} ({yes} yes)"
    )
