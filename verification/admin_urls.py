from django.urls import path

from . import admin_views as views

app_name = "verification_admin"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("requests/<int:pk>/letter/", views.request_send_letter, name="request_letter"),
    path("requests/<int:pk>/reject/", views.request_reject, name="request_reject"),
    path("register/", views.register_import, name="register"),
    path("batches/", views.batch_list, name="batches"),
    path("batches/new/", views.batch_create, name="batch_create"),
    path("batches/<int:pk>/", views.batch_detail, name="batch"),
    path("batches/<int:pk>/revoke/", views.batch_revoke, name="batch_revoke"),
    path("codes/<int:pk>/revoke/", views.code_revoke, name="code_revoke"),
]
