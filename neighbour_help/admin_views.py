"""Participation staff's pages in the admin: counts, call-outs, who said yes. Never a message,
an offer's text or a help request."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import audit_count_rows, audit_record
from neighbourhoods import exports
from neighbourhoods.staff_admin import staff_view

from . import selectors, services
from .forms import CallOutForm
from .models import CallOut
from .permissions import can_manage_callouts, can_view_volunteer_counts


@staff_view(can_view_volunteer_counts)
def volunteer_counts(request):
    skills, rows, total = selectors.volunteer_counts()
    return render(
        request, "care/admin/counts.html", {"skills": skills, "rows": rows, "total": total}
    )


@staff_view(can_view_volunteer_counts)
def callout_list(request):
    page_obj = Paginator(CallOut.objects.all(), 25).get_page(request.GET.get("p"))
    return render(request, "care/admin/callout_list.html", {"page_obj": page_obj})


@staff_view(can_manage_callouts)
def callout_create(request):
    form = CallOutForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        callout = services.callout_create(
            by=request.user,
            title=data["title"],
            description=data["description"],
            place=data["place"],
            when=data["when"],
            needed=data["needed"],
            neighbourhoods=list(data["neighbourhoods"]),
            skill=data["skill"],
            answers_until=data["when"],
        )
        messages.success(
            request,
            _("The call-out is being sent to %(n)s consenting volunteers.")
            % {"n": callout.deliveries.count()},
        )
        return redirect("care_admin:callout_detail", pk=callout.pk)
    return render(request, "care/admin/callout_form.html", {"form": form})


@staff_view(can_view_volunteer_counts)
def callout_detail(request, pk):
    callout = get_object_or_404(CallOut.objects.select_related("skill"), pk=pk)
    return render(
        request,
        "care/admin/callout_detail.html",
        {
            "callout": callout,
            "stats": selectors.callout_stats(callout=callout),
            "rows": list(selectors.callout_yes_rows(callout=callout))[:500],
            "now": timezone.now(),
        },
    )


@staff_view(can_view_volunteer_counts)
def callout_export(request, pk):
    callout = get_object_or_404(CallOut, pk=pk)
    entry = audit_record(
        actor=request.user, action="care.callout_export_csv", target=f"call-out {callout.pk}"
    )

    def rows():
        yield [_("Name"), _("E-mail address"), _("Phone"), _("Answered at")]
        for row in audit_count_rows(entry, selectors.callout_yes_rows(callout=callout)):
            answered = (
                timezone.localtime(row["answered_at"]).strftime("%Y-%m-%d %H:%M")
                if (row["answered_at"])
                else ""
            )
            yield [row["name"], row["email"], row["phone"], answered]

    return exports.csv_response(rows(), filename=f"call-out-{callout.pk}-yes.csv", no_store=True)
