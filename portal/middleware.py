import hashlib
import logging
import re
import time
import uuid
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils import translation

from . import page_cache
from .logging import request_id_var


class SecurityHeadersMiddleware:
    """Adds the Content-Security-Policy to the public site.

    The Wagtail admin ships inline scripts of its own, so it keeps Wagtail's defaults.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path.startswith("/admin/"):
            response.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
            response.headers.setdefault("Permissions-Policy", "geolocation=(), camera=()")
        return response


_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
request_log = logging.getLogger("portal.request")


class RequestLogMiddleware:
    """One JSON line per request: id, method, path, status, duration.

    The id comes from the proxy's X-Request-ID when it looks like one, else a new one; it is
    returned in the response header and stamped on every log line written during the request.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.META.get("HTTP_X_REQUEST_ID", "")
        request_id = incoming if _REQUEST_ID.match(incoming) else uuid.uuid4().hex
        request.request_id = request_id
        token = request_id_var.set(request_id)
        started = time.perf_counter()
        status = 500
        try:
            response = self.get_response(request)
            status = response.status_code
            response.headers["X-Request-ID"] = request_id
            return response
        finally:
            request_log.info(
                "%s %s %s",
                request.method,
                request.path,
                status,
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": status,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                },
            )
            request_id_var.reset(token)


# --- page cache for visitors ---------------------------------------------------------------
_CSRF_INPUT = re.compile(rb'(<input type="hidden" name="csrfmiddlewaretoken" value=")[^"]*(">)')
_CSRF_PLACEHOLDER = b"\x00csrf-token\x00"
# Campaign parameters from newsletters and notifications don't change the page.
_IGNORED_PARAMS = ("utm_", "mtm_", "fbclid", "gclid")
_STORED_HEADERS = {"content-type", "content-language", "vary", "last-modified"}


def cache_for_visitors(view):
    """Marks a view's responses as the same for every visitor (the middleware decides the rest)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response.cache_for_visitors = True
        return response

    return wrapped


class VisitorPageCacheMiddleware:
    """Serves public pages to anonymous visitors from the shared cache.

    Only responses marked `cache_for_visitors` (hub, home and standard pages, find-my-hub) are
    stored, and only when nothing about the visitor is in them: no logged-in user, no message, no
    cookie or session change. The CSRF token of the language form is stored as a placeholder and
    each visitor gets their own. Entries carry the versions of the tags they were built from
    (`portal.page_cache`), so a publication invalidates them on every process. Last in
    MIDDLEWARE: security headers are added to cached responses as to fresh ones.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = self._key(request)
        if key is None:
            return self.get_response(request)
        # The tags this page depended on last time (e.g. its neighbourhood), learnt per process:
        # the entry and every version it needs come back in one round trip.
        tags = {page_cache.GLOBAL, *_known_tags.get(key, ())}
        found = cache.get_many([key, *(_version_key(tag) for tag in tags)])
        entry = found.get(key)
        if entry is not None and self._valid(entry, found):
            return self._replay(request, entry)
        # Versions read before anything is rendered: what the new entry will be checked against.
        request._page_cache_versions = {
            tag: found[_version_key(tag)] for tag in tags if _version_key(tag) in found
        }
        page_cache.versions([page_cache.GLOBAL], request=request)
        response = self.get_response(request)
        if request.method == "GET" and self._storable(request, response):
            self._store(key, request, response)
        response.headers.setdefault("X-Page-Cache", "miss")
        return response

    # --- what may be cached
    def _key(self, request):
        if request.method not in ("GET", "HEAD") or request.path.startswith("/admin/"):
            return None
        if any(not name.startswith(_IGNORED_PARAMS) for name in request.GET):
            return None
        if self._personal(request):
            return None
        raw = f"{request.scheme}://{request.get_host()}{request.path}"
        digest = hashlib.sha256(raw.encode()).hexdigest()[:32]
        return f"page:{translation.get_language()}:{digest}"

    def _personal(self, request):
        """Logged in, or something is waiting for this visitor (a message)."""
        if (
            settings.SESSION_COOKIE_NAME not in request.COOKIES
            and "messages" not in request.COOKIES
        ):
            return False  # no session: anonymous, and no message stored anywhere
        if request.user.is_authenticated:
            return True
        storage = getattr(request, "_messages", None)
        return storage is not None and len(storage) > 0

    def _storable(self, request, response):
        if not getattr(response, "cache_for_visitors", False) or response.status_code != 200:
            return False
        if response.streaming or response.cookies:
            return False
        cache_control = response.get("Cache-Control", "")
        if any(word in cache_control for word in ("private", "no-cache", "no-store")):
            return False
        session = getattr(request, "session", None)
        if session is not None and session.modified:
            return False
        storage = getattr(request, "_messages", None)
        if storage is not None and (storage.used or storage._queued_messages):
            return False
        user = getattr(request, "user", None)
        return not (user is not None and user.is_authenticated)

    # --- store and replay
    def _store(self, key, request, response):
        if hasattr(response, "render") and not response.is_rendered:
            response.render()
        content, csrf_count = _CSRF_INPUT.subn(
            rb"\g<1>" + _CSRF_PLACEHOLDER + rb"\g<2>", response.content
        )
        versions = dict(getattr(request, "_page_cache_versions", {}))
        if len(_known_tags) < 10_000:
            _known_tags[key] = tuple(tag for tag in versions if tag != page_cache.GLOBAL)
        entry = {
            "versions": versions,
            "headers": [(k, v) for k, v in response.items() if k.lower() in _STORED_HEADERS],
            "content": content,
            "csrf": bool(csrf_count),
        }
        cache.set(key, entry, page_cache.timeout())

    def _valid(self, entry, found):
        stored = entry["versions"]
        if page_cache.GLOBAL not in stored:
            return False
        missing = [tag for tag in stored if _version_key(tag) not in found]
        current = {tag: found.get(_version_key(tag)) for tag in stored}
        if missing:  # a tag this process had not seen for this page yet
            current.update(page_cache.current_versions(missing))
        return all(current[tag] is not None and current[tag] == stored[tag] for tag in stored)

    def _replay(self, request, entry):
        content = entry["content"]
        if entry["csrf"]:
            content = content.replace(_CSRF_PLACEHOLDER, get_token(request).encode())
        response = HttpResponse(content)
        for name, value in entry["headers"]:
            response[name] = value
        response["X-Page-Cache"] = "hit"
        return response


def _version_key(tag):
    return page_cache._VERSION_PREFIX + tag


# Page key -> the tags (besides the global one) its entry depended on; a hint, never trusted:
# entries are checked against every tag they recorded.
_known_tags: dict[str, tuple[str, ...]] = {}
