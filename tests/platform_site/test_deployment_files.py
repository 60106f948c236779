"""The production stack's files (compose.yaml, Dockerfile, gunicorn.conf.py, Caddyfile) run only what CI runs.

Docker does not run here, so the images stay thin: each container runs a manage.py command or gunicorn with
gunicorn.conf.py, exactly as ``make serve`` does. These tests check that every such command exists.
"""

import gc
import json
import os
import re
import runpy
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.core.management import get_commands

BASE = Path(settings.BASE_DIR)
COMPOSE = yaml.safe_load((BASE / "compose.yaml").read_text())
SERVICES = COMPOSE["services"]
GUNICORN = ["gunicorn", "-c", "gunicorn.conf.py"]


def make_recipe(target):
    """The commands of a Makefile target (the tab-indented lines after ``target:``)."""
    lines = (BASE / "Makefile").read_text().splitlines()
    start = next(i for i, line in enumerate(lines) if re.match(rf"^{re.escape(target)}:", line))
    recipe = []
    for line in lines[start + 1 :]:
        if not line.startswith("\t"):
            break
        recipe.append(line.strip())
    return recipe


def makefile_targets():
    return set(re.findall(r"^([A-Za-z][\w.-]*):", (BASE / "Makefile").read_text(), flags=re.MULTILINE))


@pytest.mark.parametrize("name", sorted(name for name, service in SERVICES.items() if "command" in service))
def test_each_service_runs_a_command_that_ci_runs(name):
    command = SERVICES[name]["command"]
    assert isinstance(command, list), "exec form: no shell in between to swallow signals"
    if command[:2] == ["python", "manage.py"]:
        if command[2] == "db_worker" and "db_worker" not in get_commands():
            pytest.skip("db_worker comes with django-tasks-db, the background jobs' branch (issue 9, items 1-3).")
        assert command[2] in get_commands(), f"{name}: manage.py {command[2]} does not exist"
    elif command[0] == "make":
        assert command[1] in makefile_targets()
    else:
        assert command == GUNICORN
        assert any("gunicorn -c gunicorn.conf.py" in line for line in make_recipe("serve"))


def test_the_image_runs_what_make_serve_runs():
    dockerfile = (BASE / "Dockerfile").read_text()
    assert re.search(r"^FROM python:3\.11-slim", dockerfile, flags=re.MULTILINE)
    assert re.search(r"^USER portal$", dockerfile, flags=re.MULTILINE), "the server does not run as root"
    assert "collectstatic" in dockerfile
    (cmd,) = re.findall(r"^CMD (.+)$", dockerfile, flags=re.MULTILINE)
    assert json.loads(cmd) == GUNICORN == SERVICES["web"]["command"]
    for target in re.findall(r"RUN make ([\w./-]+)", dockerfile):
        assert target in makefile_targets() or target == ".venv/.runtime"
    ignored = (BASE / ".dockerignore").read_text().split()
    assert {".git", ".venv", "var", ".env"} <= set(ignored)


def test_the_stack_has_a_database_on_a_volume_and_a_proxy_trusted_once():
    db = SERVICES["db"]
    assert db["image"].startswith("postgres:")
    volume = db["volumes"][0].split(":")[0]
    assert volume in COMPOSE["volumes"], "the database's data is on a named volume"
    assert SERVICES["proxy"]["image"].startswith("caddy:")
    assert "./Caddyfile:/etc/caddy/Caddyfile:ro" in SERVICES["proxy"]["volumes"]
    assert SERVICES["web"]["environment"]["TRUSTED_PROXIES"] == "1"
    for name in ("web", "worker", "migrate"):
        assert SERVICES[name]["environment"]["DATABASE_URL"].startswith("postgres://portal:")
        assert "media:/app/var/media" in SERVICES[name]["volumes"]


