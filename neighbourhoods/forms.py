from django import forms
from django.utils.translation import gettext_lazy as _


class AddressFields(forms.Form):
    """An address as every form asks for it: the same labels, autocomplete and postcode check
    for finding a hub, using a letter code or requesting a letter."""

    street = forms.CharField(
        label=_("Street"),
        max_length=160,
        widget=forms.TextInput(attrs={"autocomplete": "address-line1"}),
    )
    number = forms.CharField(label=_("Number"), max_length=16)
    box = forms.CharField(label=_("Box (if any)"), max_length=16, required=False)
    postcode = forms.CharField(
        label=_("Postcode"),
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "inputmode": "numeric"}),
    )

    def clean_postcode(self):
        value = self.cleaned_data["postcode"].strip()
        if not value and not self.fields["postcode"].required:
            return value
        if not (value.isdigit() and len(value) == 4):
            raise forms.ValidationError(_("Enter the 4-digit postcode, for example 7000."))
        return value


class AddressFinderForm(AddressFields):
    """Find my hub: the postcode may be left out (the street and number are enough)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["postcode"].required = False
        self.fields["postcode"].label = _("Postcode (optional)")
