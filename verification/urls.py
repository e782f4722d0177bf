from django.urls import path
from django.views.generic import RedirectView

app_name = "verification"
# Placeholder until the verification flow lands.
urlpatterns = [path("", RedirectView.as_view(url="/"), name="start")]
