"""Benchmarks of the Excel export and the UHRI import (``make bench``; PostgreSQL through DATABASE_URL).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal make bench PYTEST_ARGS="-k excel --reuse-db"

The data comes from ``generate_dataset``. Figures are printed, and the targets of the issue are
asserted: the export takes at most 1.5× what openpyxl's write-only mode alone needs to write the
same rows (measured in the same run), peaks under 300 MB and runs the same number of queries for
100,000 rows as for ten; the UHRI import runs at 2,000 rows a second or better, history included.
"""

import datetime
import os
import random
import resource
import time
import tracemalloc

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import Workbook

from recommendations.filters import RecommendationFilter
from recommendations.imports.uhri import uhri_import, uhri_plan
from recommendations.models import Recommendation
from recommendations.workbooks import (
    ASSESSMENT_COLUMNS,
    RECOMMENDATION_COLUMNS,
    assessment_export_rows,
    recommendation_export_rows,
    recommendation_status_workbook,
)

pytestmark = pytest.mark.bench

EXPORT_ROWS = int(os.environ.get("BENCH_EXPORT_ROWS", "100000"))
IMPORT_ROWS = int(os.environ.get("BENCH_IMPORT_ROWS", "50000"))


def coordinator_stand_in():
    """Someone the access rules treat as a coordinator: the export then holds every row."""
    return get_user_model()(username="bench", is_active=True, is_superuser=True)


