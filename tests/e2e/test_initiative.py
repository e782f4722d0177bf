"""In the browser, in French: an initiative from the wizard to a neighbour's support, and
neighbour help from an offer to the city's call-out."""

import re

import pytest
from django.core import mail

from tests.e2e.conftest import login, staff_login
from tests.factories.accounts import PASSWORD, staff_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def logout(page):
    page.context.clear_cookies()


def test_resident_submits_staff_accept_neighbour_supports(page, live_server, settings, tmp_path):
    from initiatives.models import Initiative
    from tests.factories.initiatives import call_page
    from tests.factories.neighbourhoods import NeighbourhoodFactory, hub_page, member

    settings.PRIVATE_MEDIA_ROOT = tmp_path
    centre = NeighbourhoodFactory(code="mons-centre", name="Mons-Centre")
    jemappes = NeighbourhoodFactory(code="jemappes", name="Jemappes")
    hub_page(neighbourhood=centre)
    hub_page(neighbourhood=jemappes)
    call = call_page(neighbourhoods=[centre, jemappes])
    resident = member(neighbourhood=centre, email="marie@example.be")
    neighbour = member(neighbourhood=jemappes, email="sofia@example.be")
    officer = staff_user("Participation staff", email="pierre@example.be")

    login(page, email=resident.email, password=PASSWORD)
    page.goto(call.url)
    page.get_by_role("link", name="Proposer une initiative").click()
    page.get_by_role("button", name="Commencer").click()
    assert page.get_by_text("Étape 1 sur 5").is_visible()
    page.get_by_label("Titre de votre initiative").fill("Boîte à livres du parc")
    page.get_by_label("Que voulez-vous faire ?").fill(
        "Une armoire à livres au parc, entretenue par les voisins."
    )
    page.get_by_role("button", name="Continuer").click()
    assert page.get_by_text("Étape 2 sur 5").is_visible()
    page.get_by_label("Où exactement ?").fill("Parc du Waux-Hall")
    # Save and come back later: the draft waits in "My initiatives".
    page.get_by_role("button", name="Enregistrer et revenir plus tard").click()
    page.get_by_role("link", name="Boîte à livres du parc").click()
    assert page.get_by_label("Où exactement ?").input_value() == "Parc du Waux-Hall"
    page.get_by_role("button", name="Continuer").click()
    assert page.get_by_text("Étape 3 sur 5").is_visible()
    page.get_by_role("button", name="Continuer").click()
    page.get_by_label("Budget demandé à la Ville (EUR)").fill("300")
    page.get_by_label("Nous devons emprunter du matériel").check()
    page.get_by_role("button", name="Continuer").click()
    assert page.get_by_role("heading", name="Vérifiez vos réponses").is_visible()
    assert page.get_by_text("Parc du Waux-Hall").is_visible()
    page.get_by_label(re.compile("Je confirme que ces informations")).check()
    page.get_by_role("button", name="Soumettre mon initiative").click()
    assert page.get_by_role("heading", name="Initiative soumise").is_visible()
    initiative = Initiative.objects.get(title="Boîte à livres du parc")

    # Staff review it in the admin: in review, then accepted with a public answer.
    logout(page)
    staff_login(page, user=officer, password=PASSWORD)
    edit = f"/admin/initiatives/initiative/edit/{initiative.pk}/"
    page.goto(edit)
    page.locator("#id_status").select_option("in_review")
    page.locator("#id_status").evaluate("el => el.form.requestSubmit()")
    page.wait_for_url(re.compile(r"/admin/initiatives/initiative/$"))
    page.goto(edit)
    page.locator("#id_status").select_option("accepted")
    page.locator("#id_public_answer").fill("Belle idée : la Ville fournit l'armoire.")
    page.locator("#id_status").evaluate("el => el.form.requestSubmit()")
    page.wait_for_url(re.compile(r"/admin/initiatives/initiative/$"))
    initiative.refresh_from_db()
    assert initiative.status == "accepted"
    assert [m.to for m in mail.outbox if "acceptée" in m.subject] == [[resident.email]]

    # Another household supports it from the call page.
    logout(page)
    login(page, email=neighbour.email, password=PASSWORD)
    page.goto(call.url)
    page.get_by_role("link", name="Boîte à livres du parc").click()
    assert page.get_by_text("la Ville fournit l'armoire").is_visible()
    page.get_by_role("button", name="Soutenir cette initiative").click()
    assert page.get_by_text("Merci : votre ménage soutient cette initiative.").is_visible()
    assert page.get_by_text("1 ménage la soutient").is_visible()
    page.get_by_role("button", name="Retirer notre soutien").is_visible()


