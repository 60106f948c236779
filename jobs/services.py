"""Writes on jobs: create and enqueue, start, report progress, finish or fail, notify, purge; and the
workers' heartbeats with the recovery of jobs whose worker died.

Progress is written with one UPDATE in autocommit mode, never inside a long transaction, so that the job
page sees it while the work goes on. A job's lifetime in a task is ``with job_running(...) as job:``: it
marks the job running, and done or failed at the end, with the message in the owner's language.
"""

import contextlib
import logging
import os
import socket
import time
from collections.abc import Iterator

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .models import Job, WorkerHeartbeat

logger = logging.getLogger("jobs")

# Progress is written at most this often (seconds): the page polls every two seconds anyway.
PROGRESS_INTERVAL = 1.0


class JobFailed(Exception):
    """A failure the owner should read as it is (already in their language): bad input, nothing to do."""


def job_create(*, owner, kind: str, label: str, site_url: str = "", source_file=None, data=None) -> Job:
    job = Job(
        owner=owner,
        kind=kind,
        label=label[:255],
        language=translation.get_language() or settings.LANGUAGE_CODE,
        site_url=site_url.rstrip("/")[:200],
        data=data or {},
    )
    if isinstance(source_file, str):
        job.source_file.name = source_file
    job.full_clean(exclude=["source_file", "result_file"])
    job.save()
    return job


def job_enqueue(*, job: Job, task, **kwargs) -> Job:
    """Hand the job to a worker (or, with the immediate backend of the tests, run it now).

    The job row is committed first, so that a worker that picks the task at once finds it.
    """
    result = task.enqueue(job_id=job.pk, **kwargs)
    Job.objects.filter(pk=job.pk).update(task_result_id=str(result.id))
    job.refresh_from_db()
    return job


# --- Preview jobs: an upload is read by a job of ``kind``, shown, then confirmed or discarded by its owner.


def preview_locked(job: Job) -> Job:
    """The preview as it is now, its row locked until the transaction ends: two requests that read it at
    once (a double click, a replayed POST, a discard beside a confirm) must not both act on what they read."""
    return Job.objects.select_for_update().get(pk=job.pk)


def preview_may_confirm(job: Job, user, *, kind: str, ready: str) -> bool:
    """Only its owner confirms, once, a finished preview of ``kind`` whose ``data["preview"][ready]`` is true."""
    return (
        job.kind == kind
        and job.owner_id == getattr(user, "pk", None)
        and job.state == Job.State.DONE
        and not job.data.get("confirmed_job")
        and not job.data.get("discarded")
        and bool(job.data.get("preview", {}).get(ready))
    )


def preview_discard(*, job: Job, user, kind: str) -> None:
    """Drop a preview: its file is deleted and it can no longer be confirmed (its owner only, before a confirm)."""
    with transaction.atomic():
        job = preview_locked(job)
        if job.kind != kind or job.owner_id != user.pk or job.data.get("confirmed_job"):
            raise PermissionDenied
        job.data["discarded"] = True
        Job.objects.filter(pk=job.pk).update(data=job.data)
    if job.source_file:
        default_storage.delete(job.source_file.name)


def job_progress(job: Job, done: int, total: int | None = None, *, force: bool = False) -> None:
    """Report ``done`` rows of ``total``: one short UPDATE, at most once a second unless ``force``."""
    now = time.monotonic()
    last = getattr(job, "_progress_written", 0.0)
    job.rows_done = done
    if total is not None:
        job.rows_total = total
    if not force and now - last < PROGRESS_INTERVAL:
        return
    job._progress_written = now
    Job.objects.filter(pk=job.pk).update(rows_done=job.rows_done, rows_total=job.rows_total)


def job_attach_result(job: Job, *, name: str, handle) -> None:
    """Keep ``handle``'s content as the job's result, downloaded later as ``name``."""
    job.result_file.save(name, File(handle, name=name), save=False)
    job.result_name = name[:200]
    Job.objects.filter(pk=job.pk).update(result_file=job.result_file.name, result_name=job.result_name)


