"""The cache degrades when Redis is unreachable; the throttles fail closed."""

import pytest
from django.core.cache.backends.redis import RedisCache

from accounts import throttle
from portal.cache import DegradingRedisCache
from tests.portal.stack import free_port

OPTIONS = {"socket_connect_timeout": 0.2, "socket_timeout": 0.2}


@pytest.fixture
def nowhere():
    return f"redis://127.0.0.1:{free_port()}/0"  # nothing listens there


def test_a_cache_without_redis_reads_as_misses(nowhere):
    cache = DegradingRedisCache(nowhere, {"OPTIONS": OPTIONS})
    assert cache.get("hub:section", "fallback") == "fallback"
    assert cache.get("hub:section") is None
    cache.set("hub:section", "<section>", 60)  # no error
    assert cache.add("lock", 1) is False  # nobody thinks they won a cache-based race
    assert cache.get_many(["a", "b"]) == {}
    cache.delete("hub:section")
    with pytest.raises(ValueError):
        cache.incr("counter")  # what callers already handle: "not there"
    assert cache.get_or_set("computed", lambda: 42) == 42


def test_a_throttle_without_its_counters_refuses(monkeypatch, nowhere, caplog):
    strict = RedisCache(nowhere, {"OPTIONS": OPTIONS})
    monkeypatch.setattr(throttle, "_cache", lambda: strict)
    login = throttle.Throttle("login", per_ip=20, per_account=5, window_seconds=900)
    login.record_failure(ip="192.0.2.1", account="a@example.be")  # logged, not raised
    assert login.is_blocked(ip="192.0.2.1", account="a@example.be") is True
    assert "fail closed" in caplog.text


@pytest.mark.django_db
def test_sign_in_is_refused_while_the_counters_are_unreachable(client, monkeypatch, nowhere):
    from tests.factories.accounts import PASSWORD, UserFactory

    user = UserFactory()
    strict = RedisCache(nowhere, {"OPTIONS": OPTIONS})
    monkeypatch.setattr(throttle, "_cache", lambda: strict)
    response = client.post("/compte/connexion/", {"username": user.email, "password": PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session

    monkeypatch.undo()
    response = client.post("/compte/connexion/", {"username": user.email, "password": PASSWORD})
    assert response.status_code == 302
