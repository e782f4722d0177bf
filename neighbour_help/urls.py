from django.urls import path

from . import views

app_name = "care"
urlpatterns = [
    path("", views.care_home, name="home"),
    path("mon-offre/", views.my_offer, name="offer"),
    path("mon-offre/retirer/", views.offer_withdraw, name="offer_withdraw"),
    path("benevole/", views.volunteer, name="volunteer"),
    path("benevole/retirer/", views.volunteer_withdraw, name="volunteer_withdraw"),
    path("offres/<id:offer_id>/contacter/", views.contact, name="contact"),
    path("messages/", views.conversations, name="conversations"),
    path("messages/<id:pk>/", views.conversation, name="conversation"),
    path("appel/<str:token>/", views.callout_answer, name="callout_answer"),
]
