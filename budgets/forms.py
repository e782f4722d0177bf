from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from neighbourhoods.selectors import address_find

from .pages import BallotRule
from .selectors import round_projects, scope_money
from .services import BallotInvalid, ballot_check, euros


class BallotForm(forms.Form):
    """The resident's choices, with the fields the round's ballot rule needs.

    `clean()` runs the same rule check as the service that stores the ballot, so the wizard
    can never reach the review page with a ballot the service would refuse.
    """

    def __init__(self, *args, budget, scope, **kwargs):
        super().__init__(*args, **kwargs)
        self.budget, self.scope = budget, scope
        self.rule = budget.ballot_rule
        self.money = scope_money(budget=budget, scope=scope)
        self.projects = list(round_projects(budget=budget, neighbourhood=scope))
        self.by_code = {p.code: p for p in self.projects}
        options = [(p.code, f"{p.title} — {euros(p.cost)}") for p in self.projects]
        if self.rule in (BallotRule.APPROVAL, BallotRule.KNAPSACK):
            self.fields["projects"] = forms.MultipleChoiceField(
                label=gettext_lazy("Projects"),
                choices=options,
                required=False,
                widget=forms.CheckboxSelectMultiple,
            )
            self.first_field = "projects"
        elif self.rule == BallotRule.CUMULATIVE:
            for p in self.projects:
                self.fields[f"points_{p.code}"] = forms.IntegerField(
                    label=p.title,
                    required=False,
                    min_value=0,
                    max_value=budget.points_max_per_project,
                    initial=0,
                    help_text=_("Cost: %(cost)s") % {"cost": euros(p.cost)},
                    error_messages={
                        "max_value": _(
                            "You can give at most %(limit_value)s points to one project."
                        ),
                        "min_value": _("Points cannot be negative."),
                        "invalid": _("Enter a whole number of points."),
                    },
                )
            self.first_field = f"points_{self.projects[0].code}" if self.projects else None
        else:
            for rank in range(1, budget.rank_top_k + 1):
                self.fields[f"rank_{rank}"] = forms.ChoiceField(
                    label=_("Choice %(n)d") % {"n": rank},
                    required=False,
                    choices=[("", _("— no project —"))] + options,
                )
            self.first_field = "rank_1"

    # What the resident picked, in the service's input shape.
    def raw_choices(self, data=None):
        data = self.cleaned_data if data is None else data
        if self.rule in (BallotRule.APPROVAL, BallotRule.KNAPSACK):
            return list(data.get("projects") or [])
        if self.rule == BallotRule.CUMULATIVE:
            return [
                (p.code, data.get(f"points_{p.code}") or 0)
                for p in self.projects
                if data.get(f"points_{p.code}")
            ]
        picks = [data.get(f"rank_{r}") for r in range(1, self.budget.rank_top_k + 1)]
        return [code for code in picks if code]

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        if self.rule == BallotRule.RANKED:
            gap = False
            for rank in range(1, self.budget.rank_top_k + 1):
                if not cleaned.get(f"rank_{rank}"):
                    gap = True
                elif gap:
                    self.add_error("rank_1", _("Fill in your choices in order, without gaps."))
                    return cleaned
        try:
            cleaned["ballot"] = ballot_check(
                budget=self.budget, scope=self.scope, choices=self.raw_choices(cleaned)
            )
        except BallotInvalid as exc:
            if self.first_field:
                self.add_error(self.first_field, str(exc))
            else:
                raise ValidationError(str(exc))
        return cleaned

    # --- the running total, from whatever was posted (valid or not) -------------------------
    def summary(self):
        data = self.data if self.is_bound else {}
        chosen, points = [], 0
        if self.rule in (BallotRule.APPROVAL, BallotRule.KNAPSACK):
            codes = data.getlist(self.add_prefix("projects")) if hasattr(data, "getlist") else []
            chosen = [self.by_code[c] for c in dict.fromkeys(codes) if c in self.by_code]
        elif self.rule == BallotRule.CUMULATIVE:
            for p in self.projects:
                try:
                    value = int(data.get(self.add_prefix(f"points_{p.code}")) or 0)
                except (TypeError, ValueError):
                    value = 0
                if value > 0:
                    chosen.append(p)
                    points += value
        else:
            for r in range(1, self.budget.rank_top_k + 1):
                code = data.get(self.add_prefix(f"rank_{r}"))
                if code in self.by_code and self.by_code[code] not in chosen:
                    chosen.append(self.by_code[code])
        cost = sum(p.cost for p in chosen)
        return {
            "count": len(chosen),
            "cost": cost,
            "money": self.money,
            "remaining": self.money - cost,
            "over": cost > self.money,
            "points": points,
            "points_left": self.budget.points_total - points,
            "ranks_left": self.budget.rank_top_k - len(chosen),
            "projects_left": (self.budget.max_projects - len(chosen))
            if self.budget.max_projects
            else None,
        }

    def rows(self):
        """(project, bound field or sub-widget) pairs for the template."""
        if self.rule in (BallotRule.APPROVAL, BallotRule.KNAPSACK):
            return list(zip(self.projects, self["projects"].subwidgets, strict=False))
        if self.rule == BallotRule.CUMULATIVE:
            return [(p, self[f"points_{p.code}"]) for p in self.projects]
        return []


