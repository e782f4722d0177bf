"""Demo: a closed 2025 round with ballots and published results, and the open 2026 round.

Mons ran citizen budgets of €135k (2021) and €200k (2022, 2023); both demo rounds have €200,000.
The demo residents (demo/accounts.py) have not voted in 2026, so they can try the ballot.
"""

from datetime import timedelta

from django.utils import timezone
from wagtail.models import Locale, Page

from demo.accounts import RESIDENTS
from neighbourhoods.models import Household, Neighbourhood

from .models import Ballot, BallotSource, Participation, RoundKey, SealedBallot
from .pages import BudgetProject, BudgetRoundPage
from .sealing import generate, seal

# (title, cost, neighbourhood code or None for the whole city, category, appeal 1-10)
PROJECTS_2026 = [
    ("Potager collectif au parc du Joncquois", 18_000, "mons-centre", "green", 8),
    ("Bancs et ombrage sur la Grand-Place", 25_000, "mons-centre", "social", 6),
    ("Piste cyclable sécurisée vers Jemappes", 60_000, "jemappes", "mobility", 9),
    ("Aire de jeux inclusive à Cuesmes", 45_000, "cuesmes", "sport", 7),
    ("Fresque murale de la gare de Ghlin", 12_000, "ghlin", "culture", 4),
    ("Boîtes à livres dans les villages", 6_000, None, "education", 5),
    ("Verger partagé à Hyon", 15_000, "hyon", "green", 6),
    ("Éclairage du sentier de Nimy", 30_000, "nimy", "mobility", 5),
    ("Repair café itinérant", 8_000, None, "social", 5),
    ("Terrain multisport à Flénu", 55_000, "flenu", "sport", 6),
    ("Nichoirs et hôtels à insectes", 4_000, None, "green", 4),
    ("Fontaine à eau au parc d'Obourg", 9_000, "obourg", "other", 3),
    ("Zone 30 devant l'école de Havré", 22_000, "havre", "mobility", 7),
    ("Fête des voisins de Saint-Symphorien", 5_000, "saint-symphorien", "culture", 3),
    ("Parcours santé à Mesvin-Ciply", 20_000, "mesvin-ciply", "sport", 4),
]
PROJECTS_2025 = [
    ("Rénovation du kiosque de Jemappes", 40_000, "jemappes", "culture", 7),
    ("Plantation de 200 arbres", 35_000, None, "green", 9),
    ("Ruelle verte à Mons-Centre", 28_000, "mons-centre", "green", 6),
    ("Abri vélos sécurisés à la gare", 32_000, "mons-centre", "mobility", 7),
    ("Skatepark de Cuesmes", 70_000, "cuesmes", "sport", 5),
    ("Marché de producteurs à Ghlin", 10_000, "ghlin", "social", 6),
    ("Ludothèque de quartier à Hyon", 14_000, "hyon", "education", 4),
    ("Trottoirs accessibles à Nimy", 50_000, "nimy", "mobility", 5),
    ("Jardin de pluie à Flénu", 18_000, "flenu", "green", 3),
    ("Cinéma en plein air", 8_000, None, "culture", 6),
    ("Toilettes publiques au Bois d'Havré", 26_000, "havre", "other", 4),
    ("Composteurs de quartier", 7_000, None, "green", 5),
]
INTRO = (
    "<p>La Ville de Mons consacre {money} € à des projets proposés par ses habitants. "
    "Chaque ménage vérifié dispose d'un bulletin.</p>"
)


