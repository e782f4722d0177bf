from django.utils.functional import SimpleLazyObject

from portal import page_cache

from .permissions import is_city_staff
from .registry import menu_items
from .selectors import active_membership


def membership(request):
    """`current_membership` for the header; evaluated only if a template uses it."""
    user = getattr(request, "user", None)
    return {
        "current_membership": SimpleLazyObject(lambda: active_membership(user=user)),
        # Residents never get Wagtail's user bar: it would cost two permission queries per page.
        "is_city_staff": SimpleLazyObject(lambda: user is not None and is_city_staff(user)),
        # For {% cache %} blocks of the base template: changes whenever a page is published.
        "page_cache_version": SimpleLazyObject(
            lambda: page_cache.versions([page_cache.GLOBAL], request=request)[page_cache.GLOBAL]
        ),
        # Header links of capability apps (e.g. notifications with an unread count): the
        # template reads them only for members, so anonymous pages pay nothing.
        "member_menu": SimpleLazyObject(lambda: menu_items(user=user)),
    }
