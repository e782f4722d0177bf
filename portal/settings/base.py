"""Settings shared by every environment; everything that differs comes from the environment."""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# Our apps: the core (accounts, neighbourhoods) first, capability apps after it.
PROJECT_APPS = [
    "accounts",
    "audit",
    "privacy",
    "neighbourhoods",
    "emails",
    "home",
    "verification",
    "feed",
    "surveys",
    "initiatives",
    "neighbour_help",
    "budgets",
    "announcements",
    "newsletters",
    "notifications",
    "conversations",
    "dashboard",
    "demo",
]

INSTALLED_APPS = [
    *PROJECT_APPS,
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.simple_translation",
    "wagtail.locales",
    "wagtail.embeds",
    "wagtail.sites",
    "accounts.wagtail_users_app.StaffUsersAppConfig",  # wagtail.users, staff accounts only
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "wagtail_modeladmin",
    "modelcluster",
    "taggit",
    "django_filters",
    "formtools",
    "django_tasks",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "portal.middleware.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.two_factor.StaffSecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "portal.middleware.SecurityHeadersMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last: what it replays from the cache still gets every header the others add.
    "portal.middleware.VisitorPageCacheMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"
ASGI_APPLICATION = "portal.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "neighbourhoods.context_processors.membership",
            ],
        },
    },
]

# Connections are kept across requests (CONN_MAX_AGE seconds; production defaults to 60) and
# checked before reuse, so a restarted PostgreSQL costs one reconnect, not an error.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL + a busy timeout let the dev server and the task worker share the file.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "init_command": "PRAGMA journal_mode=WAL;"}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
# Ours first (the staff check comes with the user); Django's for sessions made before it.
AUTHENTICATION_BACKENDS = [
    "portal.auth_backend.PortalBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:profile"
LOGOUT_REDIRECT_URL = "/"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: French first (Mons), then Dutch and English.
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français"), ("nl", "Nederlands"), ("en", "English")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "templates" / "locale"]
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static"))
STATICFILES_DIRS = [BASE_DIR / "portal" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Resident uploads live outside MEDIA_ROOT: no web server can serve them without a permission check.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "private_media"))
# Every file goes through these storages, so each can move to object storage (README: S3).
# "private" (resident uploads) has no URL: its files are only streamed by views that check access.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {"BACKEND": "portal.storage.PrivateFileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Uploads: refuse big bodies before Django reads them into memory or onto disk.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
RESIDENT_IMAGE_MAX_BYTES = 5 * 1024 * 1024
RESIDENT_IMAGE_MAX_PIXELS = 24_000_000

# Two aliases on one store: "default" (pages, fragments, tallies) degrades to a miss when Redis is
# down; "throttle" raises, and the throttles then refuse (fail closed). Short socket timeouts: a
# dead Redis must cost milliseconds per request, not the kernel's TCP timeout.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    _redis = {
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "portal"),
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }
    CACHES = {
        "default": {"BACKEND": "portal.cache.DegradingRedisCache", **_redis},
        "throttle": {"BACKEND": "django.core.cache.backends.redis.RedisCache", **_redis},
    }
else:
    # One LOCATION, one store: clearing "default" clears the throttles too.
    _local = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "portal"}
    CACHES = {"default": _local, "throttle": _local}

# Public pages for visitors and the public parts of hubs are cached (portal.page_cache) and
# invalidated on every change; this bounds how long time-bound content (an event that has passed,
# a round whose voting closed) may stay on a cached page.
PAGE_CACHE_TIMEOUT = int(os.environ.get("PAGE_CACHE_TIMEOUT", "300"))

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Mons en quartiers <quartiers@mons.be>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background work: django-tasks with the database backend, run by `manage.py db_worker`.
# TASKS_BACKEND=rq moves the queue to Redis (django-tasks-rq, `pip install -e .[rq]`), run by
# `manage.py rqworker default --job-class django_tasks_rq.backend.Job --with-scheduler`.
TASKS_BACKEND = os.environ.get("TASKS_BACKEND", "db")
if TASKS_BACKEND == "rq":
    INSTALLED_APPS += ["django_rq"]
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    RQ_QUEUES = {"default": {"URL": os.environ.get("TASKS_REDIS_URL") or REDIS_URL}}
else:
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# The task backend that delivers single e-mails (emails.services.email_send).
EMAIL_TASK_BACKEND = os.environ.get("EMAIL_TASK_BACKEND", "default")
# Local hour of the daily and weekly (Monday) neighbourhood digests.
DIGEST_HOUR = int(os.environ.get("DIGEST_HOUR", "7"))
# Reports by different members that hide a post until a resident moderator decides.
FEED_REPORTS_TO_HIDE = 3
# How long the link in an address-confirmation e-mail stays valid (seconds).
EMAIL_CONFIRMATION_MAX_AGE = 3 * 24 * 3600

