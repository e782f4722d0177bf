"""One money format per language: "2 500 €" (fr), "€ 2.500" (nl), "€2,500" (en).

Whole euros show no decimals; other amounts show two. Spaces are non-breaking, so an amount
never wraps between its figures and its sign.
"""

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.utils.translation import get_language

NBSP = "\u00a0"
# language: (thousands separator, decimal mark, pattern)
_FORMATS = {
    "fr": (NBSP, ",", "{sign}{number}" + NBSP + "€"),
    "nl": (".", ",", "€" + NBSP + "{sign}{number}"),
    "en": (",", ".", "{sign}€{number}"),
}


def money(amount, language: str | None = None) -> str:
    if amount is None or amount == "":
        return ""
    if isinstance(amount, Fraction):
        amount = Decimal(amount.numerator) / Decimal(amount.denominator)
    value = Decimal(str(amount)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    code = (language or get_language() or "fr")[:2]
    thousands, decimal_mark, pattern = _FORMATS.get(code, _FORMATS["fr"])
    whole = value == value.to_integral_value()
    digits = f"{abs(value):,.0f}" if whole else f"{abs(value):,.2f}"
    integer, _dot, fraction = digits.partition(".")
    number = integer.replace(",", thousands) + (decimal_mark + fraction if fraction else "")
    return pattern.format(sign="-" if value < 0 else "", number=number)
