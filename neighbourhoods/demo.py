"""Mons, its 16 neighbourhoods, an address register, hubs and verified households."""

import math
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.utils import timezone
from wagtail.models import Locale, Page
from wagtail.rich_text import RichText

from demo.accounts import DEMO_PASSWORD, PENDING, RESIDENTS

from .models import (
    Address,
    Household,
    Membership,
    Neighbourhood,
    NeighbourhoodPage,
    normalise_street,
)

# (code, name, postcode, households in the area). The areas sum to ~41,000 households.
NEIGHBOURHOODS = [
    ("mons-centre", "Mons-Centre", "7000", 11200),
    ("jemappes", "Jemappes", "7012", 6400),
    ("cuesmes", "Cuesmes", "7033", 3800),
    ("flenu", "Flénu", "7012", 1900),
    ("ghlin", "Ghlin", "7011", 3600),
    ("hyon", "Hyon", "7022", 2700),
    ("nimy", "Nimy", "7020", 2800),
    ("maisieres", "Maisières", "7020", 900),
    ("havre", "Havré", "7021", 1600),
    ("obourg", "Obourg", "7034", 1150),
    ("saint-denis", "Saint-Denis", "7034", 400),
    ("saint-symphorien", "Saint-Symphorien", "7030", 1750),
    ("villers-saint-ghislain", "Villers-Saint-Ghislain", "7031", 700),
    ("spiennes", "Spiennes", "7032", 350),
    ("mesvin-ciply", "Mesvin-Ciply", "7024", 1050),
    ("harmignies-harveng", "Harmignies-Harveng", "7022", 800),
]
REGISTERED_HOUSEHOLDS = 4146  # at scale 1: 10% of the city's households

STREET_TYPES = ["Rue", "Avenue", "Chemin", "Place", "Chaussée", "Allée", "Sentier", "Boulevard"]
STREET_NAMES = [
    "de la Station",
    "des Écoles",
    "du Parc",
    "de l'Église",
    "du Moulin",
    "des Tilleuls",
    "Saint-Antoine",
    "de la Chapelle",
    "du Calvaire",
    "des Fleurs",
    "de la Gare",
    "des Prés",
    "du Centre",
    "de la Paix",
    "des Alliés",
    "Victor Hugo",
    "Émile Zola",
    "Jean Jaurès",
    "des Sorbiers",
    "du Bois",
    "des Peupliers",
    "de la Source",
    "du Marais",
    "des Carrières",
    "du Rivage",
    "des Houilleurs",
    "de la Fontaine",
    "des Vergers",
    "du Château",
    "des Champs",
    "de la Libération",
    "du Onze Novembre",
    "des Roses",
    "des Canadiens",
    "de Bertaimont",
    "d'Havré",
    "de Nimy",
    "du Joncquois",
    "des Arbalestriers",
    "de la Halle",
    "du Hautbois",
    "des Marcottes",
    "Léopold III",
    "Roi Albert",
    "Reine Astrid",
    "du Bon Pasteur",
    "des Lilas",
    "des Coquelicots",
    "de la Procession",
    "du Doudou",
    "Notre-Dame",
    "des Juifs",
    "de la Grande Triperie",
    "du Rossignol",
    "de l'Abbaye",
    "de la Cense",
    "du Tilleul",
    "des Bruyères",
    "de la Croix",
    "des Acacias",
    "du Petit Bois",
    "des Frênes",
    "Sainte-Waudru",
    "des Archers",
    "de la Poterie",
    "du Pont",
    "de la Sablière",
    "des Pinsons",
]
HUB_INTRO = {
    "fr": "Bienvenue sur la page du quartier {name}. Activités, entraide et nouvelles de la Ville.",
    "nl": "Welkom op de pagina van de wijk {name}. Activiteiten, burenhulp en nieuws van de Stad.",
    "en": "Welcome to the {name} neighbourhood page. Activities, neighbour help and city news.",
}


def _streets(rng):
    pool = [f"{kind} {name}" for kind in STREET_TYPES for name in STREET_NAMES]
    rng.shuffle(pool)
    return pool


def seed(*, scale, rng, log):
    now = timezone.now()
    neighbourhoods = Neighbourhood.objects.bulk_create(
        Neighbourhood(code=code, name=name, households_in_area=round(area * scale))
        for code, name, _postcode, area in NEIGHBOURHOODS
    )
    postcodes = {code: postcode for code, _n, postcode, _a in NEIGHBOURHOODS}

    # Address register: disjoint streets per neighbourhood; boxes make room at larger scales.
    pool = _streets(rng)
    per_hood = len(pool) // len(neighbourhoods)
    boxes = [""] if scale <= 1 else ["", *[str(i) for i in range(1, math.ceil(scale))]]
    addresses = []
    for index, hood in enumerate(neighbourhoods):
        streets = pool[index * per_hood : (index + 1) * per_hood]
        target, number = hood.households_in_area, 1
        while target > 0:
            for street in streets:
                for box in boxes:
                    if target <= 0:
                        break
                    addresses.append(
                        Address(
                            neighbourhood=hood,
                            street=street,
                            number=str(number),
                            box=box,
                            postcode=postcodes[hood.code],
                        )
                    )
                    target -= 1
            number += 1
    for address in addresses:  # bulk_create skips save(), which fills the lookup key
        address.street_key = normalise_street(address.street)
    Address.objects.bulk_create(addresses, batch_size=5000)
    log(f"  {len(neighbourhoods)} neighbourhoods, {len(addresses)} addresses")

    _seed_hubs(neighbourhoods)
    _seed_residents(neighbourhoods, scale=scale, rng=rng, now=now, log=log)


