from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("", views.notification_list, name="list"),
    path("<id:pk>/", views.notification_open, name="open"),
    path("tout-lu/", views.mark_all_read, name="mark_all_read"),
    path("preferences/", views.preferences, name="preferences"),
    path("desinscription/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("resume/photo/<str:token>/", views.digest_photo, name="digest_photo"),
]
