"""Job lifetime, progress, e-mail, the purge command and the recovery of jobs whose worker died."""

import os
import socket
import subprocess
import sys

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone

from jobs.models import Job, WorkerHeartbeat
from jobs.services import (
    JobFailed,
    job_progress,
    job_running,
    jobs_orphaned_fail,
    worker_beat,
)
from tests.jobs.factories import DoneJobFactory, JobFactory


def test_a_job_runs_and_tells_its_owner_in_their_language(member):
    job = JobFactory(owner=member, language="ru", label="Выгрузка")
    with job_running(job_id=job.pk, worker_id="w1") as running:
        job_progress(running, 10, 40, force=True)
        assert Job.objects.get(pk=job.pk).rows_done == 10
        assert Job.objects.get(pk=job.pk).state == Job.State.RUNNING
    job.refresh_from_db()
    assert job.state == Job.State.DONE and job.rows_done == 40 and job.finished_at and job.worker_id == "w1"
    (message,) = mail.outbox
    assert message.to == [member.email]
    assert message.subject == "Готово: Выгрузка"
    assert f"/members/jobs/{job.pk}/" in message.body


def test_the_plain_text_e_mail_carries_the_label_as_typed(member):
    # The label comes from an uploaded file's name; a text subject and body are not HTML, so no entities.
    job = JobFactory(owner=member, language="en", label="Import preview: Tom & Jerry <1>.csv")
    with job_running(job_id=job.pk):
        pass
    (message,) = mail.outbox
    assert message.subject == "Done: Import preview: Tom & Jerry <1>.csv"
    assert "Tom & Jerry <1>.csv" in message.body


def test_a_refused_input_fails_the_job_with_the_reason(member):
    job = JobFactory(owner=member)
    with job_running(job_id=job.pk) as running:
        running.data["half"] = "written"
        raise JobFailed("The file has column names but no rows.")
    job.refresh_from_db()
    assert job.state == Job.State.FAILED and job.error == "The file has column names but no rows."
    assert mail.outbox[0].subject.startswith("Failed:")


def test_an_unexpected_error_is_logged_and_shown_in_the_owners_language(member, caplog):
    job = JobFactory(owner=member, language="ru")
    with pytest.raises(ZeroDivisionError), job_running(job_id=job.pk):
        1 / 0  # noqa: B018
    job.refresh_from_db()
    assert job.state == Job.State.FAILED
    assert "непредвиденной ошибки" in job.error
    finished = [r for r in caplog.records if r.name == "jobs" and getattr(r, "event", "") == "job_finished"]
    assert finished[0].outcome == "failed" and finished[0].job_id == job.pk and finished[0].duration_ms >= 0


def test_progress_is_written_at_most_once_a_second_unless_forced(member):
    job = JobFactory(owner=member)
    job_progress(job, 1, 100, force=True)
    job_progress(job, 2, 100)
    assert Job.objects.get(pk=job.pk).rows_done == 1
    job_progress(job, 3, 100, force=True)
    assert Job.objects.get(pk=job.pk).rows_done == 3


def test_purge_deletes_old_finished_jobs_and_their_files(member, settings, media_root):
    settings.JOB_RESULT_DAYS = 7
    old = DoneJobFactory(owner=member, finished_at=timezone.now() - timezone.timedelta(days=8))
    old.result_file.save("old.xlsx", ContentFile(b"old"), save=True)
    recent = DoneJobFactory(owner=member, finished_at=timezone.now() - timezone.timedelta(days=6))
    recent.result_file.save("recent.xlsx", ContentFile(b"recent"), save=True)
    running = JobFactory(owner=member, state=Job.State.RUNNING)
    old_path = media_root / old.result_file.name
    assert old_path.exists()
    call_command("purge_job_results")
    assert not old_path.exists()
    assert set(Job.objects.values_list("pk", flat=True)) == {recent.pk, running.pk}
    assert (media_root / recent.result_file.name).exists()


def test_purge_keeps_an_upload_a_newer_job_still_reads(member, media_root):
    preview = DoneJobFactory(owner=member, finished_at=timezone.now() - timezone.timedelta(days=30))
    preview.source_file.save("shared.upload", ContentFile(b"rows"), save=True)
    JobFactory(owner=member, source_file=preview.source_file.name)
    call_command("purge_job_results")
    assert (media_root / preview.source_file.name).exists()


def test_a_job_whose_worker_went_silent_is_failed(member, settings):
    settings.WORKER_STALE_SECONDS = 120
    WorkerHeartbeat.objects.create(
        worker_id="lost", hostname="elsewhere", pid=1, seen_at=timezone.now() - timezone.timedelta(seconds=300)
    )
    WorkerHeartbeat.objects.create(worker_id="busy", hostname="elsewhere", pid=2, seen_at=timezone.now())
    orphan = JobFactory(owner=member, state=Job.State.RUNNING, worker_id="lost", language="en")
    alive = JobFactory(owner=member, state=Job.State.RUNNING, worker_id="busy")
    assert jobs_orphaned_fail() == [orphan]
    orphan.refresh_from_db()
    alive.refresh_from_db()
    assert orphan.state == Job.State.FAILED and "worker stopped" in orphan.error
    assert alive.state == Job.State.RUNNING
    assert not WorkerHeartbeat.objects.filter(worker_id="lost").exists()
    assert mail.outbox[0].to == [member.email]


def test_a_job_whose_worker_process_died_on_this_host_is_failed_at_once(member):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    WorkerHeartbeat.objects.create(
        worker_id="killed", hostname=socket.gethostname(), pid=dead.pid, seen_at=timezone.now()
    )
    worker_beat(worker_id="me")
    assert WorkerHeartbeat.objects.get(worker_id="me").pid == os.getpid()
    job = JobFactory(owner=member, state=Job.State.RUNNING, worker_id="killed")
    assert jobs_orphaned_fail() == [job]
    assert Job.objects.get(pk=job.pk).state == Job.State.FAILED
    assert WorkerHeartbeat.objects.filter(worker_id="me").exists()
