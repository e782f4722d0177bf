from django.apps import AppConfig


class EmailsConfig(AppConfig):
    """Core: the one way every app renders and sends an e-mail."""

    name = "emails"
    default_auto_field = "django.db.models.BigAutoField"
