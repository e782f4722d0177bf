from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _


class HelpSkill(models.Model):
    """What neighbours can offer each other; the list is edited by the city."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_fr = models.CharField(_("name (French)"), max_length=80)
    name_nl = models.CharField(_("name (Dutch)"), max_length=80, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=80, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    active = models.BooleanField(_("offered"), default=True)

    class Meta:
        ordering = ["order", "name_fr"]
        verbose_name = _("kind of help")
        verbose_name_plural = _("kinds of help")

    def __str__(self):
        return self.label

    @property
    def label(self):
        language = (translation.get_language() or "fr")[:2]
        return getattr(self, f"name_{language}", "") or self.name_fr


class HelpOffer(models.Model):
    """What a member can do for neighbours, and when. Seen only by their neighbourhood."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="help_offer"
    )
    neighbourhood = models.ForeignKey(
        "neighbourhoods.Neighbourhood", on_delete=models.CASCADE, related_name="+"
    )
    skills = models.ManyToManyField(
        HelpSkill, related_name="offers", verbose_name=_("I can help with")
    )
    availability = models.CharField(_("When are you available?"), max_length=300)
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["neighbourhood", "active"])]

    def __str__(self):
        return f"help offer {self.pk}"


class VolunteerConsent(models.Model):
    """Explicit, revocable consent to be called on by the city. Withdrawn = withdrawn_at set."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="volunteer_consents"
    )
    consented_at = models.DateTimeField(default=timezone.now)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    share_name = models.BooleanField(default=True)
    share_email = models.BooleanField(default=False)
    share_phone = models.BooleanField(default=False)
    phone = models.CharField(max_length=32, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(withdrawn_at__isnull=True),
                name="volunteer_one_active_consent",
            )
        ]

    def __str__(self):
        return f"volunteer consent {self.pk}"


class HelpContact(models.Model):
    """A private message between two neighbours about help. Only those two ever read it."""

    offer = models.ForeignKey(HelpOffer, on_delete=models.CASCADE, related_name="+")
    neighbourhood = models.ForeignKey(
        "neighbourhoods.Neighbourhood", on_delete=models.CASCADE, related_name="+"
    )
    sender = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    body = models.TextField()
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        indexes = [
            models.Index(fields=["recipient", "created_at"]),
            models.Index(fields=["sender", "created_at"]),
        ]

    def __str__(self):
        return f"message {self.pk}"


class CallOut(models.Model):
    """The city asks its consenting volunteers for a hand."""

    title = models.CharField(_("what"), max_length=160)
    description = models.TextField(_("details"), blank=True)
    place = models.CharField(_("where"), max_length=200)
    when = models.DateTimeField(_("when"))
    needed = models.PositiveIntegerField(_("how many volunteers are needed"))
    neighbourhoods = models.ManyToManyField(
        "neighbourhoods.Neighbourhood",
        blank=True,
        related_name="+",
        verbose_name=_("neighbourhoods"),
    )
    skill = models.ForeignKey(
        HelpSkill,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("kind of help"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    answers_until = models.DateTimeField()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("call-out")
        verbose_name_plural = _("call-outs")

    def __str__(self):
        return self.title


class CallOutDelivery(models.Model):
    class Answer(models.TextChoices):
        YES = "yes", _("yes")
        NO = "no", _("no")

    callout = models.ForeignKey(CallOut, on_delete=models.CASCADE, related_name="deliveries")
    volunteer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    sent_at = models.DateTimeField(null=True, blank=True)
    answer = models.CharField(max_length=3, choices=Answer.choices, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["callout", "volunteer"], name="callout_one_delivery_per_volunteer"
            )
        ]
        indexes = [models.Index(fields=["callout", "answer"])]

    def __str__(self):
        return f"delivery {self.pk}"
