"""Private conversations between two verified members of the same neighbourhood.

Only the two of them ever read it: never registered in the admin, never indexed, no staff view.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

USER = settings.AUTH_USER_MODEL


class Conversation(models.Model):
    neighbourhood = models.ForeignKey(
        "neighbourhoods.Neighbourhood", on_delete=models.CASCADE, related_name="+"
    )
    # The member who wrote first, and the other. One conversation per pair and neighbourhood.
    starter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    other = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    # Where it was opened from (a post): only for the heading; the post may go.
    post = models.ForeignKey(
        "feed.Post", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    last_message_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["neighbourhood", "starter", "other"], name="conversation_one_per_pair"
            ),
            models.CheckConstraint(
                condition=~Q(starter=models.F("other")), name="conversation_two_people"
            ),
        ]
        indexes = [
            models.Index(fields=["starter", "-last_message_at"]),
            models.Index(fields=["other", "-last_message_at"]),
        ]

    def __str__(self):
        return f"conversation {self.pk}"

    def includes(self, user) -> bool:
        return user.pk in (self.starter_id, self.other_id)

    def other_than(self, user):
        return self.other if user.pk == self.starter_id else self.starter


class Message(models.Model):
    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="messages"
    )
    sender = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    body = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"message {self.pk}"


class Block(models.Model):
    """`blocker` no longer receives anything from `blocked` (who is not told)."""

    blocker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    blocked = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["blocker", "blocked"], name="block_once")]

    def __str__(self):
        return f"block {self.pk}"


class ConversationReport(models.Model):
    """A participant asks the neighbourhood's resident moderators to look at a conversation."""

    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    reason = models.CharField(max_length=500)
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["conversation", "reporter"],
                condition=Q(resolved_at__isnull=True),
                name="conversation_report_once",
            )
        ]

    def __str__(self):
        return f"conversation report {self.pk}"