def test_offer_help_neighbour_finds_city_calls_out(page, live_server, settings):
    from neighbour_help.models import CallOutDelivery
    from tests.factories.neighbour_help import skills
    from tests.factories.neighbourhoods import NeighbourhoodFactory, hub_page, member

    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
        "immediate": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    }
    centre = NeighbourhoodFactory(code="mons-centre", name="Mons-Centre")
    hub_page(neighbourhood=centre)
    skills()
    helper = member(neighbourhood=centre, email="helene@example.be", display_name="Hélène P.")
    asker = member(neighbourhood=centre, email="paul@example.be", display_name="Paul R.")
    officer = staff_user("Participation staff", email="pierre@example.be")

    login(page, email=helper.email, password=PASSWORD)
    page.goto("/entraide/")
    page.get_by_role("link", name="Je veux aider mes voisins").click()
    page.get_by_label("Courses").check()
    page.get_by_label("Quand êtes-vous disponible ?").fill("Le samedi matin")
    page.get_by_role("button", name="Enregistrer ma proposition").click()
    assert page.get_by_text("Votre proposition d’aide est enregistrée").is_visible()
    page.get_by_role("link", name="Devenir bénévole pour la Ville").click()
    page.get_by_label(re.compile("J’accepte que la Ville de Mons")).check()
    page.get_by_label("Si je réponds oui, la Ville peut voir mon adresse e-mail").check()
    page.get_by_role("button", name="Je deviens bénévole").click()
    assert page.get_by_text("la Ville peut faire appel à vous").is_visible()

    logout(page)
    login(page, email=asker.email, password=PASSWORD)
    page.goto("/entraide/")
    page.get_by_label("Pour quoi avez-vous besoin d’aide ?").select_option(label="Courses")
    page.get_by_role("button", name="Voir les propositions").click()
    assert page.get_by_text("1 voisin peut aider").is_visible()
    page.get_by_role("link", name="Contacter Hélène P.").click()
    page.get_by_label("Votre message").fill("Bonjour, pourriez-vous faire mes courses samedi ?")
    page.get_by_role("button", name="Envoyer").click()
    assert page.get_by_text("Votre message est envoyé.").is_visible()
    assert helper.email not in page.content()

    logout(page)
    staff_login(page, user=officer, password=PASSWORD)
    page.goto("/admin/neighbour-help/")
    assert page.get_by_text(
        re.compile("1 habitants proposent de l’entraide ; 1 d’entre eux")
    ).count()
    page.goto("/admin/neighbour-help/callouts/new/")
    page.locator("#id_title").fill("Distribution de colis")
    page.locator("#id_place").fill("Grand-Place")
    page.locator("#id_when").fill("2099-06-01T10:00")
    page.locator("#id_needed").fill("3")
    page.locator("#id_title").evaluate("el => el.form.requestSubmit()")
    page.wait_for_url(re.compile(r"/admin/neighbour-help/callouts/\d+/$"))
    delivery = CallOutDelivery.objects.get(volunteer=helper)
    assert delivery.sent_at is not None
    link = re.search(r"https?://\S+/entraide/appel/\S+/", mail.outbox[-1].body).group(0)
    path = "/" + link.split("/", 3)[3]

    logout(page)
    page.goto(path)
    page.get_by_role("button", name="Oui, je peux aider").click()
    assert page.get_by_role("heading", name="Merci pour votre réponse").is_visible()

    staff_login(page, user=officer, password=PASSWORD)
    page.goto(f"/admin/neighbour-help/callouts/{delivery.callout_id}/")
    assert page.get_by_role("cell", name="Hélène P.").is_visible()
    assert page.get_by_role("cell", name=helper.email).is_visible()
    assert "Paul R." not in page.content()
