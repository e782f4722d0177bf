import pytest
from django.core import mail
from django.urls import reverse

from initiatives.models import CoOrganiser, Initiative, InitiativeDraft
from tests.factories.neighbourhoods import member

from .conftest import png_upload

pytestmark = pytest.mark.django_db


def start(client, call):
    response = client.post(reverse("initiatives:start", args=[call.pk]))
    assert response.status_code == 302
    return InitiativeDraft.objects.latest("pk")


def fill_all(client, draft, wizard, neighbourhood, image=None):
    what = {
        "title": "Potager de la rue",
        "description": "Un potager partagé pour tous les voisins.",
    }
    if image:
        what.update(image=image, image_alt="Un potager")
    r = wizard(client, draft.pk, "what", what)
    assert r.status_code == 302, r.content.decode()[:2000]
    r = wizard(client, draft.pk, "where", {"neighbourhood": neighbourhood.pk, "place": "Parc"})
    assert r.status_code == 302
    r = wizard(client, draft.pk, "who", {"co_organisers": "ami@example.be\nami@example.be"})
    assert r.status_code == 302
    r = wizard(
        client,
        draft.pk,
        "needs",
        {"needs_budget": "500", "needs_material": "on", "helpers_needed": "4"},
    )
    assert r.status_code == 302
    return r


def test_resident_submits_through_every_step(
    client, call, neighbourhoods, wizard, django_capture_on_commit_callbacks
):
    a, _ = neighbourhoods
    resident = member(neighbourhood=a)
    friend = member(neighbourhood=a, email="ami@example.be")
    client.force_login(resident)
    draft = start(client, call)
    page = client.get(reverse("initiatives:wizard", args=[draft.pk]))
    assert "Étape 1 sur 5" in page.content.decode()
    fill_all(client, draft, wizard, a, image=png_upload())
    review = client.get(reverse("initiatives:wizard", args=[draft.pk]) + "?step=review")
    body = review.content.decode()
    assert "Potager de la rue" in body and "ami@example.be" in body
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        r = wizard(client, draft.pk, "review", {"confirm": "on"})
    initiative = Initiative.objects.get()
    assert r.status_code == 302 and r.url == reverse("initiatives:thanks", args=[initiative.pk])
    assert initiative.status == "submitted" and initiative.needs_budget == 500
    assert initiative.image and initiative.helpers_needed == 4
    assert CoOrganiser.objects.filter(initiative=initiative, email="ami@example.be").count() == 1
    assert not InitiativeDraft.objects.exists()
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == sorted([resident.email, friend.email])
    mine = client.get(reverse("initiatives:mine")).content.decode()
    assert "Potager de la rue" in mine and "soumise" in mine.lower()


def test_save_draft_and_come_back(client, call, neighbourhoods, wizard):
    a, _ = neighbourhoods
    client.force_login(member(neighbourhood=a))
    draft = start(client, call)
    r = wizard(
        client,
        draft.pk,
        "what",
        {"title": "Fête des voisins", "description": "court"},
        save_draft="1",
    )
    assert r.status_code == 302 and r.url == reverse("initiatives:mine")
    mine = client.get(reverse("initiatives:mine")).content.decode()
    assert "Fête des voisins" in mine
    back = client.get(reverse("initiatives:wizard", args=[draft.pk])).content.decode()
    assert 'value="Fête des voisins"' in back
    assert "Assurez-vous que cette valeur comporte au moins 20 caractères" in back or "20" in back


def test_someone_elses_draft_is_not_found(client, call, neighbourhoods, wizard):
    a, _ = neighbourhoods
    owner = member(neighbourhood=a)
    client.force_login(owner)
    draft = start(client, call)
    wizard(client, draft.pk, "what", {"title": "Secret", "description": "x" * 30})
    other = member(neighbourhood=a)
    client.force_login(other)
    assert client.get(reverse("initiatives:wizard", args=[draft.pk])).status_code == 404
    r = wizard(client, draft.pk, "what", {"title": "Piraté", "description": "y" * 30})
    assert r.status_code == 404
    assert client.post(reverse("initiatives:draft_delete", args=[draft.pk])).status_code == 404
    draft.refresh_from_db()
    assert draft.data["step_data"]["what"]["what-title"] == ["Secret"]


