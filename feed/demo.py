"""Demo feed: at scale 1, 5,774 posts and 29,640 reactions over six months (the city's volumes).

Posts go to neighbourhoods in proportion to their registered households (a random household,
then one of its members, writes each post); reactions come from members of the same
neighbourhood. Deterministic from `rng`; bulk inserts only.
"""

from collections import defaultdict
from datetime import timedelta
from html import escape

from django.utils import timezone

from neighbourhoods.models import Membership

from .models import Category, Post, Reaction, Report, Status, Thanks

POSTS = 5774
REACTIONS = 29640
DAYS = 182
BATCH = 2000

CATEGORY_WEIGHTS = [
    (Category.QUESTION, 26),
    (Category.LENDING, 22),
    (Category.ACTIVITY, 18),
    (Category.HELP, 13),
    (Category.LOST_FOUND, 11),
    (Category.IDEA, 10),
]

THINGS = [
    "une échelle",
    "une perceuse",
    "un taille-haie",
    "une remorque",
    "un diable",
    "une tondeuse",
    "un nettoyeur haute pression",
    "une scie sauteuse",
    "des tréteaux",
    "une poussette",
    "un siège auto",
    "une raclette pour huit",
    "des chaises pliantes",
    "un barnum",
]
PLACES = [
    "la Grand-Place",
    "le parc du Waux-Hall",
    "la plaine de jeux",
    "la salle paroissiale",
    "la maison de quartier",
    "l'école communale",
    "le local des scouts",
    "le square",
    "la bibliothèque",
    "l'arrêt de bus",
    "la boulangerie",
    "le terrain de foot",
]
ANIMALS = ["un chat tigré", "un chat noir", "un petit chien blanc", "une perruche", "un lapin"]
OBJECTS = [
    "un trousseau de clés",
    "un doudou lapin",
    "une paire de lunettes",
    "un portefeuille brun",
    "un vélo d'enfant",
    "une écharpe rouge",
    "un téléphone",
    "une carte d'identité",
]
DAYS_FR = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]

