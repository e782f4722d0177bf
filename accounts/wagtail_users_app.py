"""wagtail.users with our users viewset (staff accounts only); imported before models load."""

from wagtail.users.apps import WagtailUsersAppConfig


class StaffUsersAppConfig(WagtailUsersAppConfig):
    user_viewset = "accounts.staff_users.StaffUserViewSet"
