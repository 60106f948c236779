"""The real worker (``manage.py db_worker``) in its own process, on the test database (PostgreSQL only).

* a coordinator exports 20,000 recommendations through the web: the request is answered with the job's
  page, the worker writes the workbook, the download holds 20,000 rows; /healthz follows the worker;
* SIGTERM lets the running job finish before the worker stops;
* SIGKILL in the middle of a job: the next worker to start marks the job failed, never "running" for ever.

The tests run with ``transactional_db`` so that what they write is committed and the worker sees it.
"""

import importlib
import io
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import openpyxl
import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils.crypto import get_random_string

from jobs.models import Job, WorkerHeartbeat
from jobs.services import job_create, job_enqueue
from partners.access import COORDINATORS_GROUP, MEMBERS_GROUP
from recommendations.imports.files import read_xlsx
from recommendations.models import Recommendation
from tests.jobs.sample_tasks import slow_job
from tests.recommendations.factories import MechanismFactory, ReviewFactory

pytestmark = [
    pytest.mark.skipif(
        not settings.USING_POSTGRES,
        reason="the worker runs in another process: SQLite's test database lives in this process's memory",
    ),
    pytest.mark.django_db(transaction=True),
]
ROLES_MIGRATION = importlib.import_module("platform_site.migrations.0001_roles")

ROWS = 20_000
DATABASE_BACKEND = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture(autouse=True)
def database_tasks(settings):
    settings.TASKS = DATABASE_BACKEND


@pytest.fixture(autouse=True)
def _role_groups(transactional_db):
    """The flush after a transactional test empties what data migrations wrote (the role groups); the roles
    migration's own function puts them back (serialized rollback would collide with the content types that
    a flush re-creates, as tests/browser/conftest.py explains)."""
    if Group.objects.filter(name__in=[COORDINATORS_GROUP, MEMBERS_GROUP]).count() < 2:
        ROLES_MIGRATION.create_roles(MigrationExecutor(connection).loader.project_state().apps, None)


def database_url():
    db = connection.settings_dict
    url = f"postgres://{quote(db['USER'] or '')}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    if db.get("PASSWORD"):
        url = url.replace("@", f":{quote(db['PASSWORD'])}@", 1)
    return url


class Worker:
    """``manage.py db_worker`` on the test database and the test's media folder."""

    def __init__(self, media_root: Path, log: Path):
        self.worker_id = get_random_string(16)
        env = {
            **os.environ,
            "DATABASE_URL": database_url(),
            "MEDIA_ROOT": str(media_root),
            "WORKER_HEARTBEAT_SECONDS": "0.5",
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            "PYTHONUNBUFFERED": "1",
        }
        self.log_path = log
        self.log = log.open("ab")
        self.process = subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--no-reload", "--interval", "0.2", "--no-startup-delay"]
            + ["--worker-id", self.worker_id],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )

    def wait_until_started(self, timeout=30):
        """Its heartbeat is written and its loop has begun (its signal handlers are set from then on)."""
        started = f"Starting worker worker_id={self.worker_id}".encode()
        wait_until(lambda: started in self.log_path.read_bytes(), timeout, self)
        assert WorkerHeartbeat.objects.filter(worker_id=self.worker_id).exists()

    def stop(self, sig=signal.SIGTERM, timeout=60):
        if self.process.poll() is None:
            self.process.send_signal(sig)
            self.process.wait(timeout)
        self.log.close()
        return self.process.returncode


