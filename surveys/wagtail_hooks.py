from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import hooks
from wagtail.admin.widgets import Button

from neighbourhoods.staff_admin import PermissionMenuItem

from . import admin_views
from .models import SurveyPage
from .permissions import can_view_results

admin_urls = (
    [
        path("", admin_views.index, name="index"),
        path("<id:page_id>/", admin_views.results, name="results"),
        path("<id:page_id>/answers/<str:question>/", admin_views.text_answers, name="text_answers"),
        path("<id:page_id>/export.csv", admin_views.export_csv, name="export_csv"),
        path("<id:page_id>/export.xlsx", admin_views.export_xlsx, name="export_xlsx"),
    ],
    "surveys_admin",
)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("survey-results/", include(admin_urls))]


@hooks.register("register_admin_menu_item")
def register_results_menu_item():
    return PermissionMenuItem(
        pgettext_lazy("admin menu", "Survey results"),
        reverse("surveys_admin:index"),
        icon_name="table",
        order=310,
        rules=(can_view_results,),
    )


def _results_button(page, user, priority):
    if isinstance(page.specific_deferred, SurveyPage) and can_view_results(user):
        return Button(
            _("Survey results"),
            reverse("surveys_admin:results", args=[page.pk]),
            icon_name="table",
            priority=priority,
        )
    return None


@hooks.register("register_page_listing_more_buttons")
def page_listing_results_button(page, user, next_url=None):
    button = _results_button(page, user, 15)
    if button:
        yield button


@hooks.register("register_page_header_buttons")
def page_header_results_button(page, user, view_name=None, next_url=None):
    button = _results_button(page, user, 25)
    if button:
        yield button


@hooks.register("filter_form_submissions_for_user")
def hide_surveys_from_generic_forms_listing(user, queryset):
    # Survey responses live in their own tables; "Survey results" is their listing.
    from django.contrib.contenttypes.models import ContentType

    return queryset.exclude(content_type=ContentType.objects.get_for_model(SurveyPage))
