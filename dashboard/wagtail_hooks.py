from django.urls import include, path, reverse
from django.utils.translation import pgettext_lazy
from wagtail import hooks
from wagtail.admin.ui.components import Component

from home.models import PortalSettings
from neighbourhoods.staff_admin import PermissionMenuItem

from . import periods, views
from .permissions import can_view_dashboard
from .report import build_panel


@hooks.register("register_admin_urls")
def register_dashboard_urls():
    patterns = [
        path("", views.ReportView.as_view(), name="report"),
        path("print/", views.print_view, name="print"),
        path("export.csv", views.export_csv, name="export_csv"),
        path("export.xlsx", views.export_xlsx, name="export_xlsx"),
    ]
    return [path("dashboard/", include((patterns, "dashboard_admin")))]


@hooks.register("register_admin_menu_item")
def register_dashboard_menu_item():
    return PermissionMenuItem(
        pgettext_lazy("admin menu", "Participation figures"),
        reverse("dashboard_admin:report"),
        name="participation-figures",
        icon_name="table",
        order=150,
        rules=(can_view_dashboard,),
    )


class ParticipationPanel(Component):
    """Admin home: per neighbourhood, this month, counts only."""

    name = "participation_figures"
    order = 50
    template_name = "dashboard/panel.html"

    class Media:
        css = {"all": ["dashboard/dashboard.css"]}

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context):
        period = periods.this_month()
        target = PortalSettings.for_request(self.request).penetration_target
        return {
            "table": build_panel(period=period, target=target),
            "period": period,
            "target": target,
            "report_url": reverse("dashboard_admin:report") + "?period=month",
        }


@hooks.register("construct_homepage_panels")
def add_participation_panel(request, panels):
    if can_view_dashboard(request.user):
        panels.insert(0, ParticipationPanel(request))
