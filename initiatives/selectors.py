from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models import Count, Q

from .models import HelperSignup, Initiative, InitiativeDraft


def initiatives_published(*, call_key=None, neighbourhood=None):
    """Published initiatives with their support count (one query, paginate it)."""
    query = Initiative.objects.filter(status__in=Initiative.PUBLISHED)
    if call_key is not None:
        query = query.filter(call__translation_key=call_key)
    if neighbourhood is not None:
        query = query.filter(neighbourhood=neighbourhood)
    return (
        query.select_related("neighbourhood")
        .annotate(support_count=Count("supports", distinct=True))
        .order_by("-status_changed_at", "-pk")
    )


def initiatives_of(*, user):
    """What a resident submitted or carries together with others."""
    return (
        Initiative.objects.filter(
            Q(submitter=user)
            | Q(co_organisers__user=user, co_organisers__confirmed_at__isnull=False)
        )
        .distinct()
        .select_related("neighbourhood")
        .order_by("-submitted_at")
    )


def drafts_of(*, user):
    return InitiativeDraft.objects.filter(owner=user).select_related("call")


def support_count(*, initiative) -> int:
    return initiative.supports.count()


def household_supports(*, initiative, household) -> bool:
    return initiative.supports.filter(household=household).exists()


def helpers_for_organisers(*, initiative):
    """Helpers who agreed to share their contact; the others are only counted."""
    shared = list(
        HelperSignup.objects.filter(initiative=initiative, share_contact=True)
        .select_related("user")
        .order_by("created_at")
    )
    total = HelperSignup.objects.filter(initiative=initiative).count()
    return shared, total - len(shared)


def participation_staff():
    User = get_user_model()
    group = Group.objects.filter(name="Participation staff").first()
    if group is None:
        return User.objects.none()
    return User.objects.filter(groups=group, is_active=True)
