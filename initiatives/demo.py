"""A call for initiatives with submissions in every status, supports and helpers."""

import datetime

from django.utils import timezone
from wagtail.models import Locale, Page

from neighbourhoods.models import Membership

from .models import CallForInitiativesPage, HelperSignup, Initiative, InitiativeDraft, Support

S = Initiative.Status
IDEAS = [
    (
        "Potager partagé derrière l'école",
        "Un potager ouvert aux familles et aux aînés du quartier.",
    ),
    ("Boîte à livres sur la place", "Une ancienne armoire transformée en bibliothèque de rue."),
    ("Fête des voisins de la rue", "Une journée pour se rencontrer, avec un repas partagé."),
    (
        "Repair café mensuel",
        "Un samedi par mois, on répare ensemble vélos, grille-pains et vêtements.",
    ),
    (
        "Nichoirs pour les martinets",
        "Installer des nichoirs sur les façades avec l'aide d'un ornithologue.",
    ),
    ("Bancs pour se reposer", "Des bancs le long du chemin vers l'arrêt de bus, pour les aînés."),
    ("Atelier vélo pour les enfants", "Apprendre à rouler en sécurité et à réparer une crevaison."),
    ("Fresque sous le pont", "Une fresque peinte avec les jeunes du quartier."),
    ("Verger communautaire", "Planter vingt arbres fruitiers sur le terrain communal."),
    ("Ciné en plein air", "Trois séances d'été sur la place, films choisis par les habitants."),
    ("Nettoyage du ruisseau", "Une matinée de ramassage des déchets le long du ruisseau."),
    ("Marché de producteurs locaux", "Un petit marché le vendredi soir avec les fermes voisines."),
    ("Grainothèque", "Échanger des graines de légumes et de fleurs à la bibliothèque."),
    ("Jeux de société intergénérationnels", "Un après-midi par semaine à la maison de village."),
]
DECLINED_ANSWER = "Merci pour cette proposition. Elle sort du cadre de l'appel (travaux de voirie)."
STATUSES = (
    [S.SUBMITTED] * 3
    + [S.IN_REVIEW] * 2
    + [S.ACCEPTED] * 4
    + [S.DECLINED] * 2
    + [S.IN_PROGRESS] * 2
    + [S.REALISED]
)


def seed(*, scale, rng, log):
    now = timezone.now()
    home = Page.objects.filter(depth=2, locale__language_code="fr").first()
    if home is None:
        return
    call = CallForInitiativesPage(
        title="Appel à initiatives 2026 : redonner vie aux villages",
        slug="appel-initiatives",
        theme="Des projets portés par les habitants pour redonner vie aux villages",
        intro="<p>Vous avez une idée pour votre quartier ? La Ville vous soutient.</p>",
        opens_on=timezone.localdate() - datetime.timedelta(days=45),
        closes_on=timezone.localdate() + datetime.timedelta(days=75),
        budget_max=2500,
        offers_material=True,
        offers_permits=True,
        offers_communication=True,
        support_threshold=25,
        all_neighbourhoods=True,
    )
    home.add_child(instance=call)
    call.save_revision().publish()
    for code in ("nl", "en"):
        locale = Locale.objects.filter(language_code=code).first()
        if locale and Page.objects.filter(depth=2, locale=locale).exists():
            translated = call.copy_for_translation(locale)
            translated.save_revision().publish()

    members = list(
        Membership.objects.filter(ended_at__isnull=True).values_list(
            "user_id", "household_id", "neighbourhood_id", "user__email"
        )
    )
    if not members:
        return
    households = sorted({m[1] for m in members})
    demo_resident = next((m for m in members if m[3] == "resident@demo.mons.be"), members[0])
    count = max(len(IDEAS), round(len(IDEAS) * scale))
    initiatives = []
    for i in range(count):
        title, text = IDEAS[i % len(IDEAS)]
        submitter = demo_resident if i == 5 else rng.choice(members)
        status = S.ACCEPTED if i == 5 else STATUSES[i % len(STATUSES)]
        submitted = now - datetime.timedelta(days=rng.randint(3, 40))
        initiatives.append(
            Initiative(
                call=call,
                submitter_id=submitter[0],
                neighbourhood_id=submitter[2],
                title=title if i < len(IDEAS) else f"{title} ({i // len(IDEAS) + 1})",
                description=text,
                place="Place du village",
                status=status,
                needs_budget=rng.choice([0, 250, 600, 1200, 2500]),
                needs_material=rng.random() < 0.5,
                needs_permits=rng.random() < 0.3,
                helpers_needed=rng.randint(0, 12),
                public_answer=(
                    DECLINED_ANSWER
                    if status == S.DECLINED
                    else (
                        "Bravo ! La Ville prête le matériel et accompagne le projet."
                        if status in Initiative.PUBLISHED
                        else ""
                    )
                ),
                submitted_at=submitted,
                status_changed_at=submitted + datetime.timedelta(days=2),
            )
        )
    Initiative.objects.bulk_create(initiatives)
    supports, helpers = [], []
    member_users = [m[0] for m in members]
    for initiative in initiatives:
        if initiative.status not in Initiative.PUBLISHED:
            continue
        n = min(len(households), round(rng.randint(5, 60) * max(scale, 0.1)))
        for household_id in rng.sample(households, n):
            supports.append(Support(initiative=initiative, household_id=household_id))
        if n >= call.support_threshold:
            initiative.threshold_notified_at = now
        for user_id in rng.sample(member_users, min(len(member_users), rng.randint(0, 8))):
            helpers.append(
                HelperSignup(
                    initiative=initiative, user_id=user_id, share_contact=rng.random() < 0.7
                )
            )
    Support.objects.bulk_create(supports, batch_size=5000, ignore_conflicts=True)
    HelperSignup.objects.bulk_create(helpers, ignore_conflicts=True)
    Initiative.objects.bulk_update(
        [i for i in initiatives if i.threshold_notified_at], ["threshold_notified_at"]
    )
    InitiativeDraft.objects.create(
        owner_id=demo_resident[0],
        call=call,
        title="Rucher pédagogique",
        data={
            "step": "what",
            "step_data": {"what": {"what-title": ["Rucher pédagogique"]}},
            "step_files": {},
            "extra_data": {},
        },
    )
    log(f"  1 call for initiatives, {len(initiatives)} initiatives, {len(supports)} supports")
