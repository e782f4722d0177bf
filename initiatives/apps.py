from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InitiativesConfig(AppConfig):
    name = "initiatives"
    verbose_name = _("Initiatives")

    def ready(self):
        from neighbourhoods.registry import HubSection, register_city_items, register_hub_section

        from .hub import city_items, render_hub_section

        register_hub_section(
            HubSection(key="initiatives", order=40, members_only=False, render=render_hub_section)
        )
        register_city_items("initiatives", city_items)