class ReviewForm(forms.Form):
    """The review step has nothing to fill in: the resident confirms or goes back."""


class PaperBallotAddressForm(forms.Form):
    street = forms.CharField(label=gettext_lazy("Street"), max_length=160, required=False)
    number = forms.CharField(label=gettext_lazy("Number"), max_length=16, required=False)
    box = forms.CharField(label=gettext_lazy("Box"), max_length=16, required=False)
    postcode = forms.CharField(label=gettext_lazy("Postcode"), max_length=8, required=False)

    def clean(self):
        cleaned = super().clean()
        cleaned["address"] = None
        if cleaned.get("street") or cleaned.get("number"):
            address = address_find(
                street=cleaned.get("street", ""),
                number=cleaned.get("number", ""),
                box=cleaned.get("box", ""),
                postcode=cleaned.get("postcode", ""),
            )
            if address is None:
                self.add_error("street", _("This address is not in the city's register."))
            cleaned["address"] = address
        return cleaned


class PabulibImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy(".pb file"),
        help_text=gettext_lazy("A pabulib file (https://pabulib.org/format), at most 20 MB."),
    )
    neighbourhood = forms.ModelChoiceField(
        label=gettext_lazy("Neighbourhood"),
        queryset=None,
        required=False,
        help_text=gettext_lazy("For a round with one budget per neighbourhood."),
    )

    MAX_BYTES = 20 * 1024 * 1024

    def __init__(self, *args, budget, **kwargs):
        super().__init__(*args, **kwargs)
        from neighbourhoods.models import Neighbourhood

        self.fields["neighbourhood"].queryset = Neighbourhood.objects.filter(
            pk__in=budget.areas.values("neighbourhood")
        )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_BYTES:
            raise ValidationError(_("The file is larger than 20 MB."))
        return upload


class RoundKeyForm(forms.Form):
    split = forms.BooleanField(
        label=gettext_lazy("Split the key between two officers"),
        required=False,
        help_text=gettext_lazy(
            "Two halves, one per officer: both are needed to count the round; either alone "
            "reveals nothing."
        ),
    )


class TallyForm(forms.Form):
    """The private key (pasted or as the downloaded file), or its two shares."""

    key = forms.CharField(
        label=gettext_lazy("Private key"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "autocomplete": "off", "spellcheck": "false"}),
        help_text=gettext_lazy("Paste the key given when the round's key was created."),
    )
    key_file = forms.FileField(label=gettext_lazy("…or the key file"), required=False)
    share_1 = forms.CharField(
        label=gettext_lazy("First officer's share"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "autocomplete": "off", "spellcheck": "false"}),
    )
    share_2 = forms.CharField(
        label=gettext_lazy("Second officer's share"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "autocomplete": "off", "spellcheck": "false"}),
    )

    def __init__(self, *args, split=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.split = split
        if split:
            del self.fields["key"], self.fields["key_file"]
        else:
            del self.fields["share_1"], self.fields["share_2"]

    def clean(self):
        cleaned = super().clean()
        if self.split:
            if not (cleaned.get("share_1") and cleaned.get("share_2")):
                raise ValidationError(_("Both officers' shares are needed."))
            return cleaned
        upload = cleaned.get("key_file")
        if upload is not None:
            if upload.size > 4096:
                raise ValidationError(_("This file is not a round key."))
            cleaned["key"] = upload.read().decode("utf-8", "replace")
        if not (cleaned.get("key") or "").strip():
            raise ValidationError(_("Give the round's private key."))
        return cleaned

    def key_texts(self) -> list[str]:
        if self.split:
            return [self.cleaned_data["share_1"], self.cleaned_data["share_2"]]
        return [self.cleaned_data["key"]]
