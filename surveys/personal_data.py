"""Surveys' part of "download my data" and "delete my account"."""

from django.utils.translation import gettext_lazy as _

from neighbourhoods.registry import PersonalData

from .models import Answer, SurveyResponse


def export(*, user):
    from privacy.serialize import rows, section

    items = []
    for response in SurveyResponse.objects.filter(user=user).select_related("survey"):
        items.append(
            {
                "survey": response.survey.title,
                "submitted_at": response.submitted_at.isoformat(),
                "answers": rows(
                    Answer.objects.filter(response=response),
                    "question",
                    "choice",
                    "number",
                    "text",
                    "date",
                ),
            }
        )
    return section(_("Survey answers linked to you"), items)


def erase(*, user):
    SurveyResponse.objects.filter(user=user).update(user=None)


ENTRY = PersonalData(
    app="surveys",
    order=20,
    export=export,
    erase=erase,
    anonymised=(_("your survey answers: they stay in the results but lose every link to you"),),
)
