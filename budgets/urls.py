from django.urls import path

from . import views

app_name = "budgets"
urlpatterns = [
    path("<id:pk>/", views.round_redirect, name="round"),
    path("<id:pk>/voter/", views.ballot_wizard, name="vote"),
    path("<id:pk>/voter/merci/", views.voted, name="voted"),
    path("<id:pk>/resultats/", views.results, name="results"),
    path("<id:pk>/bulletins.pb", views.export_pabulib, name="export"),
]
