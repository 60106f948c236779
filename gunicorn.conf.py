"""gunicorn's settings for the portal, read by ``make serve``, the Docker image and the systemd unit alike:

    gunicorn -c gunicorn.conf.py          # serves platform_site.wsgi

Everything an operator may change comes from the environment:

- ``WEB_CONCURRENCY``: worker processes (default 2 × CPU cores + 1, gunicorn's own rule of thumb);
- ``GUNICORN_BIND``: address (default 127.0.0.1:8000; the container sets 0.0.0.0:8000 for the proxy);
- ``GUNICORN_TIMEOUT``: seconds a request may take before its worker is killed (default 30: heavy work
  runs as background jobs, so a longer request is a fault to see, not to wait for);
- ``GUNICORN_MAX_REQUESTS``: recycle a worker after this many requests (default 0, never: the soak test
  measures the workers' memory, which recycling would hide).

gunicorn's access log is off: Django's ``RequestLogMiddleware`` writes one line per request, with the
request id and user id gunicorn does not know, in the format LOG_FORMAT chooses. Errors go to stderr.
"""

import gc
import multiprocessing
import os


def _int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


wsgi_app = "platform_site.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = _int("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1)
timeout = _int("GUNICORN_TIMEOUT", 30)
graceful_timeout = 30
# Keep-alive between the proxy and gunicorn: a little longer than nothing, far shorter than the proxy's.
keepalive = 5
max_requests = _int("GUNICORN_MAX_REQUESTS", 0)
max_requests_jitter = max_requests // 10
accesslog = None
errorlog = "-"
loglevel = "info"
if os.environ.get("LOG_FORMAT", "").strip().lower() == "json":
    # gunicorn's own lines (workers booted, timed out, exited) as JSON too, like the portal's
    # (platform_site/observability.py): one format for the log collector.
    logconfig_dict = {
        # gunicorn's defaults with the access log silenced (Django's middleware writes the request log) and
        # its messages written once, to stderr.
        "root": {"level": "INFO", "handlers": ["error_console"]},
        "loggers": {
            "gunicorn.error": {"level": "INFO", "handlers": ["error_console"], "propagate": False},
            "gunicorn.access": {"level": "CRITICAL", "handlers": [], "propagate": False},
        },
        "formatters": {
            "generic": {
                "()": "pythonjsonlogger.json.JsonFormatter",
                "format": "%(levelname)s %(name)s %(message)s",
                "timestamp": "time",
                "rename_fields": {"levelname": "level", "name": "logger"},
            }
        },
    }
# The control socket (gunicorn 27's `gunicornc`) would live in the home folder, which the image's user may
# not write; nothing here uses it.
control_socket_disable = True
# /dev/shm for the workers' heartbeat files: a container's /tmp may be slow or a disk.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
# The proxy in front sets X-Forwarded-*; Django decides whom to trust (TRUSTED_PROXIES and
# SECURE_PROXY_SSL_HEADER), so gunicorn's own forwarded_allow_ips stays at its default.


def post_worker_init(worker):
    """Once a worker has loaded the portal, move what it loaded (Django, the apps, URL and template caches) out
    of the garbage collector's sight: a full collection then scans only what requests create. Without it, one
    request in about seven paid 150-200 ms for a full collection over the whole program
    (tests/bench/test_api.py)."""
    gc.freeze()
