from urllib.parse import urlsplit

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.links import absolute_url, site_url

from . import services
from .forms import CityMessagePreferenceForm, ReplyForm
from .ics import event_ics
from .models import AnnouncementPage, EventPage, EventRegistration
from .permissions import can_reply, can_sign_up
from .selectors import city_message_opted_in, waitlist_position


def _live(model, pk):
    page = model.objects.live().filter(pk=pk).first()
    if page is None:
        raise Http404
    return page


@require_POST
@login_required
def event_sign_up(request, event_id):
    event = _live(EventPage, event_id)
    if not can_sign_up(request.user, event):
        messages.error(
            request,
            _("Sign-ups are open to verified residents of the neighbourhoods this event is for."),
        )
        return redirect(event.url)
    result = services.event_sign_up(event=event, user=request.user)
    if not result.created:
        messages.info(request, _("You had already signed up."))
    elif result.waitlisted:
        position = waitlist_position(registration=result.registration)
        messages.warning(
            request,
            _(
                "The event is full: you are number %(n)s on the waitlist. If a place frees up, "
                "you get it automatically and we will e-mail you."
            )
            % {"n": position},
        )
    else:
        messages.success(request, _("You are signed up. See you there!"))
    return redirect(event.url)


@require_POST
@login_required
def event_cancel(request, event_id, registration_id):
    # Someone else's registration is "not found": no hint that it exists.
    registration = get_object_or_404(
        EventRegistration, pk=registration_id, event_id=event_id, user=request.user
    )
    event = _live(EventPage, event_id)
    services.event_registration_cancel(registration=registration, user=request.user)
    messages.success(request, _("Your registration is cancelled."))
    return redirect(event.url)


def event_calendar(request, event_id):
    event = _live(EventPage, event_id)
    body = event_ics(
        uid=f"event-{event.pk}@{urlsplit(site_url()).hostname}",
        title=event.title,
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        place=event.place,
        description=event.summary,
        url=absolute_url(event.url),
        now=timezone.now(),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{event.slug}.ics"'
    return response


@require_POST
@login_required
def announcement_reply(request, announcement_id):
    announcement = _live(AnnouncementPage, announcement_id)
    if not can_reply(request.user, announcement):
        messages.error(request, _("Only residents of the neighbourhoods addressed can reply."))
        return redirect(announcement.url)
    form = ReplyForm(request.POST)
    if not form.is_valid():
        response = announcement.serve(request)
        response.context_data.update({"reply_form": form, "can_reply": True})
        response.status_code = 400
        return response
    services.reply_create(
        announcement=announcement, user=request.user, body=form.cleaned_data["body"]
    )
    messages.success(request, _("Thank you: your reply was sent to the city."))
    return redirect(announcement.url)


@login_required
def preferences(request):
    if request.method == "POST":
        form = CityMessagePreferenceForm(request.POST)
        if form.is_valid():
            services.city_message_preference_set(
                user=request.user, opted_in=form.cleaned_data["opted_in"]
            )
            messages.success(request, _("Your choice is saved."))
            return redirect("announcements:preferences")
    else:
        form = CityMessagePreferenceForm(
            initial={"opted_in": city_message_opted_in(user=request.user)}
        )
    return render(request, "announcements/preferences.html", {"form": form})
