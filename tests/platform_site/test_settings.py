"""Settings come from the environment; production refuses to start with a default secret or no hosts.

Settings are read once per process, so each case starts a fresh Python with a controlled environment.
"""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings

from jobs.services import worker_beat
from platform_site.settings import DEFAULT_SECRET_KEY

# 64 characters, as `secrets.token_urlsafe(48)` gives: what Django's deployment check asks (at least 50,
# at least 5 different characters, no "django-insecure-" prefix).
GOOD_SECRET = "k" * 32 + "-a-long-random-production-secret"
# What the child prints: enough of the settings to check where data goes. Reading a setting loads them
# all; SETUP=1 also loads every app, as the real start-up does (several times slower).
REPORT = """
import json, os, django
from django.conf import settings
if os.environ.get("SETUP") == "1":
    django.setup()
print(json.dumps({
    "debug": settings.DEBUG,
    "engine": settings.DATABASES["default"]["ENGINE"],
    "name": str(settings.DATABASES["default"]["NAME"]),
    "host": settings.DATABASES["default"].get("HOST", ""),
    "static_root": str(settings.STATIC_ROOT),
    "media_root": str(settings.MEDIA_ROOT),
    "allowed_hosts": settings.ALLOWED_HOSTS,
    "postgres_app": "django.contrib.postgres" in settings.INSTALLED_APPS,
}))
"""


def start(tmp_path, **env):
    """Start Django in a fresh process with only the given variables set (besides PATH and HOME)."""
    environment = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "platform_site.settings",
        "PYTHONDONTWRITEBYTECODE": "1",
        "VAR_DIR": str(tmp_path / "var"),
        **env,
    }
    return subprocess.run(
        [sys.executable, "-c", REPORT],
        cwd=settings.BASE_DIR,
        env={key: value for key, value in environment.items() if value is not None},
        capture_output=True,
        text=True,
        timeout=120,
    )


