"""Residents' data rights: download everything kept about me; delete my account."""

import io
import json
import zipfile
from datetime import timedelta
from uuid import uuid4

from django.conf import settings
from django.core import signing
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from emails.services import email_send
from neighbourhoods.registry import personal_data_sources
from neighbourhoods.selectors import forget_active_membership
from portal.links import absolute_url

from .models import DataExport

SIGNING_SALT = "privacy.data-export"


def personal_data_collect(*, user) -> list[dict]:
    return [source.export(user=user) for source in personal_data_sources()]


def _files(*, user):
    for source in personal_data_sources():
        if source.files is None:
            continue
        for name, storage, path in source.files(user=user):
            try:
                with storage.open(path, "rb") as handle:
                    yield name, handle.read()
            except FileNotFoundError:
                continue


def personal_data_zip(*, user) -> bytes:
    """The ZIP: data.json (machine-readable), data.html (readable) and my own images."""
    sections = personal_data_collect(user=user)
    generated = timezone.now()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "data.json",
            json.dumps(
                {"generated_at": generated.isoformat(), "sections": sections},
                ensure_ascii=False,
                indent=2,
            ),
        )
        with translation.override(user.language):
            html = render_to_string(
                "privacy/data.html",
                {"sections": sections, "generated_at": generated, "user": user},
            )
        archive.writestr("data.html", html)
        for name, content in _files(user=user):
            archive.writestr(f"images/{name}", content)
    return buffer.getvalue()


def data_export_request(*, user) -> DataExport:
    """Queue a ZIP for `user` (built by the worker); an export already being prepared is reused."""
    from .tasks import data_export_build

    pending = DataExport.objects.filter(user=user, status=DataExport.Status.PENDING).first()
    if pending is not None:
        return pending
    export = DataExport.objects.create(user=user)
    transaction.on_commit(lambda: data_export_build.enqueue(export_id=export.pk))
    return export


def download_token(export: DataExport) -> str:
    return signing.dumps({"export": export.pk, "user": export.user_id}, salt=SIGNING_SALT)


def export_for_token(*, token: str, user) -> DataExport | None:
    """The export behind a signed link, if it is the signed-in person's and not expired."""
    max_age = settings.PERSONAL_DATA_EXPORT_HOURS * 3600
    try:
        data = signing.loads(token, salt=SIGNING_SALT, max_age=max_age)
    except signing.BadSignature:
        return None
    export = DataExport.objects.filter(
        pk=data.get("export"), user_id=data.get("user"), status=DataExport.Status.READY
    ).first()
    if export is None or export.user_id != user.pk or export.is_expired:
        return None
    return export


def data_export_build(*, export_id: int) -> DataExport | None:
    export = DataExport.objects.select_related("user").filter(pk=export_id).first()
    if export is None or export.status != DataExport.Status.PENDING:
        return export
    user = export.user
    content = personal_data_zip(user=user)
    now = timezone.now()
    export.archive.save(f"{uuid4().hex}.zip", ContentFile(content), save=False)
    export.status = DataExport.Status.READY
    export.ready_at = now
    export.expires_at = now + timedelta(hours=settings.PERSONAL_DATA_EXPORT_HOURS)
    export.save()
    with translation.override(user.language):
        path = reverse("privacy:download", args=[download_token(export)])
    email_send(
        to=user.email,
        language=user.language,
        template="privacy/email/export_ready",
        context={"user": user, "url": absolute_url(path), "expires_at": export.expires_at},
    )
    return export


def _delete_files_on_commit(exports):
    names = [(e.archive.storage, e.archive.name) for e in exports if e.archive]

    def remove():
        for storage, name in names:
            storage.delete(name)

    transaction.on_commit(remove)


def data_exports_delete_expired(*, now=None) -> int:
    now = now or timezone.now()
    expired = list(DataExport.objects.filter(expires_at__lte=now))
    _delete_files_on_commit(expired)
    DataExport.objects.filter(pk__in=[e.pk for e in expired]).delete()
    return len(expired)


@transaction.atomic
def account_delete(*, user) -> None:
    """Final and in one transaction: every app erases or anonymises its part, then the account.

    The user row stays as an empty shell (no e-mail, name or password) so that what is kept
    — reactions in others' conversations, consent proofs — reads "a former neighbour".
    """
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    for source in personal_data_sources():
        source.erase(user=user)
    exports = list(DataExport.objects.filter(user=user))
    _delete_files_on_commit(exports)
    DataExport.objects.filter(user=user).delete()
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    user.groups.clear()
    user.user_permissions.clear()
    user.email = f"former-{user.pk}-{uuid4().hex[:12]}@erased.invalid"
    user.display_name = ""
    user.first_name = ""
    user.last_name = ""
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.erased_at = timezone.now()
    user.set_unusable_password()  # also ends every session (their hash no longer matches)
    user.save()
    forget_active_membership(user=user)