@pytest.fixture(scope="module")
def dataset(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        if Recommendation.objects.count() < EXPORT_ROWS:
            started = time.perf_counter()
            call_command("generate_dataset", recommendations=EXPORT_ROWS)
            print(f"\ngenerate_dataset --recommendations {EXPORT_ROWS}: {time.perf_counter() - started:.1f} s")
        if connection.vendor == "postgresql":
            # What autovacuum would have done by the time anyone exports: planner statistics.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        yield Recommendation.objects.count()


def peak_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def test_export_against_openpyxl_alone(dataset, django_db_blocker, tmp_path):
    user = coordinator_stand_in()
    with django_db_blocker.unblock():
        queryset = RecommendationFilter(None, queryset=Recommendation.objects.visible_to(user)).qs
        # The baseline writes exactly the cells of the export (both data sheets), fetched beforehand.
        rec_rows = [list(r) + [f"/recommendations/{r[0]}/"] for r in recommendation_export_rows(queryset, user=user)]
        assessment_rows = list(assessment_export_rows(queryset, user=user, language="ru"))
        rows = len(rec_rows)

        started = time.perf_counter()
        wb = Workbook(write_only=True)
        ws = wb.create_sheet("Recommendations")
        ws.append([str(c.header) for c in RECOMMENDATION_COLUMNS])
        for row in rec_rows:
            ws.append(row)
        ws = wb.create_sheet("Assessments")
        ws.append([str(c.header) for c in ASSESSMENT_COLUMNS])
        for row in assessment_rows:
            ws.append([v.replace(tzinfo=None) if isinstance(v, datetime.datetime) else v for v in row])
        wb.save(tmp_path / "baseline.xlsx")
        baseline = time.perf_counter() - started
        del rec_rows, assessment_rows

        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            with open(tmp_path / "export.xlsx", "wb") as out:
                written = recommendation_status_workbook(queryset, out, user=user, language="en")
            export = time.perf_counter() - started
        query_count = len(queries.captured_queries)

        small = queryset.filter(pk__in=queryset.values("pk")[:10])
        with CaptureQueriesContext(connection) as few, open(tmp_path / "small.xlsx", "wb") as out:
            recommendation_status_workbook(small, out, user=user, language="en")

        tracemalloc.start()
        with open(tmp_path / "export-traced.xlsx", "wb") as out:
            recommendation_status_workbook(queryset, out, user=user, language="en")
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()

    ratio = export / baseline
    size_mb = (tmp_path / "export.xlsx").stat().st_size / 1024 / 1024
    print(
        f"\nexport: {written} recommendations, {size_mb:.1f} MB file; workbook {export:.1f} s, "
        f"openpyxl write-only alone {baseline:.1f} s, ratio {ratio:.2f}; "
        f"peak Python memory {peak / 1024 / 1024:.0f} MB (tracemalloc), process max RSS {peak_rss_mb():.0f} MB; "
        f"queries {query_count} for {written} rows, {len(few.captured_queries)} for 10 rows"
    )
    assert written == rows >= min(EXPORT_ROWS, dataset)
    assert ratio <= 1.5
    assert peak < 300 * 1024 * 1024
    assert query_count == len(few.captured_queries)


def uhri_file(path, rows, *, seed=7, offset=0):
    """A UHRI-like export: its real columns, multi-value cells, serial and text dates, UN country names."""
    rng = random.Random(seed)
    countries = ["Kyrgyzstan", "Kazakhstan", "Russian Federation", "Republic of Moldova", "Türkiye", "Uzbekistan"]
    bodies = ["CMW", "CESCR", "CEDAW", "CRC", "UPR", "CCPR", "CERD"]
    themes = [f"Theme {n}" for n in range(60)]
    groups = ["Migrants", "Women & girls", "Children", "Human rights defenders", "Persons with disabilities"]
    sdgs = ["8.8 - Protect labour rights", "10.7 - Facilitate orderly, safe, regular and responsible migration"]
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("UHRI")
    ws.append(
        [
            "Text",
            "Countries Concerned",
            "Reccomending Body",
            "Document Symbol",
            "Themes",
            "Affected Persons",
            "Sdgs",
            "Document Publication Date",
            "UPR Reccomending States",
            "UPR Position",
            "Type",
            "OHCHR Annotation Id",
            "UPR Session",
            "Regions Concerned",
            "Recommending Regions",
            "Date of publication on UHRI",
        ]
    )
    for n in range(offset, offset + rows):
        body = rng.choice(bodies)
        country = rng.choice(countries)
        year = rng.randint(2008, 2024)
        ws.append(
            [
                f"Recommendation {n}: ensure that migrant workers and members of their families enjoy their rights "
                f"without discrimination, in law and in practice, and strengthen labour inspection ({n}).",
                f"- {country}",
                body,
                f"{body}/C/{country[:3].upper()}/CO/{year}-{n % 40}",
                "\n".join(f"- {t}" for t in rng.sample(themes, rng.randint(1, 4))),
                "\n".join(f"- {g}" for g in rng.sample(groups, rng.randint(0, 2))),
                "\n".join(f"- {s}" for s in rng.sample(sdgs, rng.randint(0, 2))),
                (datetime.date(year, 1, 1) - datetime.date(1899, 12, 30)).days + rng.randint(0, 300)
                if n % 2
                else f"{year}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
                "- Germany\n- France" if body == "UPR" else "",
                rng.choice(["Supported", "Noted"]) if body == "UPR" else "",
                rng.choice(["Recommendations", "Concerns/Observations"]),
                f"bench-{n:08d}",
                str(rng.randint(1, 45)) if body == "UPR" else "",
                "- Asia",
                "",
                f"{year + 1}-02-03",
            ]
        )
    wb.save(path)


def test_uhri_import_rate(dataset, django_db_blocker, tmp_path):
    path = tmp_path / "uhri.xlsx"
    uhri_file(path, IMPORT_ROWS)
    with django_db_blocker.unblock():
        history_before = Recommendation.history.count()
        rec_before = Recommendation.objects.count()
        started = time.perf_counter()
        plan = uhri_plan(path, max_bytes=200 * 1024 * 1024)
        reading = time.perf_counter() - started
        result = uhri_import(plan=plan)
        elapsed = time.perf_counter() - started
        created_history = Recommendation.history.count() - history_before

        started = time.perf_counter()
        again = uhri_plan(path, max_bytes=200 * 1024 * 1024)
        second = uhri_import(plan=again)
        elapsed_again = time.perf_counter() - started
        # Leave the database as it was for the other benchmarks.
        Recommendation.objects.filter(uhri_id__startswith="bench-").delete()
        Recommendation.history.filter(uhri_id__startswith="bench-").delete()

    rate = IMPORT_ROWS / elapsed
    print(
        f"\nUHRI import: {IMPORT_ROWS} rows ({path.stat().st_size / 1024 / 1024:.1f} MB .xlsx) in {elapsed:.1f} s "
        f"(reading and checking {reading:.1f} s), {rate:.0f} rows/s, "
        f"{result.created} created, {created_history} history rows; second import {elapsed_again:.1f} s, "
        f"{second.created} created, {second.updated} updated, {second.unchanged} unchanged"
    )
    assert result.created == IMPORT_ROWS
    assert created_history == IMPORT_ROWS
    assert Recommendation.objects.count() >= rec_before
    assert second.created == second.updated == 0
    assert rate >= 2000
