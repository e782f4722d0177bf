from django.apps import AppConfig


class NeighbourhoodsConfig(AppConfig):
    name = "neighbourhoods"

    def ready(self):
        from .cache import connect_signals
        from .converters import register
        from .languages import install_reader_urls

        register()  # before any URLconf is read
        connect_signals()
        install_reader_urls()
