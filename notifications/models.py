"""What happened that concerns a resident, and how each resident wants to hear of it."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    REACTIONS = "reactions", _("Reactions and thanks on my posts")
    REPLIES = "replies", _("Replies in my conversations")
    HELP = "help", _("Answers to my help offers and requests")
    MODERATION = "moderation", _("Moderation of what I wrote")
    CITY = "city", _("News from the city for my neighbourhood")
    INITIATIVES = "initiatives", _("Progress of my initiatives")


class Channel(models.TextChoices):
    IMMEDIATE = "immediate", _("Immediately by e-mail")
    DAILY = "daily", _("In the daily digest")
    WEEKLY = "weekly", _("In the weekly digest")
    SITE = "site", _("Only on the site")


# Replies to me: at once. Neighbourhood news: once a week.
DEFAULT_CHANNELS = {
    Kind.REACTIONS: Channel.IMMEDIATE,
    Kind.REPLIES: Channel.IMMEDIATE,
    Kind.HELP: Channel.IMMEDIATE,
    Kind.MODERATION: Channel.IMMEDIATE,
    Kind.CITY: Channel.WEEKLY,
    Kind.INITIATIVES: Channel.IMMEDIATE,
}


class Notification(models.Model):
    """One event for one resident. Carries no post text: a title, who, and where to look."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices)
    event = models.CharField(max_length=24)  # "reaction", "thanks", "announcement", …
    title = models.CharField(max_length=255, blank=True)
    actor_name = models.CharField(max_length=150, blank=True)
    url = models.CharField(max_length=500)  # site-relative, without a language prefix
    # Set when the notification is about a neighbour's post or reaction: deleting it deletes
    # the notification, hiding it hides the notification (see `visible`).
    post = models.ForeignKey(
        "feed.Post", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    reaction = models.ForeignKey(
        "feed.Reaction", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    # For events that must be told once per resident (a city page published twice, …).
    source_key = models.CharField(max_length=80, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="notif_recipient_newest"),
            models.Index(
                fields=["recipient"], condition=Q(read_at__isnull=True), name="notif_unread"
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "source_key"],
                condition=~Q(source_key=""),
                name="notif_once_per_source",
            )
        ]

    def __str__(self):
        return f"notification {self.pk}"


def visible_q() -> Q:
    """Never show what is about a hidden, removed (or deleted: CASCADE) post or reaction."""
    return (Q(post__isnull=True) | Q(post__status="visible")) & (
        Q(reaction__isnull=True) | Q(reaction__status="visible")
    )


class NotificationPreference(models.Model):
    """A resident's choice for one kind; no row = the default of that kind."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices)
    channel = models.CharField(max_length=12, choices=Channel.choices)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="notif_one_preference_per_kind")
        ]

    def __str__(self):
        return f"{self.kind}: {self.channel}"


class Period(models.TextChoices):
    DAILY = "daily", _("daily")
    WEEKLY = "weekly", _("weekly")


class DigestDelivery(models.Model):
    """One digest for one resident and one period (e.g. the week starting 2026-11-30).

    The unique key means a digest run can be started twice, or resumed after its worker was
    killed, and nobody gets a second copy. A row is claimed with SELECT … FOR UPDATE SKIP
    LOCKED and stays locked while its e-mail is handed over: a worker killed before that
    commit leaves the row pending for the next worker.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        SENT = "sent", _("sent")
        SKIPPED = "skipped", _("skipped")  # nothing new, or no longer a member

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digest_deliveries"
    )
    period = models.CharField(max_length=8, choices=Period.choices)
    period_start = models.DateField()
    since = models.DateTimeField()
    until = models.DateTimeField()
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "period", "period_start"], name="digest_once_per_period"
            )
        ]
        indexes = [
            # The claim (pending rows of a period, lowest id first) reads only pending rows:
            # sent ones do not pile up in front of it as the run goes on.
            models.Index(
                fields=["period", "period_start", "id"],
                condition=Q(status="pending"),
                name="digest_pending_by_id",
            )
        ]

    def __str__(self):
        return f"{self.period} digest {self.period_start} for {self.user_id}"
