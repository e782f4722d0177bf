import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from budgets.models import Ballot, Participation
from budgets.services import ballot_cast, paper_ballot_enter
from budgets.tally_adapter import parse_pabulib
from tests.factories.budgets import budget_round, count_round, counted, projects
from tests.factories.neighbourhoods import AddressFactory, HouseholdFactory, member

pytestmark = pytest.mark.django_db


def text(response):
    return response.content.decode()


def _voted_round(neighbourhoods, *, phase="results"):
    a, b = neighbourhoods
    budget = budget_round(
        phase="voting",
        total_budget=50_000,
        max_projects=3,
        projects=projects(("Potager", 30_000), ("Bancs", 10_000), ("Piste", 40_000)),
    )
    member(neighbourhood=a)  # registered but did not vote
    for choices in (["p1", "p2"], ["p1"], ["p3"], ["p1", "p2"]):
        household = HouseholdFactory(address__neighbourhood=a)
        member(household=household)
        ballot_cast(budget=budget, household=household, choices=choices)
    from datetime import timedelta

    from django.utils import timezone

    from tests.factories.budgets import PHASE_DATES  # move the round to `phase`

    shown, opens, closes, results = (timezone.now() + timedelta(days=d) for d in PHASE_DATES[phase])
    type(budget).objects.filter(pk=budget.pk).update(
        voting_opens_at=opens, voting_closes_at=closes, results_published_at=results
    )
    budget.refresh_from_db()
    count_round(budget)  # the returning officer counts with the round's key
    return budget


def test_public_results_show_winners_votes_turnout_and_chart(client, neighbourhoods):
    budget = _voted_round(neighbourhoods)
    response = client.get(f"/budget/{budget.pk}/resultats/")
    body = text(response)
    assert response.status_code == 200
    assert "Projets financés" in body
    assert "<svg" in body and "Potager" in body
    # Greedy: Potager (3 votes, 30k) then Bancs (2 votes, 10k); Piste (40k) no longer fits.
    winners = body.split("Projets financés")[1].split("</ol>")[0]
    assert "Potager" in winners and "Bancs" in winners and "Piste" not in winners
    # Turnout: 4 of 5 registered households of Mons-Centre.
    assert "80,0" in body or "80.0" in body
    assert "Explication" not in body  # the explanation is for staff


def test_results_hidden_until_published(client, neighbourhoods):
    budget = _voted_round(neighbourhoods, phase="closed")
    response = client.get(f"/budget/{budget.pk}/resultats/")
    assert response.status_code == 404
    assert "pas encore publiés" in text(response)


def test_staff_see_explanation_before_publication_and_export_pb(client_for, neighbourhoods):
    budget = _voted_round(neighbourhoods, phase="closed")
    staff = client_for("Participation staff")
    body = text(staff.get(f"/budget/{budget.pk}/resultats/"))
    assert "Explication" in body
    # The engine's reason, said in French (greedy: Potager first with €50,000 available).
    assert "Financé : score 3, il tenait dans les 50\u00a0000\u00a0€" in body
    assert "Non financé : il coûte 40\u00a0000\u00a0€" in body
    assert "selected:" not in body  # not the engine's English
    nl = staff.get(f"/nl/budget/{budget.pk}/resultats/")
    assert "Gefinancierd: score 3" in text(nl)
    export = staff.get(f"/budget/{budget.pk}/bulletins.pb")
    assert export.status_code == 200
    election = parse_pabulib(export.content)
    assert len(election.ballots) == 4 and election.budget == 50_000
    assert {b.voter_id for b in election.ballots} == {"1", "2", "3", "4"}
    assert client_for("member of A").get(f"/budget/{budget.pk}/bulletins.pb").status_code == 404


def test_results_page_query_count_does_not_grow_with_ballots(
    client, neighbourhoods, django_assert_max_num_queries
):
    budget = _voted_round(neighbourhoods)
    with django_assert_max_num_queries(25):
        client.get(f"/budget/{budget.pk}/resultats/")


def test_paper_ballot_with_address_blocks_online_vote(client, neighbourhoods):
    a, _b = neighbourhoods
    budget = budget_round(projects=projects(("A", 10), ("B", 20)))
    address = AddressFactory(neighbourhood=a)
    paper_ballot_enter(budget=budget, choices=["p1"], address=address)
    resident = member(household=address.household)
    client.force_login(resident)
    response = client.get(f"/budget/{budget.pk}/voter/")
    assert "déjà voté" in text(response)
    assert counted().get().source == "paper"
    assert Participation.objects.get().source == "paper"