def worker_stopped_message() -> str:
    return _("The worker stopped before the job was finished; nothing was saved. Try again.")


def _message_of(error: BaseException) -> str:
    if isinstance(error, JobFailed):
        return str(error)
    if isinstance(error, ValidationError):
        return " ".join(str(m) for m in error.messages)
    return _("The job stopped on an unexpected error. The portal's team has been told; try again later.")


@contextlib.contextmanager
def job_running(*, job_id: int, worker_id: str = "") -> Iterator[Job]:
    """Run the body as the job: running → done, or failed with a message in the owner's language.

    An unexpected error is logged with its traceback and raised again, so that the task's own result
    records it too; a ``JobFailed`` or ``ValidationError`` is the person's business and ends quietly.
    """
    job = Job.objects.get(pk=job_id)
    started = timezone.now()
    Job.objects.filter(pk=job.pk).update(state=Job.State.RUNNING, started_at=started, worker_id=worker_id[:64])
    job.state, job.started_at, job.worker_id = Job.State.RUNNING, started, worker_id[:64]
    extra = {"job_id": job.pk, "kind": job.kind, "worker_id": worker_id}
    logger.info("job %s started", job.pk, extra={**extra, "event": "job_started"})
    clock = time.monotonic()
    outcome = Job.State.FAILED
    try:
        with translation.override(job.language):
            try:
                yield job
            except (JobFailed, ValidationError) as error:
                job_fail(job, message=_message_of(error))
            except Exception as error:
                logger.exception("job %s raised", job.pk, extra=extra)
                job_fail(job, message=_message_of(error))
                raise
            except BaseException:
                # The worker is being stopped by force (a second SIGTERM, Ctrl+C twice): say so, then stop.
                job_fail(job, message=worker_stopped_message())
                raise
            else:
                job_finish(job)
                outcome = Job.State.DONE
    finally:
        duration_ms = int((time.monotonic() - clock) * 1000)
        logger.info(
            "job %s %s in %s ms",
            job.pk,
            outcome,
            duration_ms,
            extra={**extra, "event": "job_finished", "duration_ms": duration_ms, "outcome": outcome},
        )


def job_finish(job: Job) -> None:
    job.state = Job.State.DONE
    job.finished_at = timezone.now()
    if job.rows_total is not None:
        job.rows_done = job.rows_total
    Job.objects.filter(pk=job.pk).update(
        state=job.state, finished_at=job.finished_at, rows_done=job.rows_done, rows_total=job.rows_total, data=job.data
    )
    job_notify(job)


def job_fail(job: Job, *, message: str) -> None:
    job.state = Job.State.FAILED
    job.finished_at = timezone.now()
    job.error = message
    Job.objects.filter(pk=job.pk).update(state=job.state, finished_at=job.finished_at, error=message, data=job.data)
    job_notify(job)


def job_notify(job: Job) -> None:
    """E-mail the owner that the job ended, in the owner's language, through the e-mail task."""
    if not job.owner.email:
        return
    from .tasks import email_send

    with translation.override(job.language):
        context = {"job": job, "url": job.site_url + reverse("jobs:detail", kwargs={"pk": job.pk})}
        subject = " ".join(render_to_string("jobs/email_finished_subject.txt", context).split())
        body = render_to_string("jobs/email_finished.txt", context)
    email_send.enqueue(to=[job.owner.email], subject=subject, body=body)


def job_delete_files(job: Job) -> None:
    """Delete the job's files, but not an upload another job still reads (a preview and its write share one)."""
    for field in (job.result_file, job.source_file):
        name = field.name
        if not name:
            continue
        shared = Job.objects.exclude(pk=job.pk).filter(Q(source_file=name) | Q(result_file=name)).exists()
        if not shared:
            default_storage.delete(name)


