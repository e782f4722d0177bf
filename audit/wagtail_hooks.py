from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from neighbourhoods.staff_admin import PermissionMenuItem

from . import views
from .permissions import can_read_audit_log


@hooks.register("register_admin_urls")
def register_audit_urls():
    return [path("audit/", views.entry_list, name="audit_log")]


@hooks.register("register_settings_menu_item")
def register_audit_menu_item():
    return PermissionMenuItem(
        _("Audit log"),
        reverse("audit_log"),
        name="audit-log",
        icon_name="history",
        order=650,
        rules=(can_read_audit_log,),
    )
