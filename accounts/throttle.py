"""Fixed-window attempt counters in the cache, per IP and per account.

Counting failures only: a person who types the right password is never slowed down by others'
failures on their own account beyond the window.

The counters live in the shared cache (Redis in production), so every web process sees the same
counts. If that cache cannot be reached, the throttle fails closed: `is_blocked` answers True
(an attacker must not get unlimited guesses by taking Redis down), and the error is logged.
"""

import hashlib
import ipaddress
import logging
import unicodedata

from django.conf import settings
from django.core.cache import caches

log = logging.getLogger(__name__)


def _cache():
    # The strict alias: the default one degrades to "miss" when Redis is down (see portal.cache).
    return caches["throttle"]


def _meta_name(header: str) -> str:
    """The request.META name of a header: X-Forwarded-For is HTTP_X_FORWARDED_FOR."""
    name = header.strip().upper().replace("-", "_")
    if name in ("REMOTE_ADDR",) or name.startswith("HTTP_"):
        return name
    return f"HTTP_{name}"


def _valid_ip(value: str) -> str:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return ""


def client_ip(request) -> str:
    """The visitor's address, as the last of our trusted proxies saw it.

    With no CLIENT_IP_HEADER, REMOTE_ADDR. Behind TRUSTED_PROXY_COUNT proxies that each append the
    address they received from to CLIENT_IP_HEADER (X-Forwarded-For), the client is the entry
    that many hops from the right: entries left of it were written by the client and can be
    anything. A header shorter than that (a request that bypassed a proxy) falls back to
    REMOTE_ADDR.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    header = settings.CLIENT_IP_HEADER
    if not header:
        return remote
    hops = max(int(settings.TRUSTED_PROXY_COUNT), 1)
    entries = [e.strip() for e in request.META.get(_meta_name(header), "").split(",")]
    entries = [e for e in entries if e]
    if len(entries) < hops:
        return remote
    return _valid_ip(entries[-hops]) or remote


def identity(value: str) -> str:
    """What an account name is, whatever way it was typed: NFKC (full-width "ｎ" is "n"),
    case-folded, without surrounding spaces. The login form normalises the same way, so a
    throttle keyed on this cannot be sidestepped by a look-alike spelling."""
    return unicodedata.normalize("NFKC", value or "").casefold().strip()


def _key(scope: str, kind: str, value: str) -> str:
    digest = hashlib.sha256(identity(value).encode()).hexdigest()[:32]
    return f"throttle:{scope}:{kind}:{digest}"


class Throttle:
    def __init__(self, scope: str, *, per_ip: int, per_account: int, window_seconds: int):
        self.scope = scope
        self.limits = {"ip": per_ip, "account": per_account}
        self.window = window_seconds

    @classmethod
    def from_settings(cls, scope: str, setting_name: str) -> "Throttle":
        return cls(scope, **getattr(settings, setting_name))

    def _keys(self, *, ip: str, account: str):
        keys = []
        if ip:
            keys.append(("ip", _key(self.scope, "ip", ip)))
        if account:
            keys.append(("account", _key(self.scope, "account", account)))
        return keys

    def is_blocked(self, *, ip: str, account: str = "") -> bool:
        try:
            for kind, key in self._keys(ip=ip, account=account):
                if (_cache().get(key) or 0) >= self.limits[kind]:
                    return True
        except Exception:
            log.exception("throttle %s: counters unavailable, refusing (fail closed)", self.scope)
            return True
        return False

    def record_failure(self, *, ip: str, account: str = "") -> None:
        cache = _cache()
        try:
            for _kind, key in self._keys(ip=ip, account=account):
                if cache.add(key, 1, self.window):
                    continue
                try:
                    cache.incr(key)
                except ValueError:
                    cache.set(key, 1, self.window)
        except Exception:
            log.exception("throttle %s: could not count a failure", self.scope)

    def reset(self, *, ip: str = "", account: str = "") -> None:
        try:
            for _kind, key in self._keys(ip=ip, account=account):
                _cache().delete(key)
        except Exception:
            log.exception("throttle %s: could not reset", self.scope)


login_throttle = Throttle.from_settings("login", "LOGIN_THROTTLE")
password_reset_throttle = Throttle.from_settings("password-reset", "PASSWORD_RESET_THROTTLE")
