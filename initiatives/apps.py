from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InitiativesConfig(AppConfig):
    name = "initiatives"
    verbose_name = _("Initiatives")

    def ready(self):
        from neighbourhoods.registry import MenuEntry, register_menu_entry

        register_menu_entry(
            MenuEntry(
                key="initiatives", order=3, label=_("My initiatives"), url_name="initiatives:mine"
            )
        )
        from neighbourhoods.registry import register_personal_data, register_retention

        from .personal_data import ENTRY, RETENTION

        register_personal_data(ENTRY)
        register_retention(RETENTION)
        from neighbourhoods.registry import (
            HubSection,
            ProfileLink,
            register_city_items,
            register_hub_section,
            register_profile_link,
        )

        from .hub import city_items, render_hub_section

        register_hub_section(
            HubSection(
                key="initiatives",
                order=40,
                members_only=False,
                render=render_hub_section,
                invalidated_by=("initiatives.Initiative",),
            )
        )
        register_city_items("initiatives", city_items)
        register_profile_link(
            ProfileLink(
                key="initiatives",
                order=20,
                label=_("My initiatives"),
                url_name="initiatives:mine",
                members_only=True,
            )
        )
        from neighbourhoods.registry import DashboardFigures, register_dashboard_figures

        from . import figures

        register_dashboard_figures(
            DashboardFigures(key="initiatives", order=40, section=figures.section)
        )
