"""The seed's "needs of your neighbourhood" survey (closed, with responses) and an open one."""

from datetime import timedelta

from django.utils import timezone
from wagtail.models import Locale, Page

from neighbourhoods.models import Household

from .models import Answer, SurveyField, SurveyPage, SurveyResponse

RESPONSES_AT_SCALE_1 = 877

OPTIONS_TRANSPORT = "Voiture\nBus\nVélo\nÀ pied\nTrain"
NEEDS = [
    # (label, type, options, min, max, required)
    ("Depuis combien d'années habitez-vous le quartier ?", "number", "", 0, 100, True),
    (
        "Quel est votre principal moyen de déplacement ?",
        "radio",
        OPTIONS_TRANSPORT,
        None,
        None,
        True,
    ),
    ("Utilisez-vous le vélo dans le quartier ?", "yes_no", "", None, None, True),
    ("Satisfaction des transports en commun (1 à 10)", "scale", "", 1, 10, True),
    ("step", "step_break", "", None, None, False),
    (
        "Qu'est-ce qui rendrait le vélo plus sûr ?",
        "checkboxes",
        "Pistes cyclables séparées\nÉclairage\nParkings vélo\nVoitures plus lentes",
        1,
        2,
        False,
    ),
    ("Vous sentez-vous en sécurité le soir dans le quartier ?", "scale", "", 1, 10, True),
    (
        "Quels lieux vous semblent peu sûrs ?",
        "checkboxes",
        "Gare\nParcs\nParkings\nRues mal éclairées\nArrêts de bus",
        0,
        3,
        False,
    ),
    ("Êtes-vous pour une zone 30 dans tout le quartier ?", "for_against", "", None, None, True),
    ("Faut-il plus de caméras de surveillance ?", "for_against", "", None, None, False),
    ("Qu'est-ce qui améliorerait la sécurité ?", "multiline", "", None, None, False),
    ("step", "step_break", "", None, None, False),
    ("Satisfaction de la propreté des rues (1 à 10)", "scale", "", 1, 10, True),
    (
        "Classez ces priorités pour le cadre de vie",
        "ranking",
        "Espaces verts\nPropreté\nBruit\nStationnement",
        None,
        None,
        True,
    ),
    (
        "Quel équipement manque le plus ?",
        "dropdown",
        "Aire de jeux\nSalle de quartier\nTerrain de sport\nPotager collectif\nBancs",
        None,
        None,
        True,
    ),
    ("Fréquentez-vous les parcs du quartier ?", "yes_no", "", None, None, True),
    ("step", "step_break", "", None, None, False),
    ("Participez-vous à la vie associative ?", "yes_no", "", None, None, True),
    (
        "Quelles activités aimeriez-vous ?",
        "checkboxes",
        "Fête des voisins\nBrocante\nAteliers\nSport\nRepair café",
        0,
        5,
        False,
    ),
    ("Combien de personnes vivent dans votre logement ?", "number", "", 1, 15, False),
    (
        "Tranche d'âge",
        "radio",
        "Moins de 25 ans\n25-44 ans\n45-64 ans\n65 ans et plus",
        None,
        None,
        False,
    ),
    ("Quand êtes-vous arrivé·e dans votre logement ?", "date", "", None, None, False),
    ("Une idée pour votre quartier ?", "singleline", "", None, None, False),
    ("D'autres remarques ?", "multiline", "", None, None, False),
]
IDEAS = [
    "Plus de bancs le long de la rue",
    "Un marché le dimanche",
    "Des bacs à fleurs",
    "Réparer les trottoirs",
    "Plus de poubelles publiques",
    "Un ralentisseur devant l'école",
    "Une boîte à livres",
    "Des arbres sur la place",
    "Un potager partagé",
    "Moins de bruit la nuit",
]
REMARKS = [
    "Merci pour cette enquête.",
    "Le quartier s'est amélioré ces dernières années.",
    "Les bus ne passent pas assez souvent le soir.",
    "Le stationnement est difficile.",
    "Il faudrait plus d'activités pour les jeunes.",
    "Les rues sont sales après le marché.",
]
OPEN_SURVEY = [
    ("Les rues de votre quartier sont-elles propres ?", "scale", "", 1, 10, True),
    ("Avez-vous déjà signalé un dépôt sauvage ?", "yes_no", "", None, None, True),
    ("step", "step_break", "", None, None, False),
    (
        "Comment l'avez-vous signalé ?",
        "radio",
        "Téléphone\nApplication\nE-mail\nAu guichet",
        None,
        None,
        True,
    ),
    (
        "Quels espaces verts voudriez-vous voir ?",
        "checkboxes",
        "Parc\nPotager\nPrairie fleurie\nArbres en rue",
        1,
        2,
        True,
    ),
    ("step", "step_break", "", None, None, False),
    ("Une suggestion ?", "multiline", "", None, None, False),
]
OPEN_TITLES = {"nl": "Netheid en groen in uw wijk", "en": "Cleanliness and green spaces"}


