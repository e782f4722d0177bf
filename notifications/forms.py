from django import forms

from .models import Channel, Kind


class PreferencesForm(forms.Form):
    """One radio group per kind of notification."""

    def __init__(self, *args, channels: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        for kind in Kind:
            self.fields[kind.value] = forms.ChoiceField(
                label=kind.label,
                choices=Channel.choices,
                widget=forms.RadioSelect,
                initial=channels[kind.value],
            )
