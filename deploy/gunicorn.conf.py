"""gunicorn settings for `python3 run.py serve`, the systemd units and the container.

Everything an operator tunes comes from the environment:
  BIND (default 0.0.0.0:$PORT, PORT default 8000), WEB_WORKERS (processes, default 2 per CPU + 1),
  WEB_THREADS (threads per process, default 4), WEB_TIMEOUT (seconds, default 30),
  FORWARDED_ALLOW_IPS (the proxies whose X-Forwarded-* headers are trusted, default 127.0.0.1).
Each thread keeps one PostgreSQL connection (CONN_MAX_AGE): size max_connections for
web processes × WEB_WORKERS × WEB_THREADS + task workers.
"""

import multiprocessing
import os

bind = os.environ.get("BIND", f"0.0.0.0:{os.environ.get('PORT', '8000')}")
workers = int(os.environ.get("WEB_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("WEB_THREADS", "4"))
worker_class = "gthread"
timeout = int(os.environ.get("WEB_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
# Recycle workers now and then (bounded memory growth), not all at once.
max_requests = int(os.environ.get("WEB_MAX_REQUESTS", "2000"))
max_requests_jitter = max_requests // 10
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# The application writes one JSON line per request (portal.middleware.RequestLogMiddleware).
accesslog = None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
wsgi_app = "portal.wsgi:application"
