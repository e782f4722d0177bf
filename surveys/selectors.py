"""Every read of the surveys app worth a name. Results are GROUP BY queries in the database."""

from dataclasses import dataclass, field

from django.db.models import Count, ExpressionWrapper, F, FloatField, Max, Min, Q, Sum, Value
from django.db.models.functions import NullIf
from django.utils import timezone

from neighbourhoods.languages import in_reader_language
from neighbourhoods.selectors import active_membership, neighbourhoods_with_counts
from neighbourhoods.targeting import targeted_to

from . import questions as q
from .models import Answer, SurveyPage, SurveyResponse

SMALL_COUNT = 5  # fewer responses than this per neighbourhood are never shown publicly


def survey_previous_response(*, survey, user):
    """The response that stops `user` from answering again (theirs or their household's)."""
    if user is None or not user.is_authenticated:
        return None
    responses = SurveyResponse.objects.filter(survey_key=survey.translation_key)
    if survey.who_may_answer == SurveyPage.Audience.RESIDENT:
        return responses.filter(user=user).only("submitted_at").first()
    if survey.who_may_answer == SurveyPage.Audience.HOUSEHOLD:
        membership = active_membership(user=user)
        if membership is None:
            return None
        return responses.filter(household_id=membership.household_id).only("submitted_at").first()
    return None


def open_surveys_for(*, neighbourhood, locale=None, limit=5):
    """Live, open surveys aimed at `neighbourhood`, in `locale` (default: the active one)."""
    now = timezone.now()
    surveys = SurveyPage.objects.live()
    surveys = surveys.filter(locale=locale) if locale else in_reader_language(surveys)
    return (
        targeted_to(surveys, neighbourhood)
        .filter(Q(opens_at__isnull=True) | Q(opens_at__lte=now))
        .filter(Q(closes_at__isnull=True) | Q(closes_at__gt=now))
        .order_by("-first_published_at")[:limit]
    )


def surveys_for_staff():
    """Every survey once (one page per translation_key, the French one first), newest first."""
    pages = SurveyPage.objects.select_related("locale").order_by("-first_published_at", "-id")
    seen, surveys = set(), []
    for page in sorted(pages, key=lambda p: p.locale.language_code != "fr"):
        if page.translation_key not in seen:
            seen.add(page.translation_key)
            surveys.append(page)
    return sorted(surveys, key=lambda p: -p.pk)


def response_counts(*, survey_keys):
    rows = (
        SurveyResponse.objects.filter(survey_key__in=list(survey_keys))
        .values("survey_key")
        .annotate(n=Count("id"))
    )
    return {row["survey_key"]: row["n"] for row in rows}


@dataclass
class NeighbourhoodParticipation:
    name: str
    registered: int
    responses: int

    @property
    def share(self):
        return (100 * self.responses / self.registered) if self.registered else None

    @property
    def suppressed(self):
        return 0 < self.responses < SMALL_COUNT


@dataclass
class Participation:
    rows: list
    responses: int
    registered: int
    outside: int = 0  # responses from people without a targeted neighbourhood (open surveys)

    @property
    def share(self):
        return (100 * self.responses / self.registered) if self.registered else None


def survey_participation(*, survey) -> Participation:
    """Responses overall and per neighbourhood, as a share of registered households."""
    hoods = neighbourhoods_with_counts()
    if not survey.all_neighbourhoods:
        hoods = hoods.filter(pk__in=[n.pk for n in survey.neighbourhoods.all()])
    counts = {
        row["neighbourhood"]: row["n"]
        for row in SurveyResponse.objects.filter(survey_key=survey.translation_key)
        .values("neighbourhood")
        .annotate(n=Count("id"))
    }
    rows = [
        NeighbourhoodParticipation(h.name, h.registered_households, counts.pop(h.pk, 0))
        for h in hoods
    ]
    in_targets = sum(r.responses for r in rows)
    return Participation(
        rows=rows,
        responses=in_targets + sum(counts.values()),
        registered=sum(r.registered for r in rows),
        outside=sum(counts.values()),
    )


@dataclass
class Bar:
    key: str
    label: str
    count: int
    mean: float | None = None
    percent: float = 0.0


@dataclass
class QuestionResult:
    question: q.Question
    answered: int = 0
    mean: float | None = None
    minimum: float | None = None
    maximum: float | None = None
    bars: list = field(default_factory=list)

    @property
    def is_text(self):
        return self.question.type in q.TEXT_TYPES

    @property
    def chart_height(self):
        return 28 * len(self.bars) + 4


