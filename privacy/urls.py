from django.urls import path

from . import views

app_name = "privacy"
urlpatterns = [
    path("mes-donnees/", views.my_data, name="my_data"),
    path("mes-donnees/telecharger/<str:token>/", views.download, name="download"),
    path("supprimer-mon-compte/", views.delete_account, name="delete_account"),
]
