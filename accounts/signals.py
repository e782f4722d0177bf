from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db.models import Q


def collect_role_permissions():
    """Merge the PERMISSIONS maps of every project app's roles.py."""
    merged: dict[str, set[str]] = {}
    for app in settings.PROJECT_APPS:
        try:
            module = import_module(f"{app}.roles")
        except ModuleNotFoundError:
            continue
        for group, perms in getattr(module, "PERMISSIONS", {}).items():
            merged.setdefault(group, set()).update(perms)
    return merged


def sync_staff_groups(**kwargs):
    """Give each staff group exactly the model permissions its work needs (idempotent)."""
    # post_migrate fires once per app; wait for the last so every app's permissions exist.
    sender = kwargs.get("sender")
    with_models = [c for c in apps.get_app_configs() if c.models_module is not None]
    if sender is not None and sender.label != with_models[-1].label:
        return
    for group_name, perms in collect_role_permissions().items():
        group, _ = Group.objects.get_or_create(name=group_name)
        query = Q(pk__in=[])
        for perm in perms:
            app_label, codename = perm.split(".", 1)
            query |= Q(content_type__app_label=app_label, codename=codename)
        group.permissions.set(Permission.objects.filter(query))
    _sync_page_permissions()


def _sync_page_permissions():
    from wagtail.models import GroupPagePermission, Page

    from .roles import PAGE_PERMISSIONS

    root = Page.get_first_root_node()
    if root is None:
        return
    for group_name, codenames in PAGE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        for perm in Permission.objects.filter(
            content_type__app_label="wagtailcore", codename__in=codenames
        ):
            GroupPagePermission.objects.get_or_create(group=group, page=root, permission=perm)
