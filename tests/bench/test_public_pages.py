"""Benchmark of the public pages at 200,000 recommendations (``make bench``; PostgreSQL through DATABASE_URL).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_bench make bench PYTEST_ARGS="-k public_pages --reuse-db"

With ``--reuse-db`` pytest-django keeps its test database (``test_portal_bench``), so ``generate_dataset``
fills it once. The test then times, through Django's test client and with no page cache (every request
is computed), the home page, the recommendations list with two filters and with a text query, page 500
of the list, a dossier and site search: p50/p95 over ``BENCH_REQUESTS`` requests each. Then it starts
gunicorn with two workers on a free local port and measures requests per second of the filtered list
beside ``/healthz``, from a thread pool on 127.0.0.1. Figures are printed; the target (p95 < 150 ms)
is reported, not asserted, as timings depend on the machine.
"""

import os
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from jobs.models import WorkerHeartbeat
from recommendations.models import Recommendation, Review

pytestmark = pytest.mark.bench

ROWS = int(os.environ.get("BENCH_RECOMMENDATIONS", "200000"))
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "40"))
LOAD_REQUESTS = int(os.environ.get("BENCH_LOAD_REQUESTS", "400"))
LOAD_THREADS = int(os.environ.get("BENCH_LOAD_THREADS", "8"))
TARGET_MS = 150


@pytest.fixture(scope="module")
def dataset(django_db_setup, django_db_blocker):
    if connection.vendor != "postgresql":
        pytest.skip("The public pages benchmark needs PostgreSQL: set DATABASE_URL (see the module docstring).")
    with django_db_blocker.unblock():
        if Recommendation.objects.count() < ROWS:
            started = time.perf_counter()
            call_command("generate_dataset", recommendations=ROWS)
            print(f"\ngenerate_dataset --recommendations {ROWS}: {time.perf_counter() - started:.1f} s")
        with connection.cursor() as cursor:
            # VACUUM too: it sets the visibility map that index-only scans need, as autovacuum does on a
            # live database (it may be off on a benchmark server, and a fresh bulk load has none).
            cursor.execute("VACUUM ANALYZE")
        yield Recommendation.objects.count()