def _round(*, title, slug, projects, hoods, dates, tally_rule, max_projects):
    shown, opens, closes, results = dates
    page = BudgetRoundPage(
        title=title,
        slug=slug,
        intro=INTRO.format(money="200 000"),
        scope="city",
        total_budget=200_000,
        projects_shown_at=shown,
        voting_opens_at=opens,
        voting_closes_at=closes,
        results_published_at=results,
        ballot_rule="approval",
        min_projects=1,
        max_projects=max_projects,
        tally_rule=tally_rule,
        projects=[
            BudgetProject(
                code=f"{slug[-4:]}-{i:02d}",
                title=name,
                cost=cost,
                category=category,
                neighbourhood=hoods.get(code) if code else None,
                description=f"{name}. Projet proposé par des habitants, chiffré par la Ville.",
            )
            for i, (name, cost, code, category, _appeal) in enumerate(projects, 1)
        ],
    )
    home = Page.objects.filter(depth=2, locale=Locale.get_default()).first()
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def _ballots(*, page, projects, households, rng, today, public_key=None):
    """One ballot per chosen household; residents favour projects near home and popular ones.

    With `public_key` (a round still open) the ballots are sealed, as votes cast online are;
    without, they are the plain ballots of a round already counted."""
    codes = [p.code for p in page.projects.order_by("sort_order")]
    appeal = [spec[4] for spec in projects]
    home_of = [spec[2] for spec in projects]
    participations, ballots = [], []
    for household_id, hood_id, hood_code in households:
        weights = [a * (4 if h == hood_code else 1) for a, h in zip(appeal, home_of, strict=True)]
        k = rng.choices([1, 2, 3, 4, 5], [15, 25, 30, 20, 10])[0]
        picked = []
        while len(picked) < k:
            code = rng.choices(codes, weights)[0]
            if code not in picked:
                picked.append(code)
        voted_on = today - timedelta(days=rng.randrange(0, 14))
        source = BallotSource.PAPER if rng.random() < 0.08 else BallotSource.WEB
        participations.append(
            Participation(
                round_key=page.translation_key,
                household_id=household_id,
                neighbourhood_id=hood_id,
                source=source,
                voted_on=voted_on,
            )
        )
        ballots.append(
            Ballot(
                round_key=page.translation_key,
                scope=None,
                source=source,
                cast_on=voted_on,
                choices=[[code, 1] for code in picked],
            )
        )
    # Separate inserts, in unrelated orders: ballots never line up with participations.
    rng.shuffle(ballots)
    Participation.objects.bulk_create(participations, batch_size=5000)
    if public_key is None:
        Ballot.objects.bulk_create(ballots, batch_size=5000)
        return len(ballots)
    sealed = [
        SealedBallot(
            round_key=page.translation_key,
            ciphertext=seal(public=public_key, payload={"s": None, "c": b.choices, "o": b.source}),
        )
        for b in ballots
    ]
    SealedBallot.objects.bulk_create(sealed, batch_size=5000)
    return len(sealed)


def seed(*, scale, rng, log):
    now = timezone.now()
    hoods = {n.code: n for n in Neighbourhood.objects.all()}
    demo_emails = [email for email, *_rest in RESIDENTS]
    households = list(
        Household.objects.filter(memberships__ended_at__isnull=True)
        .exclude(memberships__user__email__in=demo_emails)
        .values_list("id", "neighbourhood_id", "neighbourhood__code")
        .distinct()
        .order_by("id")
    )
    day = timedelta(days=1)
    closed = _round(
        title="Budget participatif 2025",
        slug="budget-participatif-2025",
        projects=PROJECTS_2025,
        hoods=hoods,
        tally_rule="equalshares/add1",
        max_projects=5,
        dates=(now - 200 * day, now - 160 * day, now - 130 * day, now - 120 * day),
    )
    open_round = _round(
        title="Budget participatif 2026",
        slug="budget-participatif-2026",
        projects=PROJECTS_2026,
        hoods=hoods,
        tally_rule="greedy",
        max_projects=5,
        dates=(now - 20 * day, now - 10 * day, now + 20 * day, now + 30 * day),
    )
    # 2025 was counted (its key's private half is long gone); 2026 has a fresh key whose private
    # half is printed below, for whoever plays the returning officer in the demo.
    RoundKey.objects.create(
        round_key=closed.translation_key,
        public_key=generate(round_key=closed.translation_key).public,
        tallied_on=(now - 121 * day).date(),
    )
    pair = generate(round_key=open_round.translation_key)
    RoundKey.objects.create(round_key=open_round.translation_key, public_key=pair.public)
    voters_2025 = rng.sample(households, round(len(households) * 0.22))
    n_closed = _ballots(
        page=closed,
        projects=PROJECTS_2025,
        households=voters_2025,
        rng=rng,
        today=(now - 131 * day).date(),
    )
    voters_2026 = rng.sample(households, round(len(households) * 0.07))
    n_open = _ballots(
        page=open_round,
        projects=PROJECTS_2026,
        households=voters_2026,
        rng=rng,
        today=(now - day).date(),
        public_key=pair.public,
    )
    log(
        f"  citizen budget: 2025 closed ({n_closed} ballots, results published), "
        f"2026 open ({n_open} ballots so far, sealed; demo returning officer's key: "
        f"{pair.private_text})"
    )
