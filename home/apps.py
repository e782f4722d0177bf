from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from portal.page_cache import bump_global

        def settings_changed(sender, created=False, **kwargs):
            # Created with its defaults while rendering the first page: nothing shown changes.
            if not created:
                bump_global()

        # The footer of every cached page links to the pages these settings name.
        for signal in (post_save, post_delete):
            signal.connect(settings_changed, sender="home.PortalSettings", weak=False)
