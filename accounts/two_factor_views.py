from django import forms
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from . import two_factor


class CodeForm(forms.Form):
    token = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=16,
        help_text=gettext_lazy(
            "The 6 digits shown by your authenticator app, or one of your recovery codes."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "text"}),
    )


def _staff_only(request):
    return two_factor.needs_second_factor(request.user)


def _too_soon(form):
    form.add_error(None, _("Please wait a few seconds before trying another code."))


def _too_many(form):
    form.add_error(
        None, _("Too many wrong codes. For your security, please wait 15 minutes and try again.")
    )


@never_cache
@login_required(login_url="wagtailadmin_login")
@require_http_methods(["GET", "POST"])
def setup(request):
    """Enrolment: scan the QR code (or type the secret), then confirm with a first code."""
    if not _staff_only(request):
        return redirect("/")
    if two_factor.is_enrolled(request.user) and not request.user.is_verified():
        # Replacing an authenticator needs the current one (or a recovery code) first.
        return redirect("two_factor_verify")
    device = two_factor.totp_device_pending(user=request.user)
    form = CodeForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            codes = two_factor.second_factor_enrol(
                request=request, device=device, token=form.cleaned_data["token"]
            )
        except two_factor.TooManyAttempts:
            _too_many(form)
            status = 429
        except two_factor.TooSoon:
            _too_soon(form)
        else:
            if codes is not None:
                return render(
                    request,
                    "accounts/two_factor/recovery_codes.html",
                    {"codes": codes, "next": two_factor.next_url(request)},
                )
            form.add_error("token", _("This code is not right. Check the time on your phone."))
    return render(
        request,
        "accounts/two_factor/setup.html",
        {
            "form": form,
            "qr_svg": two_factor.totp_qr_svg(device),
            "secret": two_factor.totp_secret_base32(device),
            "next": two_factor.next_url(request),
        },
        status=status,
    )


@never_cache
@login_required(login_url="wagtailadmin_login")
@require_http_methods(["GET", "POST"])
def verify(request):
    if not _staff_only(request):
        return redirect("/")
    if not two_factor.is_enrolled(request.user):
        return redirect("two_factor_setup")
    form = CodeForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            ok = two_factor.second_factor_verify(request=request, token=form.cleaned_data["token"])
        except two_factor.TooManyAttempts:
            _too_many(form)
            status = 429
        except two_factor.TooSoon:
            _too_soon(form)
        else:
            if ok:
                return redirect(two_factor.next_url(request))
            form.add_error("token", _("This code is not right."))
    return render(
        request,
        "accounts/two_factor/verify.html",
        {"form": form, "next": two_factor.next_url(request)},
        status=status,
    )


@never_cache
@login_required(login_url="wagtailadmin_login")
@require_http_methods(["GET", "POST"])
def recovery_codes(request):
    """New recovery codes (the old ones stop working); only once signed in with a factor."""
    if not _staff_only(request) or not request.user.is_verified():
        return redirect("two_factor_verify")
    if request.method == "POST":
        codes = two_factor.recovery_codes_renew(user=request.user)
        return render(
            request,
            "accounts/two_factor/recovery_codes.html",
            {"codes": codes, "next": two_factor.next_url(request)},
        )
    return render(request, "accounts/two_factor/recovery_renew.html", {})
