"""The worker's recovery, against django-tasks-db's task results (the worker itself is in test_worker_process)."""

import pytest
from django_tasks_db.models import DBTaskResult

from jobs.management.commands.db_worker import jobs_of_ended_task_results_fail, task_results_orphaned_fail
from jobs.models import Job
from jobs.services import job_create, job_enqueue
from tests.jobs.sample_tasks import slow_job


@pytest.fixture(autouse=True)
def database_backend(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def enqueued(owner):
    job = job_enqueue(
        job=job_create(owner=owner, kind="tests.slow", label="slow"), task=slow_job, steps=1, step_seconds=0
    )
    return job, DBTaskResult.objects.get(pk=job.task_result_id)


def test_a_task_result_left_running_by_a_gone_worker_is_failed(member):
    job, result = enqueued(member)
    DBTaskResult.objects.filter(pk=result.pk).update(status="RUNNING", worker_ids=["gone"])
    assert task_results_orphaned_fail() == 1
    assert DBTaskResult.objects.get(pk=result.pk).status == "FAILED"


def test_a_job_whose_task_ended_without_it_is_failed(member):
    job, result = enqueued(member)
    other, _ = enqueued(member)
    assert job.state == other.state == Job.State.WAITING
    DBTaskResult.objects.filter(pk=result.pk).update(status="FAILED")
    assert jobs_of_ended_task_results_fail() == 1
    job.refresh_from_db()
    other.refresh_from_db()
    assert job.state == Job.State.FAILED and job.error
    assert other.state == Job.State.WAITING
