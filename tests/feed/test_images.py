"""Resident photos: limits before decoding, type sniffed, EXIF gone, served only to members."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from feed.models import Post
from tests.factories.feed import image_bytes

pytestmark = pytest.mark.django_db

CREATE = "/fil/quartier/mons-centre/publier/"


def upload(client, content, name="photo.jpg", content_type="image/jpeg", **extra):
    data = {"category": "lost_found", "title": "Chat trouvé", "body": "Il est tigré."}
    data["image"] = SimpleUploadedFile(name, content, content_type=content_type)
    return client.post(CREATE, data, **extra)


def test_a_good_photo_is_stored_privately_and_served_to_members_only(
    login, alice, bob, outsider, settings
):
    response = upload(login(alice), image_bytes("PNG", size=(2400, 1200)), name="chat.png")
    assert response.status_code == 302
    post = Post.objects.get()
    path = post.image.path
    assert str(settings.PRIVATE_MEDIA_ROOT) in path
    assert str(settings.MEDIA_ROOT) not in path
    assert (post.image_width, post.image_height) == (1600, 800)  # resized
    served = login(bob).get(reverse("feed:image", args=[post.pk]))
    assert served.status_code == 200
    assert served["Content-Type"] == "image/jpeg"
    assert served["Cache-Control"].startswith("private")
    assert b"".join(served.streaming_content)[:3] == b"\xff\xd8\xff"
    assert login(outsider).get(reverse("feed:image", args=[post.pk])).status_code == 404


def test_exif_is_stripped(login, alice):
    exif = Image.Exif()
    exif[0x010F] = "CameraMaker"  # Make
    exif[0x8825] = {1: "N", 2: (50.0, 27.0, 0.0)}  # GPS
    raw = image_bytes("JPEG", exif=exif.tobytes())
    assert b"CameraMaker" in raw
    upload(login(alice), raw)
    post = Post.objects.get()
    stored = post.image.read()
    assert b"CameraMaker" not in stored
    assert not Image.open(io.BytesIO(stored)).getexif()


def test_a_transparent_webp_stays_transparent(login, alice):
    upload(login(alice), image_bytes("WEBP", mode="RGBA"), name="x.webp", content_type="image/webp")
    post = Post.objects.get()
    assert post.image.name.endswith(".png")


def test_an_oversize_photo_is_refused_before_it_is_decoded(login, alice, settings, monkeypatch):
    settings.RESIDENT_IMAGE_MAX_BYTES = 1000
    content = image_bytes("PNG", size=(300, 300)) + b"\0" * 2000
    opened = []
    monkeypatch.setattr("neighbourhoods.uploads.Image.open", lambda *a, **k: opened.append(1))
    response = upload(login(alice), content)
    assert response.status_code == 200
    assert (
        "L’image est trop grande" in response.content.decode()
        or "trop grande" in response.content.decode()
    )
    assert not opened and not Post.objects.exists()


def test_a_huge_request_body_is_refused_without_reading_it(login, alice, settings):
    settings.RESIDENT_IMAGE_MAX_BYTES = 1000
    client = login(alice)
    response = upload(client, b"\xff\xd8\xff" + b"\0" * 400_000)
    assert response.status_code == 413
    assert "trop grande" in response.content.decode()
    assert not Post.objects.exists()


@pytest.mark.parametrize(
    "content,name,ctype",
    [
        (b"%PDF-1.4 not an image", "photo.jpg", "image/jpeg"),  # lies about its type
        (b"GIF89a" + b"\0" * 100, "anim.gif", "image/gif"),  # a real type we don't take
        (b"\xff\xd8\xff" + b"garbage" * 20, "broken.jpg", "image/jpeg"),  # truncated
        (
            b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>",
            "x.svg",
            "image/svg+xml",
        ),
    ],
)
def test_a_file_that_is_not_a_usable_image_is_refused(login, alice, content, name, ctype):
    response = upload(login(alice), content, name=name, content_type=ctype)
    assert response.status_code == 200
    assert "JPEG, PNG ou WebP" in response.content.decode()
    assert not Post.objects.exists()


def test_too_many_pixels_is_refused_from_the_header(login, alice, settings, monkeypatch):
    settings.RESIDENT_IMAGE_MAX_PIXELS = 100 * 100
    content = image_bytes("PNG", size=(101, 100))
    loaded = []
    original_load = Image.Image.load
    monkeypatch.setattr(Image.Image, "load", lambda self: loaded.append(1) or original_load(self))
    response = upload(login(alice), content, name="big.png")
    assert "trop de pixels" in response.content.decode()
    assert not loaded
    assert not Post.objects.exists()


def test_a_decompression_bomb_header_is_refused(login, alice):
    # A PNG whose header claims 100,000 × 100,000 pixels: refused before any decoding.
    import struct
    import zlib

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    bomb = b"\x89PNG\r\n\x1a\n" + chunk(
        b"IHDR", struct.pack(">IIBBBBB", 100000, 100000, 8, 2, 0, 0, 0)
    )
    bomb += chunk(b"IDAT", zlib.compress(b"\0" * 1000)) + chunk(b"IEND", b"")
    response = upload(login(alice), bomb, name="bomb.png")
    assert "trop de pixels" in response.content.decode()
    assert not Post.objects.exists()


def test_deleting_a_post_deletes_its_photo(login, alice, django_capture_on_commit_callbacks):
    upload(login(alice), image_bytes())
    post = Post.objects.get()
    storage, name = post.image.storage, post.image.name
    assert storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        login(alice).post(reverse("feed:post_delete", args=[post.pk]))
    assert not storage.exists(name)
