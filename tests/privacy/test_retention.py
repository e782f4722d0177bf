"""Retention: `manage.py retention_run` (and its task) delete what is kept only for a while."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from accounts.models import User
from audit.models import AuditEntry
from audit.services import audit_record
from neighbourhoods.registry import retention_rules
from privacy.models import DataExport
from privacy.retention import retention_run
from tests.factories.accounts import UserFactory
from tests.factories.neighbourhoods import AddressFactory
from verification.models import LetterCode
from verification.services import letter_batch_create

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


def test_every_kind_of_data_in_the_readme_table_has_a_rule_with_a_period(settings):
    keys = {rule.key for rule in retention_rules()}
    assert {
        "unconfirmed_accounts",
        "expired_letter_codes",
        "audit_entries",
        "finished_tasks",
        "newsletter_delivery_logs",
        "callout_delivery_logs",
        "initiative_draft_uploads",
    } <= keys
    for rule in retention_rules():
        assert rule.days_setting in settings.RETENTION_DAYS


def test_old_things_go_and_recent_ones_stay(neighbourhoods, settings):
    now = timezone.now()
    long_ago = now - timedelta(days=800)
    stale = UserFactory(email_confirmed_at=None)
    User.objects.filter(pk=stale.pk).update(date_joined=long_ago)
    fresh = UserFactory(email_confirmed_at=None)
    confirmed = UserFactory()
    User.objects.filter(pk=confirmed.pk).update(date_joined=long_ago)

    old_entry = audit_record(actor=None, action="surveys.export_csv", rows=3)
    AuditEntry.objects.filter(pk=old_entry.pk).update(created_at=long_ago)
    recent_entry = audit_record(actor=None, action="surveys.export_csv", rows=3)

    AddressFactory(neighbourhood=neighbourhoods[0])
    letter_batch_create(neighbourhood=neighbourhoods[0], created_by=None, scope="all")
    LetterCode.objects.update(expires_at=long_ago)
    expired = DataExport.objects.create(
        user=confirmed, status=DataExport.Status.READY, expires_at=now - timedelta(hours=1)
    )

    counts = retention_run(now=now)
    assert counts["unconfirmed_accounts"] == 1
    assert not User.objects.filter(pk=stale.pk).exists()
    assert User.objects.filter(pk__in=[fresh.pk, confirmed.pk]).count() == 2
    assert list(AuditEntry.objects.values_list("pk", flat=True)) == [recent_entry.pk]
    assert not LetterCode.objects.exists()
    assert not DataExport.objects.filter(pk=expired.pk).exists()
    # A second run finds nothing more.
    assert not any(retention_run(now=now).values())


def test_the_command_prints_each_rule_with_its_period():
    out = StringIO()
    call_command("retention_run", stdout=out)
    text = out.getvalue()
    assert "unconfirmed_accounts: 0 deleted (30 days)" in text
    assert "throttle and IP counters" in text


def test_the_command_can_hand_the_work_to_the_worker(settings):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
        "immediate": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    }
    out = StringIO()
    call_command("retention_run", "--enqueue", stdout=out)
    assert "enqueued" in out.getvalue()