def gunicorn_settings(monkeypatch, **env):
    for key in ("WEB_CONCURRENCY", "GUNICORN_BIND", "GUNICORN_TIMEOUT", "LOG_FORMAT"):
        monkeypatch.delenv(key, raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    return runpy.run_path(str(BASE / "gunicorn.conf.py"))


def test_gunicorn_workers_come_from_the_environment(monkeypatch):
    assert gunicorn_settings(monkeypatch, WEB_CONCURRENCY="5")["workers"] == 5
    assert gunicorn_settings(monkeypatch)["workers"] == 2 * os.cpu_count() + 1
    conf = gunicorn_settings(monkeypatch, GUNICORN_BIND="0.0.0.0:8000")
    assert conf["bind"] == "0.0.0.0:8000"
    assert conf["accesslog"] is None, "Django's middleware writes the request log"
    assert conf["wsgi_app"] == "platform_site.wsgi:application"
    assert "logconfig_dict" not in conf


def test_a_gunicorn_worker_freezes_what_it_loaded_before_serving(monkeypatch):
    conf = gunicorn_settings(monkeypatch)
    assert gc.get_freeze_count() == 0
    try:
        conf["post_worker_init"](worker=None)
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


def test_gunicorns_own_lines_are_json_with_log_format_json(monkeypatch):
    conf = gunicorn_settings(monkeypatch, LOG_FORMAT="json")
    assert conf["logconfig_dict"]["formatters"]["generic"]["()"] == "pythonjsonlogger.json.JsonFormatter"
    # An access log would duplicate the portal's request log.
    assert conf["logconfig_dict"]["loggers"]["gunicorn.access"]["level"] == "CRITICAL"


@pytest.mark.parametrize("log_format", ["text", "json"])
def test_gunicorn_accepts_its_configuration(log_format):
    gunicorn = Path(sys.executable).with_name("gunicorn")
    result = subprocess.run(
        [str(gunicorn), "--check-config", "-c", "gunicorn.conf.py"],
        cwd=BASE,
        env={**os.environ, "WEB_CONCURRENCY": "2", "LOG_FORMAT": log_format},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr


def test_the_caddyfile_is_valid():
    if shutil.which("caddy") is None:
        pytest.skip("caddy is not installed (apt-get install caddy) to check the Caddyfile.")
    result = subprocess.run(
        ["caddy", "adapt", "--config", "Caddyfile", "--adapter", "caddyfile"],
        cwd=BASE,
        env={**os.environ, "DOMAIN": "portal.example.org"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "warn" not in result.stderr.lower(), result.stderr
    config = json.loads(result.stdout)
    (server,) = config["apps"]["http"]["servers"].values()
    (route,) = server["routes"]
    assert route["match"] == [{"host": ["portal.example.org"]}]
    text = json.dumps(route)
    assert '"dial": "web:8000"' in text
    assert "X-Request-Id" in text or "X-Request-ID" in text
    assert "trusted_proxies" not in json.dumps(config), "Caddy must not trust a client's X-Forwarded-For"


def test_every_operations_variable_is_documented():
    """What gunicorn.conf.py, compose.yaml and the settings' operations blocks read is in .env.example."""
    documented = set(re.findall(r"^([A-Z][A-Z0-9_]*)=", (BASE / ".env.example").read_text(), flags=re.MULTILINE))
    settings_text = (BASE / "platform_site" / "settings.py").read_text()
    blocks = re.findall(r"# --- Operations \(issue 9\)(.*?)# --- end of operations", settings_text, flags=re.DOTALL)
    assert blocks
    sources = "".join(blocks) + (BASE / "gunicorn.conf.py").read_text()
    read = set(re.findall(r"""(?:environ(?:\.get)?[\[(]|_int\()["']([A-Z][A-Z0-9_]*)["']""", sources))
    read |= set(re.findall(r"\$\{([A-Z][A-Z0-9_]*)", (BASE / "compose.yaml").read_text()))
    assert read >= {"WEB_CONCURRENCY", "LOG_FORMAT", "SENTRY_DSN", "MEDIA_STORAGE", "POSTGRES_PASSWORD", "DOMAIN"}
    assert read - documented == set()