TEMPLATES = {
    Category.QUESTION: [
        (
            "Un bon plombier dans le quartier ?",
            "Bonjour à tous,\nNotre chauffe-eau fait des siennes. Quelqu'un aurait-il un plombier "
            "sérieux à recommander près de {place} ?\nMerci d'avance !",
        ),
        (
            "Collecte des encombrants",
            "Quelqu'un sait-il quand passe la prochaine collecte des encombrants dans notre rue ? "
            "Je ne trouve pas l'info sur le site de la Ville.",
        ),
        (
            "Travaux rue {street}",
            "Quelqu'un sait combien de temps vont durer les travaux rue {street} ? "
            "Le bus ne passe plus depuis {day}.",
        ),
        (
            "Médecin de garde",
            "Petite question : qui appelez-vous pour le médecin de garde le week-end ? "
            "On vient d'arriver dans le quartier.",
        ),
        (
            "Babysitter pour {day} soir",
            "Nous cherchons une personne de confiance pour garder nos deux enfants {day} soir. "
            "Des recommandations ?",
        ),
    ],
    Category.LENDING: [
        (
            "Je prête {thing}",
            "J'ai {thing} qui ne sert pas souvent. Si quelqu'un en a besoin, je la prête "
            "volontiers, il suffit de passer la chercher.",
        ),
        (
            "Qui peut me prêter {thing} ?",
            "Bonjour, j'aurais besoin de {thing} pour ce week-end. Je la rends lundi, promis, "
            "et en bon état !",
        ),
        (
            "Boîte à livres près de {place}",
            "Nous avons rempli la boîte à livres près de {place} : romans, BD et livres pour "
            "enfants. Servez-vous et n'hésitez pas à en déposer.",
        ),
        (
            "Donne plants de tomates",
            "Trop de plants de tomates cette année ! J'en donne une dizaine, à venir chercher "
            "{day} après 17 h.",
        ),
        (
            "Graines et boutures",
            "Je lance un petit échange de graines et de boutures. Qui est partant ? "
            "On pourrait se retrouver devant {place}.",
        ),
    ],
    Category.ACTIVITY: [
        (
            "Apéro de rue {day}",
            "Comme chaque année, apéro de rue {day} à partir de 18 h. Chacun apporte quelque "
            "chose à partager. Bienvenue à tous les voisins !",
        ),
        (
            "Balade à vélo dimanche",
            "Petite balade à vélo tranquille dimanche matin, départ 10 h devant {place}. "
            "Environ 20 km, adaptée aux enfants.",
        ),
        (
            "Atelier réparation",
            "Repair café à {place} {day} de 14 h à 17 h : petits appareils, vélos, vêtements. "
            "Venez avec vos objets cassés !",
        ),
        (
            "Nettoyage du quartier",
            "On organise un ramassage des déchets {day} matin. Gants et sacs fournis, "
            "rendez-vous à {place} à 9 h 30.",
        ),
        (
            "Pétanque au square",
            "Quelques voisins jouent à la pétanque au square le {day} en fin de journée. "
            "Débutants bienvenus, on a des boules en plus.",
        ),
    ],
    Category.HELP: [
        (
            "Besoin d'aide pour des courses",
            "Je sors d'une opération et ne peux pas porter de charges pendant trois semaines. "
            "Quelqu'un pourrait-il m'aider pour les courses le {day} ?",
        ),
        (
            "Aide pour un déménagement",
            "Nous déménageons {day} (on reste dans le quartier !). Deux bras en plus pendant "
            "une heure seraient les bienvenus. Boissons et pizza offertes.",
        ),
        (
            "Accompagner une voisine âgée",
            "Ma voisine de 86 ans aimerait aller au marché le {day}. Quelqu'un aurait une "
            "heure pour l'accompagner ?",
        ),
        (
            "Aide aux devoirs",
            "Mon fils a des difficultés en mathématiques (2e secondaire). Un étudiant ou un "
            "retraité du quartier serait-il disponible ?",
        ),
    ],
    Category.LOST_FOUND: [
        (
            "Perdu : {animal}",
            "Nous avons perdu {animal} près de {place} {day}. Il répond au nom de Caramel. "
            "Merci de nous prévenir si vous le voyez !",
        ),
        (
            "Trouvé : {object}",
            "J'ai trouvé {object} près de {place} ce {day}. Décrivez-le-moi et je vous le rends.",
        ),
        (
            "Perdu : {object}",
            "J'ai perdu {object} entre {place} et la rue {street}. Si quelqu'un l'a trouvé, "
            "merci de me contacter ici.",
        ),
    ],
    Category.IDEA: [
        (
            "Un potager partagé ?",
            "Et si on créait un potager partagé sur le terrain vague près de {place} ? "
            "Qui serait intéressé ? On pourrait en parler à la Ville.",
        ),
        (
            "Plus de bancs près de {place}",
            "Les personnes âgées aimeraient pouvoir se reposer près de {place}. "
            "Proposons ensemble quelques bancs au budget participatif !",
        ),
        (
            "Rue scolaire",
            "Idée : fermer la rue de l'école aux voitures à 8 h et 15 h 30. Qu'en pensez-vous ?",
        ),
        (
            "Fresque sur le mur du parking",
            "Le mur du parking est tout gris. Une fresque avec les enfants du quartier, "
            "ça vous dirait ?",
        ),
    ],
}

REACTION_TEXTS = [
    "Merci pour l'info !",
    "Super idée, je suis partante.",
    "Je peux vous aider {day}.",
    "Je vous envoie un message.",
    "Bonne idée, comptez sur nous !",
    "On en parlait justement avec les voisins.",
    "Je connais quelqu'un, je vous donne son numéro.",
    "Je passe la chercher {day} si c'est toujours d'accord.",
    "Merci beaucoup, c'est adorable.",
    "Je l'ai vu près de {place} hier soir !",
    "Nous serons là avec les enfants.",
    "Très bonne initiative 👍",
    "Je peux prêter la mienne aussi.",
    "Retrouvé ? Tant mieux !",
    "Je suis disponible le {day} après-midi.",
    "Pareil chez nous, c'est pénible.",
]
STREETS = ["de la Station", "des Écoles", "du Parc", "de la Gare", "des Tilleuls", "du Moulin"]


def _fill(text, rng):
    return text.format(
        thing=rng.choice(THINGS),
        place=rng.choice(PLACES),
        animal=rng.choice(ANIMALS),
        object=rng.choice(OBJECTS),
        day=rng.choice(DAYS_FR),
        street=rng.choice(STREETS),
    )


def _html(text):
    paragraphs = [escape(p).replace("\n", "<br>") for p in text.split("\n\n")]
    return "".join(f"<p>{p}</p>" for p in paragraphs)


