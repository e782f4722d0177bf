from django.urls import path, re_path

from . import views

app_name = "feed"
urlpatterns = [
    path("", views.home, name="home"),
    path("quartier/<slug:code>/", views.neighbourhood_feed, name="neighbourhood"),
    path("quartier/<slug:code>/publier/", views.post_create, name="create"),
    path("quartier/<slug:code>/moderation/", views.moderation_queue, name="moderation"),
    path("messages/<id:pk>/", views.post_detail, name="post"),
    path("messages/<id:pk>/modifier/", views.post_edit, name="post_edit"),
    path("messages/<id:pk>/supprimer/", views.post_delete, name="post_delete"),
    path("messages/<id:pk>/reagir/", views.reaction_create, name="react"),
    path("messages/<id:pk>/merci/", views.thank, name="thank"),
    path("messages/<id:pk>/signaler/", views.post_report, name="post_report"),
    path("messages/<id:pk>/photo/", views.image, name="image"),
    path("reactions/<id:pk>/modifier/", views.reaction_edit, name="reaction_edit"),
    path("reactions/<id:pk>/supprimer/", views.reaction_delete, name="reaction_delete"),
    path("reactions/<id:pk>/signaler/", views.reaction_report, name="reaction_report"),
    re_path(
        r"^moderation/(?P<kind>message|reaction)/(?P<pk>[0-9]+)/(?P<decision>restore|remove)/$",
        views.moderate,
        name="moderate",
    ),
]
