"""Greedy (utilitarian) rules: fund projects by descending score while the money lasts."""

from __future__ import annotations

from .core import Explanation, Profile, Result, fmt_money

__all__ = ["greedy", "greedy_order"]


def greedy_order(profile: Profile) -> list[int]:
    """Project indices by descending score, ties broken by :meth:`Profile.tie_key`."""
    return sorted(range(len(profile.ids)), key=lambda j: (-profile.scores[j], *profile.tie_key(j)))


def greedy(
    profile: Profile,
    *,
    skip: bool = True,
    threshold: int | None = None,
    budget: int | None = None,
    rule: str = "greedy",
) -> Result:
    """``skip=True``: pass over projects that no longer fit (greedy); ``skip=False``: stop at the
    first one (greedy-no-skip). Projects scoring below ``threshold`` are never funded."""
    budget = profile.budget if budget is None else budget
    remaining = budget
    selected: list[int] = []
    explanations: dict[str, Explanation] = {}
    stopped_at: int | None = None
    for j in greedy_order(profile):
        pid, cost, score = profile.ids[j], profile.costs[j], profile.scores[j]

        def explain(text, reason, ok=False, _pid=pid, _j=j, **params) -> None:
            explanations[_pid] = Explanation(
                _pid,
                ok,
                text,
                score=profile.scores[_j],
                position=len(selected) if ok else None,
                reason=reason,
                params=params,
                votes=profile.votes[_j],
            )

        if score <= 0:
            explain("rejected: no votes", "no_votes")
        elif threshold is not None and score < threshold:
            explain(
                f"rejected: score {score:,} below threshold {threshold:,}",
                "below_threshold",
                score=score,
                threshold=threshold,
            )
        elif cost > profile.budget:
            # Could never be funded, whatever the votes (a project dearer than the budget).
            explain(
                f"rejected: cost {fmt_money(cost)} exceeds the whole budget "
                f"{fmt_money(profile.budget)}",
                "over_budget",
                cost=cost,
                budget=profile.budget,
            )
        elif stopped_at is not None:
            explain(
                f"rejected: not considered, counting stopped at project {profile.ids[stopped_at]}"
                " (greedy-no-skip)",
                "no_skip_stop",
                score=score,
                stopped_at=profile.ids[stopped_at],
            )
        elif cost <= remaining:
            selected.append(j)
            explain(
                f"selected: score {score:,}, fitted in remaining budget {fmt_money(remaining)}",
                "fitted",
                True,
                score=score,
                remaining=remaining,
            )
            remaining -= cost
        else:
            explain(
                f"rejected: cost {fmt_money(cost)} exceeded remaining {fmt_money(remaining)}",
                "exceeded_remaining",
                score=score,
                cost=cost,
                remaining=remaining,
            )
            if not skip:
                stopped_at = j
    return Result(
        rule=rule,
        selected=[profile.ids[j] for j in selected],
        total_cost=budget - remaining,
        budget=profile.budget,
        explanations={pid: explanations[pid] for pid in profile.ids},
        seed=profile.seed,
        notes=list(profile.notes),
    )
