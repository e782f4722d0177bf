"""Resident uploads, for every app: one image pipeline and one private storage.

The pipeline checks the size before reading, sniffs the real type from the first bytes, reads
the pixel count from the header before decoding, then decodes the whole image (a truncated file
fails here, as a field error, not later), re-encodes it (EXIF and anything hidden are dropped),
and caps its longest side. The result carries a random name: the client's file name is never
used on disk.

The storage lives in PRIVATE_MEDIA_ROOT, outside MEDIA_ROOT, and has no public URL: files are
served only by views that check who may see them.
"""

import io
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_SIDE = 1600
SNIFFED = {"JPEG", "PNG", "WEBP"}
CONTENT_TYPES = {"jpg": "image/jpeg", "png": "image/png", "webp": "image/webp"}


@dataclass(frozen=True)
class CleanImage:
    file: ContentFile
    width: int
    height: int

    def as_upload(self) -> SimpleUploadedFile:
        """The re-encoded image as an uploaded file (for form wizards that keep files)."""
        return SimpleUploadedFile(
            self.file.name, self.file.read(), content_type=content_type_for(self.file.name)
        )


def max_bytes() -> int:
    return settings.RESIDENT_IMAGE_MAX_BYTES


def too_big_message() -> str:
    return _("The image is too large: at most %(size)s.") % {"size": filesizeformat(max_bytes())}


def sniff(head: bytes) -> str | None:
    """The real type from the first bytes; the file name and browser's claim don't count."""
    if head.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WEBP"
    return None


def process_upload(upload) -> CleanImage:
    """Validate and re-encode an uploaded image, or raise a (translated) ValidationError."""
    if upload.size is None or upload.size > max_bytes():
        raise ValidationError(too_big_message(), code="too_big")
    upload.seek(0)
    kind = sniff(upload.read(16))
    upload.seek(0)
    not_image = _("This file is not a photo we can use: send a JPEG, PNG or WebP image.")
    if kind is None:
        raise ValidationError(not_image, code="not_image")
    try:
        with Image.open(upload, formats=[kind]) as image:  # reads the header only
            width, height = image.size
            if width * height > settings.RESIDENT_IMAGE_MAX_PIXELS:
                raise ValidationError(
                    _("The image has too many pixels: make it smaller and try again."),
                    code="too_many_pixels",
                )
            image.load()
            image = ImageOps.exif_transpose(image)  # keep the orientation, lose the metadata
            image.thumbnail((MAX_SIDE, MAX_SIDE))
            has_alpha = image.mode in ("RGBA", "LA") or (
                image.mode == "P" and "transparency" in image.info
            )
            out = io.BytesIO()
            if has_alpha:
                image = image.convert("RGBA")
                image.save(out, format="PNG", optimize=True)
                ext = "png"
            else:
                image = image.convert("RGB")
                image.save(out, format="JPEG", quality=85, optimize=True)
                ext = "jpg"
            size = image.size
    except ValidationError:
        raise
    except Image.DecompressionBombError:  # Pillow's own guard, on absurd headers
        raise ValidationError(
            _("The image has too many pixels: make it smaller and try again."),
            code="too_many_pixels",
        )
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        raise ValidationError(not_image, code="not_image")
    return CleanImage(
        file=ContentFile(out.getvalue(), name=f"{uuid.uuid4().hex}.{ext}"),
        width=size[0],
        height=size[1],
    )


def content_type_for(name: str) -> str:
    return CONTENT_TYPES.get(name.rsplit(".", 1)[-1].lower(), "application/octet-stream")


def private_storage(subdir: str = ""):
    """The one private storage (portal.storage: PRIVATE_MEDIA_ROOT, or a private bucket), or the
    part of it under `subdir`. It never gives a URL."""
    from portal.storage import private_storage as configured

    return configured(subdir)
