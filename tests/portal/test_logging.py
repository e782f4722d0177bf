"""One JSON line per request (id, status, duration); errors logged with their stack trace and
never shown in the page."""

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

from django.http import HttpResponse
from django.test import Client, override_settings
from django.urls import path

from portal.logging import JsonFormatter, RequestIdFilter

ROOT = Path(__file__).resolve().parents[2]


def boom(request):
    logging.getLogger("portal.test").warning("about to fail")
    raise RuntimeError("secret detail of the failure")


def fine(request):
    return HttpResponse("ok")


urlpatterns = [path("boom/", boom), path("fine/", fine)]


def json_lines(records):
    formatter, stamp = JsonFormatter(), RequestIdFilter()
    lines = []
    for record in records:
        stamp.filter(record) if not hasattr(record, "request_id") else None
        lines.append(json.loads(formatter.format(record)))
    return lines


@override_settings(ROOT_URLCONF=__name__)
def test_one_json_line_per_request_with_id_status_and_duration(caplog):
    caplog.set_level(logging.INFO, logger="portal.request")
    response = Client().get("/fine/", HTTP_X_REQUEST_ID="proxy-given-id-1234")
    assert response.status_code == 200
    assert response["X-Request-ID"] == "proxy-given-id-1234"
    [line] = json_lines(r for r in caplog.records if r.name == "portal.request")
    assert line["request_id"] == "proxy-given-id-1234"
    assert line["status"] == 200 and line["method"] == "GET" and line["path"] == "/fine/"
    assert isinstance(line["duration_ms"], float)

    caplog.clear()
    other = Client().get("/fine/", HTTP_X_REQUEST_ID="bad id with spaces")
    [line] = json_lines(r for r in caplog.records if r.name == "portal.request")
    assert line["request_id"] == other["X-Request-ID"] != "bad id with spaces"
    assert len(line["request_id"]) == 32


@override_settings(ROOT_URLCONF=__name__, DEBUG=False)
def test_an_error_is_logged_with_its_stack_trace_and_not_shown(caplog):
    caplog.set_level(logging.INFO)
    caplog.set_level(logging.INFO, logger="portal.request")
    client = Client(raise_request_exception=False)
    response = client.get("/boom/")
    assert response.status_code == 500
    assert b"secret detail" not in response.content
    assert b"Traceback" not in response.content
    lines = json_lines(caplog.records)
    request_id = response["X-Request-ID"]
    error = next(line for line in lines if line["logger"] == "django.request")
    assert error["level"] == "ERROR" and error["request_id"] == request_id
    assert "RuntimeError: secret detail of the failure" in error["stack"]
    assert "in boom" in error["stack"]
    # Everything logged during the request carries its id; the request line says 500.
    assert next(line for line in lines if line["logger"] == "portal.test")["request_id"] == (
        request_id
    )
    assert next(line for line in lines if line["logger"] == "portal.request")["status"] == 500


def test_production_settings_log_json_and_hide_errors():
    """Imported in a fresh interpreter, as a production process would."""
    code = (
        "import json, portal.settings.production as p; print(json.dumps({"
        "'debug': p.DEBUG, 'formatter': p.LOGGING['handlers']['console']['formatter'],"
        "'cache': p.CACHES['default']['BACKEND'], 'throttle': p.CACHES['throttle']['BACKEND'],"
        "'sessions': p.SESSION_ENGINE, 'middleware': p.MIDDLEWARE,"
        "'conn_max_age': p.DATABASES['default']['CONN_MAX_AGE'],"
        "'health_checks': p.DATABASES['default']['CONN_HEALTH_CHECKS'],"
        "'static': p.STORAGES['staticfiles']['BACKEND']}))"
    )
    env = {
        **os.environ,
        "SECRET_KEY": "k" * 60,
        "REDIS_URL": "redis://127.0.0.1:6379/15",
        "DATABASE_URL": "postgres://portal@db.internal:5432/portal",
    }
    env.pop("CONN_MAX_AGE", None)
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    production = json.loads(out)
    assert production["debug"] is False
    assert production["formatter"] == "json"
    assert production["cache"] == "portal.cache.DegradingRedisCache"
    assert production["throttle"] == "django.core.cache.backends.redis.RedisCache"
    assert production["sessions"] == "django.contrib.sessions.backends.db"
    assert production["middleware"][:3] == [
        "portal.middleware.RequestLogMiddleware",
        "django.middleware.security.SecurityMiddleware",
        "whitenoise.middleware.WhiteNoiseMiddleware",
    ]
    assert production["conn_max_age"] == 60 and production["health_checks"] is True
    assert production["static"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
