"""Exports and imports that run as background jobs: what the views ask for and what the tasks do.

* An export of more than ``EXPORT_SYNC_MAX_ROWS`` recommendations becomes a job: the worker rebuilds the
  list's selection from its filters (or the admin's selected ids) for the same person, writes the
  status workbook to a temporary file and keeps it as the job's result on the default storage.
* An upload (UHRI export or status workbook) is saved on the default storage (a worker on another host,
  or S3, reads it there), then a preview job reads it and records what would change and every error on
  the job; once the coordinator confirms, a write job reads it again and writes in one transaction.

Messages, file headers and labels are written in the language of the person who asked (the job's).
"""

import secrets
import tempfile
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.humanize.templatetags.humanize import intcomma
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.db import transaction
from django.http import QueryDict
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from jobs.models import Job
from jobs.services import (
    JobFailed,
    job_attach_result,
    job_create,
    job_enqueue,
    job_progress,
    preview_discard,
    preview_locked,
    preview_may_confirm,
)

from .filters import RecommendationFilter, applied_filters
from .imports.files import FileRejected
from .imports.status import status_import, status_plan
from .imports.uhri import MAX_ERRORS_SHOWN, uhri_import, uhri_plan
from .models import Recommendation
from .workbooks import export_filename, recommendation_status_workbook

EXPORT_KIND = "recommendations.export"
PREVIEW_KIND = "recommendations.import_preview"
WRITE_KIND = "recommendations.import_write"
IMPORT_KINDS = ("status", "uhri")
# Rows of a preview kept on the job for its page (the counts cover all of them).
PREVIEW_ROWS = 500


def export_is_large(count: int) -> bool:
    return count > settings.EXPORT_SYNC_MAX_ROWS


def _export_selection(*, user, query: str = "", ids=None):
    """The recommendations an export holds, exactly as the list (or the admin's selection) shows them to
    ``user``, with the filters to print on the Summary sheet."""
    visible = Recommendation.objects.visible_to(user)
    if ids is not None:
        return visible.filter(pk__in=ids).order_by(*Recommendation._meta.ordering), []
    data = QueryDict(query)
    filterset = RecommendationFilter(data or None, queryset=visible)
    return filterset.qs, applied_filters(filterset)


def export_enqueue(*, user, count: int, site_url: str, query: str = "", ids=None) -> Job:
    """Ask for the status workbook of the list filtered by ``query`` (or of the recommendations ``ids``)."""
    from .tasks import recommendations_export

    label = ngettext(
        "Status workbook of %(count)s recommendation", "Status workbook of %(count)s recommendations", count
    ) % {"count": intcomma(count)}
    job = job_create(owner=user, kind=EXPORT_KIND, label=label, site_url=site_url, data={"query": query})
    job.rows_total = count
    Job.objects.filter(pk=job.pk).update(rows_total=count)
    return job_enqueue(job=job, task=recommendations_export, user_id=user.pk, query=query, ids=ids)


def export_run(*, job: Job, user_id: int, query: str = "", ids=None) -> None:
    user = get_user_model().objects.get(pk=user_id)
    queryset, filters = _export_selection(user=user, query=query, ids=ids)
    total = queryset.count()
    job_progress(job, 0, total, force=True)
    with tempfile.TemporaryFile() as handle:
        written = recommendation_status_workbook(
            queryset,
            handle,
            user=user,
            filters=filters,
            base_url=job.site_url,
            progress=lambda done: job_progress(job, done, total),
        )
        handle.seek(0)
        job_attach_result(job, name=export_filename(filters), handle=handle)
    job.rows_total = written
    job.data["rows"] = written


def export_results_drop(*, user_id: int) -> int:
    """Delete the workbooks exported for a person whose role changed: each holds what the old role let them
    see (members-only rows, drafts). Returns how many. The files go at once, even if the change is rolled
    back: the person can export again, while a file left behind could not be taken back."""
    count = 0
    for job in Job.objects.filter(owner_id=user_id, kind=EXPORT_KIND).exclude(result_file=""):
        default_storage.delete(job.result_file.name)
        Job.objects.filter(pk=job.pk).update(result_file="", result_name="")
        count += 1
    return count


# --- imports --------------------------------------------------------------------------------------------


def import_upload(*, user, kind: str, upload, site_url: str) -> Job:
    """Keep the uploaded file on the default storage under a random name and start its preview job."""
    from .tasks import recommendations_import_preview

    if kind not in IMPORT_KINDS:
        raise ValueError(kind)
    original = Path(upload.name).name[:200]
    stored = default_storage.save(f"jobs/uploads/{secrets.token_hex(16)}.upload", upload)
    label = _("Import preview: %(name)s") % {"name": original}
    job = job_create(
        owner=user,
        kind=PREVIEW_KIND,
        label=label,
        site_url=site_url,
        source_file=stored,
        data={"import_kind": kind, "file_name": original},
    )
    return job_enqueue(job=job, task=recommendations_import_preview)


def _plan(job: Job, *, user):
    kind, name = job.data["import_kind"], job.data.get("file_name", "")
    if not job.source_file or not default_storage.exists(job.source_file.name):
        raise JobFailed(_("The uploaded file is no longer there. Upload it again."))

    def progress(done):
        job_progress(job, done)

    with default_storage.open(job.source_file.name, "rb") as handle:
        if kind == "uhri":
            return uhri_plan(handle, name=name, progress=progress)
        try:
            return status_plan(handle, user=user, name=name, progress=progress)
        except PermissionDenied as error:
            raise JobFailed(_("Only coordinators may import status workbooks; nothing was changed.")) from error