def wait_until(condition, timeout, worker=None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        if worker is not None and worker.process.poll() is not None:
            raise AssertionError(f"the worker exited with {worker.process.returncode}")
        time.sleep(0.2)
    raise AssertionError("timed out")


@pytest.fixture
def worker_log(tmp_path):
    return tmp_path / "worker.log"


@pytest.fixture
def workers(media_root, worker_log):
    started = []

    def start():
        worker = Worker(media_root, worker_log)
        started.append(worker)
        return worker

    yield start
    for worker in started:
        if worker.process.poll() is None:
            worker.process.kill()
            worker.process.wait(10)
    if worker_log.exists():
        print(worker_log.read_text(errors="replace")[-3000:])


def many_recommendations(n):
    review = ReviewFactory(mechanism=MechanismFactory(code="CMW"), document_symbol="CMW/C/KGZ/CO/9")
    Recommendation.objects.bulk_create(
        (
            Recommendation(review=review, paragraph=str(i), text=f"Recommendation {i}", text_en=f"Recommendation {i}")
            for i in range(1, n + 1)
        ),
        batch_size=5000,
    )


def test_an_export_of_20000_recommendations_through_the_web(client_for, coordinator, workers):
    many_recommendations(ROWS)
    worker = workers()
    worker.wait_until_started()
    client = client_for(coordinator)
    health = client.get("/healthz")
    assert health.status_code == 200 and health.json()["worker"]["status"] == "ok"

    response = client.get("/en" + reverse("recommendations:export"))
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/en/members/jobs/{job.pk}/"
    assert client.get(response["Location"]).status_code == 200

    def finished():
        job.refresh_from_db()
        assert client.get(reverse("jobs:status", args=[job.pk])).status_code == 200
        return job.is_finished

    wait_until(finished, 120, worker)
    assert job.state == Job.State.DONE, job.error
    assert (job.rows_done, job.rows_total) == (ROWS, ROWS)
    assert job.worker_id == worker.worker_id and job.duration is not None

    download = client.get(reverse("jobs:download", args=[job.pk]))
    assert download.status_code == 200
    content = b"".join(download.streaming_content)
    workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
    assert workbook.sheetnames[0] == "Recommendations"
    assert next(workbook.worksheets[0].iter_rows(max_row=1, values_only=True))[0] == "ID"
    # Rows counted with the import's values-only reader: openpyxl takes seconds over 20,000 rows.
    table = read_xlsx(io.BytesIO(content))
    ids = [row["ID"] for _number, row in table.rows]
    assert len(ids) == ROWS and len(set(ids)) == ROWS

    assert worker.stop() == 0
    # A worker that stopped is not counted any more: the portal says it is unwell.
    assert client.get("/healthz").status_code == 503


def test_sigterm_lets_the_running_job_finish(member, workers, worker_log):
    worker = workers()
    worker.wait_until_started()
    job = job_enqueue(
        job=job_create(owner=member, kind="tests.slow", label="slow"), task=slow_job, steps=6, step_seconds=0.5
    )
    wait_until(lambda: Job.objects.get(pk=job.pk).rows_done >= 1, 30, worker)
    assert worker.stop(signal.SIGTERM) == 0
    job.refresh_from_db()
    assert job.state == Job.State.DONE and job.rows_done == 6
    assert not WorkerHeartbeat.objects.filter(worker_id=worker.worker_id).exists()
    assert "job_finished" in worker_log.read_text() or f"job {job.pk} done" in worker_log.read_text()


def test_a_job_killed_with_its_worker_is_failed_when_a_worker_starts(member, workers):
    first = workers()
    first.wait_until_started()
    job = job_enqueue(
        job=job_create(owner=member, kind="tests.slow", label="slow"), task=slow_job, steps=100, step_seconds=0.5
    )
    wait_until(lambda: Job.objects.get(pk=job.pk).rows_done >= 1, 30, first)
    first.stop(signal.SIGKILL)
    assert Job.objects.get(pk=job.pk).state == Job.State.RUNNING

    second = workers()
    second.wait_until_started()
    wait_until(lambda: Job.objects.get(pk=job.pk).state == Job.State.FAILED, 30, second)
    job.refresh_from_db()
    assert "worker stopped" in job.error or "Обработчик остановился" in job.error
    from django_tasks_db.models import DBTaskResult

    assert DBTaskResult.objects.get(id=job.task_result_id).status == "FAILED"
    assert second.stop() == 0
