"""/healthz: 200 with the database, the cache and the worker's last heartbeat; 503 when one is missing."""

from unittest import mock

import pytest
from django.db import OperationalError
from django.utils import timezone

from jobs.models import WorkerHeartbeat


@pytest.fixture
def fresh_worker(db):
    return WorkerHeartbeat.objects.create(worker_id="w1", hostname="host", pid=1, seen_at=timezone.now())


def test_healthy(client, fresh_worker, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok" and body["database"] == "ok" and body["cache"] == "ok"
    assert body["worker"]["status"] == "ok" and body["worker"]["last_heartbeat"]
    assert response["Cache-Control"] == "no-store"


def test_no_worker_ever_seen(client, db):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["worker"]["status"] == "never seen"


def test_stale_worker(client, db, settings):
    settings.WORKER_STALE_SECONDS = 120
    WorkerHeartbeat.objects.create(
        worker_id="w1", hostname="host", pid=1, seen_at=timezone.now() - timezone.timedelta(seconds=121)
    )
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["worker"]["status"] == "stale"
    assert response.json()["worker"]["seconds_ago"] >= 121


def test_unreachable_database(client, fresh_worker):
    with mock.patch("platform_site.views.connection.cursor", side_effect=OperationalError("connection refused")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"


def test_cache_down_is_reported_but_not_fatal(client, fresh_worker):
    with mock.patch("platform_site.views.cache.set", side_effect=ConnectionError("redis down")):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["cache"] == "unreachable"
