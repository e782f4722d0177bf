def can_read_audit_log(user) -> bool:
    """Only superusers read who exported what: the log watches the other staff roles."""
    return user.is_authenticated and user.is_active and user.is_superuser
