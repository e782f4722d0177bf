from django import forms
from django.utils.translation import gettext_lazy as _


class AddressFinderForm(forms.Form):
    street = forms.CharField(
        label=_("Street"),
        max_length=160,
        widget=forms.TextInput(attrs={"autocomplete": "address-line1"}),
    )
    number = forms.CharField(label=_("Number"), max_length=16)
    box = forms.CharField(label=_("Box (optional)"), max_length=16, required=False)
    postcode = forms.CharField(
        label=_("Postcode (optional)"),
        max_length=8,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "inputmode": "numeric"}),
    )
