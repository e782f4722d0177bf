"""The tally engine's explanations, said in the reader's language.

The engine (`budgets.tally`) gives each project a `reason` code and its figures (`params`);
this module turns them into a sentence through gettext. An unknown code falls back to the
engine's English text, so a new engine reason never breaks the results page.
"""

from __future__ import annotations

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from portal.money import money as format_money


def money(value) -> str:
    """€ amounts in the reader's language; fractions of a euro get two decimals (display only)."""
    return format_money(value)


def count(value) -> str:
    return number_format(int(value), 0, force_grouping=True)


def explanation_text(explanation=None, *, reason=None, params=None, text="") -> str:
    """One project's explanation in the active language (from an Explanation, or its parts)."""
    if explanation is not None:
        reason, params, text = explanation.reason, explanation.params, explanation.text
    params = params or {}
    try:
        return _render(reason or "", params)
    except (KeyError, TypeError, ValueError):
        return text


def _render(reason: str, p: dict) -> str:
    if reason == "no_votes":
        return _("Not funded: no votes.")
    if reason == "fitted":
        return _("Funded: score %(score)s, fitted in the %(remaining)s still available.") % {
            "score": count(p["score"]),
            "remaining": money(p["remaining"]),
        }
    if reason == "exceeded_remaining":
        return _("Not funded: it costs %(cost)s, more than the %(remaining)s left.") % {
            "cost": money(p["cost"]),
            "remaining": money(p["remaining"]),
        }
    if reason == "below_threshold":
        return _("Not funded: score %(score)s, below the minimum score of %(threshold)s.") % {
            "score": count(p["score"]),
            "threshold": count(p["threshold"]),
        }
    if reason == "no_skip_stop":
        return _(
            "Not funded: not considered, counting stopped at project %(project)s, the first "
            "that did not fit."
        ) % {"project": p["stopped_at"]}
    if reason == "mes_round":
        values = {
            "round": p["round"],
            "cost": money(p["cost"]),
            "supporters": count(p["supporters"]),
            "price": money(p["price"]),
            "share": money(p["share"]),
        }
        if p.get("per_point"):
            return (
                ngettext(
                    "Funded in round %(round)d: its cost of %(cost)s was shared by its "
                    "%(supporters)s supporter at %(price)s per point (those with less paid "
                    "all they had left); each voter started with %(share)s.",
                    "Funded in round %(round)d: its cost of %(cost)s was shared by its "
                    "%(supporters)s supporters at %(price)s per point (those with less paid all "
                    "they had left); each voter started with %(share)s.",
                    int(p["supporters"]),
                )
                % values
            )
        return (
            ngettext(
                "Funded in round %(round)d: its cost of %(cost)s was paid by its %(supporters)s "
                "supporter, %(price)s (or all they had left); each voter started with %(share)s.",
                "Funded in round %(round)d: its cost of %(cost)s was shared by its %(supporters)s "
                "supporters, %(price)s each (those with less paid all they had left); each voter "
                "started with %(share)s.",
                int(p["supporters"]),
            )
            % values
        )
    if reason == "mes_free":
        return _("Funded in round %(round)d: it costs nothing and has supporters.") % {
            "round": p["round"]
        }
    if reason == "mes_unaffordable":
        return ngettext(
            "Not funded: its cost of %(cost)s could not be covered by its %(supporters)s "
            "supporter, who had %(left)s left (each voter started with %(share)s).",
            "Not funded: its cost of %(cost)s could not be covered by its %(supporters)s "
            "supporters, who had %(left)s left between them (each voter started with %(share)s).",
            int(p["supporters"]),
        ) % {
            "cost": money(p["cost"]),
            "supporters": count(p["supporters"]),
            "left": money(p["left"]),
            "share": money(p["share"]),
        }
    if reason == "greedy_completion":
        return _(
            "Funded by the greedy completion: score %(score)s, fitted in the %(remaining)s "
            "still available."
        ) % {"score": count(p["score"]), "remaining": money(p["remaining"])}
    raise KeyError(reason)
