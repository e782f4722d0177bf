from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewslettersConfig(AppConfig):
    name = "newsletters"
    verbose_name = _("Newsletter")

    def ready(self):
        from neighbourhoods.registry import register_personal_data, register_retention

        from .personal_data import ENTRY, RETENTION

        register_personal_data(ENTRY)
        register_retention(RETENTION)
        from neighbourhoods.registry import DashboardFigures, register_dashboard_figures

        from . import figures

        register_dashboard_figures(
            DashboardFigures(key="newsletters", order=70, section=figures.section)
        )
