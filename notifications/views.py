"""Thin views: the resident's own notifications and choices; one-click unsubscribe."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import translate_url
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from . import selectors, services
from .forms import PreferencesForm
from .models import Kind
from .tokens import UnsubscribeTokenError


@login_required
@never_cache
def notification_list(request):
    return render(
        request,
        "notifications/list.html",
        {"notifications": selectors.notifications_for(user=request.user)},
    )


@login_required
@never_cache
def notification_open(request, pk):
    notification = services.notification_open(user=request.user, notification_id=pk)
    if notification is None:
        raise Http404
    return redirect(translate_url(notification.url, get_language()))


@login_required
@require_POST
def mark_all_read(request):
    services.notifications_mark_all_read(user=request.user)
    messages.success(request, _("All notifications are marked as read."))
    return redirect("notifications:list")


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def preferences(request):
    channels = selectors.channels_of(user=request.user)
    form = PreferencesForm(request.POST or None, channels=channels)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            for kind, channel in form.cleaned_data.items():
                if channels[kind] != channel:
                    services.preference_set(user=request.user, kind=kind, channel=channel)
        messages.success(request, _("Your choices are saved."))
        return redirect("notifications:preferences")
    status = 400 if request.method == "POST" else 200
    return render(request, "notifications/preferences.html", {"form": form}, status=status)


@csrf_exempt  # RFC 8058: the mail client POSTs without a session; the signed token is the key.
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    # GET only shows the page (link scanners must not unsubscribe anyone); POST acts.
    try:
        result = services.unsubscribe(token=token, apply=request.method == "POST")
    except UnsubscribeTokenError as error:
        return render(
            request,
            "notifications/unsubscribe.html",
            {"problem": str(error)},
            status=400,
        )
    return render(
        request,
        "notifications/unsubscribe.html",
        {
            "kind_label": Kind(result.kind).label,
            "already": result.already,
            "done": request.method == "POST" and not result.already,
            "token": token,
        },
    )


@login_required
def digest_photo(request, token):
    """A digest's thumbnail: a valid signature AND a logged-in member of that neighbourhood
    (the feed's own photo view checks that)."""
    from feed.views import image

    from .digest import photo_post_id

    post_id = photo_post_id(token)
    if post_id is None:
        raise Http404
    return image(request, post_id)
