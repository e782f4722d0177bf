from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Notifications")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from emails.services import register_mail_preferences
        from neighbourhoods.registry import (
            MenuEntry,
            ProfileLink,
            register_menu_entry,
            register_profile_link,
        )

        from . import receivers, selectors, services

        receivers.connect()
        register_mail_preferences(services.NotificationMailPreferences())
        register_menu_entry(
            MenuEntry(
                key="notifications",
                order=10,
                label=_("Notifications"),
                url_name="notifications:list",
                count=selectors.unread_count,
                count_label=_("unread"),
            )
        )
        register_profile_link(
            ProfileLink(
                key="notifications",
                order=5,
                label=_("How I am told about my neighbourhood"),
                url_name="notifications:preferences",
            )
        )
