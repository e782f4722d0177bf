"""Editors' views in the Wagtail admin: test, schedule, send reports."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from neighbourhoods.staff_admin import staff_view

from . import services
from .forms import ScheduleForm
from .models import NewsletterPage, NewsletterSend
from .permissions import can_schedule, can_send_test, can_view_reports
from .selectors import send_report, sends_for_staff


@require_POST
def send_test(request, page_id):
    page = get_object_or_404(NewsletterPage, pk=page_id)
    if not can_send_test(request.user, page):
        raise PermissionDenied
    services.newsletter_send_test(page=page, user=request.user)
    messages.success(
        request,
        _("A test of the latest draft was sent to %(email)s.") % {"email": request.user.email},
    )
    return redirect("wagtailadmin_pages:edit", page.pk)


@staff_view(can_schedule)
def schedule(request, page_id):
    page = get_object_or_404(NewsletterPage, pk=page_id)
    # A draft may be scheduled: it is published when it is sent (see newsletter_send_process).
    form = ScheduleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            send = services.newsletter_send_schedule(
                page=page,
                scheduled_for=data["scheduled_for"],
                audience=data["audience"],
                neighbourhoods=data["neighbourhoods"],
                language=data.get("language", ""),
                user=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Scheduled for %(n)s subscribers.") % {"n": data["audience_count"]},
            )
            return redirect("newsletters_send", send.pk)
    return TemplateResponse(
        request,
        "newsletters/admin/schedule.html",
        {"page": page, "form": form, "is_draft": not page.live or page.has_unpublished_changes},
    )


@staff_view(can_view_reports)
def sends(request):
    page_obj = Paginator(sends_for_staff(), 50).get_page(request.GET.get("page"))
    return TemplateResponse(request, "newsletters/admin/sends.html", {"page_obj": page_obj})


@staff_view(can_view_reports)
def send_detail(request, send_id):
    send = get_object_or_404(NewsletterSend.objects.select_related("page"), pk=send_id)
    if request.method == "POST" and request.POST.get("action") == "cancel":
        if not can_schedule(request.user):
            raise PermissionDenied
        if services.newsletter_send_cancel(send=send):
            messages.success(request, _("The sending is cancelled."))
        else:
            messages.error(request, _("Too late: this sending has already started."))
        return redirect(reverse("newsletters_send", args=[send.pk]))
    return TemplateResponse(
        request,
        "newsletters/admin/send.html",
        {
            "send": send,
            "report": send_report(send=send),
            "can_cancel": can_schedule(request.user)
            and send.status == NewsletterSend.Status.SCHEDULED,
        },
    )
