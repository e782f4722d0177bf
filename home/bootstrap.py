"""The content every installation starts with, re-creatable after a database flush.

The migrations create it once; transactional tests (which truncate every table) call
`ensure_base_content()` to put it back.
"""

from django.db import transaction


@transaction.atomic
def ensure_base_content():
    from django.contrib.auth.models import Group
    from wagtail.models import Locale, Page, Site

    from accounts.roles import STAFF_GROUPS
    from accounts.signals import sync_staff_groups

    from .models import HomePage

    french, _ = Locale.objects.get_or_create(language_code="fr")
    for code in ("nl", "en"):
        Locale.objects.get_or_create(language_code=code)
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(instance=Page(title="Root", slug="root", locale=french))
    if not Site.objects.exists():
        home = HomePage(title="Mons en quartiers", slug="accueil", locale=french)
        root.add_child(instance=home)
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name="Mons en quartiers",
        )
    for name in STAFF_GROUPS:
        Group.objects.get_or_create(name=name)
    sync_staff_groups(sender=None)


def site_sync_from_setting() -> None:
    """Point the default Wagtail Site at SITE_URL's host and port, so that whatever Wagtail
    builds from it (page full URLs, admin previews) names the address the site really runs on."""
    from urllib.parse import urlsplit

    from django.conf import settings
    from wagtail.models import Site

    parts = urlsplit(settings.SITE_URL)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    Site.objects.filter(is_default_site=True).update(hostname=parts.hostname, port=port)
    Site.clear_site_root_paths_cache()
