"""The private storage: resident uploads (feed photos, initiative images and drafts).

Its files have no URL at all; views that check who may see them stream them through
`storage.open()`. On object storage (README: S3) it is a private bucket the same way.
"""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages


class PrivateFileSystemStorage(FileSystemStorage):
    """Outside MEDIA_ROOT, so no web server can serve it; read PRIVATE_MEDIA_ROOT on every use
    (not once at start-up), so tests and deployments can move it."""

    def __init__(self, *, location="", **kwargs):
        self.subdir = str(location or "")  # relative to PRIVATE_MEDIA_ROOT
        super().__init__(base_url="/private-files-have-no-url/", **kwargs)

    @property
    def base_location(self):
        return os.path.join(settings.PRIVATE_MEDIA_ROOT, self.subdir)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise NotImplementedError("Private files have no public URL; serve them through a view.")


def private_storage(subdir: str = ""):
    """The private storage, or a part of it under `subdir` (a folder, or a key prefix on S3)."""
    if not subdir:
        return storages["private"]
    config = settings.STORAGES["private"]
    options = dict(config.get("OPTIONS", {}))
    options["location"] = os.path.join(options.get("location", ""), subdir)
    return storages.create_storage({**config, "OPTIONS": options})
