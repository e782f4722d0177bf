from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from neighbourhoods.converters import IdsChoiceField
from neighbourhoods.models import Neighbourhood

from .models import HelpSkill


class SkillChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.label


class SkillsField(IdsChoiceField):
    def label_from_instance(self, obj):
        return obj.label


class FindHelpForm(forms.Form):
    skill = SkillChoiceField(
        label=_("What do you need help with?"),
        queryset=HelpSkill.objects.filter(active=True),
        empty_label=_("Choose…"),
        error_messages={
            "required": _("Choose what you need help with."),
            "invalid_choice": _("Choose a kind of help from the list."),
        },
    )


class OfferForm(forms.Form):
    skills = SkillsField(
        label=_("I can help with"),
        queryset=HelpSkill.objects.filter(active=True),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Choose at least one kind of help."),
            "invalid_choice": _("Choose from the list."),
            "invalid_pk_value": _("Choose from the list."),
        },
    )
    availability = forms.CharField(
        label=_("When are you available?"),
        max_length=300,
        help_text=_("For example: weekday evenings, Saturday mornings."),
        error_messages={"required": _("Say when you are available.")},
    )


class ConsentForm(forms.Form):
    consent = forms.BooleanField(
        label=_("I agree that the City of Mons may e-mail me when it needs volunteers"),
        help_text=_("You can withdraw this at any time; it takes effect immediately."),
        error_messages={"required": _("Tick the box to volunteer.")},
    )
    share_name = forms.BooleanField(
        label=_("If I answer yes, the city may see my name"), required=False, initial=True
    )
    share_email = forms.BooleanField(
        label=_("If I answer yes, the city may see my e-mail address"), required=False
    )
    share_phone = forms.BooleanField(
        label=_("If I answer yes, the city may see my phone number"), required=False
    )
    phone = forms.RegexField(
        label=_("Phone number"),
        required=False,
        max_length=32,
        regex=r"^\+?[0-9 ./()-]{6,30}$",
        error_messages={"invalid": _("Enter a phone number, for example 065 12 34 56.")},
    )

    def clean(self):
        data = super().clean()
        if data.get("share_phone") and not data.get("phone"):
            self.add_error("phone", _("Give a phone number, or do not share it."))
        return data


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Your message"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Your e-mail address is not shown. Answers arrive on this site."),
        error_messages={"required": _("Write a message.")},
    )


class CallOutForm(forms.Form):
    title = forms.CharField(label=_("What"), max_length=160)
    description = forms.CharField(
        label=_("Details"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    place = forms.CharField(label=_("Where"), max_length=200)
    when = forms.DateTimeField(
        label=_("When"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"],
    )
    needed = forms.IntegerField(
        label=_("How many volunteers are needed"), min_value=1, max_value=10000
    )
    neighbourhoods = IdsChoiceField(
        label=_("Neighbourhoods (none = all)"),
        queryset=Neighbourhood.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    skill = SkillChoiceField(
        label=_("Kind of help (optional)"), queryset=HelpSkill.objects.all(), required=False
    )

    def clean_when(self):
        when = self.cleaned_data["when"]
        if when <= timezone.now():
            raise forms.ValidationError(_("Choose a moment in the future."))
        return when
