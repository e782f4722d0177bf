from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from neighbourhoods.uploads import process_upload
from portal.text import one_line as plain_text

from .models import Category, Report
from .text import sanitise

TITLE_MAX = 120
BODY_MAX = 4000
REACTION_MAX = 2000


def _clean_text(value, *, max_length):
    if "\x00" in value:
        value = value.replace("\x00", "")
    if len(value) > max_length:
        raise ValidationError(
            _("This text is too long: at most %(max)d characters (you wrote %(count)d)."),
            params={"max": max_length, "count": len(value)},
            code="too_long",
        )
    if not plain_text(sanitise(value)):
        raise ValidationError(_("Write a few words."), code="empty")
    return value


class PostForm(forms.Form):
    category = forms.ChoiceField(
        label=_("What is it about?"), choices=Category.choices, widget=forms.RadioSelect
    )
    title = forms.CharField(
        label=_("Title"), strip=True, widget=forms.TextInput(attrs={"maxlength": TITLE_MAX})
    )
    body = forms.CharField(
        label=_("Message"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Only your neighbours can read it. Basic formatting is kept; links are allowed."
        ),
    )
    image = forms.FileField(
        label=_("Photo (optional)"),
        required=False,
        help_text=_("JPEG, PNG or WebP. Location data and other metadata are removed."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )

    def __init__(self, *args, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.clean_image_result = None
        if editing:
            self.fields["remove_image"] = forms.BooleanField(
                label=_("Remove the current photo"), required=False
            )

    def clean_title(self):
        title = " ".join(self.cleaned_data["title"].replace("\x00", "").split())
        if len(title) > TITLE_MAX:
            raise ValidationError(
                _("This title is too long: at most %(max)d characters (you wrote %(count)d)."),
                params={"max": TITLE_MAX, "count": len(title)},
                code="too_long",
            )
        if not title:
            raise ValidationError(_("Give your post a title."), code="required")
        return title

    def clean_body(self):
        return _clean_text(self.cleaned_data["body"], max_length=BODY_MAX)

    def clean_image(self):
        upload = self.cleaned_data.get("image")
        if not upload:
            return None
        self.clean_image_result = process_upload(upload)
        return upload


class ReactionForm(forms.Form):
    body = forms.CharField(label=_("Your reaction"), widget=forms.Textarea(attrs={"rows": 3}))

    def clean_body(self):
        return _clean_text(self.cleaned_data["body"], max_length=REACTION_MAX)


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("What is the problem?"), choices=Report.Reason.choices, widget=forms.RadioSelect
    )
    details = forms.CharField(
        label=_("Details (optional)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only the neighbourhood's moderators read this."),
    )


class CategoryFilterForm(forms.Form):
    category = forms.ChoiceField(
        label=_("Category"),
        required=False,
        choices=[("", _("All categories")), *Category.choices],
    )
