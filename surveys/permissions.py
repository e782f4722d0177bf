"""Who may answer a survey, and who may see its results."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from neighbourhoods.selectors import active_membership

RESULTS_PERMISSION = "surveys.view_surveyresponse"


@dataclass(frozen=True)
class Refusal:
    code: str
    message: str
    status: int = 200


def can_view_results(user) -> bool:
    return bool(user.is_authenticated and user.has_perm(RESULTS_PERMISSION))


def answer_refusal(*, user, survey, now=None):
    """Why `user` may not answer `survey` right now, or None. Checks no previous response."""
    from .selectors import survey_previous_response

    if survey.opens_at and not survey.is_open(now) and not survey.is_closed(now):
        return Refusal("not_open", _("This survey is not open yet."))
    if survey.is_closed(now):
        return Refusal("closed", _("This survey is closed."))
    if survey.who_may_answer == survey.Audience.OPEN:
        return None
    if not user.is_authenticated:
        return Refusal("login", _("Log in to answer this survey."), 200)
    membership = active_membership(user=user)
    if membership is None:
        return Refusal(
            "not_verified",
            _("This survey is for verified residents. Verify your address to answer it."),
        )
    if not survey.targets(neighbourhood_id=membership.neighbourhood_id):
        return Refusal(
            "not_targeted",
            _("This survey is for residents of other neighbourhoods than yours."),
            403,
        )
    previous = survey_previous_response(survey=survey, user=user)
    if previous is not None:
        return already_answered_refusal(survey=survey, submitted_at=previous.submitted_at)
    return None


def already_answered_refusal(*, survey, submitted_at):
    from django.utils.formats import date_format
    from django.utils.timezone import localtime

    day = date_format(localtime(submitted_at), "DATE_FORMAT") if submitted_at else ""
    if survey.who_may_answer == survey.Audience.RESIDENT:
        message = _("You already answered this survey on %(date)s. Thank you!")
    else:
        message = _("Someone in your household already answered this survey on %(date)s.")
    return Refusal("already_answered", message % {"date": day})
