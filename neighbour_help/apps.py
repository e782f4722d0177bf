from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NeighbourHelpConfig(AppConfig):
    name = "neighbour_help"
    # The label stays: tables, migrations, permissions ("care.add_callout") and URL names keep it.
    label = "care"
    verbose_name = _("Neighbour help")

    def ready(self):
        from neighbourhoods.registry import MenuEntry, register_menu_entry

        register_menu_entry(
            MenuEntry(key="care", order=2, label=_("Neighbour help"), url_name="care:home")
        )
        from neighbourhoods.registry import register_personal_data, register_retention

        from .personal_data import ENTRY, RETENTION

        register_personal_data(ENTRY)
        register_retention(RETENTION)
        from neighbourhoods.registry import (
            HubSection,
            ProfileLink,
            register_hub_section,
            register_profile_link,
        )

        from .hub import render_hub_section

        register_hub_section(
            HubSection(key="care", order=45, members_only=True, render=render_hub_section)
        )
        register_profile_link(
            ProfileLink(
                key="care",
                order=30,
                label=_("My help offers and volunteering"),
                url_name="care:home",
                members_only=True,
            )
        )
        from neighbourhoods.registry import DashboardFigures, register_dashboard_figures

        from . import figures

        register_dashboard_figures(DashboardFigures(key="care", order=50, section=figures.section))
