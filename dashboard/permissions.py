"""Who may see the Service Dashboard: every staff group and superusers (aggregates only).

Residents never do, even moderators: the dashboard is the city's view of participation.
"""

from neighbourhoods.permissions import is_city_staff


def can_view_dashboard(user) -> bool:
    return bool(
        user.is_authenticated and is_city_staff(user) and user.has_perm("wagtailadmin.access_admin")
    )
