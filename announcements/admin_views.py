"""Staff views inside the Wagtail admin: replies to announcements, attendee lists."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import audit_count_rows, audit_record
from neighbourhoods import exports
from neighbourhoods.converters import id_or_none
from neighbourhoods.staff_admin import staff_view

from .models import AnnouncementPage, EventPage, EventRegistration
from .permissions import can_read_replies, can_see_attendees
from .selectors import attendees, event_counts, replies_for_staff


@staff_view(can_read_replies)
def replies(request):
    announcement_id = id_or_none(request.GET.get("announcement"))
    page_obj = Paginator(
        replies_for_staff(user=request.user, announcement_id=announcement_id), 50
    ).get_page(request.GET.get("page"))
    announcement = (
        AnnouncementPage.objects.filter(pk=announcement_id).only("title").first()
        if announcement_id
        else None
    )
    return TemplateResponse(
        request,
        "announcements/admin/replies.html",
        {
            "page_obj": page_obj,
            "announcement": announcement,
            "announcements": AnnouncementPage.objects.filter(replies__isnull=False)
            .distinct()
            .order_by("-first_published_at")
            .only("title")[:200],
        },
    )


@staff_view(can_see_attendees)
def events(request):
    page_obj = Paginator(EventPage.objects.order_by("-starts_at"), 50).get_page(
        request.GET.get("page")
    )
    return TemplateResponse(request, "announcements/admin/events.html", {"page_obj": page_obj})


@staff_view(can_see_attendees)
def event_attendees(request, event_id):
    event = get_object_or_404(EventPage, pk=event_id)
    rows = attendees(event=event)
    if request.GET.get("format") == "csv":
        entry = audit_record(
            actor=request.user,
            action="announcements.attendees_csv",
            target=f"event {event.pk} · {event.title}",
        )

        def stream():
            yield [_("Name"), _("E-mail"), _("Status"), _("Signed up at")]
            for reg in audit_count_rows(entry, rows.iterator(chunk_size=1000)):
                yield [
                    reg.user.public_name,
                    reg.user.email,
                    reg.get_status_display(),
                    timezone.localtime(reg.created_at).strftime("%Y-%m-%d %H:%M"),
                ]

        return exports.csv_response(
            stream(), filename=f"participants-{event.slug}.csv", no_store=True
        )
    page_obj = Paginator(rows, 100).get_page(request.GET.get("page"))
    return TemplateResponse(
        request,
        "announcements/admin/attendees.html",
        {
            "event": event,
            "page_obj": page_obj,
            "counts": event_counts(event=event),
            "confirmed": EventRegistration.Status.CONFIRMED,
        },
    )
