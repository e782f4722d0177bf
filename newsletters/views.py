from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from accounts.throttle import Throttle, client_ip
from emails.services import ONE_CLICK

from . import services
from .forms import PreferencesForm, SubscribeForm
from .tokens import subscriber_for_confirm_token, subscriber_for_manage_token

# Each subscribe request sends an e-mail: cap them per IP and per address (silently: the
# page is the same either way, so nobody learns whether an address is subscribed).
subscribe_throttle = Throttle("newsletter-mail", per_ip=20, per_account=3, window_seconds=3600)


def _invalid_link(request):
    return render(request, "newsletters/invalid_link.html", status=400)


@require_http_methods(["GET", "POST"])
def subscribe(request):
    if request.method == "POST":
        form = SubscribeForm(request.POST)
        if form.is_valid():
            email, ip = form.cleaned_data["email"], client_ip(request)
            if not subscribe_throttle.is_blocked(ip=ip, account=email):
                subscribe_throttle.record_failure(ip=ip, account=email)
                services.subscriber_subscribe(
                    email=email,
                    language=form.cleaned_data["language"],
                    neighbourhoods=form.cleaned_data["neighbourhoods"],
                    ui_language=get_language() or "fr",
                )
            return redirect("newsletters:check_inbox")
    else:
        form = SubscribeForm(initial={"language": (get_language() or "fr")[:2]})
    return render(request, "newsletters/subscribe.html", {"form": form})


def check_inbox(request):
    return render(request, "newsletters/check_inbox.html")


@require_http_methods(["GET", "POST"])
def confirm(request, token):
    subscriber = subscriber_for_confirm_token(token)
    if subscriber is None or subscriber.unsubscribed_at is not None:
        return _invalid_link(request)
    if request.method == "POST":
        services.subscriber_confirm(subscriber=subscriber)
        messages.success(request, _("Your subscription is confirmed. Thank you!"))
        return redirect("newsletters:preferences", token=services.manage_token(subscriber))
    return render(request, "newsletters/confirm.html", {"subscriber": subscriber})


@require_http_methods(["GET", "POST"])
def preferences(request, token):
    subscriber = subscriber_for_manage_token(token)
    if subscriber is None or not subscriber.is_active:
        return _invalid_link(request)
    if request.method == "POST":
        form = PreferencesForm(request.POST)
        if form.is_valid():
            services.subscriber_preferences_update(
                subscriber=subscriber,
                language=form.cleaned_data["language"],
                neighbourhoods=form.cleaned_data["neighbourhoods"],
            )
            messages.success(request, _("Your preferences are saved."))
            return redirect("newsletters:preferences", token=token)
    else:
        form = PreferencesForm(
            initial={
                "language": subscriber.language,
                "neighbourhoods": subscriber.neighbourhoods.all(),
            }
        )
    return render(
        request,
        "newsletters/preferences.html",
        {"form": form, "subscriber": subscriber, "token": token},
    )


@csrf_exempt  # RFC 8058: mail clients POST here without cookies; the signed token authenticates.
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    subscriber = subscriber_for_manage_token(token)
    if subscriber is None:
        return _invalid_link(request)
    if request.method == "POST":
        one_click = request.POST.get("List-Unsubscribe") == ONE_CLICK.split("=", 1)[1]
        services.subscriber_unsubscribe(
            subscriber=subscriber, method="one-click" if one_click else "page"
        )
        if one_click:
            return HttpResponse(
                _("You are unsubscribed."), content_type="text/plain; charset=utf-8"
            )
        return render(request, "newsletters/unsubscribed.html")
    if subscriber.unsubscribed_at is not None:
        return render(request, "newsletters/unsubscribed.html")
    return render(request, "newsletters/unsubscribe.html", {"subscriber": subscriber})
