"""Method of Equal Shares (MES, https://equalshares.net) with Add1 completion and the
comparison step, in exact arithmetic.

Speed: voters are never handled one by one with Fractions. A voter only carries the id of a
*budget class* (all voters holding exactly the same amount share one class, whatever their
ballot), so the money of a project's supporters is a ``Counter`` over class ids — a C-speed scan
of an int list — and the Fraction arithmetic runs once per distinct amount, not once per voter.
A project's price can only rise from round to round (budgets only fall), so the last price seen
is a lower bound and most projects need not be re-evaluated at all.
"""

from __future__ import annotations

from collections import Counter
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
    # Exposed so explanations can tell how much the supporters had left at the end.
    classes: list[int]
    class_budget: list[Fraction | float]


class _Ambiguous(Exception):
    """A floating-point decision was too close to call; redo the run exactly."""


# Relative margin under which a floating-point comparison is not trusted. Rounding errors of
# the few hundred operations behind any value are below 1e-12 relative, far inside it.
_TOL = 1e-9


def mes_fixed_budget(
    profile: Profile, *, per_voter: Fraction, utility: str = "cost", exact: bool = False
) -> MESRun:
    """One run of MES where every voter starts with ``per_voter`` money.

    The run is first made with floats, tracking every decision that floats could get wrong
    (which project is cheapest, whether supporters can afford one); if any was closer than
    ``_TOL`` the run is redone in exact Fractions. The winners are therefore always those of
    the exact computation; ``exact=True`` skips the float attempt.
    """
    if utility not in UTILITIES:
        raise ValueError(f"unknown utility {utility!r}")
    if utility == "points" and profile.points is None:
        raise ValueError("points utilities need cumulative, scoring or ordinal ballots")
    if not exact:
        try:
            return _run(profile, Fraction(per_voter), utility, exact=False)
        except _Ambiguous:
            pass
    return _run(profile, Fraction(per_voter), utility, exact=True)


def _run(profile: Profile, per_voter: Fraction, utility: str, *, exact: bool) -> MESRun:
    weighted = utility == "points"
    num = Fraction if exact else float
    costs, supporters, tie_key = profile.costs, profile.supporters, profile.tie_key
    points = profile.points if weighted else None
    start = num(per_voter)
    zero = num(0)
    cls = [0] * profile.n_voters
    class_budget: list = [start]
    class_of: dict = {start: 0}
    winners: list[int] = []
    prices: dict[int, Fraction] = {}
    spent = 0

    # Lower bound of each project's key: with everyone paying in proportion to utility the
    # price per unit is at least cost / total utility.
    bound: dict = {}
    for j, supp in enumerate(supporters):
        if not supp:
            continue
        if costs[j] == 0:
            winners.append(j)  # free and wanted: nothing to share
            prices[j] = Fraction(0)
            continue
        total = sum(points[j]) if weighted else len(supp)
        if per_voter * total < costs[j]:  # exact: cannot afford it even with every budget
            continue
        bound[j] = _key(num(costs[j]) / total, costs[j], utility)

    def evaluate(j: int):
        """(price per unit of utility, groups) or None if the supporters cannot pay."""
        supp = supporters[j]
        cost = costs[j]
        remaining = num(cost)
        if weighted:
            counts = Counter(zip(map(cls.__getitem__, supp), points[j], strict=True))
            groups = sorted(
                ((class_budget[c] / u, c, u, k) for (c, u), k in counts.items()),
                key=lambda g: g[0],
            )
            util = sum(points[j])
        else:
            counts = Counter(map(cls.__getitem__, supp))
            groups = sorted(((class_budget[c], c, 1, k) for c, k in counts.items()),
                            key=lambda g: g[0])
            util = len(supp)
        if not exact:
            money = sum(class_budget[c] * k for _, c, _, k in groups)
            if abs(money - cost) <= _TOL * cost:
                raise _Ambiguous
        # Water-filling: the poorest (per unit of utility) pay all they have until the rest
        # can share what is left at one common price.
        for ratio, c, u, k in groups:
            if ratio * util >= remaining:
                return remaining / util, groups
            remaining -= class_budget[c] * k
            util -= u * k
        return None

    while bound:
        best = best_key = best_groups = best_price = None
        for j in sorted(bound, key=bound.__getitem__):
            if best_key is not None and bound[j] > best_key * (1 + _TOL):
                break  # its price can only have risen since: it cannot win this round
            found = evaluate(j)
            if found is None:
                del bound[j]
                continue
            price, groups = found
            key = bound[j] = _key(price, costs[j], utility)
            if best is None:
                best, best_key, best_groups, best_price = j, key, groups, price
            elif exact:
                if key < best_key or (key == best_key and tie_key(j) < tie_key(best)):
                    best, best_key, best_groups, best_price = j, key, groups, price
            elif abs(key - best_key) <= _TOL * best_key:
                raise _Ambiguous  # a tie, or too close to tell: the exact run decides
            elif key < best_key:
                best, best_key, best_groups, best_price = j, key, groups, price
        if best is None:
            break
        del bound[best]
        winners.append(best)
        prices[best] = best_price
        spent += costs[best]
        remap: dict = {}
        for _, c, u, _ in best_groups:
            left = class_budget[c] - best_price * u
            if left <= 0 or (not exact and left <= _TOL * class_budget[c]):
                left = zero
            new = class_of.get(left)
            if new is None:
                new = class_of[left] = len(class_budget)
                class_budget.append(left)
            remap[(c, u) if weighted else c] = new
        if weighted:
            for v, u in zip(supporters[best], points[best], strict=True):
                cls[v] = remap[(cls[v], u)]
        else:
            for v in supporters[best]:
                cls[v] = remap[cls[v]]
    return MESRun(per_voter, winners, prices, spent, cls, class_budget)


