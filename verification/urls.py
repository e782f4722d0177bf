from django.urls import path

from . import views

app_name = "verification"
urlpatterns = [
    path("", views.start, name="start"),
    path("bienvenue/", views.done, name="done"),
    path("demander-une-lettre/", views.request_letter, name="request_letter"),
    path("demande-envoyee/", views.request_sent, name="request_sent"),
]
