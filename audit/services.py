"""Writes to the audit log. Other apps call these; nothing here imports them."""

from collections.abc import Iterable, Iterator

from .models import AuditEntry


def audit_record(*, actor, action: str, target: str = "", rows: int | None = None) -> AuditEntry:
    """Record that `actor` did `action` on `target` (e.g. exported `rows` rows of a survey)."""
    label = ""
    if actor is not None and getattr(actor, "is_authenticated", False):
        label = actor.get_username()
    else:
        actor = None
    return AuditEntry.objects.create(
        actor=actor, actor_label=label, action=action, target=str(target)[:255], rows=rows
    )


def audit_count_rows(entry: AuditEntry, rows: Iterable) -> Iterator:
    """Pass `rows` through and store how many went out once the stream ends (or breaks).

    Streamed exports are recorded before the first byte, so an aborted download still leaves
    its entry; the count is filled in as the rows are consumed.
    """
    count = 0
    try:
        for row in rows:
            count += 1
            yield row
    finally:
        AuditEntry.objects.filter(pk=entry.pk).update(rows=count)


def audit_entries_delete_older_than(*, cutoff) -> int:
    deleted, _ = AuditEntry.objects.filter(created_at__lt=cutoff).delete()
    return deleted