def _errors(plan) -> list[dict]:
    return [{"row": e.row, "column": str(e.column), "message": str(e.message)} for e in plan.errors[:MAX_ERRORS_SHOWN]]


def _preview(kind: str, plan) -> dict:
    """What the preview page shows, as JSON, its texts already in the job's language."""
    preview = {
        "rows_read": plan.rows_read,
        "warnings": [str(w) for w in plan.warnings],
        "errors": _errors(plan),
        "error_count": len(plan.errors),
        "errors_hidden": max(0, len(plan.errors) - MAX_ERRORS_SHOWN),
        "error_rows": plan.error_rows,
    }
    if kind == "uhri":
        changed = [r for r in plan.records if r.action != "unchanged"]
        preview["summary"] = plan.summary()
        preview["records"] = [
            {
                "row": r.row,
                "annotation": r.annotation,
                "action": r.action,
                "changes": [str(c) for c in r.changes],
                "body": r.body,
                "symbol": r.symbol,
                "text": r.text[:300],
            }
            for r in changed[:PREVIEW_ROWS]
        ]
        preview["records_hidden"] = max(0, len(changed) - PREVIEW_ROWS)
        preview["has_changes"] = bool(changed)
    else:
        preview["unchanged"] = plan.unchanged
        preview["change_count"] = len(plan.changes)
        preview["changes"] = [
            {
                "row": c.row,
                "recommendation": str(c.recommendation),
                "url": c.recommendation.get_absolute_url(),
                "old_status": c.old_status,
                "new_status": c.new_status,
                "old_status_label": str(c.old_status_label),
                "new_status_label": str(c.new_status_label),
                "old_date": c.old_date.isoformat() if c.old_date else "",
                "new_date": c.new_date.isoformat() if c.new_date else "",
                "evidence_changed": c.evidence_changed,
                "new_evidence": c.new_evidence[:500],
                "warnings": [str(w) for w in c.warnings],
            }
            for c in plan.changes[:PREVIEW_ROWS]
        ]
        preview["changes_hidden"] = max(0, len(plan.changes) - PREVIEW_ROWS)
        preview["has_changes"] = bool(plan.changes)
    return preview


def import_preview_run(*, job: Job) -> None:
    """Read the upload and compare it with the database; the preview goes on the job. Writes nothing else."""
    try:
        plan = _plan(job, user=job.owner)
    except FileRejected:
        default_storage.delete(job.source_file.name)
        raise
    job.rows_total = plan.rows_read
    job.data["preview"] = _preview(job.data["import_kind"], plan)


def import_may_confirm(job: Job, user) -> bool:
    """Only the person who uploaded confirms, once, a finished preview that would change something."""
    return preview_may_confirm(job, user, kind=PREVIEW_KIND, ready="has_changes")


def import_confirm(*, job: Job, user, acknowledged: bool, site_url: str) -> Job:
    """Start the write job of a previewed upload; raises PermissionDenied when it may not be confirmed."""
    from .tasks import recommendations_import_write

    with transaction.atomic():
        job = preview_locked(job)
        if not import_may_confirm(job, user):
            raise PermissionDenied
        label = _("Import: %(name)s") % {"name": job.data.get("file_name", "")}
        write = job_create(
            owner=user,
            kind=WRITE_KIND,
            label=label,
            site_url=site_url,
            source_file=job.source_file.name,
            data={
                "import_kind": job.data["import_kind"],
                "file_name": job.data.get("file_name", ""),
                "preview_job": job.pk,
                "acknowledged": acknowledged,
            },
        )
        job.data["confirmed_job"] = write.pk
        Job.objects.filter(pk=job.pk).update(data=job.data)
    # Enqueued once committed: a worker that takes the task at once must find the write job's row.
    return job_enqueue(job=write, task=recommendations_import_write)


def import_discard(*, job: Job, user) -> None:
    """Drop a previewed upload: its file is deleted and it can no longer be confirmed."""
    preview_discard(job=job, user=user, kind=PREVIEW_KIND)


def import_write_run(*, job: Job) -> None:
    """Read the upload again and write it in one transaction (all or nothing), then delete the upload."""
    kind = job.data["import_kind"]
    plan = _plan(job, user=job.owner)
    job.rows_total = plan.rows_read
    job_progress(job, plan.rows_read, plan.rows_read, force=True)
    if plan.errors and not job.data.get("acknowledged"):
        raise JobFailed(_("The file has rows with errors and skipping them was not confirmed; nothing was changed."))
    if kind == "uhri":
        result = uhri_import(plan=plan, user=job.owner)
        job.data["result"] = {
            "created": result.created,
            "updated": result.updated,
            "unchanged": result.unchanged,
            "skipped": result.skipped,
        }
    else:
        try:
            recorded = status_import(plan=plan, user=job.owner)
        except PermissionDenied as error:
            raise JobFailed(_("Only coordinators may import status workbooks; nothing was changed.")) from error
        job.data["result"] = {"recorded": len(recorded), "unchanged": plan.unchanged, "skipped": plan.error_rows}
    default_storage.delete(job.source_file.name)
