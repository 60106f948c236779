"""Benchmark of the open data API at 200,000 recommendations (``make bench``; PostgreSQL through DATABASE_URL).

    createdb -h 127.0.0.1 -U postgres -T portal_bench200k test_portal_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_bench make bench PYTEST_ARGS="-k api --reuse-db"

Through Django's test client, as an anonymous caller (throttling off): p50/p95 over ``BENCH_REQUESTS``
requests of filtered pages of 100 recommendations, and the first page of a cursor walk against its
2,000th page (the cursor of the 2,000th page is the one the walk would reach: the id after which it
starts); the SQL queries of a page of 10 and of 100; then the whole bulk dump, timed. ``VACUUM ANALYZE``
first, as autovacuum would have done on a live database; ``BENCH_API_STATISTICS=drop`` instead drops the
planner's statistics, as on a fresh bulk load never analysed (tests/bench/test_search.py; superuser).

Each list whose viewset builds its page from values() (``list_rows``, api/values_rows.py) is measured
twice in the same run, that way and through its serializer as before ("before"), so the ratio holds
whatever else the machine is doing. Figures are printed against the issue's targets (p95 ≤ 100 ms, deep
page as fast as the first, dump ≤ 2 minutes) with the load average; only the query count, which does not
depend on the machine, is asserted.
"""

import base64
import gc
import os
import statistics
import time
from unittest.mock import patch
from urllib.parse import urlencode

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from api import views
from api.dumps import public_dump_write
from recommendations.models import Recommendation
from tests.bench.test_search import drop_statistics

pytestmark = [pytest.mark.bench, pytest.mark.django_db]

ROWS = int(os.environ.get("BENCH_RECOMMENDATIONS", "200000"))
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "30"))
TARGET_MS = 100
DEEP_PAGE = 2000
WALK_PAGE_SIZE = 50  # 2,000 pages of 50: the middle of 200,000 (pages of 100 would run past the end)
STATISTICS = os.environ.get("BENCH_API_STATISTICS", "analyze")
# The viewset answering each list, to measure its serializer path beside its values() path.
VIEWSETS = {
    "recommendations": views.RecommendationViewSet,
    "organisations": views.OrganisationViewSet,
    "events": views.EventViewSet,
    "reports": views.ReportViewSet,
}


@pytest.fixture(scope="module")
def dataset(django_db_setup, django_db_blocker):
    if connection.vendor != "postgresql":
        pytest.skip("The API benchmark needs PostgreSQL: set DATABASE_URL (see the module docstring).")
    with django_db_blocker.unblock():
        if Recommendation.objects.count() < ROWS:
            started = time.perf_counter()
            call_command("generate_dataset", recommendations=ROWS)
            print(f"\ngenerate_dataset --recommendations {ROWS}: {time.perf_counter() - started:.1f} s")
        if STATISTICS == "drop":
            assert drop_statistics() == 0, "statistics could not be dropped (a superuser is needed)"
        else:
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
        yield Recommendation.objects.count()


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def cursor_after(pk: int) -> str:
    """DRF's cursor for "the page after the object ``pk``" (what ``next`` holds once the walk got there)."""
    return base64.b64encode(urlencode({"p": str(pk)}).encode()).decode()


def timed(client, url, requests=REQUESTS):
    """Wall time p50 and p95, the medians of the process's CPU time and of the SQL time in ms, the queries.

    On a shared machine wall time carries the other processes' load; CPU and SQL time show the request's own.
    """
    times, cpu, sql = [], [], []
    for _ in range(requests):
        with CaptureQueriesContext(connection) as captured:
            started, started_cpu = time.perf_counter(), time.process_time()
            response = client.get(url)
            if response.streaming:
                b"".join(response.streaming_content)  # a streamed CSV is timed to its last byte
            times.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
        sql.append(sum(float(query["time"]) for query in captured.captured_queries) * 1000)
        assert response.status_code == 200, (url, response.content[:300])
    return (
        statistics.median(times),
        percentile(times, 0.95),
        statistics.median(cpu),
        statistics.median(sql),
        len(captured),
        response,
    )


