from django.urls import path

from . import views

app_name = "initiatives"
urlpatterns = [
    path("mes-initiatives/", views.my_initiatives, name="mine"),
    path("appel/<id:call_id>/proposer/", views.initiative_start, name="start"),
    path("brouillon/<id:draft_id>/", views.initiative_wizard, name="wizard"),
    path("brouillon/<id:draft_id>/supprimer/", views.draft_delete, name="draft_delete"),
    path("invitation/<str:token>/", views.invitation, name="invitation"),
    path("<id:pk>/", views.initiative_detail, name="detail"),
    path("<id:pk>/merci/", views.thanks, name="thanks"),
    path("<id:pk>/image/", views.initiative_image, name="image"),
    path("<id:pk>/soutenir/", views.initiative_support, name="support"),
    path("<id:pk>/retirer-soutien/", views.initiative_unsupport, name="unsupport"),
    path("<id:pk>/aider/", views.initiative_help, name="help"),
    path("<id:pk>/organisateurs/", views.initiative_organisers, name="organisers"),
]