def started(tmp_path, **env):
    result = start(tmp_path, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def refused(tmp_path, **env):
    result = start(tmp_path, **env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    return result.stderr


@pytest.mark.parametrize(
    "secret",
    [
        None,
        DEFAULT_SECRET_KEY,
        "short-secret",
        # Long enough for the portal's old rule (32) but not for Django's deployment check (50).
        "a-secret-of-forty-nine-characters-is-still-short!",
        "ab" * 40,
        "django-insecure-" + "x7Qp-2mZ" * 6,
        # .env.example's placeholder until issue 8: long and varied enough, but public, so any copy of it
        # left in a deployment signs sessions and reset links with a key everyone knows.
        "change-me-to-a-long-random-string-of-at-least-32-characters",
    ],
    ids=[
        "missing",
        "default",
        "short",
        "49-characters",
        "four-unique-characters",
        "django-insecure-prefix",
        "earlier-placeholder",
    ],
)
def test_production_refuses_to_start_without_a_real_secret(tmp_path, secret):
    message = refused(tmp_path, DEBUG="false", SECRET_KEY=secret, ALLOWED_HOSTS="portal.example.org")
    assert "SECRET_KEY" in message


def test_production_refuses_to_start_without_allowed_hosts(tmp_path):
    message = refused(tmp_path, DEBUG="false", SECRET_KEY=GOOD_SECRET)
    assert "ALLOWED_HOSTS" in message


def test_production_starts_with_a_secret_and_hosts(tmp_path):
    report = started(
        tmp_path, SETUP="1", DEBUG="false", SECRET_KEY=GOOD_SECRET, ALLOWED_HOSTS="portal.example.org, www.x.org"
    )
    assert report["debug"] is False
    assert report["allowed_hosts"] == ["portal.example.org", "www.x.org"]


def test_a_developer_machine_needs_no_settings_and_gets_a_sqlite_file_under_var_dir(tmp_path):
    report = started(tmp_path)

    var_dir = tmp_path / "var"
    assert report["debug"] is True
    assert "127.0.0.1" in report["allowed_hosts"]
    assert report["engine"] == "django.db.backends.sqlite3"
    assert report["name"] == str(var_dir / "portal.sqlite3")
    assert var_dir.is_dir()
    assert report["static_root"] == str(var_dir / "static")
    assert report["media_root"] == str(var_dir / "media")
    assert report["postgres_app"] is False


def test_database_url_selects_postgresql(tmp_path):
    report = started(tmp_path, DATABASE_URL="postgres://portal:secret@db.example.org:5432/portal")

    assert report["engine"] == "django.db.backends.postgresql"
    assert report["name"] == "portal"
    assert report["host"] == "db.example.org"
    assert report["postgres_app"] is True


def test_media_and_static_roots_may_be_set_apart(tmp_path):
    report = started(tmp_path, MEDIA_ROOT=str(tmp_path / "uploads"), STATIC_ROOT=str(tmp_path / "collected"))
    assert report["media_root"] == str(tmp_path / "uploads")
    assert report["static_root"] == str(tmp_path / "collected")


DEPLOY_ENVIRONMENT = {"DEBUG": "false", "SECRET_KEY": GOOD_SECRET, "ALLOWED_HOSTS": "portal.example.org"}


def deploy_check(tmp_path, **env):
    """`manage.py check --deploy --fail-level WARNING` in a fresh process with production values."""
    environment = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(tmp_path),
        "PYTHONDONTWRITEBYTECODE": "1",
        "VAR_DIR": str(tmp_path / "var"),
        **DEPLOY_ENVIRONMENT,
        **env,
    }
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env={key: value for key, value in environment.items() if value is not None},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_deployment_check_is_clean_with_production_values(tmp_path):
    result = deploy_check(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_turning_https_off_is_possible_and_the_deployment_check_says_so(tmp_path):
    result = deploy_check(tmp_path, SECURE_SSL_REDIRECT="false", SECURE_HSTS_SECONDS="0")
    assert result.returncode != 0
    assert "security.W004" in result.stderr and "security.W008" in result.stderr


HTTPS_REPORT = """
import json
from django.conf import settings
print(json.dumps({
    "redirect": settings.SECURE_SSL_REDIRECT,
    "exempt": settings.SECURE_REDIRECT_EXEMPT,
    "proxy_header": list(settings.SECURE_PROXY_SSL_HEADER or []),
    "hsts": settings.SECURE_HSTS_SECONDS,
    "subdomains": settings.SECURE_HSTS_INCLUDE_SUBDOMAINS,
    "preload": settings.SECURE_HSTS_PRELOAD,
}))
"""


def https_settings(tmp_path, **env):
    return settings_report(tmp_path, HTTPS_REPORT, **env)


def settings_report(tmp_path, script, **env):
    """What ``script`` prints as JSON, run in a fresh process with only the given variables set."""
    environment = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "platform_site.settings",
        "PYTHONDONTWRITEBYTECODE": "1",
        "VAR_DIR": str(tmp_path / "var"),
        **env,
    }
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=settings.BASE_DIR,
        env={key: value for key, value in environment.items() if value is not None},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_production_redirects_to_https_and_sends_hsts_by_default(tmp_path):
    report = https_settings(tmp_path, **DEPLOY_ENVIRONMENT)
    assert report["redirect"] is True
    assert report["proxy_header"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert report["hsts"] == 31536000
    assert report["subdomains"] is True and report["preload"] is True
    assert report["exempt"] == [r"^healthz$"]


def test_an_operator_tunes_or_turns_off_hsts_and_the_redirect(tmp_path):
    report = https_settings(
        tmp_path,
        **DEPLOY_ENVIRONMENT,
        SECURE_SSL_REDIRECT="false",
        SECURE_HSTS_SECONDS="3600",
        SECURE_HSTS_INCLUDE_SUBDOMAINS="false",
        SECURE_HSTS_PRELOAD="false",
    )
    assert report == {
        "redirect": False,
        "exempt": [r"^healthz$"],
        "proxy_header": ["HTTP_X_FORWARDED_PROTO", "https"],
        "hsts": 3600,
        "subdomains": False,
        "preload": False,
    }


def test_a_developer_machine_neither_redirects_nor_sends_hsts(tmp_path):
    report = https_settings(tmp_path)
    assert report["redirect"] is False
    assert report["hsts"] == 0


@pytest.fixture
def production_https(settings):
    """The HTTPS settings production gets by default, in this process (the middleware reads them at start)."""
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True


@pytest.mark.django_db
def test_behind_the_proxy_plain_http_is_redirected_and_https_gets_hsts(client, production_https):
    redirected = client.get("/en/partners/?page=1")
    assert redirected.status_code == 301
    assert redirected["Location"] == "https://testserver/en/partners/?page=1"

    secure = client.get("/en/partners/", headers={"x-forwarded-proto": "https"})
    assert secure.status_code == 200
    assert secure["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


@pytest.fixture
def worker_alive(db):
    """/healthz answers 200 only while a worker beats (tests/jobs/test_healthz.py tries the rest)."""
    worker_beat(worker_id="probe-test")


def test_the_health_check_answers_a_local_probe_over_plain_http(client, production_https, worker_alive):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


@pytest.mark.parametrize("host", ["127.0.0.1:8000", "localhost", "[::1]:8000", "10.1.2.3", None])
def test_the_health_check_answers_a_local_probe_whatever_host_it_names(
    client, production_https, settings, worker_alive, host
):
    # The probe asks http://127.0.0.1:8000/healthz (README), a name not among production's ALLOWED_HOSTS.
    settings.ALLOWED_HOSTS = ["portal.example.org"]
    extra = {"HTTP_HOST": host} if host else {"SERVER_NAME": "127.0.0.1"}
    response = client.get("/healthz", **extra)
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert response["X-Content-Type-Options"] == "nosniff"
    # Every other URL still refuses a host it does not serve.
    assert client.get("/en/partners/", **extra).status_code == 400


def test_the_placeholder_secret_of_env_example_is_refused(tmp_path):
    lines = (settings.BASE_DIR / ".env.example").read_text().splitlines()
    placeholder = next(line.split("=", 1)[1] for line in lines if line.startswith("SECRET_KEY="))
    assert "SECRET_KEY" in refused(tmp_path, DEBUG="false", SECRET_KEY=placeholder, ALLOWED_HOSTS="portal.example.org")


CACHES_REPORT = """
import json
from django.conf import settings
print(json.dumps({alias: [config["BACKEND"].rsplit(".", 1)[1], config.get("LOCATION", "")]
                  for alias, config in settings.CACHES.items()}))
"""


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, {"default": ["LocMemCache", ""], "pages": ["LocMemCache", "pages"]}),
        (
            {"CACHE_URL": "redis://127.0.0.1:6379/0", "PAGE_CACHE_URL": ""},
            {
                "default": ["RedisCache", "redis://127.0.0.1:6379/0"],
                "pages": ["RedisCache", "redis://127.0.0.1:6379/0"],
            },
        ),
        (
            {"CACHE_URL": "redis://127.0.0.1:6379/0", "PAGE_CACHE_URL": "redis://127.0.0.1:6380/0"},
            {
                "default": ["RedisCache", "redis://127.0.0.1:6379/0"],
                "pages": ["RedisCache", "redis://127.0.0.1:6380/0"],
            },
        ),
    ],
    ids=["memory", "one-redis", "pages-in-a-redis-of-their-own"],
)
def test_pages_are_cached_apart_from_the_rate_limit_counters(tmp_path, env, expected):
    # In memory the two aliases are two stores (LocMemCache shares a store between equal LOCATIONs).
    assert settings_report(tmp_path, CACHES_REPORT, **env) == expected
