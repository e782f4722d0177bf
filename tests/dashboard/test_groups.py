"""Surveys, budget, initiatives, neighbour help, city messages and events, newsletters: each
figure equals a count computed independently with a plain loop over the objects."""

import pytest

from announcements import figures as announcements_figures
from budgets import figures as budgets_figures
from dashboard import periods
from dashboard.report import build_report
from initiatives import figures as initiatives_figures
from neighbour_help import figures as care_figures
from neighbourhoods.models import Membership, Neighbourhood
from newsletters import figures as newsletters_figures
from surveys import figures as surveys_figures

pytestmark = pytest.mark.django_db


@pytest.fixture
def groups(dataset, neighbourhoods):
    from tests.factories.dashboard import build_groups

    return build_groups(neighbourhoods=neighbourhoods, dataset=dataset)


def _registered(hood, at):
    return len(
        {
            m.household_id
            for m in Membership.objects.filter(neighbourhood=hood)
            if m.joined_at < at and (m.ended_at is None or m.ended_at >= at)
        }
    )


def test_survey_turnout_per_neighbourhood(groups, neighbourhoods):
    from surveys.models import SurveyResponse

    period = periods.last_six_months()
    got = {r["neighbourhood_id"]: r for r in surveys_figures.survey_turnout(period=period)}
    for hood in neighbourhoods:
        responses = [
            r
            for r in SurveyResponse.objects.all()
            if r.neighbourhood_id == hood.pk and period.start_at <= r.submitted_at < period.end_at
        ]
        assert got[hood.pk]["responses"] == len(responses)
        assert got[hood.pk]["households"] == len(
            {r.household_id for r in responses if r.household_id}
        )
    [survey] = surveys_figures.survey_results(period=period)
    assert survey["title"] == "Enquête mobilité"
    assert survey["responses"] == SurveyResponse.objects.count()
    # The survey is for every neighbourhood: its turnout is over the whole city's households.
    assert survey["registered"] == sum(
        _registered(h, period.end_at) for h in Neighbourhood.objects.all()
    )


def test_budget_turnout_and_rounds(groups, neighbourhoods):
    from budgets.models import Ballot, Participation

    period = periods.last_six_months()
    got = {r["neighbourhood_id"]: r for r in budgets_figures.budget_turnout(period=period)}
    for hood in neighbourhoods:
        voters = {
            p.household_id for p in Participation.objects.all() if p.neighbourhood_id == hood.pk
        }
        assert got.get(hood.pk, {}).get("households", 0) == len(voters)
    [round_] = budgets_figures.budget_rounds(period=period)
    assert round_["ballots"] == len(list(Ballot.objects.all())) == 7
    assert round_["households"] == 6


def test_initiatives_by_status_and_supports(groups, neighbourhoods):
    from initiatives.models import Initiative, Support

    a, _ = neighbourhoods
    period = periods.this_month()
    counts = {}
    for initiative in Initiative.objects.all():
        if period.start_at <= initiative.submitted_at < period.end_at:
            key = (initiative.neighbourhood_id, initiative.status)
            counts[key] = counts.get(key, 0) + 1
    got = {
        (r["neighbourhood_id"], r["status"]): r["n"]
        for r in initiatives_figures.initiatives_by_status(period=period)
    }
    assert got == counts
    supports = initiatives_figures.initiative_supports(period=period)
    assert supports[a.pk] == sum(
        1 for s in Support.objects.all() if s.initiative.neighbourhood_id == a.pk
    )


