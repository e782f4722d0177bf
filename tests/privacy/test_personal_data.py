"""Residents' data rights: download my data, delete my account."""

import io
import json
import re
import zipfile

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accounts.models import User
from feed.models import Post, Reaction
from feed.services import post_create, reaction_create
from neighbourhoods.models import Membership
from neighbourhoods.registry import personal_data_sources
from privacy import services
from privacy.models import DataExport
from surveys.models import SurveyResponse
from surveys.services import survey_response_submit
from tests.factories.accounts import PASSWORD
from tests.factories.feed import image_bytes
from tests.factories.neighbourhoods import member
from tests.factories.surveys import survey_page
from tests.surveys.test_results import answers_for

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
        "immediate": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    }


@pytest.fixture
def alice(neighbourhoods):
    return member(neighbourhood=neighbourhoods[0], email="alice@example.be", display_name="Alice")


@pytest.fixture
def bob(neighbourhoods):
    return member(neighbourhood=neighbourhoods[0], email="bob@example.be", display_name="Bob")


def _photo_post(client, user):
    client.force_login(user)
    response = client.post(
        "/fil/quartier/mons-centre/publier/",
        {
            "category": "lost_found",
            "title": "Chat trouvé",
            "body": "Il est tigré.",
            "image": SimpleUploadedFile("chat.png", image_bytes("PNG"), "image/png"),
        },
    )
    assert response.status_code == 302
    return Post.objects.get(author=user)


def test_every_app_that_keeps_personal_data_registers_its_part():
    apps = {source.app for source in personal_data_sources()}
    expected = {"accounts", "neighbourhoods", "verification", "feed", "surveys", "initiatives"}
    assert expected | {"care", "announcements", "newsletters", "budgets"} <= apps


def test_download_my_data_zip_by_email_link(
    client, alice, bob, neighbourhoods, django_capture_on_commit_callbacks
):
    post = _photo_post(client, alice)
    reaction_create(post=post, author=bob, body="Il est chez moi !")
    reaction_create(post=post, author=alice, body="Merci Bob")
    survey = survey_page(neighbourhoods=neighbourhoods, who_may_answer="resident")
    survey_response_submit(survey=survey, user=alice, answers=answers_for(survey))

    client.force_login(alice)
    assert "/compte/mes-donnees/" in client.get("/compte/profil/").content.decode()
    # The request commits, then enqueues the task (here Django-tasks' immediate backend).
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/compte/mes-donnees/")
    assert response.status_code == 302
    export = DataExport.objects.get(user=alice)
    assert export.status == DataExport.Status.READY
    message = mail.outbox[-1]
    assert message.to == ["alice@example.be"]
    link = re.search(r"https?://\S+/compte/mes-donnees/telecharger/\S+/", message.body).group(0)
    path = "/" + link.split("/", 3)[3]

    # Only Alice, signed in, downloads it.
    client.force_login(bob)
    assert client.get(path).status_code == 404
    client.force_login(alice)
    response = client.get(path)
    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    names = archive.namelist()
    assert "data.json" in names and "data.html" in names
    assert any(name.startswith("images/feed/") for name in names)
    data = json.loads(archive.read("data.json"))
    text = json.dumps(data, ensure_ascii=False)
    assert "alice@example.be" in text and "Chat trouvé" in text and "Merci Bob" in text
    assert "Il est chez moi" not in text  # Bob's reaction is Bob's
    assert "Plus de bancs" in text  # her survey answer
    assert "Chat trouvé" in archive.read("data.html").decode()


def test_an_expired_link_or_file_is_refused_and_retention_deletes_it(client, alice):
    export = DataExport.objects.create(user=alice)
    services.data_export_build(export_id=export.pk)
    export.refresh_from_db()
    token = services.download_token(export)
    client.force_login(alice)
    assert client.get(f"/compte/mes-donnees/telecharger/{token}/").status_code == 200
    DataExport.objects.filter(pk=export.pk).update(expires_at=timezone.now())
    assert client.get(f"/compte/mes-donnees/telecharger/{token}/").status_code == 404
    assert client.get("/compte/mes-donnees/telecharger/forged/").status_code == 404
    storage, name = export.archive.storage, export.archive.name
    assert storage.exists(name)
    assert services.data_exports_delete_expired() == 1
    assert not DataExport.objects.exists()


def test_the_delete_page_says_what_is_erased_anonymised_and_kept(client, alice):
    client.force_login(alice)
    page = client.get("/compte/supprimer-mon-compte/").content.decode()
    for heading in ["Ce qui est effacé", "Ce qui est anonymisé", "Ce qui est gardé"]:
        assert heading in page, heading
    assert "un ancien voisin" in page.lower() or "une ancienne voisine" in page.lower()


def test_deleting_needs_the_password_and_is_final(client, alice, bob, neighbourhoods):
    post = post_create(author=alice, category="idea", title="Banc", body="Un banc ici")
    bob_post = post_create(author=bob, category="idea", title="Arbre", body="Un arbre")
    reaction_create(post=bob_post, author=alice, body="Bonne idée")
    survey = survey_page(neighbourhoods=neighbourhoods, who_may_answer="resident")
    survey_response_submit(survey=survey, user=alice, answers=answers_for(survey))
    client.force_login(alice)
    wrong = client.post("/compte/supprimer-mon-compte/", {"password": "pas-le-bon"})
    assert wrong.status_code == 400
    assert User.objects.get(pk=alice.pk).is_active

    response = client.post("/compte/supprimer-mon-compte/", {"password": PASSWORD})
    assert response.status_code == 302
    shell = User.objects.get(pk=alice.pk)
    assert not shell.is_active and shell.erased_at is not None
    assert "alice" not in shell.email and shell.display_name == ""
    assert not shell.has_usable_password()
    assert not Post.objects.filter(pk=post.pk).exists()  # erased
    reaction = Reaction.objects.get(post=bob_post)
    assert str(reaction.author.public_name) in ("A former neighbour", "Un ancien voisin")
    assert SurveyResponse.objects.filter(user__isnull=True).count() == 1  # link gone
    assert not Membership.objects.filter(user=alice, ended_at__isnull=True).exists()
    # Signed out, and the old password no longer opens anything.
    assert client.get("/compte/profil/").status_code == 302
    assert not client.login(username="alice@example.be", password=PASSWORD)


def test_staff_accounts_are_not_deleted_from_the_resident_page(client_for):
    assert client_for("Participation staff").get("/compte/supprimer-mon-compte/").status_code == 404
