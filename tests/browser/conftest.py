"""Browser tests: Playwright driving Debian's Chromium against pytest-django's live server.

Playwright cannot download its own browsers here, so every test runs on the system's Chromium
(``/usr/bin/chromium``, or ``$CHROMIUM_PATH``). Where it is missing the tests are skipped with the reason,
except in CI (``CI=true`` or ``REQUIRE_BROWSER=1``), where a missing browser is a failure: a green run
there must mean the pages were really opened.

Fixtures on top of pytest-playwright's ``page`` and pytest-django's ``live_server``:
``demo_password`` (the demo content loaded into the live database), ``screenshot(page, name)`` and
``login(page, username, password)``.
"""

import importlib
import os
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import NoReverseMatch, reverse

from partners.access import COORDINATORS_GROUP, MEMBERS_GROUP

ROLES_MIGRATION = importlib.import_module("platform_site.migrations.0001_roles")

# Playwright's sync API runs an event loop in the test's thread; Django would then refuse every ORM call
# made from the test (SynchronousOnlyOperation). The calls are synchronous in fact, so allow them.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOT_DIR = Path(settings.BASE_DIR) / "test-artifacts" / "screenshots"
DEMO_PASSWORD = "demo-browser-password-2016"
PHONE = {"width": 390, "height": 844}
# The narrowest phones in use (issue 13, point 7): no members' or coordinators' page may scroll sideways.
SMALL_PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}


def browser_required():
    """True where a missing browser must fail the run instead of skipping the browser tests."""
    return os.environ.get("CI", "").lower() == "true" or os.environ.get("REQUIRE_BROWSER", "") == "1"


def chromium_path():
    return os.environ.get("CHROMIUM_PATH") or "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Launch Debian's Chromium, headless, without the network chatter of a desktop browser."""
    executable = chromium_path()
    if not os.access(executable, os.X_OK):
        reason = (
            f"Chromium not found at {executable}: install Debian's package (apt-get install chromium) "
            "or set CHROMIUM_PATH"
        )
        if browser_required():
            pytest.fail(f"{reason}. Browser tests are required here (CI=true or REQUIRE_BROWSER=1).")
        pytest.skip(reason)
    return {
        **browser_type_launch_args,
        "executable_path": executable,
        "headless": True,
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture
def console_errors(page):
    """Every console error and uncaught exception of the page, as text; a test asserts it stays empty."""
    errors = []

    def on_console(message):
        url = message.location.get("url", "")
        # Chromium asks for /favicon.ico on its own, whatever the page links; that is not the page's error.
        if message.type == "error" and not url.endswith("/favicon.ico"):
            errors.append(f"{message.text} ({url})" if url else message.text)

    page.on("console", on_console)
    page.on("pageerror", lambda error: errors.append(f"uncaught: {error}"))
    return errors


@pytest.fixture(autouse=True)
def _role_groups(transactional_db):
    """Every browser test starts with the Coordinators and Members groups the roles migration creates.

    Live-server tests run on a transactional database that is flushed after each test, and a flush
    empties what data migrations wrote. (pytest-django's serialized rollback would restore it, but not
    reliably here: a flush after a test without it re-creates content types the restore collides with.)
    So the migration's own function runs again, on the migrations' historical models.
    """
    if Group.objects.filter(name__in=[COORDINATORS_GROUP, MEMBERS_GROUP]).count() < 2:
        state_apps = MigrationExecutor(connection).loader.project_state().apps
        ROLES_MIGRATION.create_roles(state_apps, None)


@pytest.fixture
def demo_password(live_server, _role_groups):
    """Load the demo content into the live server's database and return the demo accounts' password.

    ``force`` because the test runner turns DEBUG off, which load_demo otherwise refuses.
    """
    call_command("load_demo", password=DEMO_PASSWORD, force=True, verbosity=0)
    return DEMO_PASSWORD


@pytest.fixture
def screenshot():
    """``screenshot(page, name)`` saves the whole page to test-artifacts/screenshots/<name>.png."""
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)

    def _screenshot(page, name):
        path = SCREENSHOT_DIR / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return _screenshot


def login_url():
    try:
        return reverse("login")
    except NoReverseMatch:
        return "/accounts/login/"


@pytest.fixture
def login(live_server):
    """``login(page, username, password)`` signs in through the log-in form, as a person would."""

    def _login(page, username, password):
        url = live_server.url + login_url()
        page.goto(url)
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", password)
        with page.expect_navigation():
            page.locator("form:has(input[name=password]) [type=submit]").first.click()
        assert "/login/" not in page.url, f"log-in as {username!r} failed: still on {page.url}"
        return page

    return _login
