"""A scale question may say what its ends mean; the labels are shown with the end values."""

import pytest

from surveys.pages import SurveyField
from surveys.questions import parse_questions

pytestmark = pytest.mark.django_db


def test_scale_ends_are_labelled():
    row = SurveyField(
        label="Propreté",
        field_type="scale",
        min_value=1,
        max_value=10,
        low_label="Pas du tout",
        high_label="Très propre",
        clean_name="proprete",
    )
    (question,) = parse_questions([row])
    labels = [label for _key, label in question.options]
    assert labels[0] == "1 – Pas du tout"
    assert labels[-1] == "10 – Très propre"
    assert labels[1:-1] == [str(n) for n in range(2, 10)]


def test_scale_without_labels_is_plain_numbers():
    row = SurveyField(label="Note", field_type="scale", clean_name="note")
    (question,) = parse_questions([row])
    assert [label for _key, label in question.options] == [str(n) for n in range(1, 11)]
