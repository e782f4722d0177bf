"""A round edited through the Wagtail page editor, as Participation staff would."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import Page

from budgets.pages import BudgetRoundPage
from tests.factories.accounts import staff_user
from tests.factories.budgets import budget_round, projects

pytestmark = pytest.mark.django_db

INTRO = json.dumps(
    {
        "blocks": [
            {
                "key": "a1b2c",
                "type": "unstyled",
                "depth": 0,
                "text": "Votez pour vos projets.",
                "inlineStyleRanges": [],
                "entityRanges": [],
            }
        ],
        "entityMap": {},
    }
)


@pytest.fixture
def staff_client(client):
    client.force_login(staff_user("Participation staff"))
    return client


def _formset(prefix, rows):
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for i, row in enumerate(rows):
        data[f"{prefix}-{i}-ORDER"] = str(i + 1)
        data[f"{prefix}-{i}-id"] = ""
        data[f"{prefix}-{i}-DELETE"] = ""
        for key, value in row.items():
            data[f"{prefix}-{i}-{key}"] = "" if value is None else str(value)
    return data


def round_post(*, areas=(), project_rows=(), **fields):
    data = {
        "title": "Budget de quartier 2027",
        "slug": "budget-quartier-2027",
        "intro": INTRO,
        "scope": "neighbourhood",
        "total_budget": "",
        "projects_shown_at": "2027-01-10 09:00",
        "voting_opens_at": "2027-02-01 09:00",
        "voting_closes_at": "2027-02-28 18:00",
        "results_published_at": "2027-03-15 12:00",
        "ballot_rule": "knapsack",
        "min_projects": "1",
        "max_projects": "",
        "min_share_spent": "50",
        "points_total": "10",
        "points_max_per_project": "5",
        "rank_top_k": "3",
        "tally_rule": "equalshares/add1",
        "score_threshold": "0",
        "seo_title": "",
        "search_description": "",
        "go_live_at": "",
        "expire_at": "",
        "action-publish": "action-publish",
    }
    data.update(fields)
    data.update(_formset("comments", []))
    data.update(_formset("areas", list(areas)))
    data.update(_formset("projects", list(project_rows)))
    return data


def project_row(title, cost, hood, code=""):
    return {
        "title": title,
        "description": f"{title}, décrit pour les habitants.",
        "cost": cost,
        "neighbourhood": hood.pk if hood else "",
        "category": "green",
        "image": "",
        "image_alt": "",
        "code": code,
    }


def add_url():
    return f"/admin/pages/add/budgets/budgetroundpage/{Page.objects.get(depth=2).pk}/"


def errors_of(response):
    assert response.status_code == 200, response.status_code
    form = response.context["form"]
    return form.errors, form


def test_staff_create_and_publish_a_round_with_projects_and_neighbourhoods(
    staff_client, neighbourhoods
):
    a, b = neighbourhoods
    response = staff_client.post(
        add_url(),
        round_post(
            areas=[
                {"neighbourhood": a.pk, "budget": 60_000},
                {"neighbourhood": b.pk, "budget": 40_000},
            ],
            project_rows=[
                project_row("Potager collectif", 30_000, a),
                project_row("Bancs au parc", 10_000, a, code="bancs"),  # ignored: generated
                project_row("Piste cyclable", 35_000, b),
            ],
        ),
    )
    assert response.status_code == 302, errors_of(response)[0]
    page = BudgetRoundPage.objects.get(slug="budget-quartier-2027")
    assert page.live and not page.has_unpublished_changes
    assert [(x.neighbourhood, x.budget) for x in page.areas.all()] == [(a, 60_000), (b, 40_000)]
    saved = list(page.projects.order_by("sort_order"))
    assert [p.title for p in saved] == ["Potager collectif", "Bancs au parc", "Piste cyclable"]
    codes = [p.code for p in saved]
    assert all(codes) and len(set(codes)) == 3 and "bancs" not in codes
    assert [p.neighbourhood for p in saved] == [a, a, b]

    # The edit view opens, and saving again keeps the same rows and codes.
    edit = staff_client.get(f"/admin/pages/{page.pk}/edit/")
    assert edit.status_code == 200
    assert "Potager collectif" in edit.content.decode()
    # The public page and a preview render for staff.
    assert staff_client.get(page.url).status_code == 200


def test_edit_again_keeps_codes(staff_client, neighbourhoods):
    a, _b = neighbourhoods
    page = budget_round(
        scope="neighbourhood",
        areas=[(a, 50_000)],
        projects=projects(("Parc", 40_000), ("Bancs", 10_000), neighbourhood=a),
    )
    edit = staff_client.get(f"/admin/pages/{page.pk}/edit/")
    assert edit.status_code == 200
    form = edit.context["form"]
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if value is None or value is False or name == "intro":
            continue
        if value is True:
            data[name] = "on"
            continue
        formatted = field.widget.format_value(value)
        data[name] = "" if formatted is None else formatted
    data["intro"] = INTRO
    for key in ("projects_shown_at", "voting_opens_at", "voting_closes_at", "results_published_at"):
        data[key] = getattr(page, key).strftime("%Y-%m-%d %H:%M")
    for prefix, formset in form.formsets.items():
        mgmt = formset.management_form
        for name in mgmt.fields:
            data[f"{prefix}-{name}"] = mgmt[name].value()
        for sub in formset.forms:
            for name in sub.fields:
                value = sub[name].value()
                if value is not None and value is not False:
                    data[sub.add_prefix(name)] = value
    data["action-publish"] = "action-publish"
    response = staff_client.post(f"/admin/pages/{page.pk}/edit/", data)
    assert response.status_code == 302, errors_of(response)[0]
    page.refresh_from_db()
    assert sorted(p.code for p in page.projects.all()) == ["p1", "p2"]


def test_preview_as_staff_renders(staff_client, neighbourhoods):
    a, b = neighbourhoods
    page = budget_round(projects=projects(("Parc", 40_000), ("Bancs", 10_000)))
    url = f"/admin/pages/{page.pk}/edit/preview/"
    now = timezone.now()

    def when(days):
        return (now + timedelta(days=days)).strftime("%Y-%m-%d %H:%M")

    # Voting open now: the preview shows the projects and the voting call to a staff user.
    data = round_post(
        scope="city",
        total_budget="100000",
        projects_shown_at=when(-5),
        voting_opens_at=when(-1),
        voting_closes_at=when(10),
        results_published_at=when(20),
        project_rows=[project_row("Parc prévisualisé", 40_000, None)],
    )
    posted = staff_client.post(url, data)
    assert posted.status_code == 200
    assert json.loads(posted.content)["is_valid"] is True
    shown = staff_client.get(url)
    assert shown.status_code == 200
    assert "Parc prévisualisé" in shown.content.decode()

    # Preview of a new page from the add view too.
    home_pk = Page.objects.get(depth=2).pk
    add_preview = f"/admin/pages/add/budgets/budgetroundpage/{home_pk}/preview/"
    posted = staff_client.post(add_preview, data)
    assert posted.status_code == 200
    assert "Parc prévisualisé" in staff_client.get(add_preview).content.decode()

    # A per-neighbourhood round in the results phase previews too (the tally runs on no ballots).
    data = round_post(
        areas=[{"neighbourhood": a.pk, "budget": 50_000}],
        projects_shown_at=when(-30),
        voting_opens_at=when(-20),
        voting_closes_at=when(-10),
        results_published_at=when(-1),
        project_rows=[project_row("Jardin du quartier", 20_000, a)],
    )
    assert json.loads(staff_client.post(url, data).content)["is_valid"] is True
    shown = staff_client.get(url)
    assert shown.status_code == 200
    assert "Jardin du quartier" in shown.content.decode()


# --- BudgetRoundPageForm.clean(): errors shown on the form, nothing saved -------------------------
def _refused(response):
    errors, form = errors_of(response)
    assert BudgetRoundPage.objects.filter(slug="budget-quartier-2027").count() == 0
    text = response.content.decode()
    return errors, text


def test_neighbourhood_round_without_neighbourhoods_is_refused(staff_client, neighbourhoods):
    a, _b = neighbourhoods
    response = staff_client.post(
        add_url(), round_post(project_rows=[project_row("Parc", 10_000, a)])
    )
    errors, text = _refused(response)
    assert "Ajoutez au moins un quartier" in " ".join(errors["scope"]) or errors["scope"]


def test_neighbourhood_without_its_budget_is_refused(staff_client, neighbourhoods):
    a, _b = neighbourhoods
    response = staff_client.post(
        add_url(),
        round_post(
            areas=[{"neighbourhood": a.pk, "budget": ""}],
            project_rows=[project_row("Parc", 10_000, a)],
        ),
    )
    errors, _text = _refused(response)
    assert errors["scope"]


def test_project_outside_the_rounds_neighbourhoods_is_refused(staff_client, neighbourhoods):
    a, b = neighbourhoods
    response = staff_client.post(
        add_url(),
        round_post(
            areas=[{"neighbourhood": a.pk, "budget": 50_000}],
            project_rows=[project_row("Parc", 10_000, a), project_row("Ailleurs", 5_000, b)],
        ),
    )
    errors, _text = _refused(response)
    assert errors["scope"]


def test_city_project_in_a_neighbourhood_round_is_refused(staff_client, neighbourhoods):
    a, _b = neighbourhoods
    response = staff_client.post(
        add_url(),
        round_post(
            areas=[{"neighbourhood": a.pk, "budget": 50_000}],
            project_rows=[project_row("Partout", 10_000, None)],
        ),
    )
    errors, _text = _refused(response)
    assert errors["scope"]


def test_project_codes_are_generated_and_unique_even_when_rows_post_the_same_one(
    staff_client, neighbourhoods
):
    """The inline panel's template used to clone one default code into every new row."""
    a, _b = neighbourhoods
    response = staff_client.post(
        add_url(),
        round_post(
            areas=[{"neighbourhood": a.pk, "budget": 50_000}],
            project_rows=[
                project_row("Parc", 10_000, a, code="x1"),
                project_row("Bancs", 5_000, a, code="x1"),
                project_row("Fontaine", 5_000, a, code=""),
            ],
        ),
    )
    assert response.status_code == 302, errors_of(response)[0]
    codes = list(BudgetRoundPage.objects.get().projects.values_list("code", flat=True))
    assert len(codes) == 3 and len(set(codes)) == 3 and all(codes)
    editor = staff_client.get(add_url()).content.decode()
    assert 'name="projects-__prefix__-code"' not in editor


