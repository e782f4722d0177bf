from urllib.parse import urlsplit

from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm

from portal.links import site_url

LANGUAGES = [("fr", "Français"), ("nl", "Nederlands"), ("en", "English")]


class SignupForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_("We will send you a link to confirm it."),
    )
    display_name = forms.CharField(
        label=_("Name shown to neighbours"),
        max_length=80,
        help_text=_("For example your first name and the initial of your last name."),
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
    )
    language = forms.ChoiceField(label=_("Language for our e-mails"), choices=LANGUAGES)
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 10 characters; not only digits and not a common password."),
    )
    password2 = forms.CharField(
        label=_("Password (again)"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("language", translation.get_language() or "fr")

    def clean_display_name(self):
        value = " ".join(self.cleaned_data["display_name"].split())
        if not value:
            raise ValidationError(_("Enter the name your neighbours will see."))
        return value

    def clean(self):
        cleaned = super().clean()
        p1, p2 = cleaned.get("password1"), cleaned.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("The two passwords are different."))
        elif p1:
            User = get_user_model()
            candidate = User(
                email=cleaned.get("email", ""), display_name=cleaned.get("display_name", "")
            )
            try:
                password_validation.validate_password(p1, candidate)
            except ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class LoginForm(auth_forms.AuthenticationForm):
    error_messages = {
        **auth_forms.AuthenticationForm.error_messages,
        "unconfirmed": _(
            "Your e-mail address is not confirmed yet. Open the link we e-mailed you, or ask "
            "for a new one below."
        ),
    }

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        if user.email_confirmed_at is None and not user.is_superuser:
            raise ValidationError(self.error_messages["unconfirmed"], code="unconfirmed")


def admin_login_form(base):
    """Wagtail's login form, refusing what the site's refuses: an account whose e-mail is not
    confirmed cannot sign in through the admin door either (staff accounts, created by a
    superuser, are confirmed by whoever made them)."""

    class AdminLoginForm(base):
        error_messages = {
            **base.error_messages,
            "unconfirmed": LoginForm.error_messages["unconfirmed"],
        }

        def confirm_login_allowed(self, user):
            super().confirm_login_allowed(user)
            if user.email_confirmed_at is None and not user.is_city_staff:
                raise ValidationError(self.error_messages["unconfirmed"], code="unconfirmed")

    return AdminLoginForm


class ResendConfirmationForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class ProfileForm(forms.Form):
    display_name = forms.CharField(label=_("Name shown to neighbours"), max_length=80)
    language = forms.ChoiceField(label=_("Language for our e-mails"), choices=LANGUAGES)

    def clean_display_name(self):
        value = " ".join(self.cleaned_data["display_name"].split())
        if not value:
            raise ValidationError(_("Enter the name your neighbours will see."))
        return value


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Django's reset form, but the e-mail goes out in the account holder's language."""

    def send_mail(self, subject_template_name, email_template_name, context, *args, **kwargs):
        # The link names SITE_URL, never the Host header the request came with.
        site = urlsplit(site_url())
        context = {**context, "protocol": site.scheme, "domain": site.netloc}
        with translation.override(getattr(context.get("user"), "language", None) or "fr"):
            super().send_mail(subject_template_name, email_template_name, context, *args, **kwargs)


class SetPasswordForm(auth_forms.SetPasswordForm):
    """Opening the reset link proves the address is theirs: it confirms the e-mail too."""

    def save(self, commit=True):
        user = super().save(commit=False)
        if user.email_confirmed_at is None:
            user.email_confirmed_at = timezone.now()
        if commit:
            user.save()
        return user


class AdminLoginForm(WagtailLoginForm):
    """Wagtail's admin login form names no label for the password: Django then shows the
    untranslated field name ("Password*") on the French login page."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = _("Password")
