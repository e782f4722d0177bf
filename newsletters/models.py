import secrets

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .pages import NewsletterIndexPage, NewsletterPage  # noqa: F401

LANGUAGES = [("fr", "Français"), ("nl", "Nederlands"), ("en", "English")]


def new_nonce() -> str:
    return secrets.token_urlsafe(9)


class SubscriberQuerySet(models.QuerySet):
    def active(self):
        """Confirmed and not unsubscribed: the only addresses the city may write to."""
        return self.filter(confirmed_at__isnull=False, unsubscribed_at__isnull=True)


class Subscriber(models.Model):
    """An address that asked for the newsletter (no account needed)."""

    email = models.EmailField(_("e-mail address"), max_length=254)
    language = models.CharField(_("language"), max_length=8, choices=LANGUAGES, default="fr")
    neighbourhoods = models.ManyToManyField(
        "neighbourhoods.Neighbourhood",
        blank=True,
        related_name="+",
        verbose_name=_("neighbourhoods of interest"),
    )
    created_at = models.DateTimeField(_("subscribed at"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed at"), null=True, blank=True)
    # Part of every link's token: changing it revokes all links sent before.
    token_nonce = models.CharField(max_length=24, default=new_nonce)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        verbose_name = _("newsletter subscriber")
        verbose_name_plural = _("newsletter subscribers")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="newsletter_subscriber_email_ci_unique")
        ]
        indexes = [models.Index(fields=["confirmed_at", "unsubscribed_at", "language"])]

    def __str__(self):
        return self.email

    @property
    def is_active(self) -> bool:
        return self.confirmed_at is not None and self.unsubscribed_at is None


class ConsentRecord(models.Model):
    """Proof of consent: what the person agreed to, when, and each later change."""

    class Kind(models.TextChoices):
        REQUESTED = "requested", _("Subscription requested")
        CONFIRMED = "confirmed", _("Subscription confirmed (double opt-in)")
        PREFERENCES = "preferences", _("Preferences changed")
        UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="consents")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    privacy_version = models.CharField(max_length=16)
    statement = models.TextField(blank=True)
    language = models.CharField(max_length=8)
    method = models.CharField(max_length=24, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.subscriber_id} {self.kind} {self.created_at:%Y-%m-%d}"


class NewsletterSend(models.Model):
    """One scheduled sending of an issue to an audience."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        SENDING = "sending", _("Sending")
        DONE = "done", _("Sent")
        CANCELLED = "cancelled", _("Cancelled")

    class Audience(models.TextChoices):
        ALL = "all", _("All subscribers")
        NEIGHBOURHOODS = "neighbourhoods", _("Subscribers interested in some neighbourhoods")
        LANGUAGE = "language", _("Subscribers who read one language")

    page = models.ForeignKey(NewsletterPage, on_delete=models.PROTECT, related_name="sends")
    scheduled_for = models.DateTimeField(_("send at"))
    audience = models.CharField(_("audience"), max_length=16, choices=Audience.choices)
    neighbourhoods = models.ManyToManyField(
        "neighbourhoods.Neighbourhood",
        blank=True,
        related_name="+",
        verbose_name=_("neighbourhoods"),
    )
    language = models.CharField(_("language"), max_length=8, choices=LANGUAGES, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.SCHEDULED)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    materialised_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    task_id = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["-scheduled_for", "-id"]
        verbose_name = _("newsletter sending")
        verbose_name_plural = _("newsletter sendings")

    def __str__(self):
        return f"{self.page} @ {self.scheduled_for:%Y-%m-%d %H:%M}"


class Delivery(models.Model):
    """One recipient of one send. pending → sending → sent | failed | skipped.

    `sending` is written (and committed) before the message is handed to the mail backend, so a
    worker killed mid-send leaves at most one batch in `sending`: those are never retried
    (at-most-once) and the report counts them as "unknown".
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        SENDING = "sending", _("Being handed over")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        SKIPPED = "skipped", _("Skipped (unsubscribed)")

    send = models.ForeignKey(NewsletterSend, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")
    language = models.CharField(max_length=8)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(fields=["send", "subscriber"], name="delivery_once_per_send")
        ]
        indexes = [models.Index(fields=["send", "status", "id"])]

    def __str__(self):
        return f"{self.send_id}/{self.subscriber_id}: {self.status}"
