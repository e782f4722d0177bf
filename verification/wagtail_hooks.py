from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import hooks
from wagtail.admin.menu import Menu

from neighbourhoods.staff_admin import PermissionMenuItem, PermissionSubmenuMenuItem

from . import admin_urls
from .permissions import can_manage_verification


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("verification/", include(admin_urls, namespace="verification_admin"))]


STAFF = (can_manage_verification,)


@hooks.register("register_admin_menu_item")
def register_verification_menu():
    menu = Menu(
        items=[
            PermissionMenuItem(
                pgettext_lazy("admin menu", "Requests for a letter"),
                reverse("verification_admin:queue"),
                icon_name="mail",
                order=100,
                rules=STAFF,
            ),
            PermissionMenuItem(
                _("Letter codes"),
                reverse("verification_admin:batches"),
                icon_name="key",
                order=200,
                rules=STAFF,
            ),
            PermissionMenuItem(
                pgettext_lazy("admin menu", "Generate letter codes"),
                reverse("verification_admin:batch_create"),
                icon_name="plus",
                order=300,
                rules=STAFF,
            ),
            PermissionMenuItem(
                pgettext_lazy("admin menu", "Import the address register"),
                reverse("verification_admin:register"),
                icon_name="upload",
                order=400,
                rules=STAFF,
            ),
        ]
    )
    return PermissionSubmenuMenuItem(
        _("Verification"), menu, name="verification", icon_name="key", order=900, rules=STAFF
    )
