"""Fixed-window attempt counters in the cache, per IP and per account.

Counting failures only: a person who types the right password is never slowed down by others'
failures on their own account beyond the window.

The counters live in the shared cache (Redis in production), so every web process sees the same
counts. If that cache cannot be reached, the throttle fails closed: `is_blocked` answers True
(an attacker must not get unlimited guesses by taking Redis down), and the error is logged.
"""

import hashlib
import logging

from django.conf import settings
from django.core.cache import caches

log = logging.getLogger(__name__)


def _cache():
    # The strict alias: the default one degrades to "miss" when Redis is down (see portal.cache).
    return caches["throttle"]


def client_ip(request) -> str:
    # Behind the city's reverse proxy REMOTE_ADDR is the proxy; production sets a trusted header.
    header = getattr(settings, "CLIENT_IP_HEADER", "")
    if header and request.META.get(header):
        return request.META[header].split(",")[0].strip()
    return request.META.get("REMOTE_ADDR", "")


def _key(scope: str, kind: str, value: str) -> str:
    digest = hashlib.sha256(value.strip().lower().encode()).hexdigest()[:32]
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
