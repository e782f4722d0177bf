"""Citizen budget: rounds (pages), their projects, who took part, and the secret ballots.

Secrecy by construction (see README, "Secret ballots"):

* `Participation` says "this household voted in this round" and nothing about how.
* `SealedBallot` holds what was chosen, encrypted to the round's public key (`RoundKey`); the
  private key was shown once to the returning officer and is not on the server. A sealed ballot
  is written in the same transaction as its participation (so they may line up physically), but
  it cannot be read without the officer's key.
* `Ballot` holds the plain ballots, written only by the tally (`services.round_tally`), in a
  random order, in one statement, with random ids and one day for all: nothing physical or
  logical relates a plain ballot to a participation. The sealed ballots are deleted then.
"""

import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .pages import BudgetArea, BudgetProject, BudgetRoundPage  # noqa: F401  (Wagtail discovers pages)


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


class RoundKey(models.Model):
    """The public half of a round's key pair; the private half is the returning officer's."""

    round_key = models.UUIDField(_("round"), unique=True, editable=False)
    public_key = models.CharField(_("public key"), max_length=64, editable=False)
    split = models.BooleanField(_("split between two officers"), default=False)
    created_on = models.DateField(_("created on"), auto_now_add=True)
    # Set when the tally has turned the sealed ballots into plain ones (once per round).
    tallied_on = models.DateField(_("counted on"), null=True, blank=True)

    class Meta:
        verbose_name = _("round key")
        verbose_name_plural = _("round keys")

    def __str__(self):
        return str(self.round_key)


class SealedBallot(models.Model):
    """One ballot as cast, encrypted to the round's public key: round, ciphertext, no more.

    The ciphertext holds the scope, the choices and the source, padded to a fixed length."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    round_key = models.UUIDField(_("round"), db_index=True, editable=False)
    ciphertext = models.BinaryField(_("sealed ballot"))

    class Meta:
        verbose_name = _("sealed ballot")
        verbose_name_plural = _("sealed ballots")

    def __str__(self):
        return str(self.id)


class Ballot(models.Model):
    """The contents of one counted ballot, written by the tally. Unlinkable to whoever cast it:
    `cast_on` is the day voting closed, the same for every ballot of the round."""

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
