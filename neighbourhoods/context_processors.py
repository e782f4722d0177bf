from django.utils.functional import SimpleLazyObject

from .selectors import active_membership


def membership(request):
    """`current_membership` for the header; evaluated only if a template uses it."""
    user = getattr(request, "user", None)
    return {"current_membership": SimpleLazyObject(lambda: active_membership(user=user))}
