"""What an operator sees of the running portal: the logging set-up, one log line per request, Sentry.

``logging_config`` is read by the settings: with ``LOG_FORMAT=json`` every line is one JSON object
(python-json-logger), which log shippers index without parsing; otherwise lines stay human-readable.
``RequestLogMiddleware`` writes one line per request to the ``portal.request`` logger, carrying the request
id (the proxy's ``X-Request-ID`` when it sent a well-formed one, else a new one) that it also returns as a
response header, so a visitor's report of a failure can be matched to its line. The user is logged by id
only: names and e-mail addresses are personal data that logs, copied to other systems and kept longer than
the database, must not hold. ``error_reporting_init`` turns Sentry on only when a DSN is configured.

This module is imported by the settings, so it must not import models or anything that reads settings at
import time.
"""

import logging
import re
import sys
import time
import uuid

REQUEST_LOGGER = "portal.request"
REQUEST_ID_HEADER = "X-Request-ID"
# What a request id from the proxy may look like (Caddy's UUIDs, other proxies' hex ids). Anything else is
# replaced rather than echoed: it would land in a response header and in every log line of the request.
REQUEST_ID_PATTERN = re.compile(r"[A-Za-z0-9._:-]{1,128}")

logger = logging.getLogger(REQUEST_LOGGER)

TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s %(message)s"
# The time comes from python-json-logger's own ISO 8601 UTC "time" field, not the local asctime.
JSON_FORMAT = "%(levelname)s %(name)s %(message)s"


def logging_config(*, log_format: str = "text", level: str = "WARNING") -> dict:
    """The ``LOGGING`` dict: everything to the console (stderr, which gunicorn, systemd and Docker collect).

    The request log and the background jobs' log (``jobs``, written by the jobs app with the job's id,
    kind, duration and outcome as extra fields) are kept at INFO whatever ``level`` says for the rest,
    because they are the record of what the portal did.
    """
    json_lines = log_format.strip().lower() == "json"
    formatter = (
        {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "format": JSON_FORMAT,
            "timestamp": "time",
            "rename_fields": {"levelname": "level", "name": "logger"},
        }
        if json_lines
        else {"format": TEXT_FORMAT}
    )
    operational = {"handlers": ["console"], "level": "INFO", "propagate": False}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"portal": formatter},
        "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "portal"}},
        "root": {"handlers": ["console"], "level": level},
        "loggers": {REQUEST_LOGGER: dict(operational), "jobs": dict(operational)},
    }


def _request_id(request) -> str:
    offered = request.headers.get(REQUEST_ID_HEADER, "")
    if REQUEST_ID_PATTERN.fullmatch(offered):
        return offered
    return uuid.uuid4().hex


def _user_id(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    return user.pk


def _tag_error_reports(request_id: str) -> None:
    """Put the request id on any Sentry report of this request, so the report and the log line meet."""
    sentry_sdk = sys.modules.get("sentry_sdk")  # imported only when SENTRY_DSN is set
    if sentry_sdk is not None and sentry_sdk.get_client().is_active():
        sentry_sdk.set_tag("request_id", request_id)


class RequestLogMiddleware:
    """One log line per request: request id, method, path (no query string), status, duration, user id.

    It sits first in ``MIDDLEWARE``, so the duration covers the whole stack and responses made by other
    middleware (cached pages, lock-outs, redirects) are logged too.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        request.request_id = _request_id(request)
        _tag_error_reports(request.request_id)
        response = self.get_response(request)
        duration_ms = round((time.perf_counter() - started) * 1000, 1)
        response[REQUEST_ID_HEADER] = request.request_id
        logger.info(
            "%s %s %s %.1fms",
            request.method,
            request.path,
            response.status_code,
            duration_ms,
            extra={
                "request_id": request.request_id,
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": duration_ms,
                "user_id": _user_id(request),
            },
        )
        return response


def error_reporting_init(*, dsn: str, environment: str = "", traces_sample_rate: float = 0.0) -> bool:
    """Send unhandled errors to Sentry when ``dsn`` is set; do nothing (and import nothing) when it is not.

    ``send_default_pii=False`` keeps user names, e-mail addresses, cookies and IP addresses out of the
    reports.
    """
    if not dsn:
        return False
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=dsn,
        integrations=[DjangoIntegration()],
        send_default_pii=False,
        environment=environment or None,
        traces_sample_rate=traces_sample_rate,
    )
    return True
