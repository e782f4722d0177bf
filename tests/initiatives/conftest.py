import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image


@pytest.fixture
def call(neighbourhoods):
    from tests.factories.initiatives import call_page

    return call_page(neighbourhoods=list(neighbourhoods), threshold=3)


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


def png_upload(name="photo.png", size=(40, 30)):
    buf = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buf, format="PNG")
    return SimpleUploadedFile(name, buf.getvalue(), content_type="image/png")


@pytest.fixture
def wizard():
    """wizard(client, draft_id, step, data, files=None) -> response of posting that step."""
    from django.urls import reverse

    def post(client, draft_id, step, data, **extra):
        payload = {"initiative_wizard-current_step": step}
        payload.update({f"{step}-{k}": v for k, v in data.items()})
        payload.update(extra)
        return client.post(reverse("initiatives:wizard", args=[draft_id]), payload)

    return post
