from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from neighbourhoods.staff_admin import PermissionMenuItem

from . import admin_views
from .models import HelpSkill
from .permissions import can_view_volunteer_counts


class HelpSkillViewSet(SnippetViewSet):
    model = HelpSkill
    icon = "list-ul"
    menu_label = _("Kinds of neighbour help")
    list_display = ["name_fr", "name_nl", "name_en", "order", "active"]
    add_to_admin_menu = True
    menu_order = 310


register_snippet(HelpSkillViewSet)

care_admin_urls = (
    [
        path("", admin_views.volunteer_counts, name="counts"),
        path("callouts/", admin_views.callout_list, name="callout_list"),
        path("callouts/new/", admin_views.callout_create, name="callout_create"),
        path("callouts/<id:pk>/", admin_views.callout_detail, name="callout_detail"),
        path("callouts/<id:pk>/yes.csv", admin_views.callout_export, name="callout_export"),
    ],
    "care_admin",
)


@hooks.register("register_admin_urls")
def register_care_admin_urls():
    return [path("neighbour-help/", include(care_admin_urls))]


@hooks.register("register_admin_menu_item")
def register_volunteers_menu_item():
    return PermissionMenuItem(
        pgettext_lazy("admin menu", "Volunteers and call-outs"),
        reverse("care_admin:counts"),
        icon_name="group",
        order=320,
        rules=(can_view_volunteer_counts,),
    )
