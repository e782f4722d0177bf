"""The user of each request and whether they are city staff, in one query.

Every page asks `neighbourhoods.permissions.is_city_staff` (the header, the hub, the feed): with
Django's backend that is a second query per request for every resident.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db.models import Exists, OuterRef


class PortalBackend(ModelBackend):
    def get_user(self, user_id):
        User = get_user_model()
        memberships = User.groups.through.objects.filter(user_id=OuterRef("pk"))
        user = (
            User._default_manager.annotate(_in_a_group=Exists(memberships))
            .filter(pk=user_id)
            .first()
        )
        if user is None or not self.user_can_authenticate(user):
            return None
        # The cache `is_city_staff` reads (neighbourhoods.permissions).
        user._is_city_staff_cache = user._in_a_group
        return user
