from django.urls import path, re_path

from . import views

app_name = "feed"
urlpatterns = [
    path("", views.home, name="home"),
    path("quartier/<slug:code>/", views.neighbourhood_feed, name="neighbourhood"),
    path("quartier/<slug:code>/publier/", views.post_create, name="create"),
    path("quartier/<slug:code>/moderation/", views.moderation_queue, name="moderation"),
    path("messages/<int:pk>/", views.post_detail, name="post"),
    path("messages/<int:pk>/modifier/", views.post_edit, name="post_edit"),
    path("messages/<int:pk>/supprimer/", views.post_delete, name="post_delete"),
    path("messages/<int:pk>/reagir/", views.reaction_create, name="react"),
    path("messages/<int:pk>/merci/", views.thank, name="thank"),
    path("messages/<int:pk>/signaler/", views.post_report, name="post_report"),
    path("messages/<int:pk>/photo/", views.image, name="image"),
    path("reactions/<int:pk>/modifier/", views.reaction_edit, name="reaction_edit"),
    path("reactions/<int:pk>/supprimer/", views.reaction_delete, name="reaction_delete"),
    path("reactions/<int:pk>/signaler/", views.reaction_report, name="reaction_report"),
    re_path(
        r"^moderation/(?P<kind>message|reaction)/(?P<pk>[0-9]+)/(?P<decision>restore|remove)/$",
        views.moderate,
        name="moderate",
    ),
]
