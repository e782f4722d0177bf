from django.urls import path

from . import views

app_name = "neighbourhoods"
urlpatterns = [
    path("trouver/", views.find_by_address, name="find"),
]
