"""The round of a citizen budget as a Wagtail page, with its projects and budgets inline."""

import secrets

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index


class BudgetScope(models.TextChoices):
    CITY = "city", _("one budget for the whole city")
    NEIGHBOURHOOD = "neighbourhood", _("one budget per neighbourhood (residents vote in their own)")


class BallotRule(models.TextChoices):
    # Said in plain words: what the resident does on the ballot.
    APPROVAL = (
        "approval",
        _(
            "Tick projects — residents tick the projects they support, between a minimum and a "
            "maximum number"
        ),
    )
    KNAPSACK = (
        "knapsack",
        _("Fill a basket — residents choose projects whose total cost stays within the budget"),
    )
    CUMULATIVE = (
        "cumulative",
        _("Share points — residents share a number of points between the projects they prefer"),
    )
    RANKED = "ranked", _("Rank — residents put their favourite projects in order")


class TallyRule(models.TextChoices):
    # Said in plain words, with what each rule does to the result.
    GREEDY = (
        "greedy",
        _(
            "Most votes first — projects are funded in order of votes; one that no longer fits in "
            "the budget is skipped and the next one is tried"
        ),
    )
    GREEDY_NO_SKIP = (
        "greedy-no-skip",
        _(
            "Most votes first, then stop — funding stops at the first project that no longer fits, "
            "even if cheaper projects follow"
        ),
    )
    GREEDY_THRESHOLD = (
        "greedy-threshold",
        _(
            "Most votes first, above a minimum — only projects reaching the minimum score can be "
            "funded, in order of votes"
        ),
    )
    EQUAL_SHARES = (
        "equalshares/add1",
        _(
            "Fair shares — each voter gets an equal share of the budget and a project is "
            "funded when its supporters' shares pay for it, so smaller groups of voters also see "
            "a project funded"
        ),
    )
    EQUAL_SHARES_COMPARISON = (
        "equalshares/add1-comparison",
        _(
            "Fair shares, checked against most votes first — both results are computed and the "
            "one that more voters prefer is kept"
        ),
    )


# The ballot options that matter for each ballot rule; the others are hidden and not checked.
BALLOT_OPTIONS = {
    BallotRule.APPROVAL: ("min_projects", "max_projects"),
    BallotRule.KNAPSACK: ("min_projects", "min_share_spent"),
    BallotRule.CUMULATIVE: ("points_total", "points_max_per_project"),
    BallotRule.RANKED: ("rank_top_k",),
}
TALLY_OPTIONS = {TallyRule.GREEDY_THRESHOLD: ("score_threshold",)}
OPTIONAL = {"max_projects"}  # empty means "no maximum"


class Phase(models.TextChoices):
    DRAFT = "draft", _("being prepared")
    PROJECTS = "projects", _("projects shown")
    VOTING = "voting", _("voting open")
    CLOSED = "closed", _("voting closed")
    RESULTS = "results", _("results published")


class Category(models.TextChoices):
    GREEN = "green", _("nature and environment")
    MOBILITY = "mobility", _("mobility and safety")
    SOCIAL = "social", _("social life and solidarity")
    CULTURE = "culture", _("culture and heritage")
    SPORT = "sport", _("sport and play")
    EDUCATION = "education", _("education and youth")
    OTHER = "other", _("other")


def new_project_code() -> str:
    return secrets.token_hex(4)


class BudgetRoundPageForm(WagtailAdminPageForm):
    """Checks that need the inline rows (projects, budgets) together with the page fields.

    Only the chosen ballot rule's options are required and checked (the editor hides the others
    with budgets/static/budgets/editor.js; without JavaScript they are shown and ignored)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in _all_options():
            if name in self.fields:
                self.fields[name].required = False

    def _clean_options(self, cleaned):
        wanted = set(BALLOT_OPTIONS.get(cleaned.get("ballot_rule"), ()))
        wanted |= set(TALLY_OPTIONS.get(cleaned.get("tally_rule"), ()))
        for name in _all_options():
            if name not in self.fields:
                continue
            if name in wanted:
                if cleaned.get(name) is None and name not in OPTIONAL and name not in self.errors:
                    self.add_error(name, _("Fill in this option of the chosen rule."))
            else:
                # Not used by this rule: whatever was typed is ignored and the default kept.
                if name in self.errors:
                    del self.errors[name]
                field = BudgetRoundPage._meta.get_field(name)
                default = self.instance.serializable_value(name) if self.instance.pk else None
                if default is None:
                    default = field.get_default()
                cleaned[name] = default

    def clean(self):
        cleaned = super().clean()
        self._clean_options(cleaned)
        areas = _live_rows(self.formsets.get("areas"))
        projects = _live_rows(self.formsets.get("projects"))
        scope = cleaned.get("scope")
        area_hoods = {row.get("neighbourhood") for row in areas if row.get("neighbourhood")}
        if scope == BudgetScope.NEIGHBOURHOOD:
            if not areas:
                self.add_error(
                    "scope", _("Add at least one neighbourhood with its budget for this round.")
                )
            if any(not row.get("budget") for row in areas):
                self.add_error("scope", _("Each neighbourhood needs its own budget."))
            if any(row.get("neighbourhood") not in area_hoods for row in projects):
                self.add_error(
                    "scope",
                    _("Every project must belong to one of the round's neighbourhoods."),
                )
        elif scope == BudgetScope.CITY and not cleaned.get("total_budget"):
            self.add_error("total_budget", _("Give the round's total budget."))
        return cleaned


def _all_options():
    names = [n for names in BALLOT_OPTIONS.values() for n in names]
    names += [n for names in TALLY_OPTIONS.values() for n in names]
    return list(dict.fromkeys(names))


def _option_panel(name, rule_field, options):
    """A rule option's panel, marked with the rules it belongs to (for editor.js)."""
    rules = " ".join(rule for rule, names in options.items() if name in names)
    return FieldPanel(name, attrs={"data-rule-field": rule_field, "data-rules": rules})


