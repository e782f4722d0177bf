from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.storage import PrivateFileSystemStorage


def export_storage():
    """The one private storage (no URL): a ZIP is only ever sent by the view that checks the
    signed link."""
    return PrivateFileSystemStorage(location="personal-data")


class DataExport(models.Model):
    """A resident's "download my data" ZIP: built by the worker, deleted after it expires."""

    class Status(models.TextChoices):
        PENDING = "pending", _("being prepared")
        READY = "ready", _("ready")
        FAILED = "failed", _("failed")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="data_exports"
    )
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING)
    requested_at = models.DateTimeField(default=timezone.now)
    ready_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True, db_index=True)
    archive = models.FileField(storage=export_storage, upload_to="%Y/%m/", blank=True)

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("personal data export")
        verbose_name_plural = _("personal data exports")

    def __str__(self):
        return f"data export {self.pk} ({self.status})"

    @property
    def is_expired(self):
        return self.expires_at is not None and self.expires_at <= timezone.now()
