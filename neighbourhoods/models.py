import unicodedata

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .pages import NeighbourhoodPage  # noqa: F401  (Wagtail discovers page types in models)


def normalise_street(value: str) -> str:
    """Lower-case, accent-free, single-spaced: "Rue  de l'Égalité" == "rue de l'egalite"."""
    decomposed = unicodedata.normalize("NFKD", value or "")
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(plain.replace("’", "'").lower().split())


class Neighbourhood(models.Model):
    """What everything points at. The hub page is its face in the CMS; pages move, this stays."""

    code = models.SlugField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=120)
    households_in_area = models.PositiveIntegerField(
        _("households in the area"),
        default=0,
        help_text=_("From the population register: the denominator of every participation rate."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("neighbourhood")
        verbose_name_plural = _("neighbourhoods")

    def __str__(self):
        return self.name


class Address(models.Model):
    """One dwelling in the city's address register."""

    neighbourhood = models.ForeignKey(
        Neighbourhood,
        on_delete=models.PROTECT,
        related_name="addresses",
        verbose_name=_("neighbourhood"),
    )
    street = models.CharField(_("street"), max_length=160)
    number = models.CharField(_("number"), max_length=16)
    box = models.CharField(_("box"), max_length=16, blank=True)
    postcode = models.CharField(_("postcode"), max_length=8)
    street_key = models.CharField(max_length=160, editable=False, db_index=True)

    class Meta:
        ordering = ["street_key", "number", "box"]
        verbose_name = _("address")
        verbose_name_plural = _("addresses")
        constraints = [
            models.UniqueConstraint(
                fields=["street_key", "number", "box", "postcode"], name="address_unique_dwelling"
            )
        ]

    def save(self, *args, **kwargs):
        self.street_key = normalise_street(self.street)
        self.number = self.number.strip().upper()
        self.box = self.box.strip().upper()
        super().save(*args, **kwargs)

    def __str__(self):
        box = f" bte {self.box}" if self.box else ""
        return f"{self.street} {self.number}{box}, {self.postcode} Mons"


class Household(models.Model):
    """The people living at one address. Every "one per household" rule keys on this row."""

    address = models.OneToOneField(
        Address, on_delete=models.PROTECT, related_name="household", verbose_name=_("address")
    )
    # Copied from the address (which never changes neighbourhood): every participation rate
    # counts households per neighbourhood, and this keeps those counts a single-table GROUP BY.
    neighbourhood = models.ForeignKey(
        Neighbourhood,
        on_delete=models.PROTECT,
        related_name="households",
        verbose_name=_("neighbourhood"),
    )
    created_at = models.DateTimeField(_("registered at"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("household")
        verbose_name_plural = _("households")

    def __str__(self):
        return str(self.address)


class Membership(models.Model):
    """A resident's verified membership of a household (and so of its neighbourhood).

    A resident who moves gets a new membership; the old one is ended, not deleted, so history
    and "once per household" records keep pointing at the right household.
    """

    class Method(models.TextChoices):
        LETTER_CODE = "code", _("letter code")
        STAFF = "staff", _("verified by staff")
        DEMO = "demo", _("demo data")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="memberships")
    neighbourhood = models.ForeignKey(
        Neighbourhood, on_delete=models.PROTECT, related_name="memberships"
    )
    is_moderator = models.BooleanField(_("neighbourhood moderator"), default=False)
    method = models.CharField(max_length=8, choices=Method.choices, default=Method.LETTER_CODE)
    joined_at = models.DateTimeField(_("joined at"), default=timezone.now, db_index=True)
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(ended_at__isnull=True),
                name="membership_one_active_per_user",
            )
        ]
        indexes = [models.Index(fields=["neighbourhood", "ended_at"])]

    def __str__(self):
        return f"{self.user_id} @ {self.household_id}"

    @property
    def is_active(self):
        return self.ended_at is None
