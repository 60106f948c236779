"""Benchmarks of the Excel export and the UHRI import (``make bench``; PostgreSQL through DATABASE_URL).

    createdb -h 127.0.0.1 -U postgres -T portal_bench300k test_portal_bench   # a clone of 300,000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_bench BENCH_RECOMMENDATIONS=300000 \
        make bench BENCH=tests/bench/test_excel.py PYTEST_ARGS=--reuse-db

The data comes from ``generate_dataset`` (BENCH_RECOMMENDATIONS, default 100,000; BENCH_EXPORT_ROWS is its
older name). One run prints every figure of issue 10, each with the load average beside it:

* the export of every recommendation with the assessment and summary sheets, against openpyxl's write-only
  mode writing the same cells from memory in the same run (their ratio: target ≤ 1.2), and the export's
  peak resident memory measured alone, in a process of its own (``manage.py export_recommendations``;
  target ≤ 150 MB), beside the peak of the same process doing nothing but start Django;
* the UHRI import of 50,000 rows (BENCH_IMPORT_ROWS), history for every row (target ≥ 5,000 rows/s);
* 300,000 rows (BENCH_IMPORT_JOB_ROWS) imported as the web import does it: the upload's preview job, then
  the write job, through the task functions the worker runs (target: the write job within 2 minutes).

Asserted: the query count of the export does not grow with its rows, and what each import wrote; timings
are printed, not asserted (the machine may be busy), except the export's ratio to openpyxl alone (at most 1.5).
"""

import csv
import datetime
import gc
import os
import random
import resource
import subprocess
import sys
import time

import pytest
from django.conf import settings
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

# django_db: without a database mark pytest-django creates no test database and the benchmark would run on
# (and fill) the database DATABASE_URL names. Each test runs in a transaction rolled back at its end; the
# module's dataset is committed before, so that --reuse-db keeps it.
pytestmark = [pytest.mark.bench, pytest.mark.django_db]

EXPORT_ROWS = int(os.environ.get("BENCH_RECOMMENDATIONS", os.environ.get("BENCH_EXPORT_ROWS", "100000")))
IMPORT_ROWS = int(os.environ.get("BENCH_IMPORT_ROWS", "50000"))
IMPORT_JOB_ROWS = int(os.environ.get("BENCH_IMPORT_JOB_ROWS", "300000"))


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


def load_average():
    return "load average " + " ".join(f"{n:.2f}" for n in os.getloadavg())


# Run in a fresh interpreter: its peak resident memory (VmHWM) once Django has started, then once the command ran.
# Not the rusage of a child: Linux carries the parent's peak over the child's exec, so that would be pytest's.
CHILD = """
import os, sys, time, django
def peak():
    return next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM")) / 1024
django.setup()
from django.core.management import call_command
idle, started = peak(), time.perf_counter()
call_command(*sys.argv[1:])
print(idle, peak(), time.perf_counter() - started)
"""


def command_peak_rss(*args):
    """(peak MB of a process that only started Django, its peak once ``manage.py *args`` ran, seconds), run alone
    in a process of its own on the test database."""
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="platform_site.settings")
    env["DATABASE_URL"] = f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"
    child = subprocess.run(
        [sys.executable, "-c", CHILD, *args], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True
    )
    assert child.returncode == 0, child.stderr[-2000:]
    idle, peak, seconds = map(float, child.stdout.split()[-3:])
    return idle, peak, seconds


