from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnnouncementsConfig(AppConfig):
    name = "announcements"
    verbose_name = _("City news and events")

    def ready(self):
        from neighbourhoods.registry import register_personal_data

        from .personal_data import ENTRY

        register_personal_data(ENTRY)
        from wagtail.signals import page_published

        from neighbourhoods import registry

        from . import hub

        registry.register_hub_section(
            registry.HubSection(
                key="announcements", order=10, members_only=False, render=hub.render_hub_section
            )
        )
        registry.register_city_items("announcements", hub.city_items)
        registry.register_profile_link(
            registry.ProfileLink(
                key="city-messages",
                order=50,
                label=_("City messages by e-mail"),
                url_name="announcements:preferences",
                members_only=True,
            )
        )
        page_published.connect(hub.on_page_published, dispatch_uid="announcements-published")
        from neighbourhoods.registry import DashboardFigures, register_dashboard_figures

        from . import figures

        register_dashboard_figures(
            DashboardFigures(key="announcements", order=60, section=figures.section)
        )