def jobs_purge(*, days: int | None = None, now=None) -> int:
    """Delete finished jobs older than ``days`` (``JOB_RESULT_DAYS``) with their files; returns how many."""
    days = settings.JOB_RESULT_DAYS if days is None else days
    cutoff = (now or timezone.now()) - timezone.timedelta(days=days)
    count = 0
    for job in Job.objects.finished().filter(finished_at__lt=cutoff).order_by("pk").iterator():
        job_delete_files(job)
        job.delete()
        count += 1
    return count


# --- workers ------------------------------------------------------------------------------------------


def worker_beat(*, worker_id: str, started_at=None) -> None:
    """The worker is alive: one row per worker, its time of last sight moved on."""
    now = timezone.now()
    updated = WorkerHeartbeat.objects.filter(worker_id=worker_id).update(seen_at=now)
    if not updated:
        WorkerHeartbeat.objects.update_or_create(
            worker_id=worker_id,
            defaults={
                "hostname": socket.gethostname()[:255],
                "pid": os.getpid(),
                "started_at": started_at or now,
                "seen_at": now,
            },
        )


def worker_stop(*, worker_id: str) -> None:
    """A worker that stops cleanly takes its row away: /healthz should not count it any more."""
    WorkerHeartbeat.objects.filter(worker_id=worker_id).delete()


def last_heartbeat():
    return WorkerHeartbeat.objects.order_by("-seen_at").values_list("seen_at", flat=True).first()


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def workers_alive(*, now=None) -> set[str]:
    """Ids of the workers seen within WORKER_STALE_SECONDS, less those of this host whose process is gone
    (a worker killed here is known dead at once; one on another host after the stale time)."""
    cutoff = (now or timezone.now()) - timezone.timedelta(seconds=settings.WORKER_STALE_SECONDS)
    host = socket.gethostname()[:255]
    alive = set()
    for beat in WorkerHeartbeat.objects.filter(seen_at__gte=cutoff):
        if beat.hostname == host and beat.pid != os.getpid() and not _process_alive(beat.pid):
            continue
        alive.add(beat.worker_id)
    return alive


def jobs_pending_task_ids() -> list[str]:
    """Task result ids of the jobs not finished yet (for the worker to compare with its backend's results)."""
    return list(
        Job.objects.filter(state__in=(Job.State.WAITING, Job.State.RUNNING))
        .exclude(task_result_id="")
        .values_list("task_result_id", flat=True)
    )


def jobs_of_ended_tasks_fail(*, task_result_ids) -> list[Job]:
    """Fail the unfinished jobs whose task ended without them: its worker was killed between taking the task
    and starting the job, or the task could not even be loaded. Returns the jobs it failed."""
    failed = []
    pending = Job.objects.filter(
        task_result_id__in=[str(i) for i in task_result_ids], state__in=(Job.State.WAITING, Job.State.RUNNING)
    )
    for job in pending:
        claimed = Job.objects.filter(pk=job.pk, state=job.state).update(state=Job.State.FAILED)
        if not claimed:
            continue
        with translation.override(job.language):
            job_fail(job, message=worker_stopped_message())
        failed.append(job)
    return failed


def jobs_orphaned_fail(*, now=None) -> list[Job]:
    """Mark failed every running job whose worker is gone (killed, or its host lost), and forget dead
    workers' rows. Returns the jobs it failed; their owners are told by e-mail."""
    alive = workers_alive(now=now)
    failed = []
    for job in Job.objects.filter(state=Job.State.RUNNING).exclude(worker_id="").exclude(worker_id__in=alive):
        with transaction.atomic():
            claimed = Job.objects.filter(pk=job.pk, state=Job.State.RUNNING).update(state=Job.State.FAILED)
        if not claimed:
            continue
        with translation.override(job.language):
            job_fail(job, message=worker_stopped_message())
        logger.warning(
            "job %s failed: its worker %s is gone",
            job.pk,
            job.worker_id,
            extra={"job_id": job.pk, "kind": job.kind, "worker_id": job.worker_id, "outcome": "failed"},
        )
        failed.append(job)
    WorkerHeartbeat.objects.exclude(worker_id__in=alive).delete()
    return failed
