from django.apps import AppConfig


class NeighbourhoodsConfig(AppConfig):
    name = "neighbourhoods"

    def ready(self):
        from .languages import install_reader_urls

        install_reader_urls()