def test_export_against_openpyxl_alone(dataset, django_db_blocker, tmp_path):
    user = coordinator_stand_in()
    with django_db_blocker.unblock():
        queryset = RecommendationFilter(None, queryset=Recommendation.objects.visible_to(user)).qs
        # The baseline writes exactly the cells of the export (both data sheets), fetched beforehand.
        rec_rows = [list(r) + [f"/recommendations/{r[0]}/"] for r in recommendation_export_rows(queryset, user=user)]
        assessment_rows = list(assessment_export_rows(queryset, user=user, language="ru"))
        rows = len(rec_rows)

        load_before = load_average()
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
        del rec_rows, assessment_rows, wb, ws
        gc.collect()

        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            with open(tmp_path / "export.xlsx", "wb") as out:
                written = recommendation_status_workbook(queryset, out, user=user, language="en")
            export = time.perf_counter() - started
        query_count = len(queries.captured_queries)
        load_after = load_average()

        small = queryset.filter(pk__in=queryset.values("pk")[:10])
        with CaptureQueriesContext(connection) as few, open(tmp_path / "small.xlsx", "wb") as out:
            recommendation_status_workbook(small, out, user=user, language="en")

    ratio = export / baseline
    size_mb = (tmp_path / "export.xlsx").stat().st_size / 1024 / 1024
    print(
        f"\nexport: {written} recommendations, {size_mb:.1f} MB file; workbook {export:.1f} s, "
        f"openpyxl write-only alone {baseline:.1f} s, ratio {ratio:.2f} (target <= 1.2) "
        f"[{load_before}; after: {load_after}]; queries {query_count} for {written} rows, "
        f"{len(few.captured_queries)} for 10 rows"
    )
    if connection.vendor == "postgresql":
        # Alone in a process of its own: what the export adds to a process that has started Django.
        idle, peak, seconds = command_peak_rss("export_recommendations", str(tmp_path / "alone.xlsx"), "--all")
        print(
            f"export alone (manage.py export_recommendations --all, a process of its own): peak RSS {peak:.0f} MB "
            f"(target <= 150), {seconds:.1f} s; the same process once Django started: {idle:.0f} MB [{load_average()}]"
        )
    assert written == rows >= min(EXPORT_ROWS, dataset)
    assert ratio <= 1.5
    assert query_count == len(few.captured_queries)


