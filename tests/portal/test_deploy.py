"""The deployment examples: the compose file parses and describes the whole service, the
systemd units and the Dockerfile run the commands this repository has."""

import configparser
import importlib.util
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"


def test_compose_file_is_valid_yaml_with_web_workers_postgres_and_redis():
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text())
    services = compose["services"]
    assert set(services) == {"setup", "web", "worker", "postgres", "redis"}
    assert services["web"]["command"] == ["python", "run.py", "serve", "web"]
    assert services["setup"]["command"] == ["python", "run.py", "serve", "setup"]
    assert services["worker"]["command"][:3] == ["python", "manage.py", "db_worker"]
    for name in ("web", "worker"):
        service = services[name]
        # The YAML anchor brought in the shared build and environment.
        assert service["build"] == {"context": "..", "dockerfile": "deploy/Dockerfile"}
        env = service["environment"]
        assert (
            env["DATABASE_URL"].startswith("postgres://")
            and "@postgres:5432/" in env["DATABASE_URL"]
        )
        assert env["REDIS_URL"].startswith("redis://redis:6379")
        assert service["depends_on"]["setup"]["condition"] == "service_completed_successfully"
        # Scaled with --scale: no fixed container name, no fixed host port.
        assert "container_name" not in service
    assert services["web"]["ports"] == ["8000"]
    assert "healthcheck" in services["postgres"] and "healthcheck" in services["redis"]
    assert (ROOT / services["web"]["build"]["dockerfile"]).exists()


def test_dockerfile_installs_the_project_and_serves_web():
    text = (DEPLOY / "Dockerfile").read_text()
    assert 'pip install --no-cache-dir ".[production]"' in text
    assert "collectstatic" in text and "RUN_PY_SYSTEM=1" in text
    assert 'CMD ["python", "run.py", "serve", "web"]' in text
    assert "USER portal" in text


def test_systemd_units_parse_and_start_what_exists():
    units = sorted((DEPLOY / "systemd").glob("*.service"))
    assert [u.name for u in units] == [
        "portal-setup.service",
        "portal-web.service",
        "portal-worker@.service",
    ]
    for unit in units:
        parser = configparser.ConfigParser(strict=False, interpolation=None)
        parser.optionxform = str
        parser.read_string(unit.read_text())
        service = parser["Service"]
        assert service["EnvironmentFile"] == "/etc/mons-quartiers/portal.env"
        assert service["User"] == "portal"
        assert "Install" in parser
    env = dict(
        line.split("=", 1)
        for line in (DEPLOY / "systemd" / "portal.env.example").read_text().splitlines()
        if line and not line.startswith("#")
    )
    assert env["DJANGO_SETTINGS_MODULE"] == "portal.settings.production"
    for key in ("SECRET_KEY", "DATABASE_URL", "REDIS_URL", "WEB_WORKERS", "WEB_THREADS"):
        assert key in env


def test_gunicorn_config_takes_workers_and_threads_from_the_environment(monkeypatch):
    monkeypatch.setenv("WEB_WORKERS", "7")
    monkeypatch.setenv("WEB_THREADS", "3")
    monkeypatch.setenv("BIND", "127.0.0.1:9999")
    spec = importlib.util.spec_from_file_location("gunicorn_conf", DEPLOY / "gunicorn.conf.py")
    conf = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(conf)
    assert (conf.workers, conf.threads, conf.bind) == (7, 3, "127.0.0.1:9999")
    assert conf.worker_class == "gthread" and conf.wsgi_app == "portal.wsgi:application"
