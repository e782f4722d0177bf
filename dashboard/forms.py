import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from neighbourhoods.converters import IdsChoiceField
from neighbourhoods.models import Neighbourhood

from . import periods

EARLIEST = datetime.date(2015, 1, 1)


class ReportFilterForm(forms.Form):
    """The report's filters, sent by GET so every view of the figures has its own URL."""

    period = forms.ChoiceField(
        label=_("Period"),
        choices=periods.KINDS,
        initial=periods.SIX_MONTHS,
        widget=forms.RadioSelect,
        required=False,
    )
    start = forms.DateField(
        label=_("From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_(
            "First day, for a custom range (DD/MM/YYYY). Figures cover whole months: the range "
            "starts on the first of this month."
        ),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
    )
    end = forms.DateField(
        label=_("To"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Last day, included; the range ends with this month (or today)."),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
    )
    neighbourhood = IdsChoiceField(
        label=_("Neighbourhoods"),
        queryset=Neighbourhood.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave every box empty to see all neighbourhoods."),
    )

    def clean(self):
        data = super().clean()
        kind = data.get("period") or periods.SIX_MONTHS
        data["period"] = kind
        if kind != periods.CUSTOM:
            return data
        start, end = data.get("start"), data.get("end")
        if start is None and "start" not in self.errors:
            self.add_error("start", _("Enter the first day of the range."))
        if end is None and "end" not in self.errors:
            self.add_error("end", _("Enter the last day of the range."))
        if start is None or end is None:
            return data
        today = periods.today()
        if start < EARLIEST:
            self.add_error("start", _("The first day must be on or after 1 January 2015."))
        if end > today:
            self.add_error("end", _("The last day cannot be in the future."))
            return data  # 9999-12-31 has no month after it: stop before counting months
        if start > end:
            self.add_error("end", _("The last day must be on or after the first day."))
        elif len(periods.whole_months(start=start, end=end).months) > periods.MAX_MONTHS:
            self.add_error(
                "end",
                _("The range can cover at most %(months)d months.")
                % {"months": periods.MAX_MONTHS},
            )
        return data

    def get_period(self) -> periods.Period:
        """Call after is_valid()."""
        kind = self.cleaned_data["period"]
        if kind == periods.THIS_MONTH:
            return periods.this_month()
        if kind == periods.CUSTOM:
            return periods.whole_months(
                start=self.cleaned_data["start"], end=self.cleaned_data["end"]
            )
        return periods.last_six_months()

    def get_neighbourhood_ids(self) -> set[int] | None:
        """The chosen neighbourhoods, or None for all of them."""
        chosen = self.cleaned_data.get("neighbourhood")
        return {n.pk for n in chosen} if chosen else None
