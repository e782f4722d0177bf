from django.urls import path

from . import admin_views as views

app_name = "verification_admin"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("requests/<id:pk>/letter/", views.request_send_letter, name="request_letter"),
    path("requests/<id:pk>/reject/", views.request_reject, name="request_reject"),
    path("register/", views.register_import, name="register"),
    path("batches/", views.batch_list, name="batches"),
    path("batches/new/", views.batch_create, name="batch_create"),
    path("batches/<id:pk>/", views.batch_detail, name="batch"),
    path("batches/<id:pk>/revoke/", views.batch_revoke, name="batch_revoke"),
    path("codes/<id:pk>/revoke/", views.code_revoke, name="code_revoke"),
]
