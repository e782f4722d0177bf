from django.urls import path

from . import views

app_name = "conversations"

urlpatterns = [
    path("", views.conversation_list, name="list"),
    path("<int:pk>/", views.conversation_detail, name="detail"),
    path("<int:pk>/bloquer/", views.block, name="block"),
    path("<int:pk>/signaler/", views.report, name="report"),
    path("ecrire/message/<int:post_id>/", views.start_from_post, name="start_from_post"),
    path("signalements/<int:report_id>/", views.reported, name="reported"),
]
