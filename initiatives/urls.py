from django.urls import path

from . import views

app_name = "initiatives"
urlpatterns = [
    path("mes-initiatives/", views.my_initiatives, name="mine"),
    path("appel/<int:call_id>/proposer/", views.initiative_start, name="start"),
    path("brouillon/<int:draft_id>/", views.initiative_wizard, name="wizard"),
    path("brouillon/<int:draft_id>/supprimer/", views.draft_delete, name="draft_delete"),
    path("invitation/<str:token>/", views.invitation, name="invitation"),
    path("<int:pk>/", views.initiative_detail, name="detail"),
    path("<int:pk>/merci/", views.thanks, name="thanks"),
    path("<int:pk>/image/", views.initiative_image, name="image"),
    path("<int:pk>/soutenir/", views.initiative_support, name="support"),
    path("<int:pk>/retirer-soutien/", views.initiative_unsupport, name="unsupport"),
    path("<int:pk>/aider/", views.initiative_help, name="help"),
    path("<int:pk>/organisateurs/", views.initiative_organisers, name="organisers"),
]