def survey_question_results(*, survey, total_responses: int) -> list[QuestionResult]:
    """Per-question counts, means and distributions: three GROUP BY queries for the survey."""
    key = survey.translation_key
    questions = survey.questions
    # One pass over the survey's answers: (question, choice) groups. Checkbox rows carry in
    # `number` how many options that response ticked, so SUM(1/number) counts respondents
    # without a COUNT(DISTINCT); every ranking response ranks every option.
    per_question: dict[str, dict] = {}
    distribution: dict[str, dict] = {}
    groups = (
        Answer.objects.filter(survey_key=key)
        .values("question", "choice")
        .annotate(
            n=Count("id"),
            total=Sum("number"),
            low=Min("number"),
            high=Max("number"),
            respondents=Sum(
                ExpressionWrapper(
                    Value(1.0) / NullIf(F("number"), Value(0.0)), output_field=FloatField()
                )
            ),
        )
        .order_by()
    )
    for row in groups:
        stats = per_question.setdefault(
            row["question"],
            {"rows": 0, "total": 0.0, "counted": 0, "low": None, "high": None, "respondents": 0.0},
        )
        stats["rows"] += row["n"]
        if row["total"] is not None:
            stats["total"] += row["total"]
            stats["counted"] += row["n"]
            stats["low"] = row["low"] if stats["low"] is None else min(stats["low"], row["low"])
            stats["high"] = (
                row["high"] if stats["high"] is None else max(stats["high"], row["high"])
            )
        stats["respondents"] += row["respondents"] or 0.0
        if row["choice"]:
            row["mean"] = row["total"] / row["n"] if row["total"] is not None else None
            distribution.setdefault(row["question"], {})[row["choice"]] = row
    results = []
    for question in questions:
        stats = per_question.get(question.key, {})
        result = QuestionResult(question=question)
        result.answered = stats.get("rows", 0)
        if question.type == q.MULTIPLE_CHOICE:
            result.answered = round(stats.get("respondents", 0))
        elif question.type == q.RANKING:
            result.answered = result.answered // max(len(question.options), 1)
        if question.type in (q.NUMBER, q.SCALE) and stats.get("counted"):
            result.mean = stats["total"] / stats["counted"]
            result.minimum, result.maximum = stats["low"], stats["high"]
        counts = distribution.get(question.key, {})
        base = result.answered or 1
        for option_key, label in question.options:
            row = counts.get(option_key, {})
            n = row.get("n", 0)
            result.bars.append(
                Bar(
                    key=option_key,
                    label=str(label),
                    count=n,
                    mean=row.get("mean") if question.type == q.RANKING else None,
                    percent=100 * n / base if result.answered else 0.0,
                )
            )
        if question.type == q.RANKING:
            result.bars.sort(key=lambda bar: (bar.mean is None, bar.mean or 0))
        results.append(result)
    return results


def survey_text_answers(*, survey, question_key, search=""):
    answers = Answer.objects.filter(
        survey_key=survey.translation_key, question=question_key
    ).exclude(text="")
    if search:
        answers = answers.filter(text__icontains=search)
    return answers.select_related("response__neighbourhood").order_by("-id")


def survey_export_header(*, survey) -> list[str]:
    from django.utils.translation import gettext as _

    # Column names in the staff member's language, like the rest of the admin.
    return [
        _("Response"),
        _("Submitted at"),
        _("Neighbourhood"),
        _("Language"),
        *[question.label for question in survey.questions],
    ]


def survey_export_rows(*, survey, batch_size=2000):
    """Yields one list per response, in constant memory: keyset batches of responses."""
    questions = survey.questions
    position = {question.key: i for i, question in enumerate(questions)}
    by_key = {question.key: question for question in questions}
    responses = SurveyResponse.objects.filter(survey_key=survey.translation_key)
    last_id = 0
    while True:
        batch = list(
            responses.filter(id__gt=last_id)
            .order_by("id")
            .values_list("id", "submitted_at", "neighbourhood__name", "language")[:batch_size]
        )
        if not batch:
            return
        last_id = batch[-1][0]
        cells = {row[0]: [[] for _ in questions] for row in batch}
        for response_id, question, choice, number, text, day in (
            Answer.objects.filter(response_id__in=list(cells))
            .order_by("id")
            .values_list("response_id", "question", "choice", "number", "text", "date")
        ):
            index = position.get(question)
            if index is None:
                continue
            item = by_key[question]
            if item.type in q.TEXT_TYPES:
                value = text
            elif item.type == q.RANKING:
                value = f"{int(number)}. {item.label_for(choice)}"
            elif item.type == q.NUMBER:
                value = f"{number:g}"
            elif item.type == q.DATE:
                value = day.isoformat() if day else ""
            elif item.type == q.SCALE:
                value = choice
            else:
                value = item.label_for(choice)
            cells[response_id][index].append(value)
        for response_id, submitted_at, hood, language in batch:
            yield [
                response_id,
                timezone.localtime(submitted_at).strftime("%Y-%m-%d %H:%M"),
                hood or "",
                language,
                *["; ".join(sorted(v) if len(v) > 1 else v) for v in cells[response_id]],
            ]
