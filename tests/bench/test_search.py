"""Benchmark of site search and the text-query list on a database whose statistics were never gathered.

Right after a bulk load (``generate_dataset --no-analyze``, a restore, an import on a server where
autovacuum is off) PostgreSQL has no statistics and guesses every row count. The ranked search once let
such a guess re-run its matching subquery per outer row: seconds a page. This benchmark drops the
portal's statistics first, so that it measures that case whatever ran before it:

    createdb -h 127.0.0.1 -U postgres -T portal_bench200k test_portal_bench   # a clone of 200,000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_bench make bench \
        PYTEST_ARGS="-k search_without_statistics --reuse-db"

Dropping statistics needs a superuser (``DELETE FROM pg_statistic`` for the public schema's tables and
``reltuples = -1``, ``relpages = 0`` in ``pg_class``, as a table never vacuumed or analysed has); the
database must already hold the data (``generate_dataset --recommendations 200000 --no-analyze`` fills it
otherwise). p50/p95 are printed, not asserted (target p95 ≤ 150 ms); ``BENCH_SEARCH_REQUESTS`` sets the
number of requests per page (20), ``BENCH_SEARCH_WORD`` the word searched ("migrant": in most texts).
"""

import os
import statistics
import time
from urllib.parse import quote

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from recommendations.models import Recommendation

# django_db: without it pytest-django makes no test database and the benchmark would run on DATABASE_URL itself.
pytestmark = [pytest.mark.bench, pytest.mark.django_db]

ROWS = int(os.environ.get("BENCH_RECOMMENDATIONS", "200000"))
REQUESTS = int(os.environ.get("BENCH_SEARCH_REQUESTS", "20"))
WORD = os.environ.get("BENCH_SEARCH_WORD", "migrant")
TARGET_MS = 150


def drop_statistics():
    """Forget what ANALYZE and VACUUM learnt about the portal's tables, as after a fresh bulk load."""
    with connection.cursor() as cursor:
        cursor.execute(
            "DELETE FROM pg_statistic WHERE starelid IN "
            "(SELECT c.oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public')"
        )
        cursor.execute(
            "UPDATE pg_class SET reltuples = -1, relpages = 0, relallvisible = 0 WHERE relnamespace = "
            "(SELECT oid FROM pg_namespace WHERE nspname = 'public') AND relkind IN ('r', 'i', 'm', 'p')"
        )
        cursor.execute(
            "SELECT count(*) FROM pg_statistic s JOIN pg_class c ON c.oid = s.starelid "
            "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'"
        )
        return cursor.fetchone()[0]


@pytest.fixture(scope="module")
def unanalysed(django_db_setup, django_db_blocker):
    if connection.vendor != "postgresql":
        pytest.skip("The search benchmark needs PostgreSQL: set DATABASE_URL (see the module docstring).")
    with django_db_blocker.unblock():
        if Recommendation.objects.count() < ROWS:
            call_command("generate_dataset", recommendations=ROWS, analyze=False)
        left = drop_statistics()
        assert left == 0, "statistics could not be dropped (a superuser is needed)"
        yield Recommendation.objects.count()


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def test_search_without_statistics(unanalysed, django_db_blocker, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    urls = {
        "site search": f"/en/search/?q={quote(WORD)}",
        "site search (ru)": f"/search/?q={quote(WORD)}",
        "list: text query": f"/en/recommendations/?q={quote(WORD)}",
        "list: text query p2": f"/en/recommendations/?q={quote(WORD)}&page=2",
    }
    client = Client()
    rows = []
    with django_db_blocker.unblock():
        for name, url in urls.items():
            assert client.get(url).status_code == 200, url  # warm-up
            timings, cpu_times, sql_times = [], [], []
            for _ in range(REQUESTS):
                started, cpu_started = time.perf_counter(), time.process_time()
                with CaptureQueriesContext(connection) as queries:
                    response = client.get(url)
                timings.append((time.perf_counter() - started) * 1000)
                cpu_times.append((time.process_time() - cpu_started) * 1000)
                sql_times.append(sum(float(query["time"]) for query in queries.captured_queries) * 1000)
                assert response.status_code == 200
            rows.append((name, url, timings, cpu_times, sql_times, len(queries)))
    # On a shared machine the wall clock also measures the neighbours: the request's own Python CPU time
    # and the time its SQL took are printed beside it.
    print(f"\n\nWithout statistics, {unanalysed:,} recommendations, {REQUESTS} requests each (test client, no cache)")
    print(
        f"{'page':<22} {'p50 ms':>8} {'p95 ms':>8} {'cpu p50':>8} {'sql p50':>8} {'sql p95':>8} {'queries':>8}"
        f"  {'target':<7} url"
    )
    for name, url, timings, cpu_times, sql_times, count in rows:
        p95 = percentile(timings, 0.95)
        print(
            f"{name:<22} {statistics.median(timings):8.1f} {p95:8.1f} {statistics.median(cpu_times):8.1f}"
            f" {statistics.median(sql_times):8.1f} {percentile(sql_times, 0.95):8.1f} {count:8d}"
            f"  {'ok' if p95 <= TARGET_MS else 'SLOW':<7} {url}"
        )
    print(f"load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
