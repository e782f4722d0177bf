"""Absolute links for what leaves the site (e-mails, letters, .ics files, feeds).

Every one is built from settings.SITE_URL, never from a request's host or the Wagtail Site
record: a letter printed today or an e-mail sent by the worker has no request, and the demo
may run on any port (run.py sets SITE_URL from the port it serves on).
"""

from django.conf import settings


def site_url() -> str:
    return settings.SITE_URL.rstrip("/")


def absolute_url(path: str) -> str:
    """`path` ("/nl/quartiers/…") on the site's public address; absolute URLs pass through."""
    if not path:
        path = "/"
    if path.startswith(("http://", "https://")):
        return path
    return site_url() + ("" if path.startswith("/") else "/") + path
