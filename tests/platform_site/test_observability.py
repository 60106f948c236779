"""Operations: one JSON log line per request without personal data, the request id, and Sentry only with a DSN."""

import io
import json
import logging
import logging.config
import os
import subprocess
import sys

import pytest
from django.conf import settings
from pythonjsonlogger.json import JsonFormatter

from platform_site.observability import REQUEST_LOGGER, logging_config
from tests.partners.factories import UserFactory

REQUEST_KEYS = {"request_id", "method", "path", "status", "duration_ms", "user_id"}


@pytest.fixture
def log_stream():
    """Configure logging as LOG_FORMAT=json does and capture what the console handler writes."""
    logging.config.dictConfig(logging_config(log_format="json", level="WARNING"))
    stream = io.StringIO()
    handler = logging.getLogger(REQUEST_LOGGER).handlers[0]
    handler.setStream(stream)
    yield stream
    logging.config.dictConfig(settings.LOGGING)


def json_lines(stream):
    return [json.loads(line) for line in stream.getvalue().splitlines() if line.strip()]


@pytest.mark.django_db
def test_a_logged_in_request_is_one_json_line_with_the_user_id_only(client, log_stream):
    user = UserFactory(username="aigerim.s", email="aigerim@example.org", first_name="Aigerim")
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    response = client.get("/en/recommendations/?page=1")
    assert response.status_code == 200

    lines = json_lines(log_stream)
    assert len(lines) == 1, lines
    line = lines[0]
    assert line.keys() >= REQUEST_KEYS
    assert line["logger"] == REQUEST_LOGGER and line["level"] == "INFO"
    assert line["method"] == "GET"
    assert line["path"] == "/en/recommendations/"  # no query string: it may carry what a person searched
    assert line["status"] == 200
    assert line["user_id"] == user.pk
    assert isinstance(line["duration_ms"], float) and line["duration_ms"] >= 0
    assert line["request_id"] == response["X-Request-ID"]
    raw = log_stream.getvalue()
    for personal in ("aigerim.s", "aigerim@example.org", "Aigerim"):
        assert personal not in raw


@pytest.mark.django_db
def test_the_proxys_request_id_is_kept_and_a_malformed_one_replaced(client, log_stream):
    response = client.get("/healthz", HTTP_X_REQUEST_ID="6f1c2a9e-1b7d-4c7e-9a53-0c2f1d1e2b3a")
    assert response["X-Request-ID"] == "6f1c2a9e-1b7d-4c7e-9a53-0c2f1d1e2b3a"
    forged = client.get("/healthz", HTTP_X_REQUEST_ID='x"\n{"user_id": 1}')
    assert forged["X-Request-ID"] != 'x"\n{"user_id": 1}'
    assert len(forged["X-Request-ID"]) == 32
    # Only the request log's lines: /healthz may also log an error (503 while no background worker is seen).
    lines = [line for line in json_lines(log_stream) if line["logger"] == REQUEST_LOGGER]
    assert [line["request_id"] for line in lines] == [response["X-Request-ID"], forged["X-Request-ID"]]
    assert lines[0]["user_id"] is None


@pytest.mark.django_db
def test_responses_made_by_other_middleware_are_logged_too(client, log_stream):
    """A 404 and a redirect to the log-in page each make one line with their status."""
    client.get("/en/no-such-page/")
    client.get("/en/members/")
    assert [line["status"] for line in json_lines(log_stream) if line["logger"] == REQUEST_LOGGER] == [404, 302]


def test_the_jobs_logger_is_formatted_the_same_way(log_stream):
    handler = logging.getLogger("jobs").handlers[0]
    handler.setStream(log_stream)
    logging.getLogger("jobs").info("job done", extra={"job_id": "42", "kind": "export", "outcome": "done"})
    (line,) = json_lines(log_stream)
    assert line["job_id"] == "42" and line["outcome"] == "done" and line["logger"] == "jobs"


def test_the_default_format_is_human_readable():
    config = logging_config(level="WARNING")
    assert "()" not in config["formatters"]["portal"]
    formatter = logging.Formatter(config["formatters"]["portal"]["format"])
    record = logging.LogRecord(REQUEST_LOGGER, logging.INFO, __file__, 1, "GET / 200 3.0ms", None, None)
    assert formatter.format(record).endswith("INFO portal.request GET / 200 3.0ms")


def test_json_format_uses_python_json_logger(log_stream):
    assert isinstance(logging.getLogger(REQUEST_LOGGER).handlers[0].formatter, JsonFormatter)


@pytest.mark.django_db
def test_an_error_report_carries_the_request_id(client, monkeypatch):
    """With Sentry on (faked here: the real one patches Django for the whole process), each request's id is
    set as a tag, which the Django integration's per-request scope puts on any report."""
    import sentry_sdk

    tags = []
    monkeypatch.setattr(sentry_sdk, "get_client", lambda: type("Client", (), {"is_active": lambda self: True})())
    monkeypatch.setattr(sentry_sdk, "set_tag", lambda key, value: tags.append((key, value)))
    response = client.get("/healthz", HTTP_X_REQUEST_ID="req-42")
    assert tags == [("request_id", "req-42")] and response["X-Request-ID"] == "req-42"


SENTRY_PROBE = (
    "import django, sentry_sdk; django.setup(); client = sentry_sdk.get_client(); "
    "import json; print(json.dumps({'active': client.is_active(), 'dsn': client.options.get('dsn'), "
    "'pii': client.options.get('send_default_pii'), "
    "'django': 'django' in [i.identifier for i in client.integrations.values()] if client.is_active() else False}))"
)


def sentry_state(**env):
    """Sentry's client as the settings leave it, in a fresh process (its Django integration patches globally)."""
    environment = {
        key: value for key, value in os.environ.items() if not key.startswith("SENTRY_") and key != "DATABASE_URL"
    }
    environment.update(DJANGO_SETTINGS_MODULE="platform_site.settings", **env)
    result = subprocess.run(
        [sys.executable, "-c", SENTRY_PROBE],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_sentry_is_off_without_a_dsn():
    assert sentry_state() == {"active": False, "dsn": None, "pii": None, "django": False}


def test_sentry_reports_errors_without_personal_data_when_a_dsn_is_set():
    # Nothing is sent at start-up: the DSN's host (a closed local port) is reached only when an error is.
    dsn = "http://public@127.0.0.1:9/1"
    assert sentry_state(SENTRY_DSN=dsn) == {"active": True, "dsn": dsn, "pii": False, "django": True}
