"""The private neighbourhood feed: posts, reactions, thanks and reports.

Nothing here is registered in the admin, indexed for search or exported: see `feed.permissions`.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Named here too: the feed's migrations refer to feed.models.private_storage.
from neighbourhoods.uploads import private_storage  # noqa: F401


class Category(models.TextChoices):
    ACTIVITY = "activity", _("Activity")
    LENDING = "lending", _("Lending and sharing")
    IDEA = "idea", _("Idea for the neighbourhood")
    QUESTION = "question", _("Question")
    LOST_FOUND = "lost_found", _("Lost and found")
    HELP = "help", _("Help request")


class Status(models.TextChoices):
    VISIBLE = "visible", _("visible")
    HIDDEN = "hidden", _("hidden pending moderation")
    REMOVED = "removed", _("removed by a moderator")


class Post(models.Model):
    neighbourhood = models.ForeignKey(
        "neighbourhoods.Neighbourhood",
        on_delete=models.CASCADE,
        related_name="posts",
        verbose_name=_("neighbourhood"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="feed_posts",
        verbose_name=_("author"),
    )
    # Counted per household (dashboard); kept even if the author moves away.
    household = models.ForeignKey(
        "neighbourhoods.Household",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("household"),
    )
    category = models.CharField(_("category"), max_length=16, choices=Category.choices)
    title = models.CharField(_("title"), max_length=120)
    body = models.TextField(_("message"), help_text=_("Sanitised HTML (see feed.text)."))
    image = models.FileField(
        _("image"), storage=private_storage, upload_to="feed/%Y/%m/", blank=True, max_length=200
    )
    image_width = models.PositiveIntegerField(null=True, blank=True)
    image_height = models.PositiveIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(_("posted at"), default=timezone.now)
    edited_at = models.DateTimeField(_("edited at"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.VISIBLE
    )
    report_count = models.PositiveIntegerField(default=0)
    # Denormalised counters: lists and the hub stay one query, whatever the volumes.
    reaction_count = models.PositiveIntegerField(default=0)
    thanks_count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        indexes = [
            # "Newest first in a neighbourhood", keyset-paginated on (created_at, id).
            models.Index(
                fields=["neighbourhood", "status", "-created_at", "-id"], name="feed_post_newest"
            ),
            models.Index(
                fields=["neighbourhood", "status", "category", "-created_at", "-id"],
                name="feed_post_newest_category",
            ),
            models.Index(fields=["author", "-created_at"], name="feed_post_author"),
            # The Service Dashboard counts posts per neighbourhood and month (GROUP BY).
            models.Index(fields=["neighbourhood", "created_at"], name="feed_post_hood_created"),
            # The few removed posts, whose reactions the dashboard leaves out (NOT IN): without
            # it, PostgreSQL reads the whole feed_post_newest index to find them.
            models.Index(fields=["id"], condition=Q(status="removed"), name="feed_post_removed"),
        ]

    def __str__(self):
        return f"post {self.pk}"

    @property
    def is_visible(self):
        return self.status == Status.VISIBLE


class Reaction(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reactions")
    # Stored, not derived through the post: the Service Dashboard counts reactions per
    # neighbourhood and month, and at the city's volumes (300,000 reactions at --scale 10) the
    # join to the posts was its slowest query. A post never changes neighbourhood, so this copy
    # (set at creation, see `feed.services.reaction_create` and `save`) can never go stale.
    # No single-column index: "feed_reaction_hood_created" starts with it.
    neighbourhood = models.ForeignKey(
        "neighbourhoods.Neighbourhood",
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,
        verbose_name=_("neighbourhood"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="feed_reactions"
    )
    body = models.TextField(_("reaction"))
    created_at = models.DateTimeField(_("posted at"), default=timezone.now)
    edited_at = models.DateTimeField(_("edited at"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.VISIBLE
    )
    report_count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("reaction")
        verbose_name_plural = _("reactions")
        indexes = [
            models.Index(fields=["post", "status", "created_at"], name="feed_reaction_post"),
            models.Index(fields=["neighbourhood", "created_at"], name="feed_reaction_hood_created"),
        ]

    def __str__(self):
        return f"reaction {self.pk}"

    def save(self, *args, **kwargs):
        # Whoever creates a reaction (service, factory, shell), it is in its post's
        # neighbourhood. bulk_create skips this: feed.demo sets the field itself.
        if self.neighbourhood_id is None and self.post_id is not None:
            self.neighbourhood_id = self.post.neighbourhood_id
        super().save(*args, **kwargs)


class Thanks(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="thanks")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("thanks")
        verbose_name_plural = _("thanks")
        constraints = [
            models.UniqueConstraint(fields=["post", "user"], name="feed_thanks_once_per_user")
        ]

    def __str__(self):
        return f"thanks {self.pk}"


class Report(models.Model):
    class Reason(models.TextChoices):
        RUDE = "rude", _("Rude, hateful or threatening")
        SPAM = "spam", _("Advertising or spam")
        PRIVATE = "private", _("Shares someone's private information")
        OFF_TOPIC = "off_topic", _("Has nothing to do with the neighbourhood")
        OTHER = "other", _("Something else")

    post = models.ForeignKey(
        Post, on_delete=models.CASCADE, null=True, blank=True, related_name="reports"
    )
    reaction = models.ForeignKey(
        Reaction, on_delete=models.CASCADE, null=True, blank=True, related_name="reports"
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=16, choices=Reason.choices)
    details = models.CharField(_("details"), max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [
            models.CheckConstraint(
                condition=(Q(post__isnull=False, reaction__isnull=True))
                | (Q(post__isnull=True, reaction__isnull=False)),
                name="feed_report_one_target",
            ),
            models.UniqueConstraint(
                fields=["post", "reporter"],
                condition=Q(post__isnull=False),
                name="feed_report_post_once_per_reporter",
            ),
            models.UniqueConstraint(
                fields=["reaction", "reporter"],
                condition=Q(reaction__isnull=False),
                name="feed_report_reaction_once_per_reporter",
            ),
        ]

    def __str__(self):
        return f"report {self.pk}"