def _live_rows(formset):
    """The cleaned rows the editor kept. The parent form's clean() runs before modelcluster
    validates the inline formsets, so validate them here (Django caches the result)."""
    if formset is None or not hasattr(formset, "forms"):
        return []
    formset.is_valid()
    rows = []
    for form in formset.forms:
        data = getattr(form, "cleaned_data", None) or {}
        if data and not data.get("DELETE"):
            rows.append(data)
    return rows


class BudgetRoundPage(Page):
    """One round of the citizen budget: its money, its calendar, its projects and its rules."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    scope = models.CharField(
        _("budget"), max_length=16, choices=BudgetScope.choices, default=BudgetScope.CITY
    )
    total_budget = models.PositiveIntegerField(
        _("total budget (€)"),
        null=True,
        blank=True,
        help_text=_("For a city-wide round. Per-neighbourhood budgets are set below."),
    )
    projects_shown_at = models.DateTimeField(_("projects shown from"), null=True, blank=True)
    voting_opens_at = models.DateTimeField(_("voting opens"), null=True, blank=True)
    voting_closes_at = models.DateTimeField(_("voting closes"), null=True, blank=True)
    results_published_at = models.DateTimeField(
        _("results published"),
        null=True,
        blank=True,
        help_text=_("The results page becomes public at this moment (after voting closes)."),
    )

    ballot_rule = models.CharField(
        _("ballot rule"), max_length=16, choices=BallotRule.choices, default=BallotRule.APPROVAL
    )
    min_projects = models.PositiveSmallIntegerField(
        _("minimum number of projects"),
        default=1,
        help_text=_("For “Tick projects” and “Fill a basket” ballots."),
    )
    max_projects = models.PositiveSmallIntegerField(
        _("maximum number of projects"),
        null=True,
        blank=True,
        help_text=_("For “Tick projects” ballots (empty: no maximum)."),
    )
    min_share_spent = models.PositiveSmallIntegerField(
        _("minimum share of the budget to spend (%)"),
        default=0,
        validators=[MaxValueValidator(100)],
        help_text=_(
            "For “Fill a basket” ballots: a ballot must spend at least this share (0: no minimum)."
        ),
    )
    points_total = models.PositiveSmallIntegerField(
        _("points per ballot"),
        default=10,
        validators=[MinValueValidator(1)],
        help_text=_("For “Share points” ballots."),
    )
    points_max_per_project = models.PositiveSmallIntegerField(
        _("maximum points on one project"),
        default=5,
        validators=[MinValueValidator(1)],
        help_text=_("For “Share points” ballots."),
    )
    rank_top_k = models.PositiveSmallIntegerField(
        _("projects to rank"),
        default=3,
        validators=[MinValueValidator(1)],
        help_text=_("For “Rank” ballots: the resident ranks up to this many projects."),
    )
    tally_rule = models.CharField(
        _("counting rule"), max_length=32, choices=TallyRule.choices, default=TallyRule.GREEDY
    )
    score_threshold = models.PositiveIntegerField(
        _("minimum score"),
        default=0,
        help_text=_("For “Most votes first, above a minimum” only."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("scope"),
                FieldPanel("total_budget"),
                InlinePanel("areas", heading=_("Neighbourhoods"), label=_("a neighbourhood")),
            ],
            heading=_("Money"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("projects_shown_at"), FieldPanel("voting_opens_at")]),
                FieldRowPanel([FieldPanel("voting_closes_at"), FieldPanel("results_published_at")]),
            ],
            heading=_("Calendar"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("ballot_rule", widget=forms.RadioSelect),
                *[
                    _option_panel(name, "ballot_rule", BALLOT_OPTIONS)
                    for name in (
                        "min_projects",
                        "max_projects",
                        "min_share_spent",
                        "points_total",
                        "points_max_per_project",
                        "rank_top_k",
                    )
                ],
            ],
            heading=_("Ballot"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("tally_rule", widget=forms.RadioSelect),
                _option_panel("score_threshold", "tally_rule", TALLY_OPTIONS),
            ],
            heading=_("Counting"),
        ),
        InlinePanel("projects", heading=_("Projects"), label=_("a project")),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    base_form_class = BudgetRoundPageForm
    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    template = "budgets/budget_round_page.html"

    class Meta:
        verbose_name = _("citizen budget round")
        verbose_name_plural = _("citizen budget rounds")

    def clean(self):
        super().clean()
        errors = {}
        rule_options = set(BALLOT_OPTIONS.get(self.ballot_rule, ()))
        order = [
            ("projects_shown_at", self.projects_shown_at),
            ("voting_opens_at", self.voting_opens_at),
            ("voting_closes_at", self.voting_closes_at),
            ("results_published_at", self.results_published_at),
        ]
        last = None
        for name, value in order:
            if value is None:
                continue
            if last is not None and value < last:
                errors[name] = _("The phases must follow each other in time.")
            last = value
        if (
            "max_projects" in rule_options
            and self.max_projects is not None
            and self.max_projects < self.min_projects
        ):
            errors["max_projects"] = _("The maximum cannot be below the minimum.")
        if (
            "points_total" in rule_options
            and self.points_max_per_project
            and self.points_total < self.points_max_per_project
        ):
            errors["points_max_per_project"] = _(
                "A project cannot get more points than a ballot has."
            )
        if errors:
            raise ValidationError(errors)

    # --- phases ---------------------------------------------------------------------------
    def phase(self, now=None) -> str:
        now = now or timezone.now()
        if self.results_published_at and now >= self.results_published_at:
            return Phase.RESULTS
        if self.voting_closes_at and now >= self.voting_closes_at:
            return Phase.CLOSED
        if self.voting_opens_at and now >= self.voting_opens_at:
            return Phase.VOTING
        if self.projects_shown_at is None or now >= self.projects_shown_at:
            return Phase.PROJECTS
        return Phase.DRAFT

    @property
    def current_phase(self) -> str:
        return self.phase()

    def get_phase_display(self) -> str:
        return Phase(self.phase()).label

    @property
    def round_key(self):
        return self.translation_key

    @property
    def is_per_neighbourhood(self) -> bool:
        return self.scope == BudgetScope.NEIGHBOURHOOD

    def get_context(self, request, *args, **kwargs):
        from .permissions import voter_eligibility
        from .selectors import round_projects

        context = super().get_context(request, *args, **kwargs)
        context["phase"] = self.phase()
        context["projects"] = round_projects(budget=self)
        context["eligibility"] = voter_eligibility(user=request.user, budget=self)
        return context


class BudgetArea(Orderable):
    """A neighbourhood taking part in a round; with its own budget in a per-neighbourhood round.

    In a city-wide round with no rows, every verified resident of Mons may vote.
    """

    page = ParentalKey(BudgetRoundPage, on_delete=models.CASCADE, related_name="areas")
    neighbourhood = models.ForeignKey(
        "neighbourhoods.Neighbourhood",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("neighbourhood"),
    )
    budget = models.PositiveIntegerField(
        _("budget (€)"),
        null=True,
        blank=True,
        help_text=_("Per-neighbourhood rounds only."),
    )

    panels = [FieldPanel("neighbourhood"), FieldPanel("budget")]

    class Meta(Orderable.Meta):
        verbose_name = _("neighbourhood of the round")
        verbose_name_plural = _("neighbourhoods of the round")


class BudgetProject(Orderable):
    page = ParentalKey(BudgetRoundPage, on_delete=models.CASCADE, related_name="projects")
    # Stable across translations of the page (copied with it) and used as the pabulib
    # project_id: ballots refer to projects by this code.
    code = models.CharField(
        _("code"),
        max_length=32,
        blank=True,
        default=new_project_code,
        help_text=_("Filled in automatically; used by ballots and open-data exports."),
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    cost = models.PositiveIntegerField(_("cost (€)"))
    neighbourhood = models.ForeignKey(
        "neighbourhoods.Neighbourhood",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("neighbourhood"),
        help_text=_("Empty for a project for the whole city."),
    )
    category = models.CharField(
        _("category"), max_length=16, choices=Category.choices, default=Category.OTHER
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("image"),
    )
    image_alt = models.CharField(_("image description"), max_length=200, blank=True)

    panels = [
        FieldPanel("title"),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("cost"), FieldPanel("neighbourhood"), FieldPanel("category")]),
        FieldRowPanel([FieldPanel("image"), FieldPanel("image_alt")]),
        # Generated on save, unique in the round: editors never type it (an editable default
        # was cloned into every new row by the inline panel's template).
        FieldPanel("code", read_only=True),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("project")
        verbose_name_plural = _("projects")

    def save(self, *args, **kwargs):
        taken = set()
        if self.page_id:
            taken = set(
                BudgetProject.objects.filter(page_id=self.page_id)
                .exclude(pk=self.pk)
                .values_list("code", flat=True)
            )
        while not self.code or self.code in taken:
            self.code = new_project_code()
        super().save(*args, **kwargs)

    def __str__(self):
        return self.title
