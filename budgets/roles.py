"""Participation staff run the citizen budget: paper ballots, imports, tallies and exports.

Round pages themselves are edited through Wagtail's page permissions (accounts.roles)."""

PERMISSIONS = {
    "Participation staff": [
        "budgets.enter_paper_ballot",
        "budgets.import_ballots",
        "budgets.tally_round",
        "budgets.view_participation",
    ],
}
