"""Endpoints for a load balancer: /healthz (the process answers) and /readyz (it can serve)."""

import time
import uuid

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.db.models import Case, F, Min, When
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache


@never_cache
def healthz(request):
    """Liveness: no database, no cache; a process that answers this is alive."""
    return JsonResponse({"status": "ok"})


def _database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {"status": "ok"}


def _cache():
    # The strict alias: the default one hides an outage (it degrades to misses on purpose).
    cache = caches["throttle"]
    key, value = "readyz:probe", uuid.uuid4().hex
    cache.set(key, value, 30)
    if cache.get(key) != value:
        raise RuntimeError("the cache did not return what was written")
    return {"status": "ok"}


def _queue():
    """Age of the oldest task that is due and not yet picked up by a worker."""
    from django_tasks_db.models import DBTaskResult, get_date_max

    oldest = (
        DBTaskResult.objects.ready()
        .annotate(
            due=Case(
                When(run_after=get_date_max(), then=F("enqueued_at")),
                default=F("run_after"),
            )
        )
        .aggregate(oldest=Min("due"))["oldest"]
    )
    lag = max(0.0, (timezone.now() - oldest).total_seconds()) if oldest else 0.0
    status = "ok" if lag <= settings.READYZ_MAX_QUEUE_LAG else "lagging"
    return {"status": status, "lag_seconds": round(lag, 1)}


CHECKS = {"database": _database, "cache": _cache, "queue": _queue}


@never_cache
def readyz(request):
    """Readiness: database, cache and queue lag. Answers 503 when a check named in
    READYZ_REQUIRE fails (default: the database only: without the cache the site serves slower,
    and a lagging queue is a worker problem that taking web processes out would not fix)."""
    report, ready = {}, True
    for name, check in CHECKS.items():
        started = time.perf_counter()
        try:
            result = check()
        except Exception as error:  # a probe reports, it does not raise
            result = {"status": "error", "error": type(error).__name__}
        result["ms"] = round((time.perf_counter() - started) * 1000, 1)
        report[name] = result
        if result["status"] != "ok" and name in settings.READYZ_REQUIRE:
            ready = False
    return JsonResponse(
        {"status": "ok" if ready else "unavailable", "checks": report}, status=200 if ready else 503
    )