def _seed_hubs(neighbourhoods):
    home = Page.objects.get(depth=2).specific
    locales = {loc.language_code: loc for loc in Locale.objects.all()}
    for hood in neighbourhoods:
        hub = NeighbourhoodPage(
            title=hood.name,
            slug=hood.code,
            neighbourhood=hood,
            intro=RichText(f"<p>{HUB_INTRO['fr'].format(name=hood.name)}</p>").source,
            body=[
                ("heading", "Contact"),
                (
                    "contact",
                    {
                        "name": "Service Participation de la Ville de Mons",
                        "role": "Réseau de quartiers",
                        "email": "quartiers@mons.be",
                        "phone": "065 40 50 00",
                    },
                ),
            ],
        )
        home.add_child(instance=hub)
        hub.save_revision().publish()
    # Translations of the home page and hubs, for the Dutch and English sites.
    for code in ("nl", "en"):
        if code not in locales:
            continue
        home_tr = home.copy_for_translation(locales[code])
        home_tr.title = {"nl": "Bergen in wijken", "en": "Mons in neighbourhoods"}[code]
        home_tr.save_revision().publish()
        for hub in NeighbourhoodPage.objects.filter(locale=locales["fr"]):
            hub_tr = hub.copy_for_translation(locales[code])
            hub_tr.intro = f"<p>{HUB_INTRO[code].format(name=hub.neighbourhood.name)}</p>"
            hub_tr.save_revision().publish()


def _seed_residents(neighbourhoods, *, scale, rng, now, log):
    User = get_user_model()
    password = make_password(DEMO_PASSWORD)
    total = round(REGISTERED_HOUSEHOLDS * scale)
    # Penetration varies by neighbourhood (villages join more than the centre).
    weights = [h.households_in_area * rng.uniform(0.5, 1.6) for h in neighbourhoods]
    shares = [w / sum(weights) for w in weights]
    quota = [
        min(round(total * share), hood.households_in_area)
        for share, hood in zip(shares, neighbourhoods, strict=True)
    ]
    quota[0] += total - sum(quota)

    named = {code: [] for code in (r[2] for r in RESIDENTS)}
    for email, display, code, moderator in RESIDENTS:
        named[code].append((email, display, moderator))

    users, households, memberships = [], [], []
    serial = 0
    for hood, count in zip(neighbourhoods, quota, strict=True):
        address_ids = list(hood.addresses.values_list("id", flat=True))
        chosen = rng.sample(address_ids, count)
        specials = list(named.get(hood.code, []))
        for address_id in chosen:
            # Registrations grew over two years, faster recently.
            joined = now - timedelta(days=730 * (rng.random() ** 1.6), minutes=rng.randrange(1440))
            household = Household(address_id=address_id, neighbourhood=hood, created_at=joined)
            households.append(household)
            size = 1 if rng.random() < 0.7 else (2 if rng.random() < 0.85 else 3)
            for _ in range(size):
                if specials:
                    email, display, moderator = specials.pop(0)
                else:
                    serial += 1
                    email, display, moderator = f"habitant{serial}@demo.mons.be", "", False
                    display = f"{rng.choice(FIRST_NAMES)} {rng.choice(ALPHABET)}."
                user = User(
                    email=email,
                    password=password,
                    display_name=display,
                    email_confirmed_at=joined,
                    date_joined=joined,
                    language=rng.choices(["fr", "nl", "en"], [90, 5, 5])[0],
                )
                users.append(user)
                memberships.append((user, household, hood, moderator, joined))
    User.objects.bulk_create(users, batch_size=5000)
    Household.objects.bulk_create(households, batch_size=5000)
    Membership.objects.bulk_create(
        [
            Membership(
                user=user,
                household=household,
                neighbourhood=hood,
                is_moderator=moderator,
                joined_at=joined,
                method=Membership.Method.DEMO,
            )
            for user, household, hood, moderator, joined in memberships
        ],
        batch_size=5000,
    )
    # One person with an account but no verified address yet (the verification queue's demo).
    User.objects.create_user(
        email=PENDING[0],
        password=DEMO_PASSWORD,
        display_name=PENDING[1],
        email_confirmed_at=now,
    )
    log(f"  {len(households)} registered households, {len(users)} residents")


FIRST_NAMES = [
    "Marie",
    "Luc",
    "Sofia",
    "Jean",
    "Nadia",
    "Thomas",
    "Fatima",
    "Pierre",
    "Julie",
    "Mehdi",
    "Anne",
    "Karim",
    "Claire",
    "Louis",
    "Emma",
    "Hugo",
    "Léa",
    "Noah",
    "Chloé",
    "Ahmed",
    "Sarah",
    "Nathan",
    "Inès",
    "Lucas",
    "Camille",
    "Yasmine",
    "Arthur",
    "Elena",
    "Maxime",
    "Aya",
]
ALPHABET = "ABCDEFGHIJKLMNOPRSTVW"
