"""City news: 63 messages over six months across neighbourhoods, and a few workshops."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.models import Page

from demo.accounts import RESIDENTS
from neighbourhoods.models import Membership, Neighbourhood

from .models import (
    AnnouncementIndexPage,
    AnnouncementPage,
    AnnouncementReply,
    CityMessagePreference,
    EventPage,
    EventRegistration,
)

MESSAGES = {
    "roadworks": [
        (
            "Travaux de voirie {street}",
            "La chaussée sera refaite du {d1} au {d2}. Circulation locale "
            "uniquement ; les bus sont déviés.",
        ),
        (
            "Remplacement des conduites d'eau à {hood}",
            "La SWDE remplace les conduites : coupures "
            "d'eau courtes annoncées la veille par affiche.",
        ),
        (
            "Nouveaux trottoirs à {hood}",
            "Les trottoirs sont élargis et rendus accessibles aux "
            "poussettes et fauteuils roulants.",
        ),
    ],
    "safety": [
        (
            "Sécurité aux abords des écoles de {hood}",
            "Des zones 30 et des passages pour piétons surélevés arrivent à la rentrée.",
        ),
        (
            "Éclairage public renforcé à {hood}",
            "Des points lumineux LED sont ajoutés dans les sentiers signalés par les habitants.",
        ),
    ],
    "initiative": [
        (
            "Potager partagé à {hood}",
            "Un terrain communal est mis à disposition : rejoignez le collectif qui le cultive.",
        ),
        (
            "Boîte à livres à {hood}",
            "Une boîte à livres a été installée grâce à des habitants. Servez-vous, déposez !",
        ),
        (
            "Fête des voisins à {hood}",
            "La Ville prête tables, chaises et barrières aux habitants "
            "qui organisent une fête de rue.",
        ),
    ],
    "service": [
        (
            "Collecte des encombrants à {hood}",
            "La collecte gratuite des encombrants passe le {d1}. Inscription au 065 40 50 00.",
        ),
        (
            "Permanence du service Population à {hood}",
            "Un agent tient une permanence mobile pour "
            "les cartes d'identité et les changements d'adresse.",
        ),
    ],
    "mobility": [
        ("Nouvel arrêt de bus à {hood}", "La ligne 1 dessert désormais un arrêt supplémentaire."),
    ],
    "environment": [
        (
            "Plantation d'arbres à {hood}",
            "Quarante arbres sont plantés le long des voiries : venez parrainer le vôtre.",
        ),
    ],
}
COUNT = 63


def _index():
    index = AnnouncementIndexPage.objects.first()
    if index is None:
        home = Page.objects.get(depth=2, locale__language_code="fr").specific
        index = AnnouncementIndexPage(
            title="Actualités de la Ville",
            slug="actualites",
            intro="Travaux, sécurité, initiatives locales et ateliers : les messages de la Ville "
            "de Mons pour vos quartiers.",
        )
        home.add_child(instance=index)
        index.save_revision().publish()
    return index


def seed(*, scale, rng, log):
    now = timezone.now()
    index = _index()
    hoods = list(Neighbourhood.objects.order_by("pk"))
    if not hoods:
        return
    kinds = [(k, t) for k, templates in MESSAGES.items() for t in templates]
    made = []
    for n in range(round(COUNT * scale)):
        category, (title, summary) = rng.choice(kinds)
        roll = rng.random()
        if roll < 0.12:
            targets, everyone = [], True
        elif roll < 0.75:
            targets, everyone = [rng.choice(hoods)], False
        else:
            targets, everyone = rng.sample(hoods, rng.randint(2, 4)), False
        hood_name = "Mons" if everyone else targets[0].name
        published = now - timedelta(days=182 * (n + rng.random()) / max(COUNT * scale, 1))
        words = {
            "hood": hood_name,
            "street": f"à {hood_name}",
            "d1": (published + timedelta(days=7)).strftime("%d/%m"),
            "d2": (published + timedelta(days=30)).strftime("%d/%m"),
        }
        page = AnnouncementPage(
            title=title.format(**words),
            slug=f"annonce-{n + 1}",
            category=category,
            summary=summary.format(**words),
            all_neighbourhoods=everyone,
            body=[("paragraph", f"<p>{summary.format(**words)}</p>")],
            live=True,
            first_published_at=published,
            last_published_at=published,
        )
        page.neighbourhoods = targets
        index.add_child(instance=page)  # live without a revision: fast, and editable as is
        made.append((page.pk, published))
    log(f"  {len(made)} city messages over six months")

    _seed_people(index=index, hoods=hoods, scale=scale, rng=rng, now=now, log=log, made=made)


def _seed_people(*, index, hoods, scale, rng, now, log, made):
    User = get_user_model()
    residents = list(
        Membership.objects.filter(ended_at__isnull=True).values_list("user_id", "neighbourhood_id")
    )
    by_hood: dict[int, list[int]] = {}
    for user_id, hood_id in residents:
        by_hood.setdefault(hood_id, []).append(user_id)
    # About a third of residents accept the city's messages by e-mail.
    CityMessagePreference.objects.bulk_create(
        [
            CityMessagePreference(user_id=u, opted_in=True)
            for u, _h in residents
            if rng.random() < 0.33
        ],
        batch_size=5000,
    )
    # A handful of replies to the newest messages.
    replies = []
    for pk, published in made[:15]:
        page = AnnouncementPage.objects.get(pk=pk)
        pool = (
            [u for u, _h in residents]
            if page.all_neighbourhoods
            else [u for n in page.neighbourhoods.all() for u in by_hood.get(n.pk, [])]
        )
        for _ in range(rng.randint(0, 4)):
            if pool:
                replies.append(
                    AnnouncementReply(
                        announcement_id=pk,
                        author_id=rng.choice(pool),
                        body=rng.choice(
                            [
                                "Merci pour l'information !",
                                "Quand les travaux finiront-ils ?",
                                "Le passage piéton de la rue de l'école est dangereux.",
                                "Super initiative, je participerai.",
                            ]
                        ),
                        created_at=published + timedelta(hours=rng.randint(1, 72)),
                    )
                )
    AnnouncementReply.objects.bulk_create(replies)

    centre = Neighbourhood.objects.filter(code="mons-centre").first() or hoods[0]
    events = [
        ("Atelier : le parc du Waux-Hall de demain", "workshop", 9, 12, [centre], False),
        (
            "Balade exploratoire à Jemappes",
            "event",
            16,
            30,
            list(Neighbourhood.objects.filter(code="jemappes")) or [hoods[1 % len(hoods)]],
            False,
        ),
        ("Atelier : budget participatif, vos idées", "workshop", 23, 40, [], True),
    ]
    demo_resident = User.objects.filter(email=RESIDENTS[0][0]).first()
    registrations = 0
    for title, kind, days, capacity, targets, everyone in events:
        starts = (now + timedelta(days=days)).replace(hour=18, minute=30, second=0, microsecond=0)
        page = EventPage(
            title=title,
            kind=kind,
            summary="Venez partager vos idées avec vos voisins et la Ville.",
            starts_at=starts,
            ends_at=starts + timedelta(hours=2),
            place="Maison de quartier",
            capacity=capacity,
            all_neighbourhoods=everyone,
        )
        page.neighbourhoods = targets
        index.add_child(instance=page)
        page.save_revision().publish()
        pool = (
            [u for u, _h in residents]
            if everyone
            else [u for n in targets for u in by_hood.get(n.pk, [])]
        )
        if demo_resident is not None and demo_resident.pk in pool:
            pool.remove(demo_resident.pk)
        # The first workshop is full, with a waitlist; the demo resident is on it.
        wanted = capacity + 5 if days == 9 else capacity // 2
        chosen = rng.sample(pool, min(wanted, len(pool)))
        rows = [
            EventRegistration(
                event=page,
                user_id=u,
                status="confirmed" if i < capacity else "waitlisted",
                created_at=now - timedelta(hours=len(chosen) - i),
            )
            for i, u in enumerate(chosen)
        ]
        if days == 9 and demo_resident is not None:
            rows.append(
                EventRegistration(
                    event=page, user=demo_resident, status="waitlisted", created_at=now
                )
            )
        EventRegistration.objects.bulk_create(rows)
        registrations += len(rows)
    log(
        f"  {len(events)} events ({registrations} sign-ups, one full with a waitlist), "
        f"{len(replies)} replies"
    )
