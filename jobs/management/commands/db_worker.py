"""``manage.py db_worker``: django-tasks-db's worker, with a heartbeat and the recovery of orphaned jobs.

This app comes before ``django_tasks_db`` in INSTALLED_APPS, so this command takes the name; it runs the
library's worker unchanged (SIGTERM or Ctrl+C let the current task finish, then stop) and adds a thread
that, every ``WORKER_HEARTBEAT_SECONDS``:

* writes the worker's heartbeat row (``/healthz`` reads the newest), and
* fails the jobs (and their task results) left "running" by a worker that is gone: killed with SIGKILL
  (known at once on the same host, whose process ids can be asked) or silent for ``WORKER_STALE_SECONDS``;
  and the jobs whose task ended without them (killed between taking the task and starting the job).

It does so once before the first task too, so a worker restarted after a crash cleans up straight away.
"""

import logging
import os
import threading
import uuid

from django.conf import settings
from django.db import DatabaseError, connection
from django.utils import timezone
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from jobs.services import (
    jobs_of_ended_tasks_fail,
    jobs_orphaned_fail,
    jobs_pending_task_ids,
    worker_beat,
    worker_stop,
    workers_alive,
)

logger = logging.getLogger("jobs")


def task_results_orphaned_fail() -> int:
    """Task results still RUNNING whose last worker is gone are marked failed, so none stays running for ever."""
    alive = workers_alive()
    count = 0
    running = DBTaskResult.objects.filter(status="RUNNING").only("pk", "worker_ids")
    for result in running:
        if result.worker_ids and result.worker_ids[-1] in alive:
            continue
        count += DBTaskResult.objects.filter(pk=result.pk, status="RUNNING").update(
            status="FAILED",
            finished_at=timezone.now(),
            exception_class_path="jobs.WorkerGone",
            traceback="The worker running this task stopped (killed or lost) before it finished.",
        )
    return count


def jobs_of_ended_task_results_fail() -> int:
    """Jobs still waiting or running whose task result has ended (failed or not) are failed too."""
    pending = []
    for task_result_id in jobs_pending_task_ids():
        try:
            pending.append(uuid.UUID(task_result_id))
        except ValueError:
            continue  # not a database backend's id (the immediate backend's, say): nothing to compare
    if not pending:
        return 0
    ended = DBTaskResult.objects.filter(pk__in=pending, status__in=("FAILED", "SUCCESSFUL")).values_list(
        "pk", flat=True
    )
    return len(jobs_of_ended_tasks_fail(task_result_ids=list(ended)))


class Heartbeat(threading.Thread):
    def __init__(self, worker_id: str):
        super().__init__(name="worker-heartbeat", daemon=True)
        self.worker_id = worker_id
        self.stopping = threading.Event()
        self.started_at = timezone.now()

    def beat(self):
        try:
            worker_beat(worker_id=self.worker_id, started_at=self.started_at)
            # The task results first: once a job reads "failed", its task result says so too.
            task_results_orphaned_fail()
            jobs_orphaned_fail()
            jobs_of_ended_task_results_fail()
        except DatabaseError:
            # A locked SQLite file or a database restart: the next beat tries again.
            logger.warning("worker heartbeat failed", exc_info=True, extra={"worker_id": self.worker_id})
        except Exception:
            # Whatever it is, the heartbeat must go on beating: log it and try again at the next beat.
            logger.exception("worker heartbeat failed", extra={"worker_id": self.worker_id})
        finally:
            connection.close()

    def run(self):
        while not self.stopping.wait(settings.WORKER_HEARTBEAT_SECONDS):
            self.beat()


class Command(db_worker.Command):
    help = "Run the background worker (django-tasks-db) with a heartbeat and recovery of orphaned jobs"

    def handle(self, *args, **options):
        reloading_parent = options.get("reload") and os.environ.get(DJANGO_AUTORELOAD_ENV) != "true"
        if reloading_parent:
            # With --reload this process only watches files; its child runs the tasks and beats.
            return super().handle(*args, **options)
        worker_id = options["worker_id"]
        heartbeat = Heartbeat(worker_id)
        heartbeat.beat()
        heartbeat.start()
        try:
            return super().handle(*args, **options)
        finally:
            heartbeat.stopping.set()
            try:
                worker_stop(worker_id=worker_id)
            except DatabaseError:
                logger.warning("could not remove the worker's heartbeat", exc_info=True)
