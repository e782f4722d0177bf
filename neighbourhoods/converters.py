"""The one path converter for database ids: `<id:pk>` in every urls.py.

`<int:...>` takes any number of digits: a 30-digit id reached the database layer and answered
OverflowError (a 500). This converter only matches what a BigAutoField can hold, so anything
larger is simply no match: a 404.
"""

from django import forms
from django.urls import register_converter

MAX_ID = 2**63 - 1


class IdConverter:
    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if number > MAX_ID:
            raise ValueError("id out of range")  # the resolver treats this as no match
        return number

    def to_url(self, value) -> str:
        return str(int(value))


def is_id(value) -> bool:
    """Whether a submitted value can be a database id (digits, within the BigAutoField range)."""
    text = str(value).strip()
    return text.isdigit() and int(text) <= MAX_ID


def id_or_none(value):
    """A query-string id (a staff filter) as an int, or None for anything that cannot be one."""
    return int(str(value).strip()) if value and is_id(value) else None


class IdsChoiceField(forms.ModelMultipleChoiceField):
    """ModelMultipleChoiceField that refuses out-of-range ids before its `pk__in` query (which,
    unlike an exact lookup, reaches the database driver with a number it cannot hold)."""

    def _check_values(self, value):
        for pk in value:
            if not is_id(pk):
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": str(pk)[:20]},
                )
        return super()._check_values(value)


def register() -> None:
    register_converter(IdConverter, "id")