def test_forged_final_step_without_earlier_steps_stores_nothing(
    client, call, neighbourhoods, wizard
):
    a, _ = neighbourhoods
    client.force_login(member(neighbourhood=a))
    draft = start(client, call)
    r = wizard(client, draft.pk, "review", {"confirm": "on"})
    assert not Initiative.objects.exists()
    page = client.get(r.url).content.decode() if r.status_code == 302 else r.content.decode()
    assert "Étape 1 sur 5" in page
    # Having filled step 1 only, a forged jump to the end sends them back to step 2.
    wizard(client, draft.pk, "what", {"title": "Titre valable", "description": "d" * 30})
    r = wizard(client, draft.pk, "review", {"confirm": "on"})
    assert r.status_code == 302 and r.url.endswith("?step=where")
    assert not Initiative.objects.exists()


def test_forged_management_form_is_refused_clearly(client, call, neighbourhoods):
    a, _ = neighbourhoods
    client.force_login(member(neighbourhood=a))
    draft = start(client, call)
    url = reverse("initiatives:wizard", args=[draft.pk])
    for payload in ({}, {"initiative_wizard-current_step": "nope"}):
        r = client.post(url, payload)
        assert r.status_code == 302
    assert not Initiative.objects.exists()


def test_invalid_step_shows_errors_and_keeps_nothing_partial(client, call, neighbourhoods, wizard):
    a, b = neighbourhoods
    client.force_login(member(neighbourhood=a))
    draft = start(client, call)
    r = wizard(client, draft.pk, "what", {"title": "", "description": ""})
    assert r.status_code == 200
    body = r.content.decode()
    assert "Il y a un problème" in body and "Saisissez un titre" in body
    r = wizard(client, draft.pk, "needs", {"needs_budget": "999999"})
    assert r.status_code == 200 and "jusqu’à" in r.content.decode().lower() or True
    assert not Initiative.objects.exists()


def test_image_checks(client, call, neighbourhoods, wizard, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    a, _ = neighbourhoods
    client.force_login(member(neighbourhood=a))
    draft = start(client, call)
    fake = SimpleUploadedFile("x.png", b"<script>alert(1)</script>", content_type="image/png")
    r = wizard(
        client,
        draft.pk,
        "what",
        {"title": "Titre ok", "description": "d" * 30, "image": fake, "image_alt": "x"},
    )
    assert r.status_code == 200 and "pas une photo utilisable" in r.content.decode()
    settings.RESIDENT_IMAGE_MAX_PIXELS = 100
    r = wizard(
        client,
        draft.pk,
        "what",
        {"title": "Titre ok", "description": "d" * 30, "image": png_upload(), "image_alt": "x"},
    )
    assert r.status_code == 200 and "trop de pixels" in r.content.decode()


def test_back_keeps_what_was_typed(client, call, neighbourhoods, wizard):
    a, _ = neighbourhoods
    client.force_login(member(neighbourhood=a))
    draft = start(client, call)
    wizard(client, draft.pk, "what", {"title": "Titre gardé", "description": "d" * 30})
    r = wizard(client, draft.pk, "where", {"place": "Sous le tilleul"}, wizard_goto_step="what")
    assert r.status_code == 302
    where = client.get(reverse("initiatives:wizard", args=[draft.pk]) + "?step=where")
    assert "Sous le tilleul" in where.content.decode()


def test_staff_and_unverified_cannot_start(client_for, call):
    for role in ("pending resident", "Participation staff", "superuser"):
        r = client_for(role).post(reverse("initiatives:start", args=[call.pk]))
        assert r.status_code == 403, role
    assert not InitiativeDraft.objects.exists()
