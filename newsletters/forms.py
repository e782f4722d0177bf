from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from neighbourhoods.converters import IdsChoiceField
from neighbourhoods.models import Neighbourhood

from .consent import CONSENT_TEXT
from .models import LANGUAGES, NewsletterSend


class _NeighbourhoodsField(IdsChoiceField):
    def __init__(self, **kwargs):
        super().__init__(
            queryset=Neighbourhood.objects.order_by("name"),
            required=False,
            widget=forms.CheckboxSelectMultiple,
            **kwargs,
        )


class SubscribeForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        error_messages={
            "required": _("Enter your e-mail address."),
            "invalid": _("Enter an e-mail address like name@example.be."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    language = forms.ChoiceField(
        label=_("Language of the newsletter"), choices=LANGUAGES, initial="fr"
    )
    neighbourhoods = _NeighbourhoodsField(
        label=_("Neighbourhoods you are interested in (optional)"),
        help_text=_("Some issues are only for some neighbourhoods."),
    )
    consent = forms.BooleanField(
        label=CONSENT_TEXT,
        error_messages={"required": _("To receive the newsletter, you must agree to this.")},
    )

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()


class PreferencesForm(forms.Form):
    language = forms.ChoiceField(label=_("Language of the newsletter"), choices=LANGUAGES)
    neighbourhoods = _NeighbourhoodsField(label=_("Neighbourhoods you are interested in"))


class ScheduleForm(forms.Form):
    scheduled_for = forms.DateTimeField(
        label=_("Send at"),
        help_text=_("Date and time, Brussels time, for example 2026-03-01 09:00."),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%d/%m/%Y %H:%M"],
    )
    audience = forms.ChoiceField(
        label=_("Audience"),
        choices=NewsletterSend.Audience.choices,
        widget=forms.RadioSelect,
        initial=NewsletterSend.Audience.ALL,
    )
    neighbourhoods = _NeighbourhoodsField(
        label=_("Neighbourhoods"), help_text=_("For “some neighbourhoods”.")
    )
    language = forms.ChoiceField(
        label=_("Language"),
        choices=[("", "—"), *LANGUAGES],
        required=False,
        help_text=_("For “one language”."),
    )

    def clean_scheduled_for(self):
        value = self.cleaned_data["scheduled_for"]
        if value < timezone.now() - timezone.timedelta(minutes=1):
            raise forms.ValidationError(_("This time is in the past. Choose a time to come."))
        return value

    def clean(self):
        data = super().clean()
        audience = data.get("audience")
        if audience == NewsletterSend.Audience.NEIGHBOURHOODS and not data.get("neighbourhoods"):
            self.add_error("neighbourhoods", _("Choose at least one neighbourhood."))
        if audience == NewsletterSend.Audience.LANGUAGE and not data.get("language"):
            self.add_error("language", _("Choose a language."))
        if not self.errors and audience:
            from .selectors import audience_count

            count = audience_count(
                audience=audience,
                neighbourhoods=data.get("neighbourhoods") or [],
                language=data.get("language") or "",
            )
            if count == 0:
                raise forms.ValidationError(
                    _("No confirmed subscriber matches this audience: nobody would receive it."),
                    code="empty_audience",
                )
            data["audience_count"] = count
        return data
