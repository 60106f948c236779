"""Soak test: SOAK_MINUTES (default 10) of mixed traffic on gunicorn and a background worker (``make bench``).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_bench \\
        make bench BENCH=tests/bench/test_soak.py PYTEST_ARGS="--reuse-db"
    SOAK_MINUTES=2 BENCH_RECOMMENDATIONS=2000 …   # a short run that checks the harness

The test fills the test database with ``generate_dataset`` (BENCH_RECOMMENDATIONS, default 50,000, kept
with ``--reuse-db``) and two accounts, starts gunicorn exactly as production does (``gunicorn -c
gunicorn.conf.py``, WEB_CONCURRENCY=2, DEBUG off) and ``manage.py db_worker`` when the jobs app provides it,
then runs locust headless (tests/bench/soak_locustfile.py: visitors, a member who records actions, a
coordinator who exports the list and follows the job to its download) with SOAK_USERS simulated people.
SOAK_EXPORT_QUERY narrows the coordinator's export with the list's filters (default: everything), e.g. to
about 50,000 rows of a larger database.

Locust runs in a process of its own: it monkey-patches the standard library with gevent on import, which
must not happen inside the test process that holds Django's database connection.

It asserts 0 failed requests and that the memory (RSS) of each gunicorn worker and of the background
worker at the end is within 20 % of what it was after the first minute, and prints the figures.
"""

import csv
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

import psutil
import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command, get_commands
from django.db import connection

from advocacy.models import Event
from partners.models import Membership, Organisation
from partners.services import membership_set
from recommendations.models import Recommendation
from recommendations.views import RecommendationListView

# django_db: pytest-django creates the test database only for the aliases that marked tests ask for. The
# data is written (committed) by the module fixture; the test itself only reads through the servers.
pytestmark = [pytest.mark.bench, pytest.mark.django_db]

ROWS = int(os.environ.get("BENCH_RECOMMENDATIONS", "50000"))
MINUTES = float(os.environ.get("SOAK_MINUTES", "10"))
USERS = int(os.environ.get("SOAK_USERS", "17"))
FIRST_MINUTE = min(60.0, MINUTES * 60 / 2)
GROWTH_ALLOWED = 0.20
BASE_DIR = Path(settings.BASE_DIR)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url():
    db = connection.settings_dict
    password = f":{quote(db['PASSWORD'])}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture(scope="module")
