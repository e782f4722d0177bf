from django.urls import path

from . import views

app_name = "surveys"
urlpatterns = [
    path("<id:page_id>/resultats/", views.public_results, name="public_results"),
]
