"""Staff results: participation, per-question aggregates with charts, free text, exports."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.text import slugify
from django.utils.translation import gettext as _

from audit.services import audit_count_rows, audit_record
from neighbourhoods import exports
from neighbourhoods.staff_admin import staff_view

from .models import SurveyPage
from .permissions import can_view_results
from .selectors import (
    response_counts,
    survey_export_header,
    survey_export_rows,
    survey_participation,
    survey_question_results,
    survey_text_answers,
    surveys_for_staff,
)


@staff_view(can_view_results)
def index(request):
    surveys = surveys_for_staff()
    counts = response_counts(survey_keys=[s.translation_key for s in surveys])
    rows = [(survey, counts.get(survey.translation_key, 0)) for survey in surveys]
    return TemplateResponse(request, "surveys/admin/index.html", {"rows": rows})


@staff_view(can_view_results)
def results(request, page_id):
    survey = get_object_or_404(SurveyPage, pk=page_id)
    participation = survey_participation(survey=survey)
    return TemplateResponse(
        request,
        "surveys/admin/results.html",
        {
            "survey": survey,
            "participation": participation,
            "results": survey_question_results(
                survey=survey, total_responses=participation.responses
            ),
            "text_url_name": "surveys_admin:text_answers",
            "public": False,
        },
    )


@staff_view(can_view_results)
def text_answers(request, page_id, question):
    survey = get_object_or_404(SurveyPage, pk=page_id)
    item = survey.question(question)
    if item is None:
        raise Http404
    search = request.GET.get("q", "").strip()[:200]
    paginator = Paginator(
        survey_text_answers(survey=survey, question_key=question, search=search), 50
    )
    page_obj = paginator.get_page(request.GET.get("page"))
    return TemplateResponse(
        request,
        "surveys/admin/text_answers.html",
        {
            "survey": survey,
            "question": item,
            "page_obj": page_obj,
            "search": search,
        },
    )


def _filename(survey, extension):
    return f"{slugify(survey.title)[:60] or 'survey'}-{survey.pk}.{extension}"


def _export_rows(survey, audit_entry):
    """The header, then the responses; the audit entry counts the responses only."""
    yield survey_export_header(survey=survey)
    yield from audit_count_rows(audit_entry, survey_export_rows(survey=survey))


@staff_view(can_view_results)
def export_csv(request, page_id):
    """Streams row by row: memory stays flat whatever the number of responses."""
    survey = get_object_or_404(SurveyPage, pk=page_id)
    entry = audit_record(
        actor=request.user,
        action="surveys.export_csv",
        target=f"survey {survey.pk} · {survey.title}",
    )
    return exports.csv_response(_export_rows(survey, entry), filename=_filename(survey, "csv"))


@staff_view(can_view_results)
def export_xlsx(request, page_id):
    """openpyxl's write-only workbook writes rows to disk as they come; the file is then sent."""
    survey = get_object_or_404(SurveyPage, pk=page_id)
    entry = audit_record(
        actor=request.user,
        action="surveys.export_xlsx",
        target=f"survey {survey.pk} · {survey.title}",
    )
    return exports.xlsx_response(
        [(_("Responses"), _export_rows(survey, entry))],
        filename=_filename(survey, "xlsx"),
    )
