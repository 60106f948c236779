"""Background tasks of the translation workflow: thin functions that run a job through ``imports``."""

from jobs.compat import task
from jobs.services import job_running

from . import imports


def _worker_id(context) -> str:
    worker_ids = context.task_result.worker_ids
    return worker_ids[-1] if worker_ids else ""


@task(takes_context=True)
def translations_import_preview(context, *, job_id: int) -> None:
    with job_running(job_id=job_id, worker_id=_worker_id(context)) as job:
        imports.preview_run(job=job)


@task(takes_context=True)
def translations_import_write(context, *, job_id: int) -> None:
    with job_running(job_id=job_id, worker_id=_worker_id(context)) as job:
        imports.write_run(job=job)
