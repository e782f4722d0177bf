from django.urls import path

from . import views

app_name = "budgets"
urlpatterns = [
    path("<int:pk>/", views.round_redirect, name="round"),
    path("<int:pk>/voter/", views.ballot_wizard, name="vote"),
    path("<int:pk>/voter/merci/", views.voted, name="voted"),
    path("<int:pk>/resultats/", views.results, name="results"),
    path("<int:pk>/bulletins.pb", views.export_pabulib, name="export"),
]
