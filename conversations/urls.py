from django.urls import path

from . import views

app_name = "conversations"

urlpatterns = [
    path("", views.conversation_list, name="list"),
    path("<id:pk>/", views.conversation_detail, name="detail"),
    path("<id:pk>/bloquer/", views.block, name="block"),
    path("<id:pk>/signaler/", views.report, name="report"),
    path("ecrire/message/<id:post_id>/", views.start_from_post, name="start_from_post"),
    path("signalements/<id:report_id>/", views.reported, name="reported"),
]
