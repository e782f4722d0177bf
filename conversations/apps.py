from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConversationsConfig(AppConfig):
    name = "conversations"
    verbose_name = _("Conversations between neighbours")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from neighbourhoods.registry import (
            PostAction,
            ProfileLink,
            register_post_action,
            register_profile_link,
        )

        register_post_action(
            PostAction(
                key="write",
                order=10,
                label=_("Write to the author"),
                url_name="conversations:start_from_post",
            )
        )
        register_profile_link(
            ProfileLink(
                key="conversations",
                order=6,
                label=_("My conversations with neighbours"),
                url_name="conversations:list",
                members_only=True,
            )
        )