def soak_data(django_db_setup, django_db_blocker):
    if connection.vendor != "postgresql":
        pytest.skip("The soak test needs PostgreSQL: set DATABASE_URL (see the module docstring).")
    password = secrets.token_urlsafe(16)
    with django_db_blocker.unblock():
        if Recommendation.objects.count() < ROWS:
            started = time.perf_counter()
            call_command("generate_dataset", recommendations=ROWS)
            print(f"\ngenerate_dataset --recommendations {ROWS}: {time.perf_counter() - started:.1f} s")
        users = {}
        for username, role in (
            ("soak_member", Membership.Role.MEMBER),
            ("soak_coordinator", Membership.Role.COORDINATOR),
        ):
            user, _ = get_user_model().objects.get_or_create(username=username)
            user.set_password(password)
            user.save()
            organisation, _ = Organisation.objects.get_or_create(
                slug=f"soak-{role}", defaults={"name": f"Soak test {role}", "kind": Organisation.Kind.NGO}
            )
            membership_set(user=user, organisation=organisation, role=role)
            users[role] = username
        max_pk = Recommendation.objects.order_by("-pk").values_list("pk", flat=True).first()
        count = Recommendation.objects.count()
        # The anonymous list's last page: a visitor asks only for pages that exist.
        pages = max(1, Recommendation.objects.public().count() // RecommendationListView.paginate_by)
    return {"password": password, "users": users, "max_pk": max_pk, "rows": count, "pages": pages}


def wait_until_up(base, process, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("gunicorn exited")
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError("gunicorn did not answer")


def rss_mb(pid):
    try:
        return psutil.Process(pid).memory_info().rss / 2**20
    except psutil.NoSuchProcess:
        return None


def memory(gunicorn, worker):
    """RSS in MB of each gunicorn worker (by pid) and of the background worker."""
    figures = {f"gunicorn worker {child.pid}": rss_mb(child.pid) for child in psutil.Process(gunicorn.pid).children()}
    if worker is not None:
        figures["db_worker"] = rss_mb(worker.pid)
    return figures


def stop(process):
    if process is not None and process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def test_soak(soak_data, tmp_path):
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "DEBUG": "false",
        "SECRET_KEY": "soak-" + secrets.token_hex(24),
        "ALLOWED_HOSTS": "127.0.0.1",
        "STATIC_ROOT": str(tmp_path / "static"),
        "VAR_DIR": str(tmp_path / "var"),
        "MEDIA_ROOT": str(tmp_path / "media"),
        "PAGE_CACHE_SECONDS": "300",
        # Plain HTTP on the loopback: no secure cookies, HTTPS redirect or HSTS (the hardening settings).
        "SECURE_COOKIES": "false",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
        "LOG_LEVEL": "WARNING",
        "LOG_FORMAT": "json",
        "WEB_CONCURRENCY": "2",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
    }
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "--verbosity", "0"],
        cwd=BASE_DIR,
        env=env,
        check=True,
    )
    logs = tmp_path / "logs"
    logs.mkdir()
    gunicorn = worker = locust = None
    try:
        gunicorn = subprocess.Popen(
            [str(Path(sys.executable).with_name("gunicorn")), "-c", "gunicorn.conf.py"],
            cwd=BASE_DIR,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=(logs / "gunicorn.log").open("w"),
        )
        if "db_worker" in get_commands():
            worker = subprocess.Popen(
                [sys.executable, "manage.py", "db_worker"],
                cwd=BASE_DIR,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=(logs / "worker.log").open("w"),
            )
        else:
            print("\nmanage.py db_worker is not available (the jobs branch is not merged): exports run in the request.")
        wait_until_up(base, gunicorn)

        seconds = int(MINUTES * 60)
        locust = subprocess.Popen(
            [sys.executable, "-m", "locust", "-f", str(Path(__file__).with_name("soak_locustfile.py")), "--headless"]
            + ["--host", base, "--users", str(USERS), "--spawn-rate", str(max(1, USERS // 5))]
            + ["--run-time", f"{seconds}s", "--stop-timeout", "60", "--csv", str(tmp_path / "soak"), "--only-summary"]
            + ["--loglevel", "WARNING"],
            cwd=BASE_DIR,
            env={
                **os.environ,
                "SOAK_PASSWORD": soak_data["password"],
                "SOAK_MEMBER": soak_data["users"][Membership.Role.MEMBER],
                "SOAK_COORDINATOR": soak_data["users"][Membership.Role.COORDINATOR],
                "SOAK_MAX_PK": str(soak_data["max_pk"]),
                "SOAK_PAGES": str(min(500, soak_data["pages"])),
                "SOAK_EVENT_KIND": Event.Kind.SIDE_EVENT.value,
            },
            stdout=(logs / "locust.log").open("w"),
            stderr=subprocess.STDOUT,
        )
        time.sleep(FIRST_MINUTE)
        after_first_minute = memory(gunicorn, worker)
        time.sleep(max(0.0, seconds - FIRST_MINUTE - 5))
        at_the_end = memory(gunicorn, worker)
        locust.wait(timeout=seconds + 600)
    finally:
        stop(locust)
        stop(worker)
        stop(gunicorn)

    with (tmp_path / "soak_stats.csv").open() as handle:
        stats = list(csv.DictReader(handle))
    total = next(row for row in stats if row["Name"] == "Aggregated")
    failures_file = tmp_path / "soak_failures.csv"
    failures = list(csv.DictReader(failures_file.open())) if failures_file.exists() else []
    # /healthz answers 503 until the worker's first heartbeat, while the test waits for the server: not counted.
    server_errors = sum(
        '"status": 5' in line and '"path": "/healthz"' not in line
        for line in (logs / "gunicorn.log").read_text().splitlines()
    )

    print(f"\n\nSoak test: {MINUTES:g} min, {USERS} simulated people, {soak_data['rows']:,} recommendations")
    print(f"{'request':<28} {'count':>7} {'fails':>6} {'p50 ms':>8} {'p95 ms':>8}")
    for row in stats:
        print(
            f"{row['Name'][:28]:<28} {row['Request Count']:>7} {row['Failure Count']:>6} "
            f"{row['50%']:>8} {row['95%']:>8}"
        )
    print(f"server errors (5xx) in the request log: {server_errors}")
    print(f"{'process':<24} {'RSS after ' + format(FIRST_MINUTE, '.0f') + ' s':>16} {'RSS at end':>12} {'change':>8}")
    for name, first in after_first_minute.items():
        last = at_the_end.get(name)
        change = f"{(last - first) / first:+.1%}" if first and last else "gone"
        print(f"{name:<24} {first or 0:14.1f} MB {last or 0:10.1f} MB {change:>8}")
    for failure in failures:
        print(f"FAILED {failure['Method']} {failure['Name']}: {failure['Error']} ×{failure['Occurrences']}")

    assert int(total["Request Count"]) > 0
    assert int(total["Failure Count"]) == 0, failures
    assert server_errors == 0
    assert at_the_end.keys() == after_first_minute.keys(), "a worker was restarted during the run"
    for name, first in after_first_minute.items():
        assert at_the_end[name] <= first * (1 + GROWTH_ALLOWED), (
            f"{name} grew from {first:.1f} to {at_the_end[name]:.1f} MB"
        )
