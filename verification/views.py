"""The resident's side: verify an address with a letter code, or ask for a letter."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.throttle import Throttle, client_ip
from neighbourhoods.permissions import is_city_staff
from neighbourhoods.selectors import active_membership

from . import forms, selectors, services

code_throttle = Throttle.from_settings("letter-code", "CODE_THROTTLE")


def _refusal(request):
    """None if the user may verify an address, else the page that says why not."""
    if is_city_staff(request.user):
        return render(request, "verification/staff_refused.html", status=403)
    if request.user.email_confirmed_at is None:
        return render(request, "verification/unconfirmed.html", status=403)
    return None


@login_required
@require_http_methods(["GET", "POST"])
def start(request):
    refused = _refusal(request)
    if refused:
        return refused
    user = request.user
    form = forms.CodeForm(request.POST or None)
    context = {
        "form": form,
        "membership": active_membership(user=user),
        "open_request": selectors.open_request_for(user=user),
    }
    if request.method == "POST":
        ip, account = client_ip(request), str(user.pk)
        if code_throttle.is_blocked(ip=ip, account=account):
            return render(request, "verification/throttled.html", status=429)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.letter_code_claim(
                    user=user,
                    street=data["street"],
                    number=data["number"],
                    box=data["box"],
                    postcode=data["postcode"],
                    code=data["code"],
                )
            except services.VerificationError as error:
                form.add_error(error.field, str(error.message))
                if error.field == "code":  # only guesses at a code count as attempts
                    code_throttle.record_failure(ip=ip, account=account)
            else:
                return redirect("verification:done")
    return render(request, "verification/start.html", context)


@login_required
def done(request):
    membership = active_membership(user=request.user)
    if membership is None:
        return redirect("verification:start")
    hub = selectors.hub_for(neighbourhood=membership.neighbourhood, language=request.LANGUAGE_CODE)
    return render(request, "verification/done.html", {"membership": membership, "hub": hub})


@login_required
@require_http_methods(["GET", "POST"])
def request_letter(request):
    refused = _refusal(request)
    if refused:
        return refused
    open_request = selectors.open_request_for(user=request.user)
    form = forms.LetterRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.verification_request_create(user=request.user, **form.cleaned_data)
        except services.RequestAlreadyOpen:
            form.add_error(
                None, _("You already asked for a letter. We will answer it before a new one.")
            )
        else:
            return redirect("verification:request_sent")
    return render(
        request, "verification/request_letter.html", {"form": form, "open_request": open_request}
    )


@login_required
def request_sent(request):
    open_request = selectors.open_request_for(user=request.user)
    if open_request is None:
        return redirect("verification:start")
    return render(request, "verification/request_sent.html", {"open_request": open_request})
