from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CareConfig(AppConfig):
    name = "care"
    verbose_name = _("Neighbour help")

    def ready(self):
        from neighbourhoods.registry import HubSection, register_hub_section

        from .hub import render_hub_section

        register_hub_section(
            HubSection(key="care", order=45, members_only=True, render=render_hub_section)
        )
