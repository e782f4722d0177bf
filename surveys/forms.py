"""Forms residents fill in: one Django form per step, built from the page's questions.

Only the questions shown (conditions met by earlier steps' answers) are in a step's form, so
validation ignores hidden questions and the server alone decides what is shown.
"""

import time
from decimal import Decimal

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.contrib.forms.forms import BaseForm, FormBuilder

from . import questions as q

TEXT_MAX = 5000


class SurveyFormBuilder(FormBuilder):
    """Wagtail's builder, extended with the survey question types (keys are language-neutral)."""

    def create_singleline_field(self, field, options):
        return forms.CharField(max_length=255, **options)

    def create_multiline_field(self, field, options):
        return forms.CharField(
            widget=forms.Textarea(attrs={"rows": 6}), max_length=TEXT_MAX, **options
        )

    def create_radio_field(self, field, options):
        return forms.ChoiceField(choices=field.options, widget=forms.RadioSelect, **options)

    def create_dropdown_field(self, field, options):
        return forms.ChoiceField(choices=[("", _("Choose…")), *field.options], **options)

    def create_checkboxes_field(self, field, options):
        return forms.MultipleChoiceField(
            choices=field.options, widget=forms.CheckboxSelectMultiple, **options
        )

    def create_number_field(self, field, options):
        validators = []
        if field.min_value is not None:
            validators.append(MinValueValidator(Decimal(field.min_value)))
        if field.max_value is not None:
            validators.append(MaxValueValidator(Decimal(field.max_value)))
        return forms.DecimalField(max_digits=14, decimal_places=4, validators=validators, **options)

    def create_scale_field(self, field, options):
        return forms.TypedChoiceField(
            choices=field.options,
            coerce=int,
            widget=forms.RadioSelect(attrs={"class": "scale"}),
            **options,
        )

    create_for_against_field = create_radio_field
    create_yes_no_field = create_radio_field

    def create_date_field(self, field, options):
        return forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), **options)

    def get_field_options(self, field):
        return {"label": field.label, "help_text": field.help_text, "required": field.required}


class StepForm(BaseForm):
    """One step. `questions` are the shown questions of this step; ranking questions are
    expanded into one labelled select per option and gathered back in clean()."""

    questions: list = []

    def clean(self):
        cleaned = super().clean()
        for question in self.questions:
            if question.type == q.MULTIPLE_CHOICE:
                chosen = cleaned.get(question.key) or []
                low, high = question.min_value, question.max_value
                if chosen and low is not None and len(chosen) < low:
                    self.add_error(
                        question.key,
                        ngettext(
                            "Choose at least %(n)d option.", "Choose at least %(n)d options.", low
                        )
                        % {"n": low},
                    )
                if high is not None and len(chosen) > high:
                    self.add_error(
                        question.key,
                        ngettext(
                            "Choose at most %(n)d option.", "Choose at most %(n)d options.", high
                        )
                        % {"n": high},
                    )
            elif question.type == q.RANKING:
                ranks = {}
                for key, _label in question.options:
                    value = cleaned.pop(ranking_name(question, key), None)
                    if value:
                        ranks[key] = int(value)
                if not ranks and not question.required:
                    continue
                if len(ranks) != len(question.options) or len(set(ranks.values())) != len(ranks):
                    self.add_error(
                        ranking_name(question, question.options[0][0]),
                        _("Give each option a different rank, from 1 to %(n)d.")
                        % {"n": len(question.options)},
                    )
                    continue
                cleaned[question.key] = ranks
        return cleaned

    def grouped(self):
        """(question, [bound fields]) in order, for the template."""
        groups = []
        for question in self.questions:
            if question.type == q.RANKING:
                names = [ranking_name(question, key) for key, _l in question.options]
            else:
                names = [question.key]
            groups.append((question, [self[name] for name in names]))
        return groups


def ranking_name(question, option_key) -> str:
    return f"{question.key}__rank_{option_key}"


def build_step_form(*, survey, step, earlier, prefix, data=None, preview=False):
    """The form for step `step` (0-based), given the answers of earlier steps."""
    shown = [question for question in survey.steps[step] if preview or question.is_shown(earlier)]
    builder = SurveyFormBuilder(shown)
    attrs = {"questions": shown}
    for question in shown:
        if question.type == q.RANKING:
            positions = [("", "—")] + [
                (str(i), str(i)) for i in range(1, len(question.options) + 1)
            ]
            for key, label in question.options:
                attrs[ranking_name(question, key)] = forms.ChoiceField(
                    label=label,
                    choices=positions,
                    required=question.required,
                )
            continue
        create = builder.get_create_field_function(question.type)
        attrs[question.key] = create(question, builder.get_field_options(question))
    form_class = type("SurveyStepForm", (StepForm,), attrs)
    return form_class(data=data, prefix=prefix, page=survey)


class ReviewForm(BaseForm):
    """The last step: the resident checks the answers and sends them.

    For surveys open to anyone it carries the anti-automation checks: a honeypot field people
    never see, and a minimum time between opening the survey and sending it.
    """

    MIN_SECONDS = 4

    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args, started_at=None, anti_automation=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.started_at = started_at
        self.anti_automation = anti_automation
        if not anti_automation:
            del self.fields["website"]

    def clean(self):
        cleaned = super().clean()
        if self.anti_automation:
            if cleaned.get("website"):
                raise forms.ValidationError(
                    _("Your answers could not be sent. Please try again."), code="honeypot"
                )
            if self.started_at is None or time.time() - self.started_at < self.MIN_SECONDS:
                raise forms.ValidationError(
                    _("That was very quick. Please check your answers, then send them again."),
                    code="too_fast",
                )
        return cleaned
