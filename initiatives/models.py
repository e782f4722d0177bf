from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from neighbourhoods.uploads import private_storage

from .pages import CallForInitiativesPage  # noqa: F401  (Wagtail discovers page types in models)


def initiative_storage():
    """Initiative images: the core's private storage, in the folder they have always used."""
    return private_storage("initiatives")


class Initiative(models.Model):
    """A project residents carry, submitted to a call for initiatives."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("submitted")
        IN_REVIEW = "in_review", _("in review")
        ACCEPTED = "accepted", _("accepted")
        DECLINED = "declined", _("declined")
        IN_PROGRESS = "in_progress", _("in progress")
        REALISED = "realised", _("realised")

    PUBLISHED = (Status.ACCEPTED, Status.IN_PROGRESS, Status.REALISED)
    SUPPORTABLE = (Status.ACCEPTED, Status.IN_PROGRESS)

    call = models.ForeignKey(
        "initiatives.CallForInitiativesPage",
        on_delete=models.PROTECT,
        related_name="initiatives",
        verbose_name=_("call for initiatives"),
    )
    submitter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="initiatives",
        verbose_name=_("submitted by"),
    )
    neighbourhood = models.ForeignKey(
        "neighbourhoods.Neighbourhood",
        on_delete=models.PROTECT,
        related_name="initiatives",
        verbose_name=_("neighbourhood"),
    )
    title = models.CharField(_("title"), max_length=120)
    description = models.TextField(_("description"))
    image = models.ImageField(
        _("image"), storage=initiative_storage, upload_to="images/%Y/%m", blank=True
    )
    image_alt = models.CharField(_("image description"), max_length=200, blank=True)
    place = models.CharField(_("place"), max_length=200)
    needs_budget = models.DecimalField(
        _("budget asked (EUR)"), max_digits=9, decimal_places=2, default=0
    )
    needs_material = models.BooleanField(_("needs material"), default=False)
    needs_permits = models.BooleanField(_("needs permits"), default=False)
    needs_communication = models.BooleanField(_("needs help with communication"), default=False)
    needs_other = models.TextField(_("other needs"), blank=True)
    helpers_needed = models.PositiveSmallIntegerField(_("helpers needed"), default=0)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=Status.choices,
        default=Status.SUBMITTED,
        db_index=True,
    )
    public_answer = models.TextField(
        _("public answer"),
        blank=True,
        help_text=_("Shown to everyone with the initiative. Required when declining."),
    )
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now, db_index=True)
    status_changed_at = models.DateTimeField(_("status changed at"), default=timezone.now)
    threshold_notified_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        indexes = [models.Index(fields=["neighbourhood", "status"])]

    def __str__(self):
        return self.title

    @property
    def is_published(self):
        return self.status in self.PUBLISHED


class CoOrganiser(models.Model):
    """An invitation to carry an initiative together. Confirmed by the invitee, never guessed."""

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="co_organisers"
    )
    email = models.EmailField(_("e-mail address"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="co_organised_initiatives",
    )
    invited_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["initiative", "email"], name="coorganiser_once")
        ]

    def __str__(self):
        return f"co-organiser {self.pk}"


class InitiativeDraft(models.Model):
    """The wizard's state, kept in the database so a resident can stop and come back."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="initiative_drafts"
    )
    call = models.ForeignKey(
        "initiatives.CallForInitiativesPage", on_delete=models.CASCADE, related_name="+"
    )
    data = models.JSONField(default=dict)
    title = models.CharField(max_length=120, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-updated_at"]

    def __str__(self):
        return f"draft {self.pk}"


class Support(models.Model):
    """A household supports an initiative. Carries no user: staff and organisers see counts."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="supports")
    household = models.ForeignKey(
        "neighbourhoods.Household", on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "household"], name="support_once_per_household"
            )
        ]

    def __str__(self):
        return f"support {self.pk}"


class HelperSignup(models.Model):
    """A resident offers a hand. Their contact reaches the organisers only if they agreed."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="helpers")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="initiative_help"
    )
    share_contact = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["initiative", "user"], name="helper_once")]
        indexes = [
            models.Index(
                fields=["initiative"], condition=Q(share_contact=True), name="helper_shared_idx"
            )
        ]

    def __str__(self):
        return f"helper {self.pk}"