@pytest.mark.parametrize(
    "rule, options, required",
    [
        ("approval", {"min_projects": "1", "max_projects": ""}, "min_projects"),
        ("knapsack", {"min_projects": "1", "min_share_spent": "50"}, "min_share_spent"),
        ("cumulative", {"points_total": "10", "points_max_per_project": "4"}, "points_total"),
        ("ranked", {"rank_top_k": "3"}, "rank_top_k"),
    ],
)
def test_only_the_chosen_ballot_rules_options_are_required(
    staff_client, neighbourhoods, rule, options, required
):
    a, _b = neighbourhoods
    blank = dict.fromkeys(
        (
            "min_projects",
            "max_projects",
            "min_share_spent",
            "points_total",
            "points_max_per_project",
            "rank_top_k",
            "score_threshold",
        ),
        "",
    )
    post = {
        "areas": [{"neighbourhood": a.pk, "budget": 50_000}],
        "project_rows": [project_row("Parc", 10_000, a)],
        "ballot_rule": rule,
        "tally_rule": "greedy",
    }
    # The chosen rule's option left empty: refused at that field.
    empty_option = {**blank, **options, required: ""}
    response = staff_client.post(add_url(), round_post(**post, **empty_option))
    errors, _text = _refused(response)
    assert list(errors) == [required]
    # Other rules' options empty or even nonsense: ignored, their defaults kept.
    nonsense = {name: "abc" for name in blank if name not in options}
    response = staff_client.post(add_url(), round_post(**post, **nonsense, **options))
    assert response.status_code == 302, errors_of(response)[0]
    page = BudgetRoundPage.objects.get()
    assert page.ballot_rule == rule
    assert page.points_total == 10
    assert page.rank_top_k == 3


