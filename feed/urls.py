from django.urls import path
from django.views.generic import RedirectView

app_name = "feed"
# Placeholder until the feed lands.
urlpatterns = [path("", RedirectView.as_view(url="/"), name="home")]
