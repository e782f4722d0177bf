from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("connexion/", views.LoginView.as_view(), name="login"),
    path("deconnexion/", views.LogoutView.as_view(), name="logout"),
    path("profil/", views.profile, name="profile"),
    # Placeholder until the sign-up flow lands (verification work); see accounts/views.py.
    path("inscription/", views.LoginView.as_view(), name="signup"),
]
