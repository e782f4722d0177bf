"""The round of a citizen budget as a Wagtail page, with its projects and budgets inline."""

import secrets

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
    APPROVAL = "approval", _("approval: choose between a minimum and a maximum number of projects")
    KNAPSACK = "knapsack", _("knapsack: choose projects whose total cost fits the budget")
    CUMULATIVE = "cumulative", _("cumulative: share a number of points between projects")
    RANKED = "ranked", _("ranked: rank your favourite projects")


class TallyRule(models.TextChoices):
    GREEDY = "greedy", _("greedy: most votes first, skipping what no longer fits")
    GREEDY_NO_SKIP = "greedy-no-skip", _("greedy, stopping at the first project that does not fit")
    GREEDY_THRESHOLD = "greedy-threshold", _("greedy with a minimum score")
    EQUAL_SHARES = "equalshares/add1", _("Method of Equal Shares (add1 completion)")
    EQUAL_SHARES_COMPARISON = (
        "equalshares/add1-comparison",
        _("Method of Equal Shares (add1 completion, compared with greedy)"),
    )


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


class BudgetPageForm(WagtailAdminPageForm):
    """Checks that need the inline rows (projects, budgets) together with the page fields."""

    def clean(self):
        cleaned = super().clean()
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
        codes = [row.get("code") for row in projects if row.get("code")]
        if len(codes) != len(set(codes)):
            self.add_error("scope", _("Two projects have the same code."))
        return cleaned


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


class BudgetPage(Page):
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
        help_text=_("Approval and knapsack ballots."),
    )
    max_projects = models.PositiveSmallIntegerField(
        _("maximum number of projects"),
        null=True,
        blank=True,
        help_text=_("Approval ballots (empty: no maximum)."),
    )
    min_share_spent = models.PositiveSmallIntegerField(
        _("minimum share of the budget to spend (%)"),
        default=0,
        validators=[MaxValueValidator(100)],
        help_text=_("Knapsack ballots: a ballot must spend at least this share (0: no minimum)."),
    )
    points_total = models.PositiveSmallIntegerField(
        _("points per ballot"),
        default=10,
        validators=[MinValueValidator(1)],
        help_text=_("Cumulative ballots."),
    )
    points_max_per_project = models.PositiveSmallIntegerField(
        _("maximum points on one project"),
        default=5,
        validators=[MinValueValidator(1)],
        help_text=_("Cumulative ballots."),
    )
    rank_top_k = models.PositiveSmallIntegerField(
        _("projects to rank"),
        default=3,
        validators=[MinValueValidator(1)],
        help_text=_("Ranked ballots: the resident ranks up to this many projects."),
    )
    tally_rule = models.CharField(
        _("counting rule"), max_length=32, choices=TallyRule.choices, default=TallyRule.GREEDY
    )
    score_threshold = models.PositiveIntegerField(
        _("minimum score"),
        default=0,
        help_text=_("Greedy with a minimum score only."),
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
                FieldPanel("ballot_rule"),
                FieldRowPanel([FieldPanel("min_projects"), FieldPanel("max_projects")]),
                FieldPanel("min_share_spent"),
                FieldRowPanel([FieldPanel("points_total"), FieldPanel("points_max_per_project")]),
                FieldPanel("rank_top_k"),
            ],
            heading=_("Ballot"),
        ),
        MultiFieldPanel(
            [FieldPanel("tally_rule"), FieldPanel("score_threshold")], heading=_("Counting")
        ),
        InlinePanel("projects", heading=_("Projects"), label=_("a project")),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    base_form_class = BudgetPageForm
    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    template = "budgets/budget_page.html"

    class Meta:
        verbose_name = _("citizen budget round")
        verbose_name_plural = _("citizen budget rounds")

    def clean(self):
        super().clean()
        errors = {}
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
        if self.max_projects is not None and self.max_projects < self.min_projects:
            errors["max_projects"] = _("The maximum cannot be below the minimum.")
        if self.points_max_per_project and self.points_total < self.points_max_per_project:
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

    page = ParentalKey(BudgetPage, on_delete=models.CASCADE, related_name="areas")
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
    page = ParentalKey(BudgetPage, on_delete=models.CASCADE, related_name="projects")
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
        FieldPanel("code"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("project")
        verbose_name_plural = _("projects")

    def save(self, *args, **kwargs):
        if not self.code:
            self.code = new_project_code()
        super().save(*args, **kwargs)

    def __str__(self):
        return self.title
