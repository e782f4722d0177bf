"""Who may do what with newsletters (staff side; subscribers are authenticated by their links)."""


def can_schedule(user) -> bool:
    return user.is_authenticated and user.has_perm("newsletters.add_newslettersend")


def can_view_reports(user) -> bool:
    return user.is_authenticated and user.has_perm("newsletters.view_newslettersend")


def can_send_test(user, page) -> bool:
    return user.is_authenticated and page.permissions_for_user(user).can_edit()