def test_paper_ballot_entered_in_the_admin(client_for, neighbourhoods):
    a, _b = neighbourhoods
    budget = budget_round(projects=projects(("A", 10), ("B", 20)))
    staff = client_for("Participation staff")
    url = f"/admin/budgets/{budget.pk}/papier/"
    assert staff.get(url).status_code == 200
    response = staff.post(url, {"ballot-projects": ["p2"]}, follow=True)
    assert "Bulletin papier enregistré" in text(response)
    assert counted().get().choices == [["p2", 1]] and Participation.objects.count() == 0
    assert client_for("Communications officers").get(url).status_code in (302, 403)


PB = """META
key;value
description;Test
budget;100
vote_type;approval
rule;greedy
PROJECTS
project_id;cost;name
x1;60;Jardin
x2;50;Bancs
VOTES
voter_id;vote
1;x1
2;x1,x2
3;x2
"""


def test_import_pb_file_adds_projects_and_ballots(client_for, neighbourhoods):
    budget = budget_round(phase="closed", total_budget=100, projects=[])
    staff = client_for("Participation staff")
    response = staff.post(
        f"/admin/budgets/{budget.pk}/importer/",
        {"file": SimpleUploadedFile("t.pb", PB.encode())},
        follow=True,
    )
    assert "3 bulletins et 2 nouveaux projets" in text(response)
    assert counted().filter(source="imported").count() == 3
    budget.refresh_from_db()
    assert sorted(budget.projects.values_list("code", flat=True)) == ["x1", "x2"]


@pytest.mark.parametrize(
    "content, message",
    [
        (PB.replace("1;x1\n", "1;x9\n"), "ligne 13"),
        (PB.replace("budget;100", "budget;cent"), "pas un fichier .pb valide"),
        ("garbage", "pas un fichier .pb valide"),
        (PB.replace("approval", "cumulative"), "pas un fichier .pb valide"),
    ],
)
def test_malformed_pb_import_is_refused_and_stores_nothing(
    client_for, neighbourhoods, content, message
):
    budget = budget_round(phase="closed", total_budget=100, projects=[])
    staff = client_for("Participation staff")
    response = staff.post(
        f"/admin/budgets/{budget.pk}/importer/",
        {"file": SimpleUploadedFile("t.pb", content.encode())},
    )
    assert message in text(response)
    assert Ballot.objects.count() == 0 and budget.projects.count() == 0


def test_hub_shows_open_round_to_its_neighbourhood(client, neighbourhoods):
    a, b = neighbourhoods
    budget_round(title="Budget Jemappes", areas=[(b, None)], projects=projects(("A", 10)))
    assert "Budget Jemappes" in text(client.get("/jemappes/"))
    assert "Budget Jemappes" not in text(client.get("/mons-centre/"))
    from neighbourhoods.registry import city_items_for

    assert [i.title for i in city_items_for(neighbourhood=b)] == ["Budget Jemappes"]


def test_only_the_returning_officer_reaches_the_key_and_tally_screens(client_for, neighbourhoods):
    budget = budget_round(projects=projects(("A", 10)), key=False)
    for url in (f"/admin/budgets/{budget.pk}/cle/", f"/admin/budgets/{budget.pk}/depouiller/"):
        for role in ("Communications officers", "member of A", "anonymous"):
            assert client_for(role).get(url).status_code in (302, 403), (role, url)
    officer = client_for("Participation staff")
    response = officer.post(f"/admin/budgets/{budget.pk}/cle/", {"split": "on"})
    body = text(response)
    assert "no-store" in response["Cache-Control"]
    assert body.count("mqb-share:1:") >= 2 and "mqb-key:1:" not in body
    # Shown once: the page now only says when the key was created.
    assert "mqb-share" not in text(officer.get(f"/admin/budgets/{budget.pk}/cle/"))
    # Voting still open: counting is refused with a clear message.
    response = officer.post(
        f"/admin/budgets/{budget.pk}/depouiller/", {"share_1": "x", "share_2": "y"}
    )
    assert "Le vote est encore ouvert" in text(response)


def test_paper_ballots_and_imports_stop_once_the_round_is_counted(client_for, neighbourhoods):
    from budgets.services import BallotRefused

    budget = budget_round(projects=projects(("A", 10), ("B", 20)))
    paper_ballot_enter(budget=budget, choices=["p1"])
    count_round(budget)
    with pytest.raises(BallotRefused) as caught:
        paper_ballot_enter(budget=budget, choices=["p2"])
    assert caught.value.code == "counted"
    response = client_for("Participation staff").post(
        f"/admin/budgets/{budget.pk}/importer/",
        {"file": SimpleUploadedFile("t.pb", PB.encode())},
    )
    assert "a été dépouillée" in text(response)
    assert Ballot.objects.count() == 1
