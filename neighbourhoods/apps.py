from django.apps import AppConfig


class NeighbourhoodsConfig(AppConfig):
    name = "neighbourhoods"

    def ready(self):
        from .converters import register

        register()  # before any URLconf is read
