from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from neighbourhoods.staff_admin import PermissionMenuItem

from . import admin_views
from .permissions import can_enter_paper_ballots, can_import_ballots, can_tally

admin_urls = [
    path("", admin_views.rounds_index, name="index"),
    path("<id:pk>/papier/", admin_views.paper_ballot, name="paper"),
    path("<id:pk>/importer/", admin_views.import_pabulib, name="import"),
    path("<id:pk>/cle/", admin_views.round_key, name="key"),
    path("<id:pk>/depouiller/", admin_views.tally, name="tally"),
]


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("budgets/", include((admin_urls, "budgets_admin"), namespace="budgets_admin"))]


@hooks.register("register_admin_menu_item")
def register_budget_menu_item():
    return PermissionMenuItem(
        _("Citizen budgets"),
        reverse("budgets_admin:index"),
        icon_name="tasks",
        order=400,
        rules=(can_enter_paper_ballots, can_import_ballots, can_tally),
    )


@hooks.register("insert_editor_js")
def budget_editor_js():
    # An external file (no inline script): hides the options of the ballot rules not chosen.
    from django.templatetags.static import static
    from django.utils.html import format_html

    return format_html('<script src="{}" defer></script>', static("budgets/editor.js"))
