from django.urls import path
from django.views.generic import RedirectView

app_name = "newsletters"
# Placeholder until newsletters land.
urlpatterns = [path("", RedirectView.as_view(url="/"), name="subscribe")]
