"""Method of Equal Shares (MES, https://equalshares.net) with Add1 completion and the
comparison step, in exact arithmetic.

Speed, without giving up exactness:

* Voters who cast the same ballot always hold the same money, so the unit is the ballot type
  (often ten times fewer per project than voters), weighted by its number of voters.
* Voters whose ballots agree on the winners so far have always paid the same: their *budget
  class* is their ballot's bit mask restricted to those winners. How a project's supporters
  split into classes depends on the set of winners only, not on the budget, so Add1's
  successive runs share these splits through a cache (and coarsen them from one finer split
  per project instead of walking every ballot type again). Voters with nothing left are
  lumped together: they pay nothing.
* A project's price can only rise from round to round (budgets only fall): the last price seen
  is a lower bound, so most projects are not re-evaluated at all.
* Each run is first made in floats with running error bounds; only a decision too close to
  call (a tie, typically) sends the run to exact Fractions. The final run is always redone
  exactly, so published prices are exact.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction

from .core import Explanation, Profile, Result, fmt_money
from .greedy import greedy, greedy_order

__all__ = ["MESRun", "equal_shares", "mes_fixed_budget"]

UTILITIES = ("cost", "cardinality", "points")


@dataclass
class MESRun:
    """Outcome of MES for one fixed per-voter budget."""

    per_voter: Fraction
    winners: list[int]  # project indices, in buying order
    # winner -> price per unit of utility (per supporter if approval); floats unless exact
    prices: dict[int, Fraction | float]
    cost: int
    _classes: _Classes

    @property
    def classes(self) -> list[int]:
        """Budget class of each ballot type, so explanations can tell what supporters had
        left."""
        return self._resolved()[0]

    @property
    def class_budget(self) -> list[Fraction | float]:
        """What the voters of each budget class hold at the end of the run."""
        return self._resolved()[1]

    def _resolved(self):
        if not hasattr(self, "_resolved_classes"):
            self._resolved_classes = self._classes.resolve()
        return self._resolved_classes


class _Ambiguous(Exception):
    """A floating-point decision was too close to call; redo the run exactly."""


# Bound on the relative rounding error of one float operation (unit roundoff is 1.1e-16; the
# margin covers the few operations folded into each step below).
_EPS = 1e-15


def mes_fixed_budget(
    profile: Profile,
    *,
    per_voter: Fraction,
    utility: str = "cost",
    exact: bool = False,
    cache: dict | None = None,
) -> MESRun:
    """One run of MES where every voter starts with ``per_voter`` money.

    The run is first made with floats that carry a running bound on their rounding error.
    Whenever a decision (which project is cheapest, can its supporters pay) falls within those
    bounds, the run is redone in exact Fractions; so the winners are always those of the exact
    computation, and genuine ties are broken exactly. ``exact=True`` skips the float attempt.

    ``cache`` (an empty dict to start with, then passed again unchanged) lets successive runs on
    the same profile and utility, as in Add1, share how each project's supporters split up
    after a given set of winners: that depends on the set only, not on the budget.
    """
    if utility not in UTILITIES:
        raise ValueError(f"unknown utility {utility!r}")
    if utility == "points" and profile.points is None:
        raise ValueError("points utilities need cumulative, scoring or ordinal ballots")
    per_voter = Fraction(per_voter)
    if cache is None:
        cache = {}
    if cache.setdefault("utility", utility) != utility:
        raise ValueError("a cache serves one utility only")
    if cache.setdefault("profile", profile) is not profile:
        raise ValueError("a cache serves one profile only")
    if not exact:
        try:
            return _run(profile, per_voter, utility, cache, exact=False)
        except _Ambiguous:
            pass
    return _run(profile, per_voter, utility, cache, exact=True)


def _masks(profile: Profile, weighted: bool):
    """Bit masks: one bit per (project, points) pair; each ballot type's mask ORs its pairs.

    Voters whose ballots agree on the winners so far (and on the points they gave them) have
    always paid the same, so ``type_mask & winners_mask`` names a voter's budget class.
    """
    type_mask = [0] * len(profile.type_weight)
    bit: dict = {}
    project_mask = [0] * len(profile.costs)
    if not weighted:  # one bit per project
        for j, supp in enumerate(profile.supporters):
            b = bit[(j, 1)] = project_mask[j] = 1 << j
            for t in supp:
                type_mask[t] |= b
        return type_mask, bit, project_mask
    for j, supp in enumerate(profile.supporters):
        for t, u in zip(supp, profile.points[j], strict=True):
            b = bit.get((j, u))
            if b is None:
                b = bit[(j, u)] = 1 << len(bit)
                project_mask[j] |= b
            type_mask[t] |= b
    return type_mask, bit, project_mask


def _run(
    profile: Profile, per_voter: Fraction, utility: str, cache: dict, *, exact: bool
) -> MESRun:
    weighted = utility == "points"
    num = Fraction if exact else float
    costs, supporters, weights = profile.costs, profile.supporters, profile.weights
    tie_key = profile.tie_key
    points = profile.points if weighted else None
    utility_total = profile.scores if weighted else profile.votes
    by_cost = utility == "cost"
    start = num(per_voter)
    zero = num(0)
    if "masks" not in cache:
        cache["masks"] = _masks(profile, weighted)
    type_mask, bit, project_mask = cache["masks"]
    width = len(bit)
    low = (1 << width) - 1
    splits: dict = cache.setdefault("splits", {})
    finest: dict = cache.setdefault("finest", {})
    # Budget classes: the mask of a voter's ballot restricted to the winners so far (see
    # _masks) -> what such voters hold now, and (float mode) a bound on its rounding error.
    amount: dict = {0: start}
    amount_err: dict = {0: abs(float(start)) * _EPS}
    won = 0  # OR of the project masks of the winners so far
    winners: list[int] = []
    prices: dict[int, Fraction | float] = {}
    spent = 0

    # Lower bound of each project's key: with everyone paying in proportion to utility the
    # price per unit is at least cost / total utility.
    bound: dict = {}
    bound_err: dict = {}
    for j, supp in enumerate(supporters):
        if not supp:
            continue
        if costs[j] == 0:
            winners.append(j)  # free and wanted: nothing to share
            prices[j] = zero
            continue
        if per_voter * utility_total[j] < costs[j]:  # exact: unaffordable even with all budgets
            continue
        key = num(costs[j]) / utility_total[j]
        bound[j] = key / costs[j] if by_cost else key
        bound_err[j] = 0.0 if exact else abs(bound[j]) * 2 * _EPS

    # Every project that could win in this run or an earlier one with the same cache.
    reach = cache.get("reach", 0)
    for j in bound:
        reach |= project_mask[j]
    cache["reach"] = reach

    def split(j: int):
        """j's supporters as (class mask, points, voters); shared by runs with the same
        winners so far, whatever their order or budget."""
        key = (won, j)
        found = splits.get(key)
        if found is not None:
            return found
        # Coarsen the finest split kept for j (by every project that could win in any run
        # so far), which has far fewer entries than j has ballot types.
        # Entries are keyed by one int: the class mask, with the points (weighted) above it.
        known, fine = finest.get(j, (0, None))
        if fine is None or won & ~known:
            known |= cache["reach"]
            counts: dict = {}
            get = counts.get
            if weighted:
                for t, w, u in zip(supporters[j], weights[j], points[j], strict=True):
                    c = (type_mask[t] & known) | (u << width)
                    counts[c] = get(c, 0) + w
            else:
                for t, w in zip(supporters[j], weights[j], strict=True):
                    c = type_mask[t] & known
                    counts[c] = get(c, 0) + w
            fine = list(counts.items())
            finest[j] = known, fine
        if known != won:
            counts = {}
            get = counts.get
            keep = won | -(1 << width)  # the winners' bits and the points above them
            for c, k in fine:
                c &= keep
                counts[c] = get(c, 0) + k
            fine = counts.items()
        if weighted:
            found = [(c & low, c >> width, k) for c, k in fine]
        else:
            found = [(c, 1, k) for c, k in fine]
        splits[key] = found
        return found

    # Voters with nothing left form no class of their own: a mask missing from ``amount`` is
    # one of them (once empty, always empty). They pay nothing, so a project's groups lump
    # them together. In float mode their true money lies in [0, zero_err]: a float 0 came
    # from a clamped b - p*u whose error bound is at most zero_err, and paying more only
    # lowers the true value.
    zero_err = [abs(float(start)) * _EPS]
    get_amount = amount.get

    def group(j: int):
        """(voters with nothing, their utility, the other groups by money per unit)."""
        groups = []
        add = groups.append
        empty = empty_util = 0
        for c, u, k in split(j):
            a = get_amount(c)
            if a:
                add((a / u if weighted else a, a, c, u, k))
            else:
                empty += k
                empty_util += u * k
        groups.sort()
        return empty, empty_util, groups

    def evaluate(j: int):
        """(key, error bound, price per unit of utility, groups), or None if unaffordable.

        Water-filling: the poorest (per unit of utility) pay all they have until the rest can
        share what is left at one common price.
        """
        empty, empty_util, groups = group(j)
        cost = costs[j]
        util = utility_total[j] - empty_util  # those with nothing pay nothing
        remaining = num(cost)
        if exact:
            for ratio, a, _, u, k in groups:
                if ratio * util >= remaining:
                    price = remaining / util
                    return (price / cost if by_cost else price), 0.0, price, groups
                remaining -= a * k
                util -= u * k
            return None
        n_groups = len(groups) + 1
        money = 0.0
        money_err = empty * zero_err[0]
        for _, a, c, _, k in groups:
            money += a * k
            money_err += amount_err[c] * k
        money_err += money * _EPS * n_groups
        if abs(money - cost) <= money_err:
            raise _Ambiguous  # cannot tell whether the supporters can pay
        if money < cost:
            return None
        paid = 0.0
        paid_err = empty * zero_err[0]
        for ratio, a, c, u, k in groups:
            if ratio * util >= remaining:
                break
            remaining -= a * k
            paid += a * k
            paid_err += amount_err[c] * k
            util -= u * k
        else:  # pragma: no cover - excluded by the money check above
            raise _Ambiguous
        price = remaining / util
        # Paying the capped groups is continuous in their budgets, so only their own errors
        # and the rounding of the subtraction enter the price.
        price_err = (paid_err + (cost + paid) * _EPS * n_groups) / util + price * _EPS
        if by_cost:
            return price / cost, price_err / cost + price / cost * _EPS, price, groups
        return price, price_err, price, groups

    while bound:
        best = best_key = best_err = best_groups = best_price = None
        for j in sorted(bound, key=bound.__getitem__):
            if best_key is not None and bound[j] - bound_err[j] > best_key + best_err:
                break  # its price can only have risen since: it cannot win this round
            found = evaluate(j)
            if found is None:
                del bound[j], bound_err[j]
                continue
            key, err, price, groups = found
            bound[j], bound_err[j] = key, err
            if best is None:
                best, best_key, best_err, best_groups, best_price = j, key, err, groups, price
            elif exact:
                if key < best_key or (key == best_key and tie_key(j) < tie_key(best)):
                    best, best_key, best_groups, best_price = j, key, groups, price
            elif abs(key - best_key) <= err + best_err:
                raise _Ambiguous  # a tie, or too close to tell: the exact run decides
            elif key < best_key:
                best, best_key, best_err, best_groups, best_price = j, key, err, groups, price
        if best is None:
            break
        del bound[best], bound_err[best]
        winners.append(best)
        prices[best] = best_price
        spent += costs[best]
        price_err = 0.0 if exact else best_err * (costs[best] if by_cost else 1)
        for _, a, c, u, _ in best_groups:
            left = a - best_price * u
            # max(0, b - p*u) is 1-Lipschitz: errors of b and p*u carry over, nothing more.
            err = 0.0 if exact else amount_err[c] + price_err * u + abs(left) * _EPS
            if left <= 0:
                if err > zero_err[0]:
                    zero_err[0] = err
                continue  # emptied: left out of ``amount``
            new = c | bit[(best, u)]  # a class no one was in before
            amount[new] = left
            if not exact:
                amount_err[new] = err
        won |= project_mask[best]
    return MESRun(per_voter, winners, prices, spent, _Classes(type_mask, won, amount, zero))


class _Classes:
    """What each ballot type's voters hold at the end of a run, worked out only if asked."""

    def __init__(self, type_mask: list[int], won: int, amount: dict, zero) -> None:
        self.type_mask, self.won, self.amount, self.zero = type_mask, won, amount, zero

    def resolve(self) -> tuple[list[int], list]:
        index: dict = {}
        budgets: list = []
        classes = []
        won, amount = self.won, self.amount
        for m in self.type_mask:
            c = m & won
            k = index.get(c)
            if k is None:
                k = index[c] = len(budgets)
                budgets.append(amount.get(c, self.zero))
            classes.append(k)
        return classes, budgets


