"""Each figure equals a count computed independently, with a plain loop over the objects."""

import pytest

from dashboard import periods, selectors
from dashboard.report import build_report
from feed import figures as feed_figures
from feed.models import Post, Reaction
from neighbourhoods.models import Household, Membership

pytestmark = pytest.mark.django_db


def _registered(hood, at):
    """Households with a member whose membership runs at `at`, counted in Python."""
    households = set()
    for m in Membership.objects.filter(neighbourhood=hood):
        if m.joined_at < at and (m.ended_at is None or m.ended_at >= at):
            households.add(m.household_id)
    return len(households)


def _posts(hood, period):
    return sum(
        1
        for p in Post.objects.all()
        if p.neighbourhood_id == hood.pk
        and p.status != "removed"
        and period.start_at <= p.created_at < period.end_at
    )


def _reactions(hood, period):
    return sum(
        1
        for r in Reaction.objects.select_related("post")
        if r.post.neighbourhood_id == hood.pk
        and r.status != "removed"
        and r.post.status != "removed"
        and period.start_at <= r.created_at < period.end_at
    )


@pytest.mark.parametrize("period_fn", [periods.this_month, periods.last_six_months])
def test_households_and_feed_figures_match_independent_counts(dataset, neighbourhoods, period_fn):
    period = period_fn()
    neighbourhoods = [*neighbourhoods, dataset.extra]
    rows = {r["neighbourhood_id"]: r for r in selectors.households_by_neighbourhood(period=period)}
    feed = {r["neighbourhood_id"]: r for r in feed_figures.feed_activity(period=period)}
    for hood in neighbourhoods:
        assert rows[hood.pk]["households_in_area"] == hood.households_in_area
        assert rows[hood.pk]["registered"] == _registered(hood, period.end_at)
        assert rows[hood.pk]["registered_at_start"] == _registered(hood, period.start_at)
        assert feed[hood.pk]["posts"] == _posts(hood, period)
        assert feed[hood.pk]["reactions"] == _reactions(hood, period)


def test_reactions_carry_their_posts_neighbourhood(dataset, neighbourhoods):
    """The dashboard groups reactions on their own neighbourhood column: it is the post's."""
    from feed.services import reaction_create

    post = dataset.posts[0]
    reaction_create(post=post, author=dataset.residents[0], body="<p>Merci</p>")
    reactions = list(Reaction.objects.select_related("post"))
    assert len(reactions) == len(dataset.reactions) + 1
    for reaction in reactions:
        assert reaction.neighbourhood_id == reaction.post.neighbourhood_id


def test_the_known_dataset_gives_the_expected_numbers(dataset, neighbourhoods):
    a, b = neighbourhoods
    six = periods.last_six_months()
    rows = {r["neighbourhood_id"]: r for r in selectors.households_by_neighbourhood(period=six)}
    # 7 households in A (one with two members); the resident who moved away no longer counts.
    assert rows[a.pk]["registered"] == 7
    assert rows[b.pk]["registered"] == 3
    assert Household.objects.filter(neighbourhood=b).count() == 4  # one nobody joined
    feed = {r["neighbourhood_id"]: r for r in feed_figures.feed_activity(period=six)}
    assert feed[a.pk]["posts"] == 5  # six posted, one removed by a moderator
    assert feed[a.pk]["reactions"] == 10
    assert feed[b.pk]["posts"] == 2


def test_growth_series_counts_registered_households_at_each_month_end(dataset, neighbourhoods):
    period = periods.last_six_months()
    series = selectors.registration_growth(period=period)
    for hood in neighbourhoods:
        expected = [_registered(hood, end) for end in period.month_ends()]
        assert series.get(hood.pk, [0] * len(expected)) == expected


def test_monthly_feed_series_adds_up_to_the_period_totals(dataset, neighbourhoods):
    period = periods.last_six_months()
    monthly = feed_figures.feed_activity_by_month(period=period)
    for hood in neighbourhoods:
        assert sum(monthly["posts"].get(hood.pk, [])) == _posts(hood, period)
        assert sum(monthly["reactions"].get(hood.pk, [])) == _reactions(hood, period)
        for i, month in enumerate(period.months):
            one_month = periods.custom(
                start=max(month, period.start), end=min(periods.add_months(month, 1), period.end)
            )
            if one_month.end == periods.add_months(month, 1):
                one_month = periods.custom(
                    start=one_month.start,
                    end=one_month.end - __import__("datetime").timedelta(days=1),
                )
            assert monthly["posts"].get(hood.pk, [0] * 6)[i] == _posts(hood, one_month)


def test_report_shows_figures_and_suppresses_small_counts(dataset, neighbourhoods):
    a, b = neighbourhoods
    report = build_report(period=periods.last_six_months(), target=30)
    table = next(t for t in report.tables if t.key == "households")
    by_name = {row["label"]: row for row in table.rows}
    assert by_name["Mons-Centre"]["registered"] == 7
    assert by_name["Mons-Centre"]["penetration"] == pytest.approx(0.7)
    assert str(by_name["Jemappes"]["registered"]) == "< 5"
    assert str(by_name["Jemappes"]["penetration"]) == "< 5"
    # Jemappes alone is hidden, and the city total would give it back: the next smallest
    # neighbourhood is hidden too (complementary suppression).
    assert str(by_name["Cuesmes"]["registered"]) == "< 5"
    # The city total is a cell like the others.
    assert table.total["registered"] == 15


def test_neighbourhood_filter_keeps_the_city_row_for_the_whole_city(dataset, neighbourhoods):
    a, _ = neighbourhoods
    report = build_report(period=periods.last_six_months(), selected={a.pk})
    table = next(t for t in report.tables if t.key == "households")
    assert [row["label"] for row in table.rows] == ["Mons-Centre"]
    assert table.total["registered"] == 15
