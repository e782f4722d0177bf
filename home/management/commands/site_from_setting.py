from django.core.management.base import BaseCommand

from home.bootstrap import site_sync_from_setting


class Command(BaseCommand):
    help = "Set the default Wagtail Site's hostname and port from settings.SITE_URL."

    def handle(self, *args, **options):
        site_sync_from_setting()
