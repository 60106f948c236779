"""A task for the worker tests: a job that takes a while, reporting its progress, so a signal can reach it."""

import time

from jobs.compat import task
from jobs.services import job_progress, job_running


@task(takes_context=True)
def slow_job(context, *, job_id: int, steps: int, step_seconds: float) -> int:
    worker_ids = context.task_result.worker_ids
    with job_running(job_id=job_id, worker_id=worker_ids[-1] if worker_ids else "") as job:
        for done in range(1, steps + 1):
            time.sleep(step_seconds)
            job_progress(job, done, steps, force=True)
    return steps
