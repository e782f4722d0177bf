"""Production: every secret from the environment; `manage.py check --deploy` is clean.

Web processes keep no state of their own: sessions in PostgreSQL, cache and throttles in Redis
(or PostgreSQL's cache table when REDIS_URL is unset), files through STORAGES. Any number of them
can run behind a load balancer (deploy/).
"""

import copy
import os

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import CACHES, DATABASES, LOGGING, MIDDLEWARE, REDIS_URL, STORAGES, env_bool

# Copies: this module changes them, and must not change the base module's objects.
CACHES, DATABASES, LOGGING, MIDDLEWARE, STORAGES = (
    copy.deepcopy(x) for x in (CACHES, DATABASES, LOGGING, MIDDLEWARE, STORAGES)
)

DEBUG = False
if not SECRET_KEY or len(SECRET_KEY) < 50:  # noqa: F405
    raise ImproperlyConfigured("Set SECRET_KEY (at least 50 random characters) in production.")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
# The load balancer probes over plain HTTP on the private network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True

# Sessions in the database: any web process can continue any session, and a Redis outage logs
# nobody out.
SESSION_ENGINE = "django.contrib.sessions.backends.db"

# Reuse connections (health-checked before each request) unless told otherwise.
if "CONN_MAX_AGE" not in os.environ and "DATABASE_URL" in os.environ:
    DATABASES["default"] = dj_database_url.parse(
        os.environ["DATABASE_URL"], conn_max_age=60, conn_health_checks=True
    )

if not REDIS_URL:
    # No process memory in production: without Redis the cache is a PostgreSQL table
    # (`manage.py createcachetable`, run by `run.py serve`).
    _table = {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "portal_cache"}
    CACHES.update(default=_table, throttle=_table)

# Static files: WhiteNoise serves them from every web process, gzip-compressed, with names that
# carry a content hash and a one-year Cache-Control (immutable).
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "whitenoise.middleware.WhiteNoiseMiddleware",
)
STORAGES["staticfiles"] = {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}
WHITENOISE_MAX_AGE = int(os.environ.get("WHITENOISE_MAX_AGE", "3600"))  # unhashed names only

# One JSON line per log record (and one per request), errors with their stack trace.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "json")
LOGGING["handlers"]["console"]["formatter"] = LOG_FORMAT
LOGGING["root"]["level"] = os.environ.get("LOG_LEVEL", "INFO")
