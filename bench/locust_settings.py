"""Settings of the Locust run: the production settings, plus /bench/bare/ (the baseline)."""

from portal.settings.production import *  # noqa: F403

ROOT_URLCONF = "locust_urls"
