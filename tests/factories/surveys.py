from datetime import timedelta

from django.utils import timezone
from wagtail.models import Page

from surveys.models import SurveyField, SurveyPage

# A 3-step survey with a conditional question (shown only to people who cycle).
THREE_STEPS = [
    {"label": "Do you cycle in town?", "field_type": "yes_no", "required": True},
    {
        "label": "What is your main way to get around?",
        "field_type": "radio",
        "required": True,
        "choices": "Car\nBus\nBike\nOn foot",
    },
    {"label": "break-1", "field_type": "step_break"},
    {
        "label": "What would make cycling safer?",
        "field_type": "checkboxes",
        "required": True,
        "choices": "Bike lanes\nLighting\nParking\nSlower cars",
        "min_value": 1,
        "max_value": 2,
        "condition_question": "Do you cycle in town?",
        "condition_value": "Yes",
    },
    {
        "label": "How safe do you feel at night?",
        "field_type": "scale",
        "required": True,
        "min_value": 1,
        "max_value": 10,
    },
    {"label": "break-2", "field_type": "step_break"},
    {
        "label": "How many people live in your home?",
        "field_type": "number",
        "required": False,
        "min_value": 1,
        "max_value": 20,
    },
    {"label": "Anything else?", "field_type": "multiline", "required": False},
]


def survey_page(
    *, questions=None, title="Besoins du quartier", neighbourhoods=(), publish=True, **kwargs
):
    home = Page.objects.get(depth=2).specific
    now = timezone.now()
    kwargs.setdefault("opens_at", now - timedelta(days=1))
    kwargs.setdefault("closes_at", now + timedelta(days=30))
    kwargs.setdefault("all_neighbourhoods", not neighbourhoods)
    page = SurveyPage(
        title=title, slug=kwargs.pop("slug", None) or f"enquete-{Page.objects.count()}", **kwargs
    )
    for index, spec in enumerate(questions if questions is not None else THREE_STEPS):
        page.survey_fields.add(SurveyField(sort_order=index, **spec))
    if neighbourhoods:
        page.neighbourhoods.set(list(neighbourhoods))
    home.add_child(instance=page)
    if publish:
        page.save_revision().publish()
    return SurveyPage.objects.get(pk=page.pk)


def step_names(survey):
    """{question label: form field name} for posting the wizard."""
    return {question.label: question.key for question in survey.questions}
