from django import forms
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from neighbourhoods.models import Neighbourhood
from neighbourhoods.uploads import process_upload
from portal.money import money


class WhatForm(forms.Form):
    title = forms.CharField(
        label=_("Title of your initiative"),
        max_length=120,
        min_length=5,
        error_messages={"required": _("Enter a title for your initiative.")},
    )
    description = forms.CharField(
        label=_("What do you want to do?"),
        max_length=5000,
        min_length=20,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Describe the project, who it is for and what will change."),
        error_messages={"required": _("Describe your initiative.")},
    )
    image = forms.FileField(
        label=_("Image (optional)"),
        required=False,
        help_text=_("JPEG, PNG or WebP, up to 5 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    image_alt = forms.CharField(
        label=_("Describe the image for people who cannot see it"),
        max_length=200,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.clean_image_result = None

    def clean_image(self):
        """The core pipeline decodes the whole image now: a broken file is a field error here,
        never a failure at the last step."""
        upload = self.cleaned_data.get("image")
        if upload:
            self.clean_image_result = process_upload(upload)
        return upload

    def clean(self):
        data = super().clean()
        if data.get("image") and not data.get("image_alt"):
            self.add_error("image_alt", _("Describe the image in a few words."))
        return data


class WhereForm(forms.Form):
    neighbourhood = forms.ModelChoiceField(
        label=_("Neighbourhood"),
        queryset=Neighbourhood.objects.all(),
        error_messages={
            "required": _("Choose the neighbourhood."),
            "invalid_choice": _("Choose a neighbourhood from the list."),
        },
    )
    place = forms.CharField(
        label=_("Where exactly?"),
        max_length=200,
        help_text=_("A street, a square, a park, a school…"),
        error_messages={"required": _("Say where the initiative takes place.")},
    )

    def __init__(self, *args, call=None, resident_neighbourhood=None, **kwargs):
        super().__init__(*args, **kwargs)
        queryset = Neighbourhood.objects.all()
        if call is not None and not call.all_neighbourhoods:
            queryset = call.neighbourhoods.all()
        # A resident proposes for the neighbourhood they live in, nowhere else.
        queryset = queryset.filter(
            pk=resident_neighbourhood.pk if resident_neighbourhood is not None else None
        )
        self.fields["neighbourhood"].queryset = queryset


class WhoForm(forms.Form):
    co_organisers = forms.CharField(
        label=_("Co-organisers (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "The e-mail addresses of up to 5 neighbours who carry the project with you, one per "
            "line. Verified residents of the neighbourhood get an invitation to confirm; we never "
            "tell you which addresses have an account."
        ),
    )

    def clean_co_organisers(self):
        raw = self.cleaned_data.get("co_organisers", "")
        emails = []
        for line in raw.replace(",", "\n").replace(";", "\n").splitlines():
            email = line.strip().lower()
            if not email:
                continue
            try:
                validate_email(email)
            except forms.ValidationError:
                raise forms.ValidationError(
                    _("“%(value)s” is not an e-mail address."), params={"value": email[:80]}
                )
            if email not in emails:
                emails.append(email)
        if len(emails) > 5:
            raise forms.ValidationError(_("Invite at most 5 co-organisers."))
        return emails


class NeedsForm(forms.Form):
    needs_budget = forms.DecimalField(
        label=_("Budget you ask from the city (EUR)"),
        min_value=0,
        max_digits=9,
        decimal_places=2,
        initial=0,
        required=False,
        error_messages={"invalid": _("Enter an amount in euros, for example 250.")},
    )
    needs_material = forms.BooleanField(label=_("We need to borrow material"), required=False)
    needs_permits = forms.BooleanField(label=_("We need help with permits"), required=False)
    needs_communication = forms.BooleanField(
        label=_("We need help with communication"), required=False
    )
    needs_other = forms.CharField(
        label=_("Anything else?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    helpers_needed = forms.IntegerField(
        label=_("How many helpers would you like?"),
        min_value=0,
        max_value=500,
        initial=0,
        required=False,
        error_messages={"invalid": _("Enter a whole number.")},
    )

    def __init__(self, *args, call=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.call = call
        if call is not None and call.budget_max:
            self.fields["needs_budget"].max_value = call.budget_max
            self.fields["needs_budget"].help_text = _("Up to %(max)s for this call.") % {
                "max": money(call.budget_max)
            }

    def clean_needs_budget(self):
        value = self.cleaned_data.get("needs_budget") or 0
        if self.call is not None and value > self.call.budget_max:
            raise forms.ValidationError(
                _("This call offers up to %(max)s."), params={"max": money(self.call.budget_max)}
            )
        return value

    def clean_helpers_needed(self):
        return self.cleaned_data.get("helpers_needed") or 0


class ReviewForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I confirm that this information is correct and may be published if accepted"),
        error_messages={"required": _("Confirm before you submit.")},
    )


class HelperForm(forms.Form):
    share_contact = forms.BooleanField(
        label=_("Share my name and e-mail address with the organisers"),
        required=False,
        help_text=_("Without this, the organisers only see how many people offered to help."),
    )