def pages(django_db_blocker):
    """The URLs to time, chosen from the data: a busy mechanism and state, a word of the texts, a rich dossier."""
    with django_db_blocker.unblock():
        review = Review.objects.exclude(state="").select_related("mechanism").order_by("pk").first()
        dossier = (
            Recommendation.objects.public().filter(reports__isnull=False, events__isnull=False).order_by("pk").first()
            or Recommendation.objects.public().order_by("pk").first()
        )
        sample = Recommendation.objects.public().order_by("pk").values_list("text_en", flat=True).first() or ""
    words = [word.strip(".,;:()").lower() for word in sample.split() if len(word.strip(".,;:()")) > 6]
    word = words[0] if words else "migrant"
    return {
        "home": "/",
        "list: 2 filters": f"/recommendations/?mechanism={review.mechanism.code}&state={review.state}",
        "list: text query": f"/en/recommendations/?q={quote(word)}",
        "list: page 500": "/recommendations/?page=500",
        "dossier": f"/recommendations/{dossier.pk}/",
        "site search": f"/en/search/?q={quote(word)}",
    }


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def test_public_pages_latency(dataset, django_db_blocker, settings):
    # No page cache: a dummy cache makes every request compute its page.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    urls = pages(django_db_blocker)
    client = Client()
    rows = []
    with django_db_blocker.unblock():
        for name, url in urls.items():
            for _ in range(3):  # warm up the connection, templates and PostgreSQL's buffers
                assert client.get(url).status_code == 200, url
            timings, cpu_times, sql_times = [], [], []
            for _ in range(REQUESTS):
                started, cpu_started = time.perf_counter(), time.process_time()
                with CaptureQueriesContext(connection) as queries:
                    response = client.get(url)
                timings.append((time.perf_counter() - started) * 1000)
                cpu_times.append((time.process_time() - cpu_started) * 1000)
                sql_times.append(sum(float(query["time"]) for query in queries.captured_queries) * 1000)
                assert response.status_code == 200
            rows.append(
                (
                    name,
                    url,
                    statistics.median(timings),
                    percentile(timings, 0.95),
                    statistics.median(cpu_times),
                    statistics.median(sql_times),
                    len(queries),
                )
            )
    # On a shared machine wall-clock time mostly measures the neighbours: the Python CPU time of the
    # request and the time its SQL took are printed beside it.
    print(f"\n\nPublic pages at {dataset:,} recommendations, {REQUESTS} requests each (Django test client, no cache)")
    print(f"{'page':<18} {'p50 ms':>8} {'p95 ms':>8} {'cpu p50':>8} {'sql p50':>8} {'queries':>8}  {'target':<7} url")
    for name, url, p50, p95, cpu, sql, count in rows:
        verdict = "ok" if p95 < TARGET_MS else "SLOW"
        print(f"{name:<18} {p50:8.1f} {p95:8.1f} {cpu:8.1f} {sql:8.1f} {count:8d}  {verdict:<7} {url}")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(base, process, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("gunicorn exited")
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn did not answer")


def requests_per_second(url):
    def fetch(_):
        with urllib.request.urlopen(url, timeout=30) as response:
            response.read()
            return response.status

    with ThreadPoolExecutor(max_workers=LOAD_THREADS) as pool:
        list(pool.map(fetch, range(LOAD_THREADS * 2)))  # warm-up
        started = time.perf_counter()
        statuses = list(pool.map(fetch, range(LOAD_REQUESTS)))
        elapsed = time.perf_counter() - started
    assert set(statuses) == {200}
    return LOAD_REQUESTS / elapsed


def test_gunicorn_throughput(dataset, django_db_blocker, tmp_path):
    """Requests per second of /healthz and two list pages, without and then with the anonymous page cache."""
    urls = pages(django_db_blocker)
    db = connection.settings_dict
    database_url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    if db.get("PASSWORD"):
        database_url = database_url.replace("@", f":{quote(db['PASSWORD'])}@", 1)
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DEBUG": "false",
        "SECRET_KEY": "bench-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1",
        "STATIC_ROOT": str(tmp_path / "static"),
        "VAR_DIR": str(tmp_path / "var"),
        "SECURE_COOKIES": "false",
        "LOG_LEVEL": "ERROR",
    }
    # /healthz answers 200 only while a worker's heartbeat is fresh; no worker runs here, so a row stands in.
    with django_db_blocker.unblock():
        WorkerHeartbeat.objects.update_or_create(
            worker_id="bench", defaults={"hostname": "bench", "pid": 1, "seen_at": timezone.now()}
        )
    env["WORKER_STALE_SECONDS"] = str(24 * 3600)
    python = sys.executable
    base_dir = Path(settings.BASE_DIR)
    subprocess.run(
        [python, "manage.py", "collectstatic", "--no-input", "--verbosity", "0"], cwd=base_dir, env=env, check=True
    )
    gunicorn = Path(python).with_name("gunicorn")
    results = {}
    for label, seconds in (("no page cache", "0"), ("page cache", "300")):
        process = subprocess.Popen(
            [str(gunicorn), "platform_site.wsgi", "--workers", "2", "--bind", f"127.0.0.1:{port}"]
            + ["--log-level", "error"],
            cwd=base_dir,
            env={**env, "PAGE_CACHE_SECONDS": seconds},
        )
        base = f"http://127.0.0.1:{port}"
        try:
            wait_until_up(base, process)
            results[label] = {
                "/healthz": requests_per_second(base + "/healthz"),
                "list: 2 filters": requests_per_second(base + urls["list: 2 filters"]),
                "list: page 500": requests_per_second(base + urls["list: page 500"]),
            }
        finally:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=30)
    print(f"\n\ngunicorn, 2 workers, {LOAD_THREADS} client threads, {LOAD_REQUESTS} requests each (requests/s)")
    print(f"{'page':<18} " + " ".join(f"{label:>14}" for label in results))
    for name in results["no page cache"]:
        print(f"{name:<18} " + " ".join(f"{figures[name]:14.1f}" for figures in results.values()))
