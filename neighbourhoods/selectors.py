from django.db.models import Count, Q

from .models import Address, Membership, Neighbourhood, normalise_street

_CACHE_ATTR = "_active_membership_cache"


def active_membership(*, user):
    """The user's current membership (or None), cached on the user object for the request."""
    if not getattr(user, "is_authenticated", False):
        return None
    if not hasattr(user, _CACHE_ATTR):
        membership = (
            Membership.objects.select_related("neighbourhood", "household__address")
            .filter(user=user, ended_at__isnull=True)
            .first()
        )
        setattr(user, _CACHE_ATTR, membership)
    return getattr(user, _CACHE_ATTR)


def forget_active_membership(*, user) -> None:
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def address_find(*, street: str, number: str, box: str = "", postcode: str = ""):
    """The register's address for what a person typed, or None. Case and accents don't matter."""
    query = Address.objects.select_related("neighbourhood").filter(
        street_key=normalise_street(street), number=number.strip().upper(), box=box.strip().upper()
    )
    if postcode:
        query = query.filter(postcode=postcode.strip())
    return query.first()


def street_suggestions(*, prefix: str, limit: int = 10) -> list[str]:
    key = normalise_street(prefix)
    if len(key) < 3:
        return []
    return list(
        Address.objects.filter(street_key__startswith=key)
        .values_list("street", flat=True)
        .distinct()
        .order_by("street")[:limit]
    )


def neighbourhoods_with_counts():
    """Every neighbourhood with its registered households (households with an active member)."""
    return Neighbourhood.objects.annotate(
        registered_households=Count(
            "memberships__household",
            filter=Q(memberships__ended_at__isnull=True),
            distinct=True,
        )
    ).order_by("name")
