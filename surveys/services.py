"""Every write of the surveys app."""

from datetime import date
from decimal import Decimal

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import timezone

from neighbourhoods.selectors import active_membership
from portal.errors import ServiceRefusal

from . import questions as q
from .models import Answer, SurveyResponse
from .permissions import Refusal, already_answered_refusal, answer_refusal

OPEN_SURVEY_PER_IP = {"limit": 20, "window_seconds": 3600}


class SurveyRefused(ServiceRefusal):
    """The response was not stored; `refusal.message` says why, in the resident's words."""

    def __init__(self, refusal: Refusal):
        super().__init__(refusal.message)
        self.refusal = refusal


def _answer_rows(*, survey, answers: dict) -> list[Answer]:
    rows = []
    key = survey.translation_key
    for question in survey.questions:
        if not question.is_shown(answers):
            continue
        value = answers.get(question.key)
        if value in (None, "", [], {}):
            continue
        row = {"survey_key": key, "question": question.key}
        if question.type in q.TEXT_TYPES:
            rows.append(Answer(**row, text=str(value)))
        elif question.type == q.MULTIPLE_CHOICE:
            # `number` = how many options this response ticked (see selectors).
            rows.extend(Answer(**row, choice=str(choice), number=len(value)) for choice in value)
        elif question.type == q.RANKING:
            rows.extend(
                Answer(**row, choice=str(choice), number=int(rank))
                for choice, rank in value.items()
            )
        elif question.type == q.SCALE:
            rows.append(Answer(**row, choice=str(value), number=int(value)))
        elif question.type == q.NUMBER:
            rows.append(Answer(**row, number=float(Decimal(value))))
        elif question.type == q.DATE and isinstance(value, date):
            rows.append(Answer(**row, date=value))
        else:
            rows.append(Answer(**row, choice=str(value)))
    return rows


def _throttle_ip(ip: str) -> bool:
    """True when this IP already sent too many responses to open surveys in the window."""
    if not ip:
        return False
    key = f"surveys:open:{ip}"
    cache.add(key, 0, OPEN_SURVEY_PER_IP["window_seconds"])
    try:
        count = cache.incr(key)
    except ValueError:
        cache.set(key, 1, OPEN_SURVEY_PER_IP["window_seconds"])
        count = 1
    return count > OPEN_SURVEY_PER_IP["limit"]


def survey_response_submit(*, survey, user, answers: dict, ip: str = "") -> SurveyResponse:
    """Store one response and its answers, all or nothing.

    One per household (or resident) is a database constraint on the page's translation_key; a
    concurrent or repeated response gets a SurveyRefused with the date of the first one.
    """
    from django.utils.translation import get_language
    from django.utils.translation import gettext_lazy as _

    refusal = answer_refusal(user=user, survey=survey)
    if refusal is not None:
        raise SurveyRefused(refusal)
    membership = active_membership(user=user) if user is not None else None
    mode = survey.who_may_answer
    if mode == survey.Audience.OPEN and _throttle_ip(ip):
        raise SurveyRefused(
            Refusal(
                "throttled", _("Too many responses from your connection. Try again later."), 429
            )
        )
    rows = _answer_rows(survey=survey, answers=answers)
    now = timezone.now()
    response = SurveyResponse(
        survey=survey,
        survey_key=survey.translation_key,
        household=membership.household
        if membership and mode == survey.Audience.HOUSEHOLD
        else None,
        user=user if mode == survey.Audience.RESIDENT else None,
        neighbourhood=membership.neighbourhood if membership else None,
        language=(get_language() or "")[:8],
        submitted_at=now.replace(minute=0, second=0, microsecond=0),
    )
    try:
        with transaction.atomic():
            response.save()
            for row in rows:
                row.response = response
            Answer.objects.bulk_create(rows, batch_size=500)
    except IntegrityError:
        from .selectors import survey_previous_response

        previous = survey_previous_response(survey=survey, user=user)
        raise SurveyRefused(
            already_answered_refusal(
                survey=survey, submitted_at=previous.submitted_at if previous else now
            )
        )
    return response
