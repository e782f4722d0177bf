from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedConfig(AppConfig):
    name = "feed"
    verbose_name = _("Neighbourhood feed")

    def ready(self):
        from neighbourhoods.registry import MenuEntry, register_menu_entry

        register_menu_entry(
            MenuEntry(key="feed", order=1, label=_("My neighbourhood"), url_name="feed:home")
        )
        from neighbourhoods.registry import register_personal_data

        from .personal_data import ENTRY

        register_personal_data(ENTRY)
        from neighbourhoods.registry import HubSection, register_hub_section

        from .hub import render_hub_feed

        register_hub_section(
            HubSection(key="feed", order=10, members_only=True, render=render_hub_feed)
        )
        from neighbourhoods.registry import DashboardFigures, register_dashboard_figures

        from . import figures

        register_dashboard_figures(
            DashboardFigures(key="feed", order=10, section=figures.section, panel=figures.panel)
        )