def _make(home, *, title, slug, rows, conditions=None, **kwargs):
    kwargs.setdefault("all_neighbourhoods", True)  # the demo surveys ask the whole city
    page = SurveyPage(title=title, slug=slug, **kwargs)
    for index, (label, kind, options, low, high, required) in enumerate(rows):
        question, value = (conditions or {}).get(label, ("", ""))
        page.survey_fields.add(
            SurveyField(
                condition_question=question,
                condition_value=value,
                sort_order=index,
                label=label if kind != "step_break" else f"— {index} —",
                field_type=kind,
                choices=options,
                min_value=low,
                max_value=high,
                required=required,
            )
        )
    home.add_child(instance=page)
    page.save_revision().publish()
    return SurveyPage.objects.get(pk=page.pk)


def seed(*, scale, rng, log):
    now = timezone.now()
    home = Page.objects.get(depth=2, locale__language_code="fr").specific
    needs = _make(
        home,
        title="Les besoins de votre quartier",
        slug="besoins-de-votre-quartier",
        rows=NEEDS,
        conditions={
            "Qu'est-ce qui rendrait le vélo plus sûr ?": (
                "Utilisez-vous le vélo dans le quartier ?",
                "Oui",
            ),
        },
        intro="<p>Mobilité, sécurité, cadre de vie : dites-nous ce dont votre quartier a "
        "besoin.</p>",
        opens_at=now - timedelta(days=75),
        closes_at=now - timedelta(days=15),
        results_public=True,
    )
    count = _seed_responses(needs, scale=scale, rng=rng, now=now)
    registered = Household.objects.filter(memberships__ended_at__isnull=True).distinct().count()
    log(
        f"  survey “{needs.title}”: {count} responses "
        f"({100 * count / max(registered, 1):.0f}% of {registered} registered households)"
    )

    open_survey = _make(
        home,
        title="Propreté et espaces verts",
        slug="proprete-et-espaces-verts",
        rows=OPEN_SURVEY,
        conditions={
            "Comment l'avez-vous signalé ?": ("Avez-vous déjà signalé un dépôt sauvage ?", "Oui"),
        },
        intro="<p>Aidez-nous à garder votre quartier propre et vert.</p>",
        opens_at=now - timedelta(days=2),
        closes_at=now + timedelta(days=30),
        results_public=True,
    )
    for code, title in OPEN_TITLES.items():
        locale = Locale.objects.filter(language_code=code).first()
        if locale is None:
            continue
        translated = open_survey.copy_for_translation(locale, copy_parents=True)
        translated.title = title
        translated.save_revision().publish()
    log(f"  open survey “{open_survey.title}” (fr, nl, en)")


def _seed_responses(survey, *, scale, rng, now):
    households = list(
        Household.objects.filter(memberships__ended_at__isnull=True)
        .distinct()
        .values_list("id", "neighbourhood_id")
    )
    target = min(round(RESPONSES_AT_SCALE_1 * scale), len(households))
    chosen = rng.sample(households, target)
    start = survey.opens_at
    span = (survey.closes_at - start).total_seconds()
    responses = SurveyResponse.objects.bulk_create(
        [
            SurveyResponse(
                survey=survey,
                survey_key=survey.translation_key,
                household_id=household_id,
                neighbourhood_id=hood_id,
                language=rng.choices(["fr", "nl", "en"], [92, 4, 4])[0],
                submitted_at=(start + timedelta(seconds=span * rng.random() ** 2)).replace(
                    minute=0, second=0, microsecond=0
                ),
            )
            for household_id, hood_id in chosen
        ],
        batch_size=2000,
    )
    answers = []
    key = survey.translation_key
    for response in responses:
        answers.extend(_answers(survey.questions, response, key, rng))
    Answer.objects.bulk_create(answers, batch_size=5000)
    return len(responses)


def _answers(questions, response, key, rng):
    rows, given = [], {}
    for question in questions:
        if not question.is_shown(given):
            continue
        if not question.required and rng.random() < 0.25:
            continue
        base = {"response": response, "survey_key": key, "question": question.key}
        kind = question.type
        if kind in ("radio", "dropdown", "yes_no", "for_against"):
            weights = [
                len(question.options) - i + rng.random() * 2 for i in range(len(question.options))
            ]
            choice = rng.choices([k for k, _l in question.options], weights)[0]
            given[question.key] = choice
            rows.append(Answer(**base, choice=choice))
        elif kind == "scale":
            value = max(1, min(10, round(rng.gauss(6.2, 2))))
            rows.append(Answer(**base, choice=str(value), number=value))
        elif kind == "checkboxes":
            keys = [k for k, _l in question.options]
            picks = rng.sample(
                keys,
                rng.randint(
                    max(question.min_value or 1, 1), min(question.max_value or 2, len(keys))
                ),
            )
            rows.extend(Answer(**base, choice=pick, number=len(picks)) for pick in picks)
        elif kind == "ranking":
            keys = [k for k, _l in question.options]
            rng.shuffle(keys)
            rows.extend(Answer(**base, choice=k, number=i + 1) for i, k in enumerate(keys))
        elif kind == "number":
            low, high = question.min_value or 0, question.max_value or 100
            rows.append(Answer(**base, number=rng.randint(low, min(high, low + 30))))
        elif kind == "date":
            rows.append(
                Answer(
                    **base,
                    date=(response.submitted_at - timedelta(days=rng.randint(100, 9000))).date(),
                )
            )
        elif kind == "singleline":
            rows.append(Answer(**base, text=rng.choice(IDEAS)))
        elif kind == "multiline" and rng.random() < 0.5:
            rows.append(Answer(**base, text=rng.choice(REMARKS)))
    return rows
