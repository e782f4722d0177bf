"""Who may run the verification office: the "Verification staff" group (and superusers)."""

MANAGE_PERMISSION = "verification.export_lettercodebatch"


def can_manage_verification(user) -> bool:
    return bool(
        user.is_authenticated
        and user.is_active
        and (user.is_superuser or user.has_perm(MANAGE_PERMISSION))
    )
