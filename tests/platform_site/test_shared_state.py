"""Past one machine: what one web host knows, another knows too (Redis for the caches and sessions, the
database for django-axes' lock-out counters).

"Another host" is a new cache client with its own connections, as a second machine's process has. The
Redis tests use the Redis on 127.0.0.1:6379 (TEST_REDIS_URL), database 9, under a key prefix of their own,
and delete only their own keys; they are skipped, with the reason, when Redis is not running.
"""

import json
import os
import subprocess
import sys
import uuid

import pytest
from axes.models import AccessAttempt
from django.conf import settings as django_settings
from django.core.cache import cache
from django.urls import reverse

from tests.conftest import PASSWORD
from tests.reports.factories import ReportFactory

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/9")
REDIS_BACKEND = "django.core.cache.backends.redis.RedisCache"

pytestmark = pytest.mark.django_db


@pytest.fixture
def redis_client():
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.ping()
    except redis.ConnectionError:
        pytest.skip(f"Redis is not running at {REDIS_URL}: the shared-cache tests need it.")
    yield client
    client.close()


@pytest.fixture
def shared_cache(settings, redis_client):
    """The portal's cache settings with CACHE_URL pointing at Redis, under a prefix only this test uses."""
    prefix = f"portal-test-{uuid.uuid4().hex[:12]}"
    settings.CACHES = redis_caches(prefix)
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    yield prefix
    for key in redis_client.scan_iter(match=f"{prefix}:*"):
        redis_client.delete(key)


def redis_caches(prefix, **extra):
    """Django's default cache and the page cache's own alias ("pages", when the settings have one) in Redis."""
    alias = {"BACKEND": REDIS_BACKEND, "LOCATION": REDIS_URL, "KEY_PREFIX": prefix, **extra}
    return {"default": dict(alias), "pages": dict(alias)}


def another_host(settings, prefix):
    """Switch this process to brand-new cache clients, as a request on another web host would have.

    Changing CACHES makes Django drop its cache handlers; the extra TIMEOUT only makes the dict differ.
    """
    settings.CACHES = redis_caches(prefix, TIMEOUT=301)


def settings_in_a_fresh_process(**env):
    script = (
        "import json; from django.conf import settings; "
        "print(json.dumps({'caches': settings.CACHES, 'sessions': settings.SESSION_ENGINE, "
        "'axes': getattr(settings, 'AXES_HANDLER', 'axes.handlers.database.AxesDatabaseHandler')}))"
    )
    environment = {key: value for key, value in os.environ.items() if key not in {"CACHE_URL", "CACHE_KEY_PREFIX"}}
    environment.update(DJANGO_SETTINGS_MODULE="platform_site.settings", **env)
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=django_settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(result.stdout)


def test_cache_url_shares_the_cache_and_the_sessions():
    shared = settings_in_a_fresh_process(CACHE_URL="redis://10.0.0.5:6379/0", CACHE_KEY_PREFIX="portal-kg")
    assert shared["caches"]["default"] == {
        "BACKEND": REDIS_BACKEND,
        "LOCATION": "redis://10.0.0.5:6379/0",
        "KEY_PREFIX": "portal-kg",
    }
    assert shared["sessions"] == "django.contrib.sessions.backends.cached_db"
    # The lock-out counters are rows in the database every host shares, whatever the cache.
    assert shared["axes"] == "axes.handlers.database.AxesDatabaseHandler"

    alone = settings_in_a_fresh_process()
    assert alone["caches"]["default"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"
    assert alone["sessions"] == "django.contrib.sessions.backends.db"


def test_a_page_cached_on_one_host_is_served_by_another(client, settings, shared_cache, redis_client):
    settings.PAGE_CACHE_SECONDS = 300
    report = ReportFactory(title="Women and children affected by migration")
    first = client.get(report.get_absolute_url())
    assert first.status_code == 200 and "X-Page-Cache" not in first
    assert any(redis_client.scan_iter(match=f"{shared_cache}:*"))

    another_host(settings, shared_cache)
    second = client.get(report.get_absolute_url())
    assert second["X-Page-Cache"] == "hit"
    assert "Women and children affected by migration" in second.content.decode()


def test_a_session_opened_on_one_host_is_known_to_another(client, settings, shared_cache, redis_client, member):
    response = client.post(reverse("login"), {"username": "member", "password": PASSWORD})
    assert response.status_code == 302
    session_key = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert redis_client.exists(f"{shared_cache}:1:django.contrib.sessions.cached_db{session_key}")

    # Another host reads the session from Redis: with the database row gone it still knows the member.
    from django.contrib.sessions.models import Session

    Session.objects.filter(session_key=session_key).delete()
    another_host(settings, shared_cache)
    assert client.get(reverse("members:home")).status_code == 200


def test_the_portal_writes_under_its_own_prefix(redis_client, shared_cache):
    """CACHE_KEY_PREFIX keeps portals (and test runs) that share one Redis apart."""
    redis_client.set("someone-else:1:key", "kept", ex=60)
    try:
        cache.set("mine", 1)
        assert redis_client.exists(f"{shared_cache}:1:mine")
    finally:
        assert redis_client.get("someone-else:1:key") == b"kept"
        redis_client.delete("someone-else:1:key")


def test_the_lock_out_holds_on_another_host(client, member, settings):
    """django-axes counts failures in the database: a host with an empty cache and a new client is locked too."""
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/en/accounts/login/", {"username": "member", "password": "wrong"})
    assert AccessAttempt.objects.get(username="member").failures_since_start == settings.AXES_FAILURE_LIMIT

    settings.CACHES = {
        alias: {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": f"host-2-{alias}"}
        for alias in ("default", "pages")
    }
    from django.test import Client

    other_host = Client()
    response = other_host.post("/en/accounts/login/", {"username": "member", "password": PASSWORD})
    assert response.status_code == 429
