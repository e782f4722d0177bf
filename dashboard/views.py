"""The Service Dashboard's admin views: the report, its printable version and its exports.

They are registered as Wagtail admin URLs (so Wagtail checks `wagtailadmin.access_admin` first)
and check `can_view_dashboard` again themselves.
"""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from audit.services import audit_record
from home.models import PortalSettings

from . import exports
from .forms import ReportFilterForm
from .permissions import can_view_dashboard
from .report import build_report


def _target(request) -> int:
    return PortalSettings.for_request(request).penetration_target


def _report_from(request):
    """(form, report or None): the report for the request's filters, None if they are invalid."""
    if not can_view_dashboard(request.user):
        raise PermissionDenied
    form = ReportFilterForm(request.GET or None)
    if request.GET and not form.is_valid():
        return form, None
    if not request.GET:
        form = ReportFilterForm({"period": "six_months"})
        form.is_valid()
    report = build_report(
        period=form.get_period(), selected=form.get_neighbourhood_ids(), target=_target(request)
    )
    return form, report


def _query(request):
    return request.GET.urlencode()


class ReportView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "dashboard/report.html"
    page_title = gettext_lazy("Participation figures")
    header_icon = "table"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get(self, request, *args, **kwargs):
        self.form, self.report = _report_from(request)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = _query(self.request)
        suffix = f"?{query}" if query else ""
        context.update(
            form=self.form,
            report=self.report,
            csv_url=reverse("dashboard_admin:export_csv") + suffix,
            xlsx_url=reverse("dashboard_admin:export_xlsx") + suffix,
            print_url=reverse("dashboard_admin:print") + suffix,
        )
        return context


def print_view(request):
    form, report = _report_from(request)
    if report is None:
        return render(request, "dashboard/print.html", {"form": form, "report": None}, status=400)
    return render(request, "dashboard/print.html", {"report": report})


def _bad_filters(form):
    errors = "; ".join(f"{field}: {' '.join(msgs)}" for field, msgs in form.errors.items())
    return HttpResponse(
        _("These filters are not valid: %(errors)s") % {"errors": errors},
        status=400,
        content_type="text/plain; charset=utf-8",
    )


def _audit(request, report, kind):
    audit_record(
        actor=request.user,
        action=f"dashboard.export_{kind}",
        target=f"participation {report.context.period.slug}",
        rows=sum(len(table.all_rows) for table in report.tables),
    )


def export_csv(request):
    form, report = _report_from(request)
    if report is None:
        return _bad_filters(form)
    _audit(request, report, "csv")
    return exports.csv_response(report, filename=f"participation-{report.context.period.slug}.csv")


def export_xlsx(request):
    form, report = _report_from(request)
    if report is None:
        return _bad_filters(form)
    _audit(request, report, "xlsx")
    return exports.xlsx_response(
        report, filename=f"participation-{report.context.period.slug}.xlsx"
    )
