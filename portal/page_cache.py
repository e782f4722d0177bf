"""Versioned caching of public pages and fragments, in the configured Django cache (Redis).

Everything cached here records the *versions* of the tags it was built from: ``global`` (pages,
sites, settings, locales, view restrictions) and ``hood:<id>`` (what is aimed at one
neighbourhood and is not a page, e.g. an initiative changing status). A change gives its tags a
new version, right away and again after its transaction commits, so nothing built before the
change is served again, by any process. A request reads each version once, *before* it reads the
data the version protects: a render racing a change is stored under the old version and never
matches again.

Per-process memos (sites, routes) are keyed by the global version for the same reason: they are
read on every process, dropped on every process as soon as the version moves.
"""

import threading
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

GLOBAL = "global"
_VERSION_PREFIX = "pcv:"


def hood_tag(neighbourhood_id) -> str:
    return f"hood:{neighbourhood_id}"


def timeout() -> int:
    # Time-bound content (events that pass, rounds that close) is refreshed at least this often.
    return getattr(settings, "PAGE_CACHE_TIMEOUT", 300)


def _new_version() -> str:
    return uuid.uuid4().hex[:16]


def versions(tags, *, request=None) -> dict[str, str]:
    """The current version of each tag, read once per request (kept on `request`)."""
    memo = getattr(request, "_page_cache_versions", None) if request is not None else None
    if memo is None:
        memo = {}
        if request is not None:
            request._page_cache_versions = memo
    missing = [tag for tag in tags if tag not in memo]
    if missing:
        found = cache.get_many([_VERSION_PREFIX + tag for tag in missing])
        for tag in missing:
            version = found.get(_VERSION_PREFIX + tag)
            if version is None:
                # Never seen (or evicted): a fresh random version can't match an old entry.
                version = _new_version()
                if not cache.add(_VERSION_PREFIX + tag, version, timeout=None):
                    version = cache.get(_VERSION_PREFIX + tag) or version
            memo[tag] = version
    return {tag: memo[tag] for tag in tags}


def current_versions(tags) -> dict[str, str | None]:
    """Versions as stored now (None if unknown), without setting any: for checking entries."""
    found = cache.get_many([_VERSION_PREFIX + tag for tag in tags])
    return {tag: found.get(_VERSION_PREFIX + tag) for tag in tags}


def bump(*tags) -> None:
    """Invalidate everything built from these tags, now and once the transaction commits."""

    def _set():
        cache.set_many({_VERSION_PREFIX + tag: _new_version() for tag in tags}, timeout=None)

    _set()
    transaction.on_commit(_set)


def bump_global() -> None:
    bump(GLOBAL)


def bump_neighbourhood(neighbourhood_id) -> None:
    if neighbourhood_id is None:
        bump(GLOBAL)
    else:
        bump(hood_tag(neighbourhood_id))


def fragment(name, parts, build, *, request, tags=(GLOBAL,)):
    """A cached value for `name`+`parts`, valid while `tags` keep their versions.

    `build()` must return something picklable and identical for everyone who may see it (never
    anything about the person asking)."""
    current = versions(tags, request=request)
    key = ":".join(["frag", name, *map(str, parts), *(current[tag] for tag in tags)])
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, timeout())
    return value


class _ProcessMemo:
    """Data that only changes with the global version (sites, routes), kept per process."""

    def __init__(self, max_items=5000):
        self._lock = threading.Lock()
        self._version = None
        self._data: dict = {}
        self._max_items = max_items

    def get(self, key, build, *, request):
        version = versions([GLOBAL], request=request)[GLOBAL]
        data = self._data
        if self._version != version:
            with self._lock:
                if self._version != version:
                    self._data, self._version = {}, version
                data = self._data
        try:
            return data[key]
        except KeyError:
            value = build()
            if self._version == version and len(data) < self._max_items:
                data[key] = value
            return value


process_memo = _ProcessMemo()
