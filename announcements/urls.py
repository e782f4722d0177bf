from django.urls import path

from . import views

app_name = "announcements"
urlpatterns = [
    path("preferences/", views.preferences, name="preferences"),
    path("<id:announcement_id>/repondre/", views.announcement_reply, name="reply"),
    path("evenements/<id:event_id>/inscription/", views.event_sign_up, name="sign_up"),
    path(
        "evenements/<id:event_id>/annulation/<id:registration_id>/",
        views.event_cancel,
        name="cancel",
    ),
    path("evenements/<id:event_id>/agenda.ics", views.event_calendar, name="calendar"),
]
