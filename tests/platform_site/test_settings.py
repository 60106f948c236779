"""Settings come from the environment; production refuses to start with a default secret or no hosts.

Settings are read once per process, so each case starts a fresh Python with a controlled environment.
"""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings

from platform_site.settings import DEFAULT_SECRET_KEY

GOOD_SECRET = "k" * 20 + "-a-long-random-production-secret"
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
    [None, DEFAULT_SECRET_KEY, "short-secret"],
    ids=["missing", "default", "short"],
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
