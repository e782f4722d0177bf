app_name = "initiatives"
urlpatterns: list = []