def _key(price: Fraction, cost: int, utility: str) -> Fraction:
    # Cost utilities (equalshares.net's default for approval) rank by price per unit of cost,
    # i.e. by the "effective vote count" cost / price; the others by the price itself.
    return price / cost if utility == "cost" else price


def equal_shares(
    profile: Profile,
    *,
    utility: str = "cost",
    completion: str | None = "add1",
    comparison: bool = False,
    greedy_completion: bool = False,
    increment: int = 1,
    rule: str = "equalshares",
) -> Result:
    """MES, optionally with Add1 completion, the comparison step and greedy completion.

    Add1 (as on equalshares.net): raise every voter's budget by ``increment`` and rerun while the
    outcome still fits in the real budget; stop at the first overspend (not at the first
    exhaustive outcome). Comparison: if more voters prefer the greedy outcome (more approved or
    more points in it) than the MES one, the greedy outcome is used.
    """
    budget, n = profile.budget, profile.n_voters
    notes = list(profile.notes)
    if n == 0:
        return greedy(profile, budget=0, rule=rule)
    base = Fraction(budget, n)
    run = mes_fixed_budget(profile, per_voter=base, utility=utility)
    fundable = {j for j, s in enumerate(profile.supporters) if s}
    if completion == "add1":
        iterations = 0
        # When everything fits anyway there is nothing for Add1 to do (equalshares.net too).
        if sum(profile.costs) > budget:
            while len(run.winners) < len(fundable):
                nxt = mes_fixed_budget(
                    profile, per_voter=run.per_voter + increment, utility=utility
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
    exact_run = mes_fixed_budget(profile, per_voter=run.per_voter, utility=utility, exact=True)
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
    for j, pid in enumerate(profile.ids):
        cost, score, backers = profile.costs[j], profile.scores[j], len(profile.supporters[j])
        if j in position:
            price = run.prices[j]
            unit = " per point" if utility == "points" else ""
            text = (
                f"selected in round {position[j]}: cost {fmt_money(cost)} shared by its "
                f"{backers:,} supporter(s) at {fmt_money(price)}{unit} each "
                f"(those with less paid all they had left); starting share {share}"
            )
            if cost == 0:
                text = f"selected in round {position[j]}: costs nothing and has supporters"
            out[pid] = Explanation(pid, True, text, score=score, position=position[j],
                                   price_per_supporter=price)
        elif not backers:
            out[pid] = Explanation(pid, False, "rejected: no votes", score=score)
        else:
            left = sum(run.class_budget[run.classes[v]] for v in profile.supporters[j])
            out[pid] = Explanation(
                pid,
                False,
                f"rejected: cost {fmt_money(cost)} could not be covered by its {backers:,} "
                f"supporter(s), who had {fmt_money(left)} left (starting share {share})",
                score=score,
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
            )
            remaining -= profile.costs[j]
    return profile.budget - remaining


def _compare(profile: Profile, mes_pick: list[int], greedy_pick: list[int], utility: str):
    """How many voters are happier with each outcome (approved projects, or points)."""
    sat_mes = Counter()
    sat_greedy = Counter()
    weighted = utility == "points" and profile.points is not None
    for pick, sat in ((mes_pick, sat_mes), (greedy_pick, sat_greedy)):
        for j in pick:
            if weighted:
                for v, u in zip(profile.supporters[j], profile.points[j], strict=True):
                    sat[v] += u
            else:
                sat.update(profile.supporters[j])
    voters = set(sat_mes) | set(sat_greedy)
    for_mes = sum(1 for v in voters if sat_mes[v] > sat_greedy[v])
    for_greedy = sum(1 for v in voters if sat_greedy[v] > sat_mes[v])
    return for_mes, for_greedy
