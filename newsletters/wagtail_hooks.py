from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import hooks
from wagtail.admin.action_menu import ActionMenuItem
from wagtail.admin.widgets import Button

from neighbourhoods.staff_admin import PermissionMenuItem

from . import admin_views
from .models import NewsletterPage
from .permissions import can_schedule, can_view_reports


@hooks.register("register_admin_urls")
def urls():
    return [
        path("newsletters/sends/", admin_views.sends, name="newsletters_sends"),
        path("newsletters/sends/<id:send_id>/", admin_views.send_detail, name="newsletters_send"),
        path(
            "newsletters/<id:page_id>/schedule/", admin_views.schedule, name="newsletters_schedule"
        ),
        path("newsletters/<id:page_id>/test/", admin_views.send_test, name="newsletters_test"),
    ]


@hooks.register("register_admin_menu_item")
def sends_menu():
    return PermissionMenuItem(
        pgettext_lazy("admin menu", "Newsletter sendings"),
        reverse("newsletters_sends"),
        icon_name="mail",
        order=320,
        rules=(can_view_reports,),
    )


@hooks.register("register_page_header_buttons")
def schedule_button(page, user, view_name=None, next_url=None):
    if isinstance(page.specific_deferred, NewsletterPage) and can_schedule(user):
        yield Button(
            _("Schedule sending"),
            reverse("newsletters_schedule", args=[page.pk]),
            icon_name="date",
            priority=5,
        )


class SendTestMenuItem(ActionMenuItem):
    """“Send a test to myself”, in the editor's action menu (posts to our view)."""

    name = "action-send-test"
    label = _("Send a test to myself")
    icon_name = "mail"
    order = 90

    def is_shown(self, context):
        page = context.get("page")
        return context.get("view") == "edit" and isinstance(page, NewsletterPage)


@hooks.register("register_page_action_menu_item")
def send_test_menu_item():
    return SendTestMenuItem()


@hooks.register("after_edit_page")
def send_test_after_saving(request, page):
    """The edit view saved the draft (as “Save draft” does); now mail it to the editor."""
    posted = request.method == "POST" and SendTestMenuItem.name in request.POST
    if not posted or not isinstance(page.specific, NewsletterPage):
        return None
    from django.contrib import messages
    from django.shortcuts import redirect

    from . import services

    services.newsletter_send_test(page=page.specific, user=request.user)
    messages.success(
        request, _("A test of this draft was sent to %(email)s.") % {"email": request.user.email}
    )
    return redirect("wagtailadmin_pages:edit", page.pk)
