"""One money format per language, in Python, in templates and on the budget pages."""

from decimal import Decimal
from fractions import Fraction

import pytest
from django.template import Context, Template
from django.utils import translation

from portal.money import money

NB = "\u00a0"


@pytest.mark.parametrize(
    "language, whole, cents",
    [
        ("fr", f"2{NB}500{NB}€", f"2{NB}500,50{NB}€"),
        ("nl", f"€{NB}2.500", f"€{NB}2.500,50"),
        ("en", "€2,500", "€2,500.50"),
    ],
)
def test_one_format_per_language(language, whole, cents):
    assert money(2500, language) == whole
    assert money(Decimal("2500.00"), language) == whole  # never "2500.00 EUR"
    assert money(Decimal("2500.5"), language) == cents
    assert money(Fraction(5001, 2), language) == cents
    with translation.override(language):
        rendered = Template("{% load portal_format %}{{ amount|money }}").render(
            Context({"amount": 2500})
        )
    assert rendered == whole


def test_large_and_negative_amounts():
    assert money(200_000, "fr") == f"200{NB}000{NB}€"
    assert money(-1500, "en") == "-€1,500"
    assert money(None) == ""
