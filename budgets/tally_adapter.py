"""The one place the Django app talks to the pure tally engine (`budgets.tally`).

Keeps the engine's names in one import so a change there is a change here only.
"""

from budgets.tally import (  # noqa: F401
    RULES,
    Ballot,
    Election,
    PabulibError,
    Project,
    Result,
    TallyError,
    dump_pabulib,
    money_text,
    parse_pabulib,
    read_pabulib,
    tally,
)

# How each ballot rule of a round is written as a pabulib vote_type.
VOTE_TYPES = {
    "approval": "approval",
    "knapsack": "approval",
    "cumulative": "cumulative",
    "ranked": "ordinal",
}


def run_tally(election: Election, *, rule: str | None = None) -> Result:
    return tally(election, rule=rule)
