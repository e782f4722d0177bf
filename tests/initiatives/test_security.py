"""Security review findings on initiatives: the neighbourhood and the image of a submission."""

import pytest
from django.urls import reverse

from initiatives.models import Initiative, InitiativeDraft
from initiatives.services import InitiativeError, initiative_submit
from tests.factories.neighbourhoods import member

pytestmark = pytest.mark.django_db


def _start(client, call):
    client.post(reverse("initiatives:start", args=[call.pk]))
    return InitiativeDraft.objects.latest("pk")


def test_a_resident_cannot_file_an_initiative_for_another_neighbourhood(
    client, call, neighbourhoods, wizard
):
    """Regression: a Mons-Centre resident could choose Jemappes at the "where" step."""
    a, b = neighbourhoods
    client.force_login(member(neighbourhood=a))
    draft = _start(client, call)
    wizard(client, draft.pk, "what", {"title": "Potager", "description": "d" * 30})
    response = wizard(client, draft.pk, "where", {"neighbourhood": b.pk, "place": "Parc"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Choisissez un quartier dans la liste" in body
    page = client.get(reverse("initiatives:wizard", args=[draft.pk]) + "?step=where")
    assert f'value="{b.pk}"' not in page.content.decode()


def test_the_service_refuses_another_neighbourhood_too(call, neighbourhoods):
    a, b = neighbourhoods
    resident = member(neighbourhood=a)
    draft = InitiativeDraft.objects.create(owner=resident, call=call)
    data = {
        "neighbourhood": b,
        "title": "Potager",
        "description": "Un potager partagé pour tous.",
        "place": "Parc",
    }
    with pytest.raises(InitiativeError):
        initiative_submit(draft=draft, submitter=resident, data=data)
    assert not Initiative.objects.exists()


def truncated_png(width=4000, height=4000) -> bytes:
    """A PNG whose header promises width×height pixels, cut off in its first data chunk."""
    import struct
    import zlib

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = chunk(b"IDAT", zlib.compress(bytes(range(256)) * 160))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + idat[: len(idat) // 2]


def _what(client, draft, wizard, upload):
    return wizard(
        client,
        draft.pk,
        "what",
        {"title": "Potager", "description": "d" * 30, "image": upload, "image_alt": "Un potager"},
    )


def _files_under(root):
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def test_a_truncated_png_is_a_field_error_at_the_image_step(client, call, neighbourhoods, wizard):
    """Regression: it passed the image step and the final step failed with OSError (a 500),
    leaving the draft stuck."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    a, _ = neighbourhoods
    client.force_login(member(neighbourhood=a))
    draft = _start(client, call)
    upload = SimpleUploadedFile("big.png", truncated_png(), content_type="image/png")
    response = _what(client, draft, wizard, upload)
    assert response.status_code == 200
    assert "pas une photo utilisable" in response.content.decode()
    draft.refresh_from_db()
    assert not draft.data.get("step_files", {}).get("what")


def test_draft_uploads_are_re_encoded_under_a_random_name_and_replaced(
    client, call, neighbourhoods, wizard, settings
):
    """Regression: the wizard kept the raw bytes under the client's name ("poly.html") and a
    replaced upload stayed on disk."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from .conftest import png_upload

    a, _ = neighbourhoods
    client.force_login(member(neighbourhood=a))
    draft = _start(client, call)
    polyglot = png_upload().read() + b"<script>alert(1)</script>"
    r = _what(client, draft, wizard, SimpleUploadedFile("poly.html", polyglot, "text/html"))
    assert r.status_code == 302
    drafts = settings.PRIVATE_MEDIA_ROOT / "initiatives" / "drafts"
    (first,) = _files_under(drafts)
    assert "poly" not in first.name and first.suffix in (".jpg", ".png")
    assert b"<script>" not in first.read_bytes()
    Image.open(first).verify()
    r = _what(client, draft, wizard, png_upload(name="second.png", size=(50, 50)))
    assert r.status_code == 302
    (second,) = _files_under(drafts)
    assert second != first and "second" not in second.name
    # Submitted, the image lands in the initiatives folder and the draft's file is gone.
    wizard(client, draft.pk, "where", {"neighbourhood": a.pk, "place": "Parc"})
    wizard(client, draft.pk, "who", {"co_organisers": ""})
    wizard(client, draft.pk, "needs", {"needs_budget": "0"})
    r = wizard(client, draft.pk, "review", {"confirm": "on"})
    assert r.status_code == 302, r.content.decode()[:500]
    initiative = Initiative.objects.get()
    assert Image.open(initiative.image.path).size == (50, 50)
    assert not _files_under(drafts)


def test_private_storage_has_no_public_url():
    from neighbourhoods.uploads import private_storage

    with pytest.raises(NotImplementedError):
        private_storage("initiatives").url("images/x.jpg")
