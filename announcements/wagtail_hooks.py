from django.urls import path, reverse
from django.utils.translation import pgettext_lazy
from wagtail import hooks

from neighbourhoods.staff_admin import PermissionMenuItem

from . import admin_views
from .permissions import can_read_replies, can_see_attendees


@hooks.register("register_admin_urls")
def urls():
    return [
        path("announcements/replies/", admin_views.replies, name="announcements_replies"),
        path("announcements/events/", admin_views.events, name="announcements_events"),
        path(
            "announcements/events/<id:event_id>/attendees/",
            admin_views.event_attendees,
            name="announcements_attendees",
        ),
    ]


@hooks.register("register_admin_menu_item")
def replies_menu():
    return PermissionMenuItem(
        pgettext_lazy("admin menu", "Replies to city news"),
        reverse("announcements_replies"),
        icon_name="comment",
        order=310,
        rules=(can_read_replies,),
    )


@hooks.register("register_admin_menu_item")
def events_menu():
    return PermissionMenuItem(
        pgettext_lazy("admin menu", "Event sign-ups"),
        reverse("announcements_events"),
        icon_name="date",
        order=311,
        rules=(can_see_attendees,),
    )
