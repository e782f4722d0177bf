from django import forms
from django.utils.translation import gettext_lazy as _

REPLY_MAX = 2000


class ReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Your reply to the city"),
        max_length=REPLY_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Only the city's communication team reads it, with your name as neighbours see it."
        ),
    )

    def clean_body(self):
        body = self.cleaned_data["body"].strip()
        if not body:
            raise forms.ValidationError(_("Write a few words."), code="required")
        return body


class CityMessagePreferenceForm(forms.Form):
    opted_in = forms.BooleanField(
        label=_("E-mail me the city's messages for my neighbourhood"),
        required=False,
        help_text=_("Roadworks, safety, local initiatives… You can stop at any time."),
    )