def test_helpers_and_volunteers(groups, neighbourhoods):
    from neighbour_help.models import HelpOffer, VolunteerConsent

    period = periods.last_six_months()
    volunteers = {c.user_id for c in VolunteerConsent.objects.all() if c.withdrawn_at is None}
    got = {r["neighbourhood_id"]: r for r in care_figures.helpers_by_neighbourhood(period=period)}
    offers = [o for o in HelpOffer.objects.all() if o.active]
    for hood_id in {o.neighbourhood_id for o in offers}:
        mine = [o for o in offers if o.neighbourhood_id == hood_id]
        assert got[hood_id]["helpers"] == len(mine)
        assert got[hood_id]["volunteers"] == sum(1 for o in mine if o.user_id in volunteers)
    by_skill = {r["code"]: r for r in care_figures.helpers_by_skill(period=period)}
    for code in ("groceries", "company"):
        mine = [o for o in offers if code in {s.code for s in o.skills.all()}]
        assert by_skill[code]["helpers"] == len(mine)
        assert by_skill[code]["volunteers"] == sum(1 for o in mine if o.user_id in volunteers)
    assert by_skill["groceries"]["helpers"] == 9 and by_skill["groceries"]["volunteers"] == 6


def test_city_messages_and_events(groups, neighbourhoods):
    a, b = neighbourhoods
    period = periods.last_six_months()
    messages = announcements_figures.city_messages(period=period)
    assert messages["total"] == 2
    assert messages["everywhere"] + messages["specific"].get(a.pk, 0) == 2
    assert messages["everywhere"] + messages["specific"].get(b.pk, 0) == 1
    held = announcements_figures.events(period=period)
    assert held["total"] == 1
    [row] = held["rows"]
    registrations = list(groups["event"].registrations.all())
    assert row["confirmed"] == sum(1 for r in registrations if r.status == "confirmed") == 6
    assert row["waitlisted"] == 2


def test_newsletter_subscribers_and_sends(groups, neighbourhoods):
    from newsletters.models import Subscriber

    a, _ = neighbourhoods
    period = periods.last_six_months()
    got = newsletters_figures.newsletter_subscribers(period=period)
    assert got["active"] == sum(1 for s in Subscriber.objects.all() if s.is_active) == 6
    assert got["new"] == 7 and got["left"] == 1
    assert got["per_neighbourhood"][a.pk] == 5
    [send] = newsletters_figures.newsletter_sends(period=period)
    assert (send["recipients"], send["sent"], send["failed"]) == (6, 5, 1)


def test_every_group_is_in_the_report_with_small_counts_suppressed(groups, client_for):
    report = build_report(period=periods.last_six_months())
    keys = [t.key for t in report.tables]
    for key in (
        "households",
        "feed",
        "survey_turnout",
        "surveys",
        "budget_turnout",
        "budget_rounds",
        "initiatives",
        "helpers",
        "helpers_by_skill",
        "city_messages",
        "events",
        "newsletter_subscribers",
        "newsletter_sends",
    ):
        assert key in keys
    events = next(t for t in report.tables if t.key == "events")
    assert str(events.rows[0]["waitlisted"]) == "< 5"
    assert events.rows[0]["confirmed"] == 6
    html = client_for("Participation staff").get("/admin/dashboard/").content.decode()
    assert "Enquête mobilité" in html and "Collecte" not in html  # titles of surveys, counts only
    assert "SECRET-INITIATIVE" not in html


def test_city_wide_tables_do_not_change_with_the_neighbourhood_filter(groups, neighbourhoods):
    """A total over a free choice of neighbourhoods would give one neighbourhood's figures back
    by difference (all minus all-but-one): such tables stay city-wide."""
    a, _ = neighbourhoods
    period = periods.last_six_months()
    everything = {t.key: t for t in build_report(period=period).tables}
    only_a = {t.key: t for t in build_report(period=period, selected={a.pk}).tables}
    for key in ("helpers_by_skill", "surveys", "budget_rounds", "events", "newsletter_sends"):
        assert only_a[key].rows == everything[key].rows, key
    for key in ("households", "feed", "survey_turnout", "helpers"):
        assert only_a[key].total == everything[key].total, key
        assert [r["label"] for r in only_a[key].rows] == ["Mons-Centre"]
