"""Why a tally departs from a file's official ``selected`` column (``budget_tally --explain``).

pabulib's ``selected`` is 1 (funded by the rule), 0 (not funded) or another value (2...) for an
ambiguous case that the file's ``comment`` explains. Every project where our tally and the file
disagree, or whose value is neither 0 nor 1, gets one reason:

* ``exception``: ``selected`` is neither 0 nor 1: a documented exception (quoted comment);
* ``withdrawn``: the rule funds it but the city did not (withdrawn, found infeasible...);
* ``threshold``: a score threshold explains it (META's, or one the META does not name);
* ``unnamed_rule``: the city funded it beyond what the rule leaves (e.g. a leftover budget or
  a top-up the META does not describe).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .core import Result, fmt_money
from .pabulib import Election

__all__ = ["Departure", "departures"]


@dataclass
class Departure:
    project_id: str
    official: int | None
    ours: bool
    reason: str  # exception | withdrawn | threshold | unnamed_rule
    text: str


def _comment_about(election: Election, pid: str) -> str:
    """The numbered comment (#1: ...) that names ``pid``, or ''."""
    comment = election.meta.get("comment", "")
    for part in re.split(r"(?=#\d+:)", comment):
        if re.search(rf"(?<![\w-]){re.escape(pid)}(?![\w-])", part):
            return part.strip()
    return ""


def departures(election: Election, result: Result) -> list[Departure]:
    """One Departure per project whose official ``selected`` is not what ``result`` gives (or
    is neither 0 nor 1). Empty if the file has no official result."""
    if not election.has_official_result():
        return []
    ours = result.selected_set
    threshold = election.meta_int("min_project_score_threshold")
    leftover = election.meta.get("leftover_budget", "").strip()
    official_scores = [
        result.explanations[pid].score
        for pid, p in election.projects.items()
        if p.selected == 1 and pid in result.explanations
    ]
    lowest_funded = min(official_scores, default=None)
    out = []
    for pid, project in election.projects.items():
        official = project.selected
        mine = pid in ours
        why = result.explanations.get(pid)
        score = why.score if why else 0
        comment = _comment_about(election, pid)
        if official not in (0, 1, None):
            note = comment or election.meta.get("comment", "").strip() or "no comment in the file"
            out.append(
                Departure(
                    pid,
                    official,
                    mine,
                    "exception",
                    f"selected={official}: a documented exception ({note})",
                )
            )
            continue
        if official is None or bool(official) == mine:
            continue
        if mine:  # the rule funds it, the city did not
            if lowest_funded is not None and score < lowest_funded and threshold is None:
                text = (
                    f"score {score:,} is below every officially funded project's (lowest "
                    f"{lowest_funded:,}): a threshold the META does not name"
                )
                reason = "threshold"
            else:
                text = "funded by the rule but not by the city: withdrawn or found infeasible"
                reason = "withdrawn"
            if comment:
                text += f" (comment: {comment})"
            out.append(Departure(pid, official, mine, reason, text))
            continue
        # The city funded it, the rule does not.
        if why is not None and why.reason == "below_threshold":
            text = (
                f"score {score:,} below META min_project_score_threshold {threshold:,}, yet "
                "funded by the city"
            )
            reason = "threshold"
        else:
            text = (
                f"funded by the city beyond the rule ({why.text if why else 'not counted'}): "
                "a rule the META does not name"
            )
            if leftover:
                text += f"; META leftover_budget={leftover}"
            reason = "unnamed_rule"
        if comment:
            text += f" (comment: {comment})"
        out.append(Departure(pid, official, mine, reason, text))
    return out


def summary(election: Election, result: Result) -> str:
    """One line: does the tally reproduce the official result?"""
    if not election.has_official_result():
        return "no official result in the file (no `selected` column)"
    found = departures(election, result)
    if not found:
        return "matches the official result"
    official_cost = sum(p.cost for p in election.projects.values() if p.selected == 1)
    return (
        f"departs from the official result for {len(found)} project(s) "
        f"(official winners cost {fmt_money(official_cost)})"
    )
