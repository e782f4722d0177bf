"""/healthz and /readyz for a load balancer."""

import pytest
from django.core.cache import caches
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tests.portal.tasks import record_run


@pytest.mark.django_db
def test_healthz_answers_without_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_readyz_reports_database_cache_and_queue(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    checks = response.json()["checks"]
    assert checks["database"]["status"] == "ok"
    assert checks["cache"]["status"] == "ok"
    assert checks["queue"] == {"status": "ok", "lag_seconds": 0.0, "ms": checks["queue"]["ms"]}


@pytest.mark.django_db
def test_readyz_reports_a_lagging_queue_and_fails_only_when_required(client, settings):
    result = record_run.enqueue(token="waiting")
    DBTaskResult.objects.filter(id=result.id).update(
        enqueued_at=timezone.now() - timezone.timedelta(minutes=20)
    )
    response = client.get("/readyz")
    queue = response.json()["checks"]["queue"]
    assert queue["status"] == "lagging" and queue["lag_seconds"] >= 1199
    assert response.status_code == 200  # by default only the database makes it unready

    settings.READYZ_REQUIRE = ["database", "queue"]
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"


@pytest.mark.django_db
def test_readyz_fails_when_the_database_is_unreachable(client, monkeypatch):
    from portal import health

    def broken():
        raise OSError("connection refused")

    monkeypatch.setitem(health.CHECKS, "database", broken)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["database"] == {
        "status": "error",
        "error": "OSError",
        "ms": response.json()["checks"]["database"]["ms"],
    }


@pytest.mark.django_db
def test_readyz_reports_the_cache_it_cannot_reach(client, monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("redis is down")

    monkeypatch.setattr(caches["throttle"], "set", broken)
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["checks"]["cache"]["status"] == "error"
