"""Staff tasks through the Wagtail editor and admin screens, in French, as the demo roles.

Data that exists before the task starts (neighbourhoods, hubs, staff accounts) comes from the
factories; everything the staff member makes is made by clicking. axe-core runs on the admin
screens reached; their violation counts are reported (test-artifacts/e2e/admin-axe.json), not
asserted.
"""

import json
import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.conftest import ARTIFACTS, admin_login, axe_count, login
from tests.factories.accounts import PASSWORD, staff_user
from tests.factories.announcements import news_index
from tests.factories.neighbourhoods import NeighbourhoodFactory, hub_page, member

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

AXE_COUNTS: dict[str, int] = {}


def record_axe(page, name):
    AXE_COUNTS[name] = axe_count(page)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / "admin-axe.json"
    known = json.loads(path.read_text()) if path.exists() else {}
    known.update(AXE_COUNTS)
    path.write_text(json.dumps(known, indent=2, sort_keys=True))


@pytest.fixture
def three_hubs(db):
    a = NeighbourhoodFactory(code="mons-centre", name="Mons-Centre")
    b = NeighbourhoodFactory(code="jemappes", name="Jemappes")
    c = NeighbourhoodFactory(code="hyon", name="Hyon")
    for hood in (a, b, c):
        hub_page(neighbourhood=hood)
    return a, b, c


def publish(page):
    """The editor's footer: open the action menu, then “Publier”."""
    page.get_by_role("button", name="Plus d'actions").first.click()
    page.get_by_role("button", name="Publier", exact=True).click()


