"""Background tasks of the recommendations app: thin functions that run a job through ``transfers``.

Each takes the task context to learn which worker runs it (recorded on the job, so that a job whose
worker dies is found and marked failed) and keyword arguments that are plain JSON.
"""

from jobs.compat import task
from jobs.services import job_running

from . import transfers


def _worker_id(context) -> str:
    worker_ids = context.task_result.worker_ids
    return worker_ids[-1] if worker_ids else ""


@task(takes_context=True)
def recommendations_export(context, *, job_id: int, user_id: int, query: str = "", ids=None) -> None:
    with job_running(job_id=job_id, worker_id=_worker_id(context)) as job:
        transfers.export_run(job=job, user_id=user_id, query=query, ids=ids)


@task(takes_context=True)
def recommendations_import_preview(context, *, job_id: int) -> None:
    with job_running(job_id=job_id, worker_id=_worker_id(context)) as job:
        transfers.import_preview_run(job=job)


@task(takes_context=True)
def recommendations_import_write(context, *, job_id: int) -> None:
    with job_running(job_id=job_id, worker_id=_worker_id(context)) as job:
        transfers.import_write_run(job=job)