def _first(group):
    return group[0]


def equal_shares(
    profile: Profile,
    *,
    utility: str = "cost",
    completion: str | None = "add1",
    comparison: bool = False,
    greedy_completion: bool = False,
    increment: int = 1,
    stop: str = "overspend",
    rule: str = "equalshares",
) -> Result:
    """MES, optionally with Add1 completion, the comparison step and greedy completion.

    Add1 (as on equalshares.net): raise every voter's budget by ``increment`` and rerun while the
    outcome still fits in the real budget; stop at the first overspend, not at the first
    exhaustive outcome (``stop="exhaustive"`` also stops there, as pabutools does).
    Comparison: if more voters prefer the greedy outcome (more approved projects, or more
    points) than the MES one, the greedy outcome is used.
    """
    budget, n = profile.budget, profile.n_voters
    notes = list(profile.notes)
    if n == 0:
        return greedy(profile, budget=0, rule=rule)
    base = Fraction(budget, n)
    # Runs share how supporters split up after each set of winners (see mes_fixed_budget).
    cache: dict = {}
    run = mes_fixed_budget(profile, per_voter=base, utility=utility, cache=cache)
    fundable = {j for j, s in enumerate(profile.supporters) if s}
    if stop not in ("overspend", "exhaustive"):
        raise ValueError(f"unknown stop {stop!r}")

    def exhaustive(outcome: MESRun) -> bool:
        left = budget - outcome.cost
        chosen = set(outcome.winners)
        return all(profile.costs[j] > left for j in fundable if j not in chosen)

    if completion == "add1":
        iterations = 0
        # When everything fits anyway there is nothing for Add1 to do (equalshares.net too).
        if sum(profile.costs) > budget:
            while len(run.winners) < len(fundable):
                if stop == "exhaustive" and exhaustive(run):
                    break
                nxt = mes_fixed_budget(
                    profile, per_voter=run.per_voter + increment, utility=utility, cache=cache
                )
                if nxt.cost > budget:
                    break
                run = nxt
                iterations += 1
        notes.append(
            f"Add1 completion: each voter's share raised {iterations} time(s) by {increment} from "
            f"{fmt_money(base)} to {fmt_money(run.per_voter)}; one more step would overspend."
        )
    elif completion is not None:
        raise ValueError(f"unknown completion {completion!r}")

    # The published figures come from an exact rerun of the final step.
    exact_run = mes_fixed_budget(
        profile, per_voter=run.per_voter, utility=utility, exact=True, cache=cache
    )
    if exact_run.winners != run.winners:  # pragma: no cover - would be a bug in the float filter
        raise AssertionError("float and exact MES runs disagree")
    run = exact_run
    selected = list(run.winners)
    explanations = _explain_mes(profile, run, utility)
    spent = run.cost
    if greedy_completion:
        spent = _greedy_complete(profile, selected, explanations, spent)

    if comparison:
        greedy_result = greedy(profile, rule=rule)
        pick = [profile.index[pid] for pid in greedy_result.selected]
        for_mes, for_greedy = _compare(profile, selected, pick, utility)
        text = (
            f"Comparison step: {for_mes:,} voter(s) prefer the equal-shares outcome, "
            f"{for_greedy:,} prefer the greedy outcome"
        )
        if for_greedy > for_mes:
            notes.append(text + "; the greedy outcome is used.")
            greedy_result.rule = rule
            greedy_result.notes = notes
            return greedy_result
        notes.append(text + "; the equal-shares outcome stands.")

    return Result(
        rule=rule,
        selected=[profile.ids[j] for j in selected],
        total_cost=spent,
        budget=budget,
        explanations={pid: explanations[pid] for pid in profile.ids},
        seed=profile.seed,
        notes=notes,
    )


