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
