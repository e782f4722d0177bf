"""The Wagtail users admin lists and edits staff accounts only.

A superuser who could set a resident's password could log in as that resident and read their
neighbourhood's feed: residents are invisible here, by list, search, bulk action and URL.
"""

from functools import wraps

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.http import Http404
from wagtail.admin.auth import require_admin_access
from wagtail.users.views import users as wagtail_users


def staff_accounts(queryset=None):
    """Accounts that can enter the admin: superusers, is_staff, or members of a staff group."""
    queryset = queryset if queryset is not None else get_user_model()._default_manager.all()
    return queryset.filter(
        Q(is_superuser=True) | Q(is_staff=True) | Q(groups__isnull=False)
    ).distinct()


def is_staff_account(user) -> bool:
    return user.is_superuser or user.is_staff or user.groups.exists()


def _staff_only_object(view):
    """Any users-admin URL about one account answers 404 when that account is a resident's."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        pk = kwargs.get("pk")
        if pk is not None:
            user = get_user_model()._default_manager.filter(pk=str(pk)).first()
            if user is None or not is_staff_account(user):
                raise Http404
        return view(request, *args, **kwargs)

    return wrapper


class StaffIndexView(wagtail_users.IndexView):
    def get_base_queryset(self):
        return staff_accounts(super().get_base_queryset())


class StaffCreateView(wagtail_users.CreateView):
    def save_instance(self):
        # Whatever groups were ticked, an account made here is a staff account: it stays in this
        # list and out of every feed.
        instance = super().save_instance()
        if not instance.is_staff:
            instance.is_staff = True
            instance.save(update_fields=["is_staff"])
        return instance


class StaffUserViewSet(wagtail_users.UserViewSet):
    index_view_class = StaffIndexView
    add_view_class = StaffCreateView

    def get_urlpatterns(self):
        patterns = super().get_urlpatterns()
        for pattern in patterns:
            if "pk" in pattern.pattern.converters:
                pattern.callback = _staff_only_object(pattern.callback)
        return patterns


def refuse_residents_in_bulk(request, action_type, objects, action_class_instance):
    """Bulk delete / activate / assign a role never touches a resident's account."""
    model = getattr(action_class_instance, "model", None)
    if model is get_user_model() and any(not is_staff_account(obj) for obj in objects):
        raise Http404


def _staff_only_bulk_action(request, action):
    """Wagtail's users bulk actions (delete, (de)activate, assign a role), on staff accounts only.

    Placed in front of Wagtail's dispatcher: its confirmation page would otherwise list any
    account by id, and "select all" means every account in the database.
    """
    from wagtail.admin.views.bulk_action import index as wagtail_bulk_action

    ids = request.GET.getlist("id")
    if "all" in ids:
        raise Http404
    User = get_user_model()
    try:
        wanted = {int(pk) for pk in ids}
    except ValueError:
        raise Http404
    if len(wanted) != staff_accounts(User._default_manager.filter(pk__in=wanted)).count():
        raise Http404
    return wagtail_bulk_action(
        request, app_label=User._meta.app_label, model_name=User._meta.model_name, action=action
    )


staff_only_bulk_action = require_admin_access(_staff_only_bulk_action)