def test_the_minimum_score_is_only_asked_for_its_counting_rule(staff_client, neighbourhoods):
    a, _b = neighbourhoods
    post = {
        "areas": [{"neighbourhood": a.pk, "budget": 50_000}],
        "project_rows": [project_row("Parc", 10_000, a)],
        "score_threshold": "",
    }
    refused = staff_client.post(add_url(), round_post(tally_rule="greedy-threshold", **post))
    assert list(errors_of(refused)[0]) == ["score_threshold"]
    accepted = staff_client.post(add_url(), round_post(tally_rule="greedy", **post))
    assert accepted.status_code == 302, errors_of(accepted)[0]


def test_the_editor_says_each_rule_in_plain_words_and_marks_options(staff_client, neighbourhoods):
    html = staff_client.get(add_url()).content.decode()
    for jargon in ("glouton", "sac à dos", "(add1", "complétion", "Greedy", "knapsack :"):
        assert jargon not in html, jargon
    assert "Les plus votés d’abord" in html
    assert "Parts équitables" in html
    assert 'type="radio" name="ballot_rule"' in html
    assert 'data-rule-field="ballot_rule" data-rules="cumulative"' in html
    assert "budgets/editor.js" in html


def test_city_round_without_total_is_refused(staff_client, neighbourhoods):
    response = staff_client.post(
        add_url(), round_post(scope="city", project_rows=[project_row("Parc", 10_000, None)])
    )
    errors, _text = _refused(response)
    assert errors["total_budget"]


def test_phases_out_of_order_are_refused(staff_client, neighbourhoods):
    response = staff_client.post(
        add_url(),
        round_post(
            scope="city",
            total_budget="100000",
            voting_closes_at="2027-01-01 09:00",
            project_rows=[project_row("Parc", 10_000, None)],
        ),
    )
    errors, _text = _refused(response)
    assert errors["voting_closes_at"]


def test_invalid_project_row_is_refused_without_crash(staff_client, neighbourhoods):
    a, _b = neighbourhoods
    row = project_row("", -5, a)
    response = staff_client.post(
        add_url(),
        round_post(areas=[{"neighbourhood": a.pk, "budget": "abc"}], project_rows=[row]),
    )
    _refused(response)
