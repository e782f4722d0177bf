from django.apps import AppConfig


class BudgetsConfig(AppConfig):
    name = "budgets"

    def ready(self):
        from neighbourhoods.registry import register_personal_data

        from .personal_data import ENTRY

        register_personal_data(ENTRY)
        from neighbourhoods import registry

        from . import hub

        registry.register_hub_section(
            registry.HubSection(key="budgets", order=30, members_only=False, render=hub.render)
        )
        registry.register_city_items("budgets", hub.city_items)

        from wagtail.signals import page_published, page_unpublished

        page_published.connect(_forget_ballot_round, dispatch_uid="budgets-forget-round")
        page_unpublished.connect(_forget_ballot_round, dispatch_uid="budgets-forget-round-un")
        from neighbourhoods.registry import DashboardFigures, register_dashboard_figures

        from . import figures

        register_dashboard_figures(
            DashboardFigures(key="budgets", order=30, section=figures.section)
        )


def _forget_ballot_round(sender, instance, **kwargs):
    from .selectors import forget_ballot_round

    forget_ballot_round(pk=instance.pk)
