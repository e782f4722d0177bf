from django.apps import AppConfig


class NeighbourhoodsConfig(AppConfig):
    name = "neighbourhoods"

    def ready(self):
        from .cache import connect_signals
        from .languages import install_reader_urls

        connect_signals()
        install_reader_urls()
