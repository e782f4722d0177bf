"""Fixed-window attempt counters in the cache, per IP and per account.

Counting failures only: a person who types the right password is never slowed down by others'
failures on their own account beyond the window.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache


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
        for kind, key in self._keys(ip=ip, account=account):
            if (cache.get(key) or 0) >= self.limits[kind]:
                return True
        return False

    def record_failure(self, *, ip: str, account: str = "") -> None:
        for _kind, key in self._keys(ip=ip, account=account):
            if cache.add(key, 1, self.window):
                continue
            try:
                cache.incr(key)
            except ValueError:
                cache.set(key, 1, self.window)

    def reset(self, *, ip: str = "", account: str = "") -> None:
        for _kind, key in self._keys(ip=ip, account=account):
            cache.delete(key)


login_throttle = Throttle.from_settings("login", "LOGIN_THROTTLE")
