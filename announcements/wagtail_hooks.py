from django.urls import path, reverse
from django.utils.translation import pgettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views
from .permissions import can_read_replies, can_see_attendees


@hooks.register("register_admin_urls")
def urls():
    return [
        path("annonces/reponses/", admin_views.replies, name="announcements_replies"),
        path("annonces/evenements/", admin_views.events, name="announcements_events"),
        path(
            "annonces/evenements/<id:event_id>/participants/",
            admin_views.event_attendees,
            name="announcements_attendees",
        ),
    ]


class _PermMenuItem(MenuItem):
    def __init__(self, *args, check, **kwargs):
        super().__init__(*args, **kwargs)
        self.check = check

    def is_shown(self, request):
        return self.check(request.user)


@hooks.register("register_admin_menu_item")
def replies_menu():
    return _PermMenuItem(
        pgettext_lazy("admin menu", "Replies to city news"),
        reverse("announcements_replies"),
        icon_name="comment",
        order=310,
        check=can_read_replies,
    )


@hooks.register("register_admin_menu_item")
def events_menu():
    return _PermMenuItem(
        pgettext_lazy("admin menu", "Event sign-ups"),
        reverse("announcements_events"),
        icon_name="date",
        order=311,
        check=can_see_attendees,
    )
