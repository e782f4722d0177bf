from django.apps import AppConfig


class NeighbourhoodsConfig(AppConfig):
    name = "neighbourhoods"

    def ready(self):
        from .cache import connect_signals

        connect_signals()
