"""Where residents' uploads for initiatives live: outside MEDIA_ROOT, served only through a view
that checks who may see them."""

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.functional import LazyObject


class _PrivateStorage(LazyObject):
    def _setup(self):
        self._wrapped = FileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT / "initiatives")


private_storage = _PrivateStorage()


def get_private_storage():
    return private_storage
