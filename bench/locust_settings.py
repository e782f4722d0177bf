"""Settings of the Locust run: the production settings, plus /bench/bare/ (the baseline).

Locust speaks plain HTTP on the loopback, standing in for the TLS proxy (it sends
X-Forwarded-Proto: https); its cookie jar would not send cookies marked Secure over HTTP.
"""

from portal.settings.production import *  # noqa: F403

ROOT_URLCONF = "locust_urls"
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