def uhri_file(path, rows, *, seed=7, offset=0, revised_every=0):
    """A UHRI-like export: its real columns, multi-value cells, serial and text dates, UN country names.

    Written as CSV when ``path`` ends in .csv, else as a workbook. ``revised_every=n`` gives every n-th
    recommendation a revised text: a newer export of the same recommendations.
    """
    rng = random.Random(seed)
    countries = ["Kyrgyzstan", "Kazakhstan", "Russian Federation", "Republic of Moldova", "Türkiye", "Uzbekistan"]
    bodies = ["CMW", "CESCR", "CEDAW", "CRC", "UPR", "CCPR", "CERD"]
    themes = [f"Theme {n}" for n in range(60)]
    groups = ["Migrants", "Women & girls", "Children", "Human rights defenders", "Persons with disabilities"]
    sdgs = ["8.8 - Protect labour rights", "10.7 - Facilitate orderly, safe, regular and responsible migration"]
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("UHRI")
    append = ws.append
    if str(path).endswith(".csv"):
        handle = open(path, "w", newline="", encoding="utf-8")  # noqa: SIM115
        append = csv.writer(handle).writerow
    append(
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
        append(
            [
                f"Recommendation {n}: ensure that migrant workers and members of their families enjoy their rights "
                f"without discrimination, in law and in practice, and strengthen labour inspection ({n})."
                + (" Revised." if revised_every and n % revised_every == 0 else ""),
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
    if str(path).endswith(".csv"):
        handle.close()
    else:
        wb.save(path)


def timed_import(path):
    """(result, seconds reading and checking, seconds in all, history rows written) of one UHRI import."""
    history_before = Recommendation.history.count()
    started = time.perf_counter()
    plan = uhri_plan(path, max_bytes=200 * 1024 * 1024)
    reading = time.perf_counter() - started
    result = uhri_import(plan=plan)
    elapsed = time.perf_counter() - started
    return result, reading, elapsed, Recommendation.history.count() - history_before


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_uhri_import_rate(dataset, django_db_blocker, tmp_path, kind):
    """First import, the same file again (nothing written), then a newer export with a tenth revised."""
    path, newer = tmp_path / f"uhri.{kind}", tmp_path / f"uhri-newer.{kind}"
    uhri_file(path, IMPORT_ROWS)
    revised_every = 10
    uhri_file(newer, IMPORT_ROWS, revised_every=revised_every)
    revised = len(range(0, IMPORT_ROWS, revised_every))
    with django_db_blocker.unblock():
        # The test's transaction is rolled back at its end: the database stays as the dataset left it.
        rec_before = Recommendation.objects.count()
        result, reading, elapsed, history = timed_import(path)
        load_first = load_average()
        second, reading_again, elapsed_again, history_again = timed_import(path)
        third, reading_newer, elapsed_newer, history_newer = timed_import(newer)
        load_last = load_average()

    rate = IMPORT_ROWS / elapsed
    print(
        f"\nUHRI import ({kind}, {path.stat().st_size / 1024 / 1024:.1f} MB, {rec_before} recommendations "
        f"already there): first {IMPORT_ROWS} rows in {elapsed:.1f} s (reading and checking {reading:.1f} s), "
        f"{rate:.0f} rows/s (target >= 5000), {result.created} created, {history} history rows [{load_first}]; "
        f"same file again {elapsed_again:.1f} s ({IMPORT_ROWS / elapsed_again:.0f} rows/s), {second.created} created, "
        f"{second.updated} updated, {history_again} history rows; newer export {elapsed_newer:.1f} s "
        f"({IMPORT_ROWS / elapsed_newer:.0f} rows/s, reading {reading_newer:.1f} s), {third.updated} updated, "
        f"{third.unchanged} unchanged, {history_newer} history rows [{load_last}]"
    )
    assert result.created == history == IMPORT_ROWS
    assert second.created == second.updated == history_again == 0
    assert third.created == 0 and third.updated == history_newer == revised


def test_uhri_import_of_the_whole_index_as_a_job(dataset, django_db_blocker, tmp_path, settings):
    """IMPORT_JOB_ROWS rows, all new, uploaded and confirmed as on the import page: the preview job, then the
    write job, each through the task function the worker runs (tests run tasks at once, in the test's
    transaction, which is rolled back at its end)."""
    from django.core.files import File

    from jobs.models import Job
    from recommendations.transfers import import_confirm, import_upload

    path = tmp_path / "uhri-all.csv"
    uhri_file(path, IMPORT_JOB_ROWS, seed=11, offset=10_000_000)
    size_mb = path.stat().st_size / 1024 / 1024
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.MAX_IMPORT_MB = max(int(size_mb) + 1, getattr(settings, "MAX_IMPORT_MB", 0))
    with django_db_blocker.unblock():
        owner = get_user_model().objects.create(username="bench-importer", is_staff=True, is_superuser=True)
        rss_before = peak_rss_mb()
        started = time.perf_counter()
        with open(path, "rb") as handle:
            preview = import_upload(user=owner, kind="uhri", upload=File(handle, name=path.name), site_url="")
        previewed = time.perf_counter() - started
        preview.refresh_from_db()
        assert preview.state == Job.State.DONE, preview.error
        load_preview = load_average()
        started = time.perf_counter()
        write = import_confirm(job=preview, user=owner, acknowledged=False, site_url="")
        written = time.perf_counter() - started
        write.refresh_from_db()
        load_write = load_average()
        assert write.state == Job.State.DONE, write.error
        created = write.data["result"]["created"]
    print(
        f"\nUHRI import as jobs, {IMPORT_JOB_ROWS} rows ({size_mb:.0f} MB CSV): preview job {previewed:.1f} s "
        f"[{load_preview}]; write job {written:.1f} s (target <= 120 s), {IMPORT_JOB_ROWS / written:.0f} rows/s, "
        f"{created} created [{load_write}]; process max RSS {rss_before:.0f} MB before, {peak_rss_mb():.0f} MB after"
    )
    assert created == IMPORT_JOB_ROWS


def peak_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
