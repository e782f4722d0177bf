from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, username):
        return self.get(email__iexact=username)


class User(AbstractUser):
    """A person with a login: a resident, a staff member, or (rarely) both are separate accounts.

    People log in with their e-mail address; there is no username.
    """

    username = None
    email = models.EmailField(_("e-mail address"), unique=True)
    email_confirmed_at = models.DateTimeField(_("e-mail confirmed at"), null=True, blank=True)
    language = models.CharField(
        _("preferred language"),
        max_length=8,
        choices=[("fr", "Français"), ("nl", "Nederlands"), ("en", "English")],
        default="fr",
    )
    display_name = models.CharField(
        _("name shown to neighbours"),
        max_length=80,
        blank=True,
        help_text=_("For example your first name and the initial of your last name."),
    )

    # Set when the person deleted their account: the row stays as an empty, unusable shell.
    erased_at = models.DateTimeField(_("account deleted at"), null=True, blank=True)

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="accounts_user_email_ci_unique"),
        ]

    def __str__(self):
        return self.display_name or self.email

    @property
    def public_name(self):
        """What neighbours see: never the e-mail address."""
        if self.erased_at is not None:
            return _("A former neighbour")
        if self.display_name:
            return self.display_name
        full = f"{self.first_name} {self.last_name[:1]}".strip()
        return (full + ".") if self.last_name else (full or _("A neighbour"))

    @property
    def is_city_staff(self):
        """Anyone who can enter the Wagtail admin is city staff, kept out of every feed."""
        return self.is_superuser or self.is_staff or self.groups.exists()