def _explain_mes(profile: Profile, run: MESRun, utility: str) -> dict[str, Explanation]:
    out: dict[str, Explanation] = {}
    position = {j: k for k, j in enumerate(run.winners, start=1)}
    share = fmt_money(run.per_voter)
    # Exact money left per project, summed as integers over a common denominator: adding
    # thousands of Fractions one by one is what made this slow.
    budgets = [Fraction(b) for b in run.class_budget]
    denominator = math.lcm(*(b.denominator for b in budgets))
    scaled = [b.numerator * (denominator // b.denominator) for b in budgets]
    for j, pid in enumerate(profile.ids):
        cost, score, backers = profile.costs[j], profile.scores[j], profile.votes[j]
        if j in position:
            price = run.prices[j]
            unit = " per point" if utility == "points" else ""
            text = (
                f"selected in round {position[j]}: cost {fmt_money(cost)} shared by its "
                f"{backers:,} supporter(s) at {fmt_money(price)}{unit} each "
                f"(those with less paid all they had left); starting share {share}"
            )
            reason = "mes_round"
            params = {
                "round": position[j],
                "cost": cost,
                "supporters": backers,
                "price": Fraction(price),
                "share": Fraction(run.per_voter),
                "per_point": utility == "points",
            }
            if cost == 0:
                text = f"selected in round {position[j]}: costs nothing and has supporters"
                reason, params = "mes_free", {"round": position[j]}
            out[pid] = Explanation(
                pid,
                True,
                text,
                score=score,
                position=position[j],
                price_per_supporter=price,
                reason=reason,
                params=params,
                votes=backers,
            )
        elif not backers:
            out[pid] = Explanation(
                pid, False, "rejected: no votes", score=score, reason="no_votes", votes=0
            )
        else:
            cls = run.classes
            held = sum(
                scaled[cls[t]] * w
                for t, w in zip(profile.supporters[j], profile.weights[j], strict=True)
            )
            left = Fraction(held, denominator)
            out[pid] = Explanation(
                pid,
                False,
                f"rejected: cost {fmt_money(cost)} could not be covered by its {backers:,} "
                f"supporter(s), who had {fmt_money(left)} left (starting share {share})",
                score=score,
                reason="mes_unaffordable",
                params={
                    "cost": cost,
                    "supporters": backers,
                    "left": left,
                    "share": Fraction(run.per_voter),
                },
                votes=backers,
            )
    return out


def _greedy_complete(profile: Profile, selected: list[int], explanations, spent: int) -> int:
    remaining = profile.budget - spent
    chosen = set(selected)
    for j in greedy_order(profile):
        if j in chosen or profile.scores[j] <= 0:
            continue
        if profile.costs[j] <= remaining:
            pid = profile.ids[j]
            selected.append(j)
            explanations[pid] = Explanation(
                pid,
                True,
                f"selected by greedy completion: score {profile.scores[j]:,}, fitted in "
                f"remaining budget {fmt_money(remaining)}",
                score=profile.scores[j],
                position=len(selected),
                reason="greedy_completion",
                params={"score": profile.scores[j], "remaining": remaining},
                votes=profile.votes[j],
            )
            remaining -= profile.costs[j]
    return profile.budget - remaining


def _compare(profile: Profile, mes_pick: list[int], greedy_pick: list[int], utility: str):
    """How many voters are happier with each outcome (approved projects, or points)."""
    weighted = utility == "points" and profile.points is not None
    sat = [[0] * len(profile.type_weight), [0] * len(profile.type_weight)]
    for side, pick in enumerate((mes_pick, greedy_pick)):
        per_type = sat[side]
        for j in pick:
            utils = profile.points[j] if weighted else [1] * len(profile.supporters[j])
            for t, u in zip(profile.supporters[j], utils, strict=True):
                per_type[t] += u
    for_mes = for_greedy = 0
    for t, w in enumerate(profile.type_weight):
        if sat[0][t] > sat[1][t]:
            for_mes += w
        elif sat[1][t] > sat[0][t]:
            for_greedy += w
    return for_mes, for_greedy
