"""Survey questions as plain data: parsed from the page's form-builder rows, no database access.

Option keys are positions ("0", "1"…) or fixed words ("yes", "for"…), so answers given on the
French, Dutch and English pages aggregate together.
"""

from dataclasses import dataclass, field
from functools import cached_property

from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.contrib.forms.forms import _split_by_newline_or_comma
from wagtail.contrib.forms.utils import get_field_clean_name

SHORT_TEXT = "singleline"
LONG_TEXT = "multiline"
SINGLE_CHOICE = "radio"
MULTIPLE_CHOICE = "checkboxes"
DROPDOWN = "dropdown"
NUMBER = "number"
SCALE = "scale"
FOR_AGAINST = "for_against"
YES_NO = "yes_no"
DATE = "date"
RANKING = "ranking"
STEP_BREAK = "step_break"

QUESTION_TYPE_CHOICES = [
    (SHORT_TEXT, _("Short text")),
    (LONG_TEXT, _("Long text")),
    (SINGLE_CHOICE, _("Single choice")),
    (MULTIPLE_CHOICE, _("Multiple choice")),
    (DROPDOWN, _("Dropdown")),
    (NUMBER, pgettext_lazy("question type", "Number")),
    (SCALE, _("Scale (e.g. 1 to 10)")),
    (FOR_AGAINST, _("For / against")),
    (YES_NO, _("Yes / no")),
    (DATE, _("Date")),
    (RANKING, _("Ranking of options")),
    (STEP_BREAK, _("Step break (starts a new step)")),
]
TEXT_TYPES = {SHORT_TEXT, LONG_TEXT}
OPTION_TYPES = {SINGLE_CHOICE, MULTIPLE_CHOICE, DROPDOWN, RANKING}
CHOICE_TYPES = {SINGLE_CHOICE, MULTIPLE_CHOICE, DROPDOWN, SCALE, FOR_AGAINST, YES_NO}
MULTI_ROW_TYPES = {MULTIPLE_CHOICE, RANKING}

FIXED_OPTIONS = {
    YES_NO: [("yes", _("Yes")), ("no", _("No"))],
    FOR_AGAINST: [("for", _("For")), ("against", _("Against")), ("neutral", _("No opinion"))],
}
# Words an editor may type as a condition value, in any of our languages.
SYNONYMS = {
    "yes": {"yes", "oui", "ja"},
    "no": {"no", "non", "nee", "neen"},
    "for": {"for", "pour", "voor"},
    "against": {"against", "contre", "tegen"},
    "neutral": {"neutral", "no opinion", "sans avis", "geen mening"},
}
SCALE_DEFAULT = (1, 10)
MAX_OPTIONS = 30


def _norm(value) -> str:
    return slugify(str(value)) or str(value).strip().lower()


@dataclass
class Question:
    key: str
    label: str
    type: str
    step: int
    required: bool = False
    help_text: str = ""
    options: list = field(default_factory=list)  # [(key, label)]
    min_value: int | None = None
    max_value: int | None = None
    condition_key: str = ""
    condition_values: frozenset = frozenset()

    @cached_property
    def option_labels(self) -> dict:
        return dict(self.options)

    def label_for(self, key) -> str:
        return str(self.option_labels.get(str(key), key))

    def is_shown(self, answers: dict) -> bool:
        """Shown when it has no condition, or the earlier answer matches."""
        if not self.condition_key:
            return True
        value = answers.get(self.condition_key)
        if value in (None, "", [], {}):
            return False
        values = value if isinstance(value, list | tuple | set) else [value]
        return any(_norm(v) in self.condition_values for v in values)


def _options(row) -> list:
    if row.field_type in FIXED_OPTIONS:
        return list(FIXED_OPTIONS[row.field_type])
    if row.field_type == SCALE:
        low, high = scale_bounds(row.min_value, row.max_value)
        # The ends may say what they mean ("1 – Not at all" … "10 – Completely").
        ends = {low: getattr(row, "low_label", ""), high: getattr(row, "high_label", "")}
        return [
            (str(v), f"{v} – {ends[v]}" if ends.get(v) else str(v)) for v in range(low, high + 1)
        ]
    if row.field_type in OPTION_TYPES and (row.choices or "").strip():
        labels = [c for c in _split_by_newline_or_comma(row.choices) if c][:MAX_OPTIONS]
        return [(str(i), label) for i, label in enumerate(labels)]
    return []


def scale_bounds(low, high):
    low = SCALE_DEFAULT[0] if low is None else low
    high = SCALE_DEFAULT[1] if high is None else high
    return low, high


def _condition_values(target: "Question", raw: str) -> frozenset:
    """The normalised option keys (or values) that satisfy a condition typed by an editor."""
    wanted = _norm(raw)
    accepted = {wanted}
    for key, label in target.options:
        if wanted in {_norm(label), _norm(key)} or wanted in SYNONYMS.get(key, set()):
            accepted.add(_norm(key))
    return frozenset(accepted)


def parse_questions(rows) -> list[Question]:
    questions: list[Question] = []
    by_name: dict[str, Question] = {}
    step = 0
    for row in rows:
        if row.field_type == STEP_BREAK:
            if questions and questions[-1].step == step:
                step += 1
            continue
        key = row.clean_name or row.get_field_clean_name()
        low, high = row.min_value, row.max_value
        if row.field_type == SCALE:
            low, high = scale_bounds(low, high)
        question = Question(
            key=key,
            label=row.label,
            type=row.field_type,
            step=step,
            required=row.required,
            help_text=row.help_text,
            options=_options(row),
            min_value=low,
            max_value=high,
        )
        if row.condition_question:
            target = by_name.get(get_field_clean_name(row.condition_question)) or by_name.get(
                row.condition_question
            )
            if target is not None:
                question.condition_key = target.key
                question.condition_values = _condition_values(target, row.condition_value)
        questions.append(question)
        by_name[key] = question
    return questions


def validate_questions(rows):
    """Admin checks on (form, cleaned_data) rows in page order. Yields (form, message)."""
    seen: dict[str, int] = {}  # clean name -> step
    step, has_question_in_step = 0, False
    for form, data in rows:
        kind = data.get("field_type")
        if kind == STEP_BREAK:
            if has_question_in_step:
                step, has_question_in_step = step + 1, False
            continue
        has_question_in_step = True
        low, high = data.get("min_value"), data.get("max_value")
        if low is not None and high is not None and low > high:
            yield form, _("The minimum must not be above the maximum.")
        if (
            kind in OPTION_TYPES
            and len([c for c in _split_by_newline_or_comma(data.get("choices") or "") if c]) < 2
        ):
            yield form, _("Give at least two options, one per line.")
        if kind == SCALE:
            low, high = scale_bounds(low, high)
            if high - low > 20 or high <= low:
                yield form, _("A scale has between 2 and 21 points.")
        condition = (data.get("condition_question") or "").strip()
        if condition:
            name = get_field_clean_name(condition)
            target_step = seen.get(name, seen.get(condition))
            if target_step is None:
                yield form, _("“Show only if question” must be the label of an earlier question.")
            elif target_step >= step:
                yield (
                    form,
                    _(
                        "A condition must refer to a question in an earlier step, so the answer is "
                        "known before this question is shown. Add a step break between them."
                    ),
                )
            elif not (data.get("condition_value") or "").strip():
                yield form, _("Give the answer that shows this question.")
        label = data.get("label") or ""
        seen[form.instance.clean_name or get_field_clean_name(label)] = step
