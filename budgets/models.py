"""Citizen budget: rounds (pages), their projects, who took part, and the secret ballots.

Secrecy by construction: `Participation` says "this household voted in this round"; `Ballot`
holds what was chosen. The two tables share no key: a ballot has a random UUID, the round's key,
its scope (the neighbourhood whose budget it is for, or none for a city-wide budget), the
choices, where it came from (web, paper, import) and the day it was cast — nothing that points at
a household, a user, a participation row or a precise moment. Both rows are written in one
transaction by `budgets.services.ballot_cast`.
"""

import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .pages import BudgetArea, BudgetPage, BudgetProject  # noqa: F401  (Wagtail discovers pages)


class BallotSource(models.TextChoices):
    WEB = "web", _("online")
    PAPER = "paper", _("paper")
    IMPORTED = "imported", _("imported (.pb file)")


class Participation(models.Model):
    """ "This household has voted in this round" — and nothing about how.

    `round_key` is the round page's `translation_key`, so the rule holds across the French, Dutch
    and English versions of the same round.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    round_key = models.UUIDField(_("round"), db_index=True, editable=False)
    household = models.ForeignKey(
        "neighbourhoods.Household",
        on_delete=models.PROTECT,
        related_name="budget_participations",
        verbose_name=_("household"),
    )
    # Copied from the household: turnout per neighbourhood is then a single-table GROUP BY.
    neighbourhood = models.ForeignKey(
        "neighbourhoods.Neighbourhood",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("neighbourhood"),
    )
    source = models.CharField(_("source"), max_length=8, choices=BallotSource.choices)
    voted_on = models.DateField(_("voted on"))

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        constraints = [
            models.UniqueConstraint(
                fields=["round_key", "household"], name="budget_one_participation_per_household"
            )
        ]
        indexes = [models.Index(fields=["round_key", "neighbourhood"])]

    def __str__(self):
        return f"{self.household} ({self.voted_on})"


class Ballot(models.Model):
    """The contents of one ballot. Deliberately unlinkable to whoever cast it."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    round_key = models.UUIDField(_("round"), db_index=True, editable=False)
    # The budget the ballot is for: the neighbourhood of a per-neighbourhood round, or empty
    # for a city-wide round (a city-wide ballot does not say where its voter lives).
    scope = models.ForeignKey(
        "neighbourhoods.Neighbourhood",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("budget of"),
    )
    # [[project code, points], ...]: approval and knapsack give 1 point, cumulative the points
    # given, ranked the rank order (first choice first, points = k, k-1, ...).
    choices = models.JSONField(_("choices"), default=list)
    source = models.CharField(_("source"), max_length=8, choices=BallotSource.choices)
    cast_on = models.DateField(_("cast on"))

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        # Listing ballots sorts them by their random id, never by when they arrived.
        ordering = ["id"]
        indexes = [models.Index(fields=["round_key", "scope"])]
        permissions = [
            ("enter_paper_ballot", _("Can enter paper ballots")),
            ("tally_round", _("Can see the tally explanation and export ballots")),
            ("import_ballots", _("Can import a .pb file into a round")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(source__in=["web", "paper", "imported"]), name="ballot_known_source"
            )
        ]

    def __str__(self):
        return str(self.id)
