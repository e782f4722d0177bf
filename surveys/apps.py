from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "surveys"
    verbose_name = _("Surveys")

    def ready(self):
        from neighbourhoods.registry import register_personal_data

        from .personal_data import ENTRY

        register_personal_data(ENTRY)
        from neighbourhoods.registry import HubSection, register_city_items, register_hub_section

        from .hub import city_items, render_hub_section

        register_hub_section(
            HubSection(key="surveys", order=20, members_only=False, render=render_hub_section)
        )
        register_city_items("surveys", city_items)
        from neighbourhoods.registry import DashboardFigures, register_dashboard_figures

        from . import figures

        register_dashboard_figures(
            DashboardFigures(key="surveys", order=20, section=figures.section)
        )
