"""The Service Dashboard's two building blocks for staff screens: a view that answers 403 unless a
permission rule allows it, and a menu entry shown only to whom that rule allows. Each app passes its
own rule from its `permissions.py`; nothing here knows the apps."""

from collections.abc import Callable
from functools import wraps

from django.core.exceptions import PermissionDenied
from wagtail.admin.menu import MenuItem, SubmenuMenuItem

Rule = Callable[..., bool]


def allowed(user, rules: tuple[Rule, ...]) -> bool:
    return any(rule(user) for rule in rules)


def staff_view(*rules: Rule):
    """A view for the staff whom at least one of `rules(user)` allows; 403 for everyone else."""

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not allowed(request.user, rules):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorate


class PermissionMenuItem(MenuItem):
    """A menu entry shown to the staff whom at least one of `rules` allows."""

    def __init__(self, *args, rules: tuple[Rule, ...], **kwargs):
        super().__init__(*args, **kwargs)
        self.rules = rules

    def is_shown(self, request):
        return allowed(request.user, self.rules)


class PermissionSubmenuMenuItem(SubmenuMenuItem):
    """A submenu shown to the staff whom at least one of `rules` allows."""

    def __init__(self, *args, rules: tuple[Rule, ...], **kwargs):
        super().__init__(*args, **kwargs)
        self.rules = rules

    def is_shown(self, request):
        return allowed(request.user, self.rules) and super().is_shown(request)
