"""Retention: what the core keeps only for a while. Apps register their own rules the same way."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.utils import timezone

from neighbourhoods.registry import RetentionRule, register_retention, retention_rules


def _unconfirmed_accounts(*, cutoff) -> int:
    """Sign-ups whose e-mail was never confirmed: they never signed in and own nothing."""
    stale = get_user_model().objects.filter(
        email_confirmed_at__isnull=True,
        date_joined__lt=cutoff,
        last_login__isnull=True,
        is_staff=False,
        is_superuser=False,
        groups__isnull=True,
        memberships__isnull=True,
    )
    deleted = 0
    for user in stale.distinct().iterator():
        user.delete()
        deleted += 1
    return deleted


def _expired_letter_codes(*, cutoff) -> int:
    """Codes that expired unused: nothing points at them. Used codes stay (household trace)."""
    from verification.models import LetterCode

    deleted, _ = (
        LetterCode.objects.filter(expires_at__lt=cutoff, uses=0, code_uses__isnull=True)
        .exclude(pk__in=_codes_answering_requests())
        .delete()
    )
    return deleted


def _codes_answering_requests():
    from verification.models import VerificationRequest

    return VerificationRequest.objects.filter(letter_code__isnull=False).values("letter_code_id")


def _audit_entries(*, cutoff) -> int:
    from audit.services import audit_entries_delete_older_than

    return audit_entries_delete_older_than(cutoff=cutoff)


def _finished_tasks(*, cutoff) -> int:
    """The worker's finished task rows (their arguments can name an export or a recipient)."""
    from django_tasks_db.models import DBTaskResult

    deleted, _ = DBTaskResult.objects.filter(finished_at__lt=cutoff).delete()
    return deleted


def _expired_sessions(*, cutoff) -> int:
    deleted, _ = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    return deleted


def register():
    register_retention(
        RetentionRule("unconfirmed_accounts", "unconfirmed_accounts", _unconfirmed_accounts)
    )
    register_retention(
        RetentionRule("expired_letter_codes", "expired_letter_codes", _expired_letter_codes)
    )
    register_retention(RetentionRule("audit_entries", "audit_entries", _audit_entries))
    register_retention(RetentionRule("finished_tasks", "finished_tasks", _finished_tasks))
    register_retention(RetentionRule("expired_sessions", "expired_sessions", _expired_sessions))


def retention_run(*, now=None) -> dict[str, int]:
    """Apply every registered rule, plus the data-export ZIPs (their own expiry). Idempotent."""
    from .services import data_exports_delete_expired

    now = now or timezone.now()
    done = {}
    for rule in retention_rules():
        days = settings.RETENTION_DAYS[rule.days_setting]
        done[rule.key] = rule.purge(cutoff=now - timedelta(days=days))
    done["data_exports"] = data_exports_delete_expired(now=now)
    return done
