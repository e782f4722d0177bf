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


def hub_url(*, neighbourhood, language: str | None = None) -> str | None:
    """The neighbourhood's live hub page URL in the reader's language (French if untranslated)."""
    from django.utils import translation

    from .languages import in_reader_language, reader_language
    from .pages import NeighbourhoodPage

    language = reader_language(language)
    hubs = NeighbourhoodPage.objects.live().filter(neighbourhood=neighbourhood)
    hub = in_reader_language(hubs, language=language).first()
    if hub is None:
        return None
    with translation.override(language):
        return hub.url


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


def street_exists(*, street: str) -> bool:
    return Address.objects.filter(street_key=normalise_street(street)).exists()


def _street_names() -> dict[str, str]:
    """{street_key: street} of the whole register, cached: the SQLite fallback compares
    against every name in Python."""
    from django.core.cache import cache

    def load():
        rows = Address.objects.order_by().values_list("street_key", "street").distinct()
        return dict(rows)

    return cache.get_or_set("neighbourhoods:street-names", load, 3600)


def street_suggestions(*, text: str, limit: int = 5) -> list[str]:
    """The register's streets nearest to what a person typed ("Plce des Ecoles" -> "Place des
    Écoles"): trigram similarity on PostgreSQL, difflib over the cached names elsewhere."""
    from django.db import connection

    key = normalise_street(text)
    if len(key) < 3:
        return []
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import TrigramSimilarity
        from django.db.models import Max

        rows = (
            Address.objects.order_by()
            .annotate(similarity=TrigramSimilarity("street_key", key))
            .filter(similarity__gte=0.3)
            .values("street")
            .annotate(best=Max("similarity"))
            .order_by("-best", "street")[:limit]
        )
        return [row["street"] for row in rows]
    import difflib

    names = _street_names()
    starting = sorted(k for k in names if k.startswith(key))
    close = difflib.get_close_matches(key, list(names), n=limit, cutoff=0.6)
    keys = list(dict.fromkeys([*close, *starting]))[:limit]
    return [names[k] for k in keys]


def neighbourhoods_with_counts():
    """Every neighbourhood with its registered households (households with an active member)."""
    return Neighbourhood.objects.annotate(
        registered_households=Count(
            "memberships__household",
            filter=Q(memberships__ended_at__isnull=True),
            distinct=True,
        )
    ).order_by("name")
