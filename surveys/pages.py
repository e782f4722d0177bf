"""SurveyPage: Wagtail's form builder, extended with survey question types, steps and conditions.

The page class stays thin: it composes Wagtail's `AbstractForm` and overrides its hooks
(`get_form_fields`, `serve`, `process_form_submission`, `render_landing_page`,
`serve_submissions_list_view`). Questions are parsed in `surveys.questions`, forms are built in
`surveys.forms`, writes happen in `surveys.services`.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.forms import WagtailAdminFormPageForm
from wagtail.contrib.forms.models import AbstractForm, AbstractFormField
from wagtail.fields import RichTextField
from wagtail.search import index

from neighbourhoods.targeting import NeighbourhoodTargeting, TargetingFormMixin

from .questions import QUESTION_TYPE_CHOICES, parse_questions, validate_questions


class SurveyField(AbstractFormField):
    """One question (or a step break) of a survey, edited inline on the page."""

    page = ParentalKey("surveys.SurveyPage", on_delete=models.CASCADE, related_name="survey_fields")
    field_type = models.CharField(
        verbose_name=_("question type"), max_length=16, choices=QUESTION_TYPE_CHOICES
    )
    field_type.required_on_save = True
    choices = models.TextField(
        verbose_name=_("options"),
        blank=True,
        help_text=_(
            "One option per line, for single choice, multiple choice, dropdown and ranking "
            "questions. Keep the same order in every language."
        ),
    )
    min_value = models.IntegerField(
        _("minimum"),
        null=True,
        blank=True,
        help_text=_(
            "Number and scale: the lowest value (scale default 1). Multiple choice: the fewest "
            "options to tick."
        ),
    )
    max_value = models.IntegerField(
        _("maximum"),
        null=True,
        blank=True,
        help_text=_(
            "Number and scale: the highest value (scale default 10). Multiple choice: the most "
            "options to tick."
        ),
    )
    low_label = models.CharField(
        _("label of the lowest value"),
        max_length=80,
        blank=True,
        help_text=_("Scale only, optional: what the lowest value means, e.g. Not at all."),
    )
    high_label = models.CharField(
        _("label of the highest value"),
        max_length=80,
        blank=True,
        help_text=_("Scale only, optional: what the highest value means, e.g. Completely."),
    )
    condition_question = models.CharField(
        _("show only if question"),
        max_length=255,
        blank=True,
        help_text=_("The label of an earlier question, in an earlier step."),
    )
    condition_value = models.CharField(
        _("has the answer"),
        max_length=255,
        blank=True,
        help_text=_("For example: Yes, or one of that question's options."),
    )

    panels = [
        FieldPanel("label"),
        FieldPanel("help_text"),
        FieldPanel("required"),
        FieldPanel("field_type", classname="formbuilder-type", required_on_save=True),
        FieldPanel("choices", classname="formbuilder-choices"),
        FieldRowPanel([FieldPanel("min_value"), FieldPanel("max_value")]),
        FieldRowPanel([FieldPanel("low_label"), FieldPanel("high_label")]),
        FieldRowPanel([FieldPanel("condition_question"), FieldPanel("condition_value")]),
    ]

    class Meta(AbstractFormField.Meta):
        verbose_name = _("question")
        verbose_name_plural = _("questions")


class SurveyPageForm(TargetingFormMixin, WagtailAdminFormPageForm):
    """Admin form: Wagtail's duplicate-name checks plus the survey's own rules."""

    def clean(self):
        cleaned = super().clean()
        opens, closes = cleaned.get("opens_at"), cleaned.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", _("The survey must close after it opens."))
        formset = self.formsets.get("survey_fields")
        if formset is None:
            return cleaned
        rows = []
        for form in formset.forms:
            data = getattr(form, "cleaned_data", None) or {}
            if not data or data.get("DELETE"):
                continue
            rows.append((data.get("ORDER") or 0, form, data))
        rows.sort(key=lambda row: row[0])
        for form, message in validate_questions([(form, data) for _o, form, data in rows]):
            form.add_error(None, message)
        if not any(data.get("field_type") != "step_break" for _o, _f, data in rows):
            raise ValidationError(_("Add at least one question."))
        return cleaned


class SurveyPage(NeighbourhoodTargeting, AbstractForm):
    class Audience(models.TextChoices):
        HOUSEHOLD = "household", _("One response per verified household")
        RESIDENT = "resident", _("One response per verified resident")
        OPEN = "open", _("Open to anyone (with anti-automation checks)")

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link", "ul"])
    thank_you_text = RichTextField(
        _("confirmation text"), blank=True, features=["bold", "italic", "link"]
    )
    who_may_answer = models.CharField(
        _("who may answer"), max_length=12, choices=Audience.choices, default=Audience.HOUSEHOLD
    )
    opens_at = models.DateTimeField(_("opens at"), null=True, blank=True)
    closes_at = models.DateTimeField(_("closes at"), null=True, blank=True)
    results_public = models.BooleanField(
        _("results public after closing"),
        default=False,
        help_text=_("Small numbers per neighbourhood (fewer than 5) are never shown publicly."),
    )

    base_form_class = SurveyPageForm
    content_panels = AbstractForm.content_panels + [
        FieldPanel("intro"),
        InlinePanel("survey_fields", heading=_("Questions"), label=_("a question")),
        FieldPanel("thank_you_text"),
        NeighbourhoodTargeting.targeting_panel(
            heading=_("Audience"), extra=[FieldPanel("who_may_answer")]
        ),
        MultiFieldPanel(
            [FieldPanel("opens_at"), FieldPanel("closes_at"), FieldPanel("results_public")],
            heading=_("Dates and results"),
        ),
    ]
    search_fields = AbstractForm.search_fields + [index.SearchField("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    template = "surveys/survey_page.html"
    landing_page_template = "surveys/survey_page_landing.html"
    preview_modes = [("form", _("Survey")), ("landing", _("Confirmation page"))]

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")

    # --- Wagtail form-builder hooks -------------------------------------------------------
    def get_form_fields(self):
        return self.survey_fields.all()

    def serve(self, request, *args, **kwargs):
        from .views import serve_survey

        return serve_survey(request, survey=self)

    def serve_preview(self, request, mode_name):
        if mode_name == "landing":
            return self.render_landing_page(request)
        from .forms import build_step_form

        context = self.get_context(request)
        context["preview_forms"] = [
            build_step_form(
                survey=self, step=index, earlier={}, prefix=str(index + 1), preview=True
            )
            for index in range(len(self.steps))
        ]
        return TemplateResponse(request, "surveys/survey_preview.html", context)

    def process_form_submission(self, form):
        """`form` is the review step, carrying every step's answers (see surveys.views)."""
        from .services import survey_response_submit

        return survey_response_submit(survey=self, user=form.user, answers=form.answers, ip=form.ip)

    def render_landing_page(self, request, form_submission=None, *args, **kwargs):
        context = self.get_context(request)
        context["response"] = form_submission
        return TemplateResponse(request, self.get_landing_page_template(request), context)

    def serve_submissions_list_view(self, request, *args, **kwargs):
        # Results live in the database tables, shown by our own admin view.
        return redirect(reverse("surveys_admin:results", args=[self.pk]))

    # --- Survey helpers -----------------------------------------------------------------------
    @cached_property
    def questions(self):
        return parse_questions(self.get_form_fields())

    @property
    def steps(self):
        count = max((q.step for q in self.questions), default=0) + 1
        return [[q for q in self.questions if q.step == i] for i in range(count)]

    def question(self, key):
        return next((q for q in self.questions if q.key == key), None)

    def is_open(self, now=None):
        now = now or timezone.now()
        return (self.opens_at is None or self.opens_at <= now) and (
            self.closes_at is None or now < self.closes_at
        )

    def is_closed(self, now=None):
        return self.closes_at is not None and (now or timezone.now()) >= self.closes_at

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["survey"] = self
        return context
