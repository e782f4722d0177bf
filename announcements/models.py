from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .pages import AnnouncementIndexPage, AnnouncementPage, Category, EventPage  # noqa: F401


class CityMessagePreference(models.Model):
    """Whether a resident accepts e-mails from the city about their neighbourhood (opt-in)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="city_message_preference"
    )
    opted_in = models.BooleanField(_("send me the city's messages by e-mail"), default=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("city message preference")

    def __str__(self):
        return f"{self.user_id}: {self.opted_in}"


class AnnouncementReply(models.Model):
    """A resident's answer to a city message. Read by the city; not feed content."""

    announcement = models.ForeignKey(
        AnnouncementPage,
        on_delete=models.CASCADE,
        related_name="replies",
        verbose_name=_("announcement"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="announcement_replies"
    )
    body = models.TextField(_("reply"))
    created_at = models.DateTimeField(_("sent at"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("reply to an announcement")
        verbose_name_plural = _("replies to announcements")

    def __str__(self):
        return f"{self.announcement_id} @ {self.created_at:%Y-%m-%d}"


class AnnouncementMailing(models.Model):
    """At most one e-mail round per announcement (the unique key makes re-publishing harmless)."""

    announcement = models.OneToOneField(
        AnnouncementPage, on_delete=models.CASCADE, related_name="mailing"
    )
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    recipients = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.announcement_id}: {self.recipients}"


class EventRegistration(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Place confirmed")
        WAITLISTED = "waitlisted", _("On the waitlist")

    event = models.ForeignKey(EventPage, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_registrations"
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    created_at = models.DateTimeField(_("signed up at"), default=timezone.now)
    promoted_at = models.DateTimeField(_("moved up from the waitlist at"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminder sent at"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("event registration")
        verbose_name_plural = _("event registrations")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "user"], name="event_registration_once_per_user"
            )
        ]
        indexes = [models.Index(fields=["event", "status", "created_at"])]

    def __str__(self):
        return f"{self.event_id}/{self.user_id}: {self.status}"
