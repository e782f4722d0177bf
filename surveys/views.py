"""Answering a survey: a django-formtools session wizard mounted by SurveyPage.serve().

Steps "1".."N" are built from the page; the last step, "review", shows every answer before
sending. formtools re-validates every step before `done()`; on top of that, a posted step
number may only point back (never forward), so a forged step number can't skip validation.
"""

import time

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from formtools.wizard.views import SessionWizardView

from accounts.throttle import client_ip

from .forms import ReviewForm, StepForm, build_step_form
from .models import SurveyPage
from .permissions import answer_refusal
from .selectors import SMALL_COUNT, survey_participation, survey_question_results
from .services import SurveyRefused

REVIEW = "review"


class SurveyWizard(SessionWizardView):
    survey: SurveyPage = None
    template_name = "surveys/survey_step.html"

    @classmethod
    def for_survey(cls, survey):
        steps = [(str(i + 1), StepForm) for i in range(len(survey.steps))]
        return cls.as_view(form_list=[*steps, (REVIEW, ReviewForm)], survey=survey)

    def get_prefix(self, request, *args, **kwargs):
        # One session slot per survey, shared by its translations: resume in another language.
        return f"survey_{self.survey.translation_key.hex}"

    # --- forms ----------------------------------------------------------------------------
    def answers_before(self, step) -> dict:
        answers = {}
        for key in self.get_form_list():
            if key in (step, REVIEW):
                break
            answers.update(self.get_cleaned_data_for_step(key) or {})
        return answers

    def get_form(self, step=None, data=None, files=None):
        step = step or self.steps.current
        if step == REVIEW:
            return ReviewForm(
                data=data,
                prefix=REVIEW,
                page=self.survey,
                user=self.request.user,
                started_at=self.storage.extra_data.get("started_at"),
                anti_automation=self.survey.who_may_answer == SurveyPage.Audience.OPEN,
            )
        if step not in self.get_form_list():
            raise Http404
        return build_step_form(
            survey=self.survey,
            step=int(step) - 1,
            earlier=self.answers_before(step),
            prefix=step,
            data=data,
        )

    def _index(self, step):
        keys = list(self.get_form_list())
        return keys.index(step) if step in keys else None

    # --- requests -------------------------------------------------------------------------
    def get(self, request, *args, **kwargs):
        """Resume where the resident left off in this session (formtools would restart)."""
        if self.storage.current_step is None or self._index(self.storage.current_step) is None:
            self.storage.reset()
            self.storage.current_step = self.steps.first
        if "started_at" not in self.storage.extra_data:
            self.storage.extra_data = {**self.storage.extra_data, "started_at": time.time()}
        step = self.steps.current
        data = self.storage.get_step_data(step)
        return self.render(self.get_form(step, data=data if step != REVIEW else None))

    def post(self, *args, **kwargs):
        reached = self._index(self.storage.current_step)
        if reached is None:  # session expired or never started: begin again
            return self.get(self.request)
        post = self.request.POST.copy()
        goto = post.get("wizard_goto_step")
        if goto is not None and (self._index(goto) is None or self._index(goto) > reached):
            post.pop("wizard_goto_step")  # forward jumps are not allowed
        posted = post.get(f"{self.prefix}-current_step")
        if self._index(posted) is None or self._index(posted) > reached:
            post[f"{self.prefix}-current_step"] = self.storage.current_step
        self.request.POST = post
        return super().post(*args, **kwargs)

    def render_goto_step(self, goto_step, **kwargs):
        # Going back keeps what was typed on this step, even if not yet valid.
        current = self.steps.current
        if current != REVIEW:
            self.storage.set_step_data(
                current, self.process_step(self.get_form(current, data=self.request.POST))
            )
        return super().render_goto_step(goto_step, **kwargs)

    def render_done(self, form, **kwargs):
        final = {}
        for key in self.get_form_list():
            data = self.storage.get_step_data(key) if key != REVIEW else self.request.POST
            form_obj = self.get_form(step=key, data=data)
            if not form_obj.is_valid():
                return self.render_revalidation_failure(key, form_obj, **kwargs)
            final[key] = form_obj
        return self.done(list(final.values()), form_dict=final, **kwargs)

    def done(self, form_list, form_dict=None, **kwargs):
        review = form_dict[REVIEW]
        review.answers = self.all_answers()
        review.ip = client_ip(self.request)
        try:
            response = self.survey.process_form_submission(review)
        except SurveyRefused as refused:
            self.storage.reset()
            return refusal_response(self.request, self.survey, refused.refusal)
        self.storage.reset()
        return self.survey.render_landing_page(self.request, response)

    def all_answers(self) -> dict:
        answers = {}
        for key in self.get_form_list():
            if key != REVIEW:
                answers.update(self.get_cleaned_data_for_step(key) or {})
        return answers

    # --- template -----------------------------------------------------------------------------
    def get_context_data(self, form, **kwargs):
        context = super().get_context_data(form=form, **kwargs)
        context.update(self.survey.get_context(self.request))
        context["step_number"] = self.steps.step1
        context["step_count"] = self.steps.count
        context["is_review"] = self.steps.current == REVIEW
        if self.steps.current == REVIEW:
            context["summary"] = self.summary()
        return context

    def summary(self):
        """[(step key, [(question, display value)])] of what will be sent."""
        answers = self.all_answers()
        sections = []
        for index, questions in enumerate(self.survey.steps):
            rows = []
            for question in questions:
                if not question.is_shown(answers):
                    continue
                rows.append((question, display_answer(question, answers.get(question.key))))
            sections.append((str(index + 1), rows))
        return sections


def display_answer(question, value) -> str:
    from django.utils.formats import date_format

    from . import questions as q

    if value in (None, "", [], {}):
        return ""
    if question.type == q.MULTIPLE_CHOICE:
        return ", ".join(question.label_for(v) for v in value)
    if question.type == q.RANKING:
        ordered = sorted(value.items(), key=lambda item: item[1])
        return ", ".join(f"{rank}. {question.label_for(key)}" for key, rank in ordered)
    if question.type == q.DATE:
        return date_format(value, "DATE_FORMAT")
    if question.options:
        return question.label_for(value)
    return str(value)


def refusal_response(request, survey, refusal):
    context = survey.get_context(request)
    context["refusal"] = refusal
    return TemplateResponse(request, "surveys/survey_refused.html", context, status=refusal.status)


def serve_survey(request, *, survey):
    refusal = answer_refusal(user=request.user, survey=survey)
    if refusal is not None:
        return refusal_response(request, survey, refusal)
    return SurveyWizard.for_survey(survey)(request)


def public_results(request, page_id):
    """Results for everyone, once the survey is closed and if it says so. Small counts hidden."""
    survey = get_object_or_404(SurveyPage.objects.live(), pk=page_id)
    if not (survey.results_public and survey.is_closed()):
        raise Http404
    participation = survey_participation(survey=survey)
    enough = participation.responses >= SMALL_COUNT
    context = survey.get_context(request)
    context.update(
        {
            "participation": participation,
            "enough": enough,
            "results": survey_question_results(
                survey=survey, total_responses=participation.responses
            )
            if enough
            else [],
            "public": True,
        }
    )
    return TemplateResponse(request, "surveys/public_results.html", context)