# Newsletter sending is at-most-once: rows are claimed (marked "sending") a batch at a time, so a
# killed worker leaves at most this many recipients "unknown" and never sends anyone two copies.
NEWSLETTER_BATCH_SIZE = int(os.environ.get("NEWSLETTER_BATCH_SIZE", "50"))

SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
WAGTAIL_SITE_NAME = "Mons en quartiers"
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 64_000_000
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

# Login throttling (site and Wagtail admin): attempts per window, per IP and per account.
LOGIN_THROTTLE = {"per_ip": 20, "per_account": 5, "window_seconds": 900}
# Residents' "download my data" ZIPs: the e-mailed link and the file expire after this.
PERSONAL_DATA_EXPORT_HOURS = int(os.environ.get("PERSONAL_DATA_EXPORT_HOURS", "72"))
# Retention (days), applied by `manage.py retention_run` / the retention task (README table).
RETENTION_DAYS = {
    "unconfirmed_accounts": int(os.environ.get("RETENTION_UNCONFIRMED_ACCOUNTS_DAYS", "30")),
    "expired_letter_codes": int(os.environ.get("RETENTION_EXPIRED_LETTER_CODES_DAYS", "365")),
    "delivery_logs": int(os.environ.get("RETENTION_DELIVERY_LOGS_DAYS", "180")),
    "draft_uploads": int(os.environ.get("RETENTION_DRAFT_UPLOADS_DAYS", "30")),
    "audit_entries": int(os.environ.get("RETENTION_AUDIT_ENTRIES_DAYS", "730")),
    "finished_tasks": int(os.environ.get("RETENTION_FINISHED_TASKS_DAYS", "30")),
    "expired_sessions": 0,  # sessions past their own expiry (SESSION_COOKIE_AGE)
}
# Staff second factor: wrong codes per window, per account and per IP (django-otp also backs off).
SECOND_FACTOR_THROTTLE = {"per_ip": 20, "per_account": 5, "window_seconds": 900}
OTP_TOTP_ISSUER = "Mons en quartiers"
# Letter codes: wrong attempts per window, per account and per IP.
CODE_THROTTLE = {"per_ip": 20, "per_account": 5, "window_seconds": 3600}
# Password reset e-mails (site and admin): requests per window, per IP and per address.
PASSWORD_RESET_THROTTLE = {"per_ip": 20, "per_account": 3, "window_seconds": 3600}
# Behind a reverse proxy: the header carrying the client address (e.g. X-Forwarded-For) and how
# many proxies we run in front of the portal. The client is that many entries from the right of
# the header; what the client wrote itself (left of it) is never trusted. Empty: REMOTE_ADDR.
CLIENT_IP_HEADER = os.environ.get("CLIENT_IP_HEADER", "")
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "1"))

# Public pages get this Content-Security-Policy; no inline scripts anywhere on the public site.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'"
)

# Each app that contributes demo content exposes `seed(*, scale, rng, log)` in `<app>/demo.py`;
# seed_demo runs them in this order.
DEMO_SEEDERS = [f"{app}.demo" for app in PROJECT_APPS]

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# LOG_FORMAT=json (production's default): one JSON object per line, with the request id.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "text")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "portal.logging.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "portal.logging.JsonFormatter"},
        "text": {"format": "%(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {
        # One line per request (portal.middleware.RequestLogMiddleware); off with LOG_REQUESTS=0.
        "portal.request": {"level": "INFO" if env_bool("LOG_REQUESTS", True) else "WARNING"},
        # The request log line already says 4xx/5xx; django.request keeps the stack traces.
        "django.request": {"level": "ERROR"},
    },
}

# /readyz: the oldest task waiting longer than this (seconds) reports the queue as lagging, and
# READYZ_REQUIRE lists the checks whose failure answers 503 (the others are only reported).
READYZ_MAX_QUEUE_LAG = int(os.environ.get("READYZ_MAX_QUEUE_LAG", "300"))
READYZ_REQUIRE = env_list("READYZ_REQUIRE", "database")