def test_api_pages_cursor_depth_and_queries(dataset, django_db_blocker, settings):
    settings.API_ANON_RATE = "1000000/minute"
    client = Client()
    with django_db_blocker.unblock():
        public = Recommendation.objects.public().order_by("pk").values_list("pk", flat=True)
        deep_after = public[DEEP_PAGE * WALK_PAGE_SIZE - WALK_PAGE_SIZE - 1]  # the last id of page 1,999
        busy = (
            Recommendation.objects.public()
            .filter(review__mechanism__code="CMW")
            .values_list("review__state", flat=True)
            .order_by("review__state")
            .first()
        )
        urls = {
            "CMW, state, status": f"/api/v1/recommendations/?mechanism=CMW&state={busy}&status=not_implemented"
            "&page_size=100",
            "CMW to KZ, not impl.": "/api/v1/recommendations/?mechanism=CMW&state=KZ&status=not_implemented"
            "&page_size=100",
            "status in progress": "/api/v1/recommendations/?status=in_progress&page_size=100",
            "UPR, 2015": "/api/v1/recommendations/?mechanism=UPR&year=2015&page_size=100",
            "cursor: page 1": f"/api/v1/recommendations/?page_size={WALK_PAGE_SIZE}",
            f"cursor: page {DEEP_PAGE}": f"/api/v1/recommendations/?page_size={WALK_PAGE_SIZE}"
            f"&cursor={cursor_after(deep_after)}",
            "events": "/api/v1/events/?page_size=100",
            "reports": "/api/v1/reports/?page_size=100",
            "organisations": "/api/v1/organisations/?page_size=100",
            "as CSV, CMW+state": f"/api/v1/recommendations/?mechanism=CMW&state={busy}&format=csv",
        }
        print(
            f"\n{dataset} recommendations ({STATISTICS} statistics); {REQUESTS} requests each; "
            f"target p95 <= {TARGET_MS} ms; 'before': the same list through its serializer"
        )
        print(
            f"{'request':<22} {'p50 ms':>8} {'p95 ms':>8} {'cpu p50':>8} {'sql p50':>8} {'queries':>7} {'objects':>8}"
            f"  {'target':<6} {'p95 before':>10} {'cpu before':>10} {'p95 ratio':>9}  url"
        )
        for url in urls.values():
            client.get(url)  # warm: the first request compiles templates and fills caches
        # As a gunicorn worker does once it has loaded the portal (gunicorn.conf.py, post_worker_init): what is
        # loaded so far leaves the garbage collector's sight, so a full collection scans only what requests make.
        gc.freeze()
        results = {}
        loads = []
        for name, url in urls.items():
            loads.append(os.getloadavg()[0])
            p50, p95, cpu, sql, queries, response = timed(client, url)
            count = "csv" if response.streaming else len(response.json()["results"])
            results[name] = p95
            verdict = "ok" if p95 <= TARGET_MS or response.streaming else "SLOW"
            before = ""
            viewset = VIEWSETS.get(url.split("/")[3])
            if viewset is not None and viewset.list_rows is not None and not response.streaming:
                with patch.object(viewset, "list_rows", None):
                    _p50, old_p95, old_cpu, _sql, _queries, old = timed(client, url)
                assert old.content == response.content, f"{url}: the values() page differs from the serializer's"
                before = f"{old_p95:10.1f} {old_cpu:10.1f} {p95 / old_p95:9.2f}"
            else:
                before = f"{'':>10} {'':>10} {'':>9}"
            print(
                f"{name:<22} {p50:8.1f} {p95:8.1f} {cpu:8.1f} {sql:8.1f} {queries:7d} {count!s:>8}  {verdict:<6} "
                f"{before}  {url}"
            )
        ratio = results[f"cursor: page {DEEP_PAGE}"] / results["cursor: page 1"]
        print(f"page {DEEP_PAGE} / page 1 (p95): {ratio:.2f} (target: about 1)")
        print(f"load average while measuring: {min(loads):.1f}-{max(loads):.1f} on {os.cpu_count()} CPUs")

        counts = {}
        for resource in ("recommendations", "organisations", "events", "reports"):
            for size in (10, 100):
                with CaptureQueriesContext(connection) as captured:
                    client.get(f"/api/v1/{resource}/?page_size={size}")
                counts[resource, size] = len(captured)
            print(
                f"SQL queries per API page of {resource}: {counts[resource, 10]} at 10 objects, "
                f"{counts[resource, 100]} at 100"
            )
        for resource in ("recommendations", "organisations", "events", "reports"):
            assert counts[resource, 10] == counts[resource, 100], resource


def test_bulk_dump_of_everything(dataset, django_db_blocker, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with django_db_blocker.unblock():
        started, started_cpu = time.perf_counter(), time.process_time()
        folder = public_dump_write(base_url="https://portal.example.org")
        elapsed, cpu = time.perf_counter() - started, time.process_time() - started_cpu
    size = sum(path.stat().st_size for path in folder.iterdir())
    verdict = "ok" if elapsed <= 120 else "SLOW"
    print(
        f"\nbulk dump of everything: {elapsed:.1f} s wall, {cpu:.1f} s CPU "
        f"({size / 1e6:.1f} MB gzip, {dataset} recommendations) {verdict}"
    )
