from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key-with-enough-length-0123456789abcdefghij"
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = BASE_DIR / "test-artifacts" / "media"  # noqa: F405
PRIVATE_MEDIA_ROOT = BASE_DIR / "test-artifacts" / "private_media"  # noqa: F405
# Tests run with whitespace-free URLs; live_server uses localhost.
ALLOWED_HOSTS = ["*"]
# Tests turn the per-request log line on where they look at it (caplog).
LOGGING["loggers"]["portal.request"]["level"] = "WARNING"  # noqa: F405
# Single e-mails go through the task framework; tests deliver them at once (the digest and
# newsletter tests run the real `db_worker` on the "default" backend).
TASKS = {
    **TASKS,  # noqa: F405
    "immediate": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
}
EMAIL_TASK_BACKEND = "immediate"
