from django import forms
from django.utils.translation import gettext_lazy as _

from neighbourhoods.forms import AddressFields
from neighbourhoods.models import Neighbourhood

from .models import LANGUAGE_CHOICES, VerificationRequest


class CodeForm(AddressFields):
    code = forms.CharField(
        label=_("Code from your letter"),
        max_length=40,
        help_text=_(
            "12 letters and digits, for example ACDE-FGHJ-K347. Dashes and spaces do not matter."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "spellcheck": "false"}),
    )


class LetterRequestForm(AddressFields):
    pass


# ---------------------------------------------------------------- staff


class RegisterImportForm(forms.Form):
    CHECK, IMPORT = "check", "import"
    file = forms.FileField(
        label=_("Address register (CSV)"),
        help_text=_(
            "Columns: street, number, box, postcode, neighbourhood (the neighbourhood code). "
            "Comma or semicolon separated, UTF-8."
        ),
    )
    action = forms.ChoiceField(
        label=_("What to do"),
        widget=forms.RadioSelect,
        initial=CHECK,
        choices=[
            (CHECK, _("Only check the file (nothing is stored)")),
            (IMPORT, _("Check and import (nothing is stored if any line is wrong)")),
        ],
    )
    MAX_BYTES = 20 * 1024 * 1024

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 20 MB."))
        return upload


class BatchForm(forms.Form):
    neighbourhood = forms.ModelChoiceField(
        label=_("Neighbourhood"), queryset=Neighbourhood.objects.order_by("name")
    )
    scope = forms.ChoiceField(
        label=_("Addresses"),
        widget=forms.RadioSelect,
        initial="unverified",
        choices=[
            ("unverified", _("Addresses without a verified household")),
            ("all", _("All addresses of the neighbourhood")),
        ],
    )
    language = forms.ChoiceField(label=_("Language of the letters"), choices=LANGUAGE_CHOICES)
    valid_days = forms.IntegerField(
        label=_("Valid for (days)"), min_value=7, max_value=365, initial=90
    )
    max_members = forms.IntegerField(
        label=_("Members per household"), min_value=1, max_value=12, initial=4
    )
    output = forms.ChoiceField(
        label=_("Download"),
        widget=forms.RadioSelect,
        initial="letters",
        choices=[
            ("letters", _("Print-ready letters (HTML, one A4 page per address)")),
            ("csv", _("CSV for the mailing house")),
        ],
        help_text=_("The codes are shown only in this download: keep it safe until it is printed."),
    )


class QueueFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All"))] + list(VerificationRequest.Status.choices),
    )
    neighbourhood = forms.ModelChoiceField(
        label=_("Neighbourhood"), required=False, queryset=Neighbourhood.objects.order_by("name")
    )


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (sent to the resident)"), max_length=1000, widget=forms.Textarea
    )
