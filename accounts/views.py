from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from wagtail.admin.views.account import LoginView as WagtailLoginView
from wagtail.admin.views.account import PasswordResetView as WagtailPasswordResetView

from neighbourhoods import registry
from neighbourhoods.selectors import active_membership, hub_url
from neighbourhoods.services import membership_leave

from . import forms, services
from .throttle import Throttle, client_ip, login_throttle, password_reset_throttle
from .tokens import user_for_confirmation_token

# Sign-ups and confirmation resends send e-mail: cap them per IP and per address.
mail_throttle = Throttle("account-mail", per_ip=20, per_account=3, window_seconds=3600)


class ThrottleLoginMixin:
    """Refuses further attempts after too many failures from one IP or on one account."""

    def post(self, request, *args, **kwargs):
        account = request.POST.get("username", "")
        ip = client_ip(request)
        if login_throttle.is_blocked(ip=ip, account=account):
            form = self.get_form()
            form.errors.clear()
            form.add_error(
                None,
                _(
                    "Too many failed attempts. For your security, please wait 15 minutes and "
                    "try again."
                ),
            )
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        # The right password on an unconfirmed account is not a failed guess.
        if not form.has_error("__all__", code="unconfirmed"):
            login_throttle.record_failure(
                ip=client_ip(self.request), account=self.request.POST.get("username", "")
            )
        return super().form_invalid(form)


class LoginView(ThrottleLoginMixin, auth_views.LoginView):
    template_name = "accounts/login.html"
    form_class = forms.LoginForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = context.get("form")
        context["unconfirmed"] = bool(form and form.has_error("__all__", code="unconfirmed"))
        return context

    def get_success_url(self):
        # A safe `next` wins; else a verified resident lands on their neighbourhood's hub, in
        # the language they are reading the site in.
        if self.get_redirect_url():
            return self.get_redirect_url()
        user = self.request.user
        membership = active_membership(user=user)
        if membership is not None:
            url = hub_url(
                neighbourhood=membership.neighbourhood, language=self.request.LANGUAGE_CODE
            )
            if url:
                return url
        return super().get_success_url()


class ThrottledAdminLoginView(ThrottleLoginMixin, WagtailLoginView):
    def get_form_class(self):
        return forms.admin_login_form(forms.AdminLoginForm)


class LogoutView(auth_views.LogoutView):
    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        messages.success(request, _("You are logged out."))
        return response


def _too_many(request, template, context):
    return render(request, template, {**context, "throttled": True}, status=429)


@require_http_methods(["GET", "POST"])
def signup(request):
    if request.user.is_authenticated:
        return redirect("accounts:profile")
    form = forms.SignupForm(request.POST or None)
    if request.method == "POST":
        ip, account = client_ip(request), request.POST.get("email", "")
        if mail_throttle.is_blocked(ip=ip, account=account):
            return _too_many(request, "accounts/signup.html", {"form": forms.SignupForm()})
        if form.is_valid():
            mail_throttle.record_failure(ip=ip, account=account)
            data = form.cleaned_data
            services.user_signup(
                email=data["email"],
                password=data["password1"],
                display_name=data["display_name"],
                language=data["language"],
            )
            request.session["signup_email"] = data["email"]
            return redirect("accounts:signup_done")
    return render(request, "accounts/signup.html", {"form": form})


def signup_done(request):
    return render(
        request, "accounts/signup_done.html", {"email": request.session.get("signup_email")}
    )


def confirm_email(request, token):
    user = user_for_confirmation_token(token)
    if user is None:
        return render(request, "accounts/confirm_invalid.html", status=400)
    services.email_confirm(user=user)
    messages.success(request, _("Thank you, your e-mail address is confirmed. You can now log in."))
    if request.user.is_authenticated:
        return redirect("accounts:profile")
    return redirect("accounts:login")


@require_http_methods(["GET", "POST"])
def resend_confirmation(request):
    form = forms.ResendConfirmationForm(request.POST or None)
    if request.method == "POST":
        ip, account = client_ip(request), request.POST.get("email", "")
        if mail_throttle.is_blocked(ip=ip, account=account):
            return _too_many(
                request, "accounts/resend.html", {"form": forms.ResendConfirmationForm()}
            )
        if form.is_valid():
            mail_throttle.record_failure(ip=ip, account=account)
            services.email_confirmation_resend(email=form.cleaned_data["email"])
            request.session["signup_email"] = form.cleaned_data["email"]
            return redirect("accounts:signup_done")
    return render(request, "accounts/resend.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    user = request.user
    form = forms.ProfileForm(
        request.POST or None,
        initial={"display_name": user.display_name, "language": user.language},
    )
    if request.method == "POST" and form.is_valid():
        services.profile_update(user=user, **form.cleaned_data)
        messages.success(request, _("Your details are saved."))
        return redirect("accounts:profile")
    membership = active_membership(user=user)
    links = registry.profile_links(is_member=membership is not None)
    return render(
        request,
        "accounts/profile.html",
        {"form": form, "membership": membership, "links": links},
    )


@login_required
@require_http_methods(["GET", "POST"])
def leave(request):
    membership = active_membership(user=request.user)
    if membership is None:
        return redirect("accounts:profile")
    if request.method == "POST":
        membership_leave(user=request.user)
        messages.success(
            request,
            _("You have left %(name)s. You can verify a new address at any time.")
            % {"name": membership.neighbourhood.name},
        )
        return redirect("accounts:profile")
    return render(request, "accounts/leave.html", {"membership": membership})


class ThrottlePasswordResetMixin:
    """Every reset e-mail counts, per IP and per address (normalised), valid address or not."""

    def form_valid(self, form):
        ip, account = client_ip(self.request), form.cleaned_data.get("email", "")
        if password_reset_throttle.is_blocked(ip=ip, account=account):
            form.add_error(
                None,
                _(
                    "Too many failed attempts. For your security, please wait 15 minutes and "
                    "try again."
                ),
            )
            return self.render_to_response(self.get_context_data(form=form), status=429)
        password_reset_throttle.record_failure(ip=ip, account=account)
        return super().form_valid(form)


class ThrottledAdminPasswordResetView(ThrottlePasswordResetMixin, WagtailPasswordResetView):
    pass


class PasswordResetView(ThrottlePasswordResetMixin, auth_views.PasswordResetView):
    form_class = forms.PasswordResetForm
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/email/password_reset.txt"
    html_email_template_name = "accounts/email/password_reset.html"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = forms.SetPasswordForm
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"