def seed(*, scale, rng, log):
    now = timezone.now()
    start = now - timedelta(days=DAYS)
    rows = (
        Membership.objects.filter(ended_at__isnull=True)
        .order_by("id")
        .values_list("user_id", "household_id", "neighbourhood_id")
    )
    households = defaultdict(list)  # household -> [(user, neighbourhood)]
    members_by_hood = defaultdict(list)
    for user_id, household_id, hood_id in rows:
        households[household_id].append((user_id, hood_id))
        members_by_hood[hood_id].append(user_id)
    if not households:
        log("  feed: no members, no posts")
        return
    household_ids = list(households)
    n_posts, n_reactions = round(POSTS * scale), round(REACTIONS * scale)
    categories = [c for c, _w in CATEGORY_WEIGHTS]
    weights = [w for _c, w in CATEGORY_WEIGHTS]

    posts = []
    for _ in range(n_posts):
        household_id = rng.choice(household_ids)  # proportional to registered households
        author_id, hood_id = rng.choice(households[household_id])
        category = rng.choices(categories, weights)[0]
        title, body = rng.choice(TEMPLATES[category])
        # More activity recently: skew towards "now".
        created = start + timedelta(seconds=DAYS * 86400 * (rng.random() ** 0.8))
        posts.append(
            Post(
                neighbourhood_id=hood_id,
                household_id=household_id,
                author_id=author_id,
                category=category,
                title=_fill(title, rng)[:120],
                body=_html(_fill(body, rng)),
                created_at=created,
            )
        )
    # Reactions: some posts are popular, most get a few.
    popularity = [rng.paretovariate(1.6) for _ in posts]
    targets = rng.choices(range(len(posts)), popularity, k=n_reactions)
    per_post = defaultdict(int)
    for index in targets:
        per_post[index] += 1
    for index, count in per_post.items():
        posts[index].reaction_count = count

    thanks_pairs = set()
    for index, post in enumerate(posts):
        if rng.random() < 0.45:
            pool = members_by_hood[post.neighbourhood_id]
            for user_id in rng.sample(pool, min(len(pool), rng.randint(1, 6))):
                if user_id != post.author_id:
                    thanks_pairs.add((index, user_id))
    for index, _user in thanks_pairs:
        posts[index].thanks_count += 1

    Post.objects.bulk_create(posts, batch_size=BATCH)
    log(f"  {len(posts)} posts")

    reactions = []
    for index in targets:
        post = posts[index]
        elapsed = max((now - post.created_at).total_seconds(), 60)
        reactions.append(
            Reaction(
                post_id=post.pk,
                neighbourhood_id=post.neighbourhood_id,
                author_id=rng.choice(members_by_hood[post.neighbourhood_id]),
                body=_html(_fill(rng.choice(REACTION_TEXTS), rng)),
                created_at=post.created_at
                + timedelta(seconds=min(elapsed - 1, 86400 * 3 * rng.random() ** 2)),
            )
        )
        if len(reactions) >= BATCH * 5:
            Reaction.objects.bulk_create(reactions, batch_size=BATCH)
            reactions = []
    Reaction.objects.bulk_create(reactions, batch_size=BATCH)
    Thanks.objects.bulk_create(
        [
            Thanks(post_id=posts[i].pk, user_id=u, created_at=posts[i].created_at)
            for i, u in thanks_pairs
        ],
        batch_size=BATCH,
    )
    # A few reports, one post hidden waiting for its moderators.
    reports, reported = [], rng.sample(range(len(posts)), max(1, round(12 * scale)))
    for rank, index in enumerate(reported):
        post = posts[index]
        pool = [u for u in members_by_hood[post.neighbourhood_id] if u != post.author_id]
        count = 3 if rank == 0 else 1
        for user_id in rng.sample(pool, min(count, len(pool))):
            reports.append(
                Report(
                    post_id=post.pk,
                    reporter_id=user_id,
                    reason=Report.Reason.OFF_TOPIC,
                    created_at=now - timedelta(hours=rng.randint(1, 72)),
                )
            )
        post.report_count = min(count, len(pool))
        post.status = Status.HIDDEN if rank == 0 else Status.VISIBLE
    Report.objects.bulk_create(reports, batch_size=BATCH)
    Post.objects.bulk_update([posts[i] for i in reported], ["report_count", "status"])
    log(f"  {n_reactions} reactions, {len(thanks_pairs)} thanks, {len(reports)} reports")