def add_child_page(page, parent, type_label):
    page.goto(f"/admin/pages/{parent.pk}/")
    # The ⊕ next to the page's title (its name is only in a tooltip).
    page.locator(f'a[href$="/pages/{parent.pk}/add_subpage/"]').first.click()
    page.get_by_role("link", name=type_label, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(type_label)


def field(page, label):
    """The input labelled exactly `label` (a required field's label ends with “*”)."""
    return page.get_by_label(re.compile(rf"^{re.escape(label)}\s*\*?$", re.I)).first


def title_box(page):
    return page.get_by_role("textbox", name=re.compile("titre", re.I)).first


def fill_title(page, title):
    """Type the page title and wait until the editor has made the slug from it (Promotion tab).

    On a loaded machine the editor's scripts may still be starting when the title is typed: the
    slug then stays empty and the page cannot be saved. A person would type again; so does this."""
    box = title_box(page)
    slug = page.locator("#id_slug")
    for _attempt in range(5):
        box.fill("")
        box.press_sequentially(title)
        box.blur()
        try:
            expect(slug).not_to_have_value("", timeout=3_000)
            return
        except AssertionError:
            continue
    expect(slug).not_to_have_value("")


def tick_audience(page, names):
    for name in names:
        page.get_by_label(name, exact=True).check()


def test_officer_publishes_an_announcement_and_an_event_for_two_neighbourhoods(page, three_hubs):
    a, b, c = three_hubs
    index = news_index()
    staff_user("Communications officers", email="com@mons.be")
    admin_login(page, email="com@mons.be", password=PASSWORD)
    record_axe(page, "admin dashboard")

    # The announcement.
    add_child_page(page, index, "Annonce de la Ville")
    record_axe(page, "page editor: new announcement")
    fill_title(page, "Fermeture de la rue des Écoles")
    field(page, "catégorie").select_option(label="Travaux")
    field(page, "résumé").fill("La rue sera fermée du 3 au 7 mars.")
    tick_audience(page, ["Mons-Centre", "Jemappes"])
    publish(page)
    expect(page.get_by_text(re.compile("a été publiée|publiée", re.I)).first).to_be_visible()

    # The event.
    add_child_page(page, index, "Événement ou atelier")
    fill_title(page, "Atelier : la place de demain")
    field(page, "résumé").fill("Dessinons la place ensemble.")
    starts = timezone.localtime() + timedelta(days=7)
    # Wagtail's date-time widget is not tied to its label for assistive tech: found by field id.
    page.locator("#id_starts_at").fill(starts.strftime("%Y-%m-%d 18:00"))
    page.keyboard.press("Escape")
    page.locator("#id_ends_at").fill(starts.strftime("%Y-%m-%d 20:00"))
    page.keyboard.press("Escape")
    page.locator("#id_place").fill("Maison de quartier")
    page.locator("#id_capacity").fill("30")
    tick_audience(page, ["Mons-Centre", "Jemappes"])
    publish(page)
    expect(page.get_by_text(re.compile("publié", re.I)).first).to_be_visible()
    record_axe(page, "page explorer after publishing")

    from announcements.models import AnnouncementPage, EventPage

    assert AnnouncementPage.objects.live().count() == 1
    assert EventPage.objects.live().count() == 1

    # Only the two hubs and their members' feeds show them.
    page.context.clear_cookies()
    for hood, shown in ((a, True), (b, True), (c, False)):
        page.goto(f"/{hood.code}/")
        for title in ("Fermeture de la rue des Écoles", "Atelier : la place de demain"):
            assert (page.get_by_text(title).count() > 0) == shown, (hood.code, title)
    for hood, shown in ((b, True), (c, False)):
        resident = member(neighbourhood=hood, email=f"habitant-{hood.code}@example.be")
        page.context.clear_cookies()
        login(page, email=resident.email, password=PASSWORD)
        page.goto(f"/fil/quartier/{hood.code}/")
        assert (page.get_by_text("Fermeture de la rue des Écoles").count() > 0) == shown


def test_participation_staff_accept_an_initiative_with_a_public_answer(page, three_hubs):
    from initiatives.models import Initiative
    from tests.factories.initiatives import InitiativeFactory, call_page

    a, _b, _c = three_hubs
    resident = member(neighbourhood=a, email="porteuse@example.be")
    initiative = InitiativeFactory(
        call=call_page(), neighbourhood=a, submitter=resident, title="Un potager à l'école"
    )
    staff_user("Participation staff", email="participation@mons.be")
    mail.outbox.clear()
    admin_login(page, email="participation@mons.be", password=PASSWORD)
    page.get_by_role("link", name="Initiatives").first.click()
    record_axe(page, "initiatives review list")
    page.get_by_role("link", name="Un potager à l'école").first.click()
    record_axe(page, "initiative review form")
    page.locator("#id_status").select_option(label="acceptée")
    page.locator("#id_public_answer").fill("Belle idée : la Ville prête les bacs et la terre.")
    page.get_by_role("button", name=re.compile("^Enregistrer")).first.click()
    expect(page.get_by_text(re.compile("mise à jour|à jour", re.I)).first).to_be_visible()

    initiative.refresh_from_db()
    assert initiative.status == Initiative.Status.ACCEPTED
    assert [m.to for m in mail.outbox] == [["porteuse@example.be"]]
    assert "la Ville prête les bacs" in mail.outbox[0].body


def test_newsletter_editor_composes_tests_and_schedules_a_draft(page, three_hubs):
    import time

    from django.core.management import call_command

    from newsletters.models import NewsletterPage, NewsletterSend
    from tests.factories.newsletters import SubscriberFactory, newsletter_index

    index = newsletter_index()
    SubscriberFactory(email="lecteur1@example.be")
    SubscriberFactory(email="lecteur2@example.be")
    staff_user("Newsletter editors", email="lettre@mons.be")
    mail.outbox.clear()
    admin_login(page, email="lettre@mons.be", password=PASSWORD)

    page.goto(f"/admin/pages/{index.pk}/")
    page.locator(f'a[href$="/pages/{index.pk}/add_subpage/"]').first.click()
    fill_title(page, "Lettre de décembre")
    page.locator("#id_intro").fill("Les nouvelles du mois.")
    page.get_by_role("button", name="Insérer un bloc").first.click()
    page.get_by_role("option", name="Titre", exact=True).or_(
        page.get_by_role("button", name="Titre", exact=True)
    ).first.click()
    page.keyboard.type("Au programme")
    record_axe(page, "page editor: newsletter issue")
    page.get_by_role("button", name="Enregistrer le brouillon").click()
    expect(page.get_by_text("Page « Lettre de décembre » créée.")).to_be_visible()
    issue = NewsletterPage.objects.get()
    assert not issue.live

    page.get_by_role("button", name="Plus d'actions").first.click()
    page.get_by_role("button", name="M'envoyer un test").click()
    expect(page.get_by_text(re.compile("Un test", re.I)).first).to_be_visible()
    (test,) = mail.outbox
    assert test.to == ["lettre@mons.be"] and "[TEST]" in test.subject
    assert "Version web" not in test.body  # no link to a page that is not public yet

    # In the header's "⋯" menu of the page.
    page.locator("header").get_by_role("button", name=re.compile("action", re.I)).first.click()
    page.get_by_role("link", name="Programmer l'envoi").first.click()
    record_axe(page, "newsletter schedule form")
    if timezone.localtime().second > 40:  # the form takes minutes; stay within this one
        time.sleep(61 - timezone.localtime().second)
    page.locator("#id_scheduled_for").fill(timezone.localtime().strftime("%Y-%m-%dT%H:%M"))
    page.get_by_role("button", name="Programmer", exact=True).click()
    expect(page.get_by_text("Envoi programmé pour 2 abonnés")).to_be_visible()
    issue.refresh_from_db()
    assert not issue.live  # not public before it is sent

    # What the real worker does at that time.
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload")
    sent = [m for m in mail.outbox if m.subject == "Lettre de décembre"]
    assert sorted(m.to[0] for m in sent) == ["lecteur1@example.be", "lecteur2@example.be"]
    assert NewsletterSend.objects.get().status == NewsletterSend.Status.DONE
    issue.refresh_from_db()
    assert issue.live
    page.context.clear_cookies()
    page.goto(issue.url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Lettre de décembre")


def test_participation_staff_open_the_figures_and_download_an_export(page, three_hubs):
    staff_user("Participation staff", email="chiffres@mons.be")
    admin_login(page, email="chiffres@mons.be", password=PASSWORD)
    # The menu's short label (the page's heading says it in full).
    page.get_by_role("link", name="Participation", exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Chiffres de participation")
    record_axe(page, "participation figures")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Télécharger en CSV").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".csv")
    content = Path(download.path()).read_text(encoding="utf-8-sig")
    assert "Mons-Centre" in content and "Hyon" in content


def add_inline_row(page, prefix, label):
    """Click an inline panel's “Ajouter …” button until the panel holds one more row.

    The editor's layout still settles after the date-time pickers close, so a click aimed
    at the button can land beside it (seen in CI); a person simply clicks again."""
    total = page.locator(f"#id_{prefix}-TOTAL_FORMS")
    wanted = str(int(total.input_value()) + 1)
    button = page.get_by_role("button", name=re.compile(label, re.I)).last
    for _attempt in range(5):
        button.click()
        try:
            expect(total).to_have_value(wanted, timeout=2_000)
            break
        except AssertionError:
            continue
    expect(total).to_have_value(wanted)


def add_question(page, index, *, label, kind, required=False, condition=None):
    """One row of the survey's inline “Questions” panel, filled by its field ids (Wagtail's
    inline rows are not reachable by label alone: every row has the same labels)."""
    add_inline_row(page, "survey_fields", "Ajouter une question")
    prefix = f"#id_survey_fields-{index}"
    page.locator(f"{prefix}-field_type").select_option(kind)
    page.locator(f"{prefix}-label").fill(label)
    # Wagtail ticks “required” on a new row: set it either way.
    if kind != "step_break":
        page.locator(f"{prefix}-required").set_checked(required)
    if condition:
        page.locator(f"{prefix}-condition_question").fill(condition[0])
        page.locator(f"{prefix}-condition_value").fill(condition[1])


def test_participation_staff_build_a_targeted_survey_a_resident_answers_it(page, three_hubs):
    from wagtail.models import Page

    from surveys.models import Answer, SurveyPage, SurveyResponse

    a, b, _c = three_hubs
    home = Page.objects.get(depth=2)
    staff_user("Participation staff", email="enquetes@mons.be")
    admin_login(page, email="enquetes@mons.be", password=PASSWORD)

    add_child_page(page, home, "Enquête")
    record_axe(page, "page editor: new survey")
    fill_title(page, "Le vélo à Jemappes")
    bike = "Faites-vous du vélo en ville ?"
    safer = "Qu'est-ce qui rendrait le vélo plus sûr ?"
    add_question(page, 0, label=bike, kind="yes_no", required=True)
    add_question(page, 1, label="Étape 2", kind="step_break")
    add_question(page, 2, label=safer, kind="singleline", required=True, condition=(bike, "Oui"))
    add_question(page, 3, label="Autre chose ?", kind="multiline")
    # Nothing is preselected: the officer ticks the one neighbourhood.
    assert not page.locator("#id_all_neighbourhoods").is_checked()
    tick_audience(page, ["Jemappes"])
    publish(page)
    expect(page.get_by_text(re.compile("publiée|publié", re.I)).first).to_be_visible()
    record_axe(page, "page explorer after publishing a survey")

    survey = SurveyPage.objects.live().get()
    assert not survey.all_neighbourhoods
    assert list(survey.neighbourhoods.all()) == [b]

    # A resident of Mons-Centre does not see it on their hub.
    other = member(neighbourhood=a, email="habitant-mons@example.be")
    page.context.clear_cookies()
    login(page, email=other.email, password=PASSWORD)
    page.goto(f"/{a.code}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Mons-Centre")
    assert page.get_by_text("Le vélo à Jemappes").count() == 0

    # A resident of Jemappes finds it on theirs and answers it.
    resident = member(neighbourhood=b, email="habitante-jemappes@example.be")
    page.context.clear_cookies()
    login(page, email=resident.email, password=PASSWORD)
    page.goto(f"/{b.code}/")
    page.get_by_role("link", name="Le vélo à Jemappes").first.click()
    expect(page.locator(".steps")).to_contain_text("Étape 1")
    page.get_by_role("group", name=bike).get_by_label("Non").check()
    page.get_by_role("button", name="Continuer").click()
    # “Non”: the conditional question is not asked.
    expect(page.get_by_label("Autre chose ?")).to_be_visible()
    assert page.get_by_label(safer).count() == 0
    page.get_by_role("button", name="Étape précédente").click()
    page.get_by_role("group", name=bike).get_by_label("Oui").check()
    page.get_by_role("button", name="Continuer").click()
    # “Oui”: it is.
    page.get_by_label(safer).fill("Des pistes séparées")
    page.get_by_role("button", name="Continuer").click()
    expect(
        page.get_by_role("heading", name="Vérifiez vos réponses avant de les envoyer")
    ).to_be_visible()
    page.get_by_role("button", name="Envoyer mes réponses").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Merci, vos réponses ont été envoyées"
    )
    response = SurveyResponse.objects.get()
    assert response.neighbourhood == b
    assert Answer.objects.filter(response=response, text="Des pistes séparées").exists()


def fill_datetime(page, field_id, moment):
    # Wagtail's date-time widget is not tied to its label for assistive tech: found by field id.
    page.locator(f"#{field_id}").fill(timezone.localtime(moment).strftime("%Y-%m-%d %H:%M"))
    page.keyboard.press("Escape")


def test_participation_staff_create_a_budget_round_with_projects_and_open_voting(page, three_hubs):
    from wagtail.models import Page

    from budgets.models import RoundKey
    from budgets.pages import BudgetRoundPage

    a, _b, _c = three_hubs
    home = Page.objects.get(depth=2)
    staff_user("Participation staff", email="budget@mons.be")
    admin_login(page, email="budget@mons.be", password=PASSWORD)

    add_child_page(page, home, "Édition du budget participatif")
    record_axe(page, "page editor: new budget round")
    fill_title(page, "Budget participatif 2027")
    page.locator("#id_total_budget").fill("50000")
    now = timezone.now()
    fill_datetime(page, "id_projects_shown_at", now - timedelta(days=2))
    fill_datetime(page, "id_voting_opens_at", now - timedelta(hours=1))
    fill_datetime(page, "id_voting_closes_at", now + timedelta(days=14))
    fill_datetime(page, "id_results_published_at", now + timedelta(days=21))
    # “Tick projects” (the default): only its options are shown.
    expect(page.locator("#id_max_projects")).to_be_visible()
    expect(page.locator("#id_points_total")).to_be_hidden()
    page.locator("#id_max_projects").fill("2")
    for index, (title, cost) in enumerate(
        (("Potager collectif", "30000"), ("Bancs au parc", "10000"), ("Piste cyclable", "20000"))
    ):
        add_inline_row(page, "projects", "Ajouter un projet")
        page.locator(f"#id_projects-{index}-title").fill(title)
        page.locator(f"#id_projects-{index}-cost").fill(cost)
    publish(page)
    expect(page.get_by_text(re.compile("publiée|publié", re.I)).first).to_be_visible()

    budget = BudgetRoundPage.objects.live().get()
    codes = list(budget.projects.values_list("code", flat=True))
    assert len(codes) == 3 and all(codes) and len(set(codes)) == 3  # generated, distinct

    # Before the first vote: the round's key, from the admin menu.
    page.get_by_role("link", name="Budgets participatifs").first.click()
    record_axe(page, "citizen budgets admin")
    page.get_by_role("link", name="Créer la clé de l'édition").click()
    record_axe(page, "round key form")
    page.get_by_role("button", name="Créer la clé de l'édition").click()
    expect(page.get_by_text("Enregistrez cette clé maintenant")).to_be_visible()
    assert RoundKey.objects.filter(round_key=budget.round_key).exists()

    # A resident finds the round on their hub and sees its projects.
    resident = member(neighbourhood=a, email="votante@example.be")
    page.context.clear_cookies()
    login(page, email=resident.email, password=PASSWORD)
    page.goto(f"/{a.code}/")
    page.get_by_role("link", name="Budget participatif 2027").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Budget participatif 2027")
    for title in ("Potager collectif", "Bancs au parc", "Piste cyclable"):
        expect(page.get_by_text(title).first).to_be_visible()
    page.get_by_role("link", name="Voter").first.click()
    page.get_by_label("Potager collectif").check()
    page.get_by_role("button", name="Continuer vers la vérification").click()
    page.get_by_role("button", name="Confirmer mon vote").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Merci")


def test_verification_staff_create_a_letter_batch_and_open_the_letters(page, three_hubs, tmp_path):
    from tests.factories.neighbourhoods import AddressFactory

    a, b, _c = three_hubs
    AddressFactory(neighbourhood=b, street="Rue du Temple", number="12")
    AddressFactory(neighbourhood=a, street="Grand-Rue", number="3")
    staff_user("Verification staff", email="verification@mons.be")
    admin_login(page, email="verification@mons.be", password=PASSWORD)

    page.get_by_role("button", name="Vérification").first.click()
    page.get_by_role("link", name="Générer des codes", exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Générer des codes courrier")
    record_axe(page, "letter batch form")
    page.locator("#id_neighbourhood").select_option(label="Jemappes")
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Générer et télécharger").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".html")

    # The person opens the downloaded letters to print them.
    letters = tmp_path / download.suggested_filename
    download.save_as(letters)
    page.goto(letters.resolve().as_uri())
    expect(page.locator(".recipient")).to_contain_text("Rue du Temple 12")
    assert page.get_by_text("Grand-Rue").count() == 0  # another neighbourhood's address
    code = page.locator(".code").first.inner_text().strip()
    assert re.fullmatch(r"[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}", code), code

    # The batch is listed under “Codes courrier”.
    page.goto("/admin/")
    page.get_by_role("button", name="Vérification").first.click()
    page.get_by_role("link", name="Codes courrier", exact=True).first.click()
    record_axe(page, "letter batch list")
    row = page.get_by_role("row").filter(has_text="Jemappes")
    expect(row).to_have_count(1)
    expect(row.get_by_role("cell").nth(3)).to_have_text("1")  # one code: the Jemappes address
