"""Letter codes that prove a resident lives at an address, and the queue of residents without one.

A code's plaintext exists only while its batch is being generated (it goes straight into the
letters/CSV download); the database keeps an HMAC of it, so a copy of the database does not let
anyone verify themselves at someone else's address.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

LANGUAGE_CHOICES = [("fr", "Français"), ("nl", "Nederlands"), ("en", "English")]


class LetterCodeBatch(models.Model):
    """One print run of letters for a neighbourhood (or a single letter answering a request)."""

    neighbourhood = models.ForeignKey(
        "neighbourhoods.Neighbourhood",
        on_delete=models.PROTECT,
        related_name="letter_batches",
        verbose_name=_("neighbourhood"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires at"))
    language = models.CharField(_("language"), max_length=8, choices=LANGUAGE_CHOICES, default="fr")
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("letter code batch")
        verbose_name_plural = _("letter code batches")
        permissions = [("export_lettercodebatch", "Can generate and export letter codes")]

    def __str__(self):
        return f"{self.neighbourhood} · {self.created_at:%Y-%m-%d %H:%M}"


class LetterCode(models.Model):
    address = models.ForeignKey(
        "neighbourhoods.Address",
        on_delete=models.PROTECT,
        related_name="letter_codes",
        verbose_name=_("address"),
    )
    batch = models.ForeignKey(
        LetterCodeBatch, on_delete=models.PROTECT, related_name="codes", verbose_name=_("batch")
    )
    code_hash = models.CharField(max_length=64, unique=True, editable=False)
    max_members = models.PositiveSmallIntegerField(_("maximum members"), default=4)
    uses = models.PositiveSmallIntegerField(_("uses"), default=0)
    expires_at = models.DateTimeField(_("expires at"))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("letter code")
        verbose_name_plural = _("letter codes")
        constraints = [
            models.CheckConstraint(
                condition=Q(uses__lte=models.F("max_members")), name="lettercode_uses_within_limit"
            ),
        ]

    def __str__(self):
        return f"{self.address} ({self.batch_id})"

    @property
    def is_revoked(self):
        return self.revoked_at is not None

    @property
    def is_expired(self):
        return self.expires_at <= timezone.now()


class CodeUse(models.Model):
    """A resident joined a household with a letter code.

    Outlives the resident's account (user becomes empty): the household stays traceable to the
    batch whose letter let someone in.
    """

    code = models.ForeignKey(LetterCode, on_delete=models.CASCADE, related_name="code_uses")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="letter_code_uses",
    )
    household = models.ForeignKey(
        "neighbourhoods.Household",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="code_uses",
        verbose_name=_("household"),
    )
    used_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("code use")
        verbose_name_plural = _("code uses")
        constraints = [
            models.UniqueConstraint(fields=["code", "user"], name="codeuse_once_per_user"),
        ]

    def __str__(self):
        return f"{self.user_id} @ {self.code_id}"


class VerificationRequest(models.Model):
    """A resident without a code asks for a letter; verification staff answer it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        LETTER_SENT = "letter_sent", _("letter sent")
        REJECTED = "rejected", _("rejected")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="verification_requests",
        verbose_name=_("resident"),
    )
    street = models.CharField(_("street"), max_length=160)
    number = models.CharField(_("number"), max_length=16)
    box = models.CharField(_("box"), max_length=16, blank=True)
    postcode = models.CharField(_("postcode"), max_length=8)
    address = models.ForeignKey(
        "neighbourhoods.Address",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="verification_requests",
        verbose_name=_("address in the register"),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    staff_note = models.TextField(_("staff note"), blank=True)
    letter_code = models.ForeignKey(
        LetterCode, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("requested at"), default=timezone.now, db_index=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("handled by"),
    )
    handled_at = models.DateTimeField(_("handled at"), null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("verification request")
        verbose_name_plural = _("verification requests")
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(status="pending"),
                name="verificationrequest_one_open_per_user",
            ),
        ]

    def __str__(self):
        return self.typed_address

    @property
    def typed_address(self):
        box = f" bte {self.box}" if self.box else ""
        return f"{self.street} {self.number}{box}, {self.postcode}"
