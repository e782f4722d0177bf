from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from portal.text import plain_text

from .models import Initiative
from .services import TRANSITIONS, transition_allowed


class InitiativeReviewForm(WagtailAdminModelForm):
    """Staff only move the status along the workflow and write the public answer."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        current = self.instance.status
        self.current_status = current
        if "status" in self.fields:
            choices = [(current, Initiative.Status(current).label)] + [
                (s, Initiative.Status(s).label)
                for s in Initiative.Status.values
                if s in TRANSITIONS.get(current, set())
            ]
            self.fields["status"] = forms.ChoiceField(
                label=_("status"), choices=choices, initial=current
            )

    def clean(self):
        data = super().clean()
        status = data.get("status")
        if (
            status
            and status != self.current_status
            and not transition_allowed(self.current_status, status)
        ):
            self.add_error("status", _("This change of status is not allowed."))
        if status == Initiative.Status.DECLINED and not plain_text(data.get("public_answer", "")):
            self.add_error("public_answer", _("Explain publicly why the initiative is declined."))
        return data
