"""Who may vote, see results, enter paper ballots, import and export. Checked in one place."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from neighbourhoods.permissions import is_city_staff
from neighbourhoods.selectors import _CACHE_ATTR as _MEMBERSHIP_CACHE
from neighbourhoods.selectors import active_membership

from .pages import BudgetRoundPage, Phase


@dataclass
class Eligibility:
    allowed: bool
    reason: str = ""
    code: str = ""
    membership: object = None


def voter_eligibility(*, user, budget: BudgetRoundPage, check_voted: bool = True) -> Eligibility:
    """Can `user` cast their household's ballot in `budget` now? If not, why (in words)."""
    from .selectors import household_has_voted, round_neighbourhood_ids, voter_membership
    from .services import already_voted_message

    phase = budget.phase()
    if phase != Phase.VOTING:
        if phase in (Phase.CLOSED, Phase.RESULTS):
            return Eligibility(False, _("Voting in this round is closed."), "closed")
        return Eligibility(False, _("Voting has not opened yet."), "not_open")
    if not getattr(user, "is_authenticated", False):
        return Eligibility(False, _("Log in to vote."), "login")
    voted = None
    if check_voted and not hasattr(user, _MEMBERSHIP_CACHE):
        # One query for membership, staff groups and "has voted" (the usual path).
        membership = voter_membership(user=user, budget=budget)
        if membership is not None:
            setattr(user, _MEMBERSHIP_CACHE, membership)
            if not hasattr(user, "_is_city_staff_cache"):
                user._is_city_staff_cache = membership.in_staff_group
            voted = membership.has_voted
    if is_city_staff(user):
        return Eligibility(
            False, _("City staff accounts cannot vote: use your personal account."), "staff"
        )
    membership = active_membership(user=user)
    if membership is None:
        return Eligibility(
            False, _("Only verified residents can vote: verify your address first."), "verify"
        )
    ids = round_neighbourhood_ids(budget=budget)
    if ids and membership.neighbourhood_id not in ids:
        return Eligibility(
            False,
            _("This round is not open to residents of %(name)s.")
            % {"name": membership.neighbourhood.name},
            "neighbourhood",
        )
    if voted is None and check_voted:
        voted = household_has_voted(budget=budget, household=membership.household)
    if voted:
        return Eligibility(False, already_voted_message(), "already_voted", membership)
    return Eligibility(True, "", "", membership)


def can_see_results(user, budget: BudgetRoundPage) -> bool:
    return budget.phase() == Phase.RESULTS or can_tally(user)


def can_tally(user) -> bool:
    return user.is_authenticated and user.has_perm("budgets.tally_round")


def can_enter_paper_ballots(user) -> bool:
    return user.is_authenticated and user.has_perm("budgets.enter_paper_ballot")


def can_import_ballots(user) -> bool:
    return user.is_authenticated and user.has_perm("budgets.import_ballots")
