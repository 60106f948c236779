"""The filled workbook comes back: a preview row by row, then one transaction; run as background jobs.

This is the status workbook's round trip (``recommendations.transfers``) for translations, on the same
machinery: the upload is kept on the default storage, a preview job reads it with the same reader and
limits (``recommendations.imports.files``) and records on the job what would be written and every error,
the job's page shows it (``templates/translations/jobs/import_preview.html``), the coordinator confirms
there, and a write job reads the file again and writes it in one transaction.

A row is written only into an empty field unless the coordinator asked to overwrite. Any error (an
unknown record, a field the portal does not translate, a source text changed since the export, a text
too long for its field, a damaged cell) stops the whole import: nothing is written until the file is
corrected, because a translation of a text that has since changed is a wrong translation.
"""

import secrets
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from jobs.models import Job
from jobs.services import (
    JobFailed,
    job_create,
    job_enqueue,
    job_progress,
    preview_discard,
    preview_locked,
    preview_may_confirm,
)
from partners.access import is_coordinator
from recommendations.imports.files import (
    CellError,
    FileRejected,
    normalise_header,
    parse_id,
    read_table,
    shown,
    text_value,
)
from recommendations.imports.uhri import MAX_ERRORS_SHOWN, PROGRESS_ROWS, RowError
from recommendations.workbooks import clean_text

from .inventory import kinds, languages
from .workbook import SHEET_TITLE, columns

PREVIEW_KIND = "translations.import_preview"
WRITE_KIND = "translations.import_write"
NEEDED = ("kind", "id", "field", "target")
PREVIEW_ROWS = 500
LOOKUP_CHUNK = 2000


@dataclass
class TranslationChange:
    row: int
    kind_key: str
    pk: int
    field: str
    language: str
    old: str
    new: str
    record: object = None


@dataclass
class TranslationPlan:
    rows_read: int = 0
    changes: list = field(default_factory=list)
    unchanged: int = 0
    left_empty: int = 0
    kept: int = 0  # already translated in the portal, not overwritten
    errors: list = field(default_factory=list)


def _same(in_file: str, in_portal: str) -> bool:
    """The file's text is the portal's as the export wrote it (``clean_text`` drops control characters)."""
    portal = clean_text(in_portal or "")
    return (in_file or "").replace("\r\n", "\n").strip() == portal.replace("\r\n", "\n").strip()


def _header_map(table) -> dict:
    spellings = {}
    for column in columns():
        names = {normalise_header(column.key)}
        for language, _name in settings.LANGUAGES:
            with translation.override(language):
                names.add(normalise_header(str(column.header)))
        spellings[column.key] = names
    found = {}
    for key, names in spellings.items():
        for header in table.headers:
            if normalise_header(header) in names:
                found[key] = header
                break
    return found


def _sheet_names():
    names = []
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            names.append(str(SHEET_TITLE))
    return names


def translations_plan(source, *, user, name: str = "", overwrite: bool = False, progress=None) -> TranslationPlan:
    """Compare a filled workbook with the database; writes nothing. Raises FileRejected for unusable files."""
    if not is_coordinator(user):
        raise PermissionDenied
    table = read_table(source, name=name, sheet_names=_sheet_names())
    headers = _header_map(table)
    missing = [c for c in columns() if c.key in NEEDED and c.key not in headers]
    if missing:
        raise FileRejected(
            _("Columns missing: %(missing)s. Upload the workbook exported from the portal, with its headers.")
            % {"missing": ", ".join(f"“{c.header}”" for c in missing)},
            code="missing_columns",
        )
    # Every language's column comes back: the texts in them are compared with the portal's, and a file
    # without them would write translations of texts nobody checked.
    missing = [c for c in columns() if c.key in languages() and c.key not in headers]
    if missing:
        raise FileRejected(
            _(
                "Columns missing: %(missing)s. They hold the texts as exported, which are compared with the "
                "portal's to find those changed since; upload the workbook exported from the portal, with all "
                "its columns."
            )
            % {"missing": ", ".join(f"“{c.header}”" for c in missing)},
            code="missing_language_columns",
        )
    table.read_only(headers.values(), formulas=True)  # a formula's value is never the text a translator meant
    known = kinds()
    plan = TranslationPlan()
    parsed, wanted, seen = [], {}, {}
    for number, raw in table.rows:
        plan.rows_read += 1
        if progress is not None and plan.rows_read % PROGRESS_ROWS == 0:
            progress(plan.rows_read)
        cells = {}
        for key, header in headers.items():
            try:
                cells[key] = text_value(raw.get(header))
            except CellError as error:
                plan.errors.append(RowError(number, header, str(error)))
                break
        if len(cells) < len(headers):
            continue
        kind = known.get(cells["kind"].lower())
        if kind is None:
            plan.errors.append(
                RowError(
                    number,
                    headers["kind"],
                    _("“%(value)s” is not a kind of record the portal translates.") % {"value": shown(cells["kind"])},
                )
            )
            continue
        if cells["field"] not in kind.fields:
            plan.errors.append(
                RowError(
                    number,
                    headers["field"],
                    _("“%(value)s” is not a translated field of %(kind)s.")
                    % {"value": shown(cells["field"]), "kind": kind.label},
                )
            )
            continue
        language = cells["target"].lower()
        if language not in languages():
            plan.errors.append(
                RowError(
                    number,
                    headers["target"],
                    _("“%(value)s” is not a content language of the portal.") % {"value": shown(cells["target"])},
                )
            )
            continue
        try:
            pk = parse_id(cells["id"])
        except ValueError:
            plan.errors.append(
                RowError(number, headers["id"], _("“%(value)s” is not a record id.") % {"value": shown(cells["id"])})
            )
            continue
        key = (kind.key, pk, cells["field"], language)
        if key in seen:
            plan.errors.append(
                RowError(number, headers["id"], _("The same text is already in row %(row)s.") % {"row": seen[key]})
            )
            continue
        seen[key] = number
        wanted.setdefault(kind.key, set()).add(pk)
        parsed.append((number, kind, pk, cells["field"], language, cells))
    if not plan.rows_read:
        raise FileRejected(_("The file has column names but no rows."), code="no_rows")

    records = {}
    for kind_key, pks in wanted.items():
        kind, pk_list = known[kind_key], sorted(pks)
        for start in range(0, len(pk_list), LOOKUP_CHUNK):
            for obj in kind.queryset(user).filter(pk__in=pk_list[start : start + LOOKUP_CHUNK]):
                records[(kind_key, obj.pk)] = obj

    for number, kind, pk, field_name, language, cells in parsed:
        obj = records.get((kind.key, pk))
        if obj is None:
            plan.errors.append(
                RowError(
                    number,
                    headers["id"],
                    _("There is no %(kind)s with id %(id)s.") % {"kind": kind.model._meta.verbose_name, "id": pk},
                )
            )
            continue
        changed = [
            lang
            for lang in languages()
            if lang != language and not _same(cells[lang], getattr(obj, f"{field_name}_{lang}"))
        ]
        if changed:
            plan.errors.append(
                RowError(
                    number,
                    headers[changed[0]],
                    _(
                        "The text in this language changed in the portal since the export: "
                        "export again and translate the new text."
                    ),
                )
            )
            continue
        new = cells[language]
        if not new:
            plan.left_empty += 1
            continue
        limit = obj._meta.get_field(f"{field_name}_{language}").max_length
        if limit and len(new) > limit:
            plan.errors.append(
                RowError(
                    number,
                    headers[language],
                    _("The text has %(length)s characters; this field holds at most %(limit)s.")
                    % {"length": len(new), "limit": limit},
                )
            )
            continue
        old = getattr(obj, f"{field_name}_{language}") or ""
        if _same(old, new):
            plan.unchanged += 1
            continue
        if old and not overwrite:
            plan.kept += 1
            continue
        plan.changes.append(TranslationChange(number, kind.key, pk, field_name, language, old, new, obj))
    return plan


@transaction.atomic
def translations_import(*, plan: TranslationPlan, user) -> int:
    """Write every change of an error-free plan, all in one transaction; returns the number of texts written."""
    if not is_coordinator(user):
        raise PermissionDenied
    if plan.errors:
        raise ValueError("a plan with errors is not written")
    by_record = {}
    for change in plan.changes:
        by_record.setdefault((change.kind_key, change.pk), []).append(change)
    for changes in by_record.values():
        obj = changes[0].record
        names = []
        for change in changes:
            setattr(obj, f"{change.field}_{change.language}", change.new)
            names.append(f"{change.field}_{change.language}")
        if any(f.name == "updated_at" for f in obj._meta.concrete_fields):
            names.append("updated_at")
        obj.save(update_fields=names)
    return len(plan.changes)


# --- the jobs ---------------------------------------------------------------------------------------------


def translations_upload(*, user, upload, overwrite: bool, site_url: str) -> Job:
    """Keep the filled workbook on the default storage and start its preview job."""
    from .tasks import translations_import_preview

    original = Path(upload.name).name[:200]
    stored = default_storage.save(f"jobs/uploads/{secrets.token_hex(16)}.upload", upload)
    job = job_create(
        owner=user,
        kind=PREVIEW_KIND,
        label=_("Translations preview: %(name)s") % {"name": original},
        site_url=site_url,
        source_file=stored,
        data={"file_name": original, "overwrite": overwrite},
    )
    return job_enqueue(job=job, task=translations_import_preview)


def _plan(job: Job) -> TranslationPlan:
    if not job.source_file or not default_storage.exists(job.source_file.name):
        raise JobFailed(_("The uploaded file is no longer there. Upload it again."))
    with default_storage.open(job.source_file.name, "rb") as handle:
        try:
            return translations_plan(
                handle,
                user=job.owner,
                name=job.data.get("file_name", ""),
                overwrite=job.data.get("overwrite", False),
                progress=lambda done: job_progress(job, done),
            )
        except PermissionDenied as error:
            raise JobFailed(_("Only coordinators may import translations; nothing was changed.")) from error


def preview_run(*, job: Job) -> None:
    try:
        plan = _plan(job)
    except FileRejected:
        default_storage.delete(job.source_file.name)
        raise
    known = kinds()
    job.rows_total = plan.rows_read
    job.data["preview"] = {
        "rows_read": plan.rows_read,
        "unchanged": plan.unchanged,
        "left_empty": plan.left_empty,
        "kept": plan.kept,
        "change_count": len(plan.changes),
        "changes": [
            {
                "row": c.row,
                "kind": str(known[c.kind_key].model._meta.verbose_name),
                "record": str(c.record)[:200],
                "url": known[c.kind_key].url(c.record),
                "field": str(known[c.kind_key].field_label(c.field)),
                "language": c.language,
                "old": c.old[:300],
                "new": c.new[:500],
            }
            for c in plan.changes[:PREVIEW_ROWS]
        ],
        "changes_hidden": max(0, len(plan.changes) - PREVIEW_ROWS),
        "errors": [
            {"row": e.row, "column": str(e.column), "message": str(e.message)} for e in plan.errors[:MAX_ERRORS_SHOWN]
        ],
        "error_count": len(plan.errors),
        "errors_hidden": max(0, len(plan.errors) - MAX_ERRORS_SHOWN),
        "may_write": bool(plan.changes) and not plan.errors,
    }


def may_confirm(job: Job, user) -> bool:
    """Only the uploader confirms, once, a finished preview without errors that would write something."""
    return preview_may_confirm(job, user, kind=PREVIEW_KIND, ready="may_write")


def translations_confirm(*, job: Job, user, site_url: str) -> Job:
    from .tasks import translations_import_write

    with transaction.atomic():
        job = preview_locked(job)
        if not may_confirm(job, user):
            raise PermissionDenied
        write = job_create(
            owner=user,
            kind=WRITE_KIND,
            label=_("Translations import: %(name)s") % {"name": job.data.get("file_name", "")},
            site_url=site_url,
            source_file=job.source_file.name,
            data={
                "file_name": job.data.get("file_name", ""),
                "overwrite": job.data.get("overwrite", False),
                "preview_job": job.pk,
            },
        )
        job.data["confirmed_job"] = write.pk
        Job.objects.filter(pk=job.pk).update(data=job.data)
    return job_enqueue(job=write, task=translations_import_write)


def translations_discard(*, job: Job, user) -> None:
    preview_discard(job=job, user=user, kind=PREVIEW_KIND)


def write_run(*, job: Job) -> None:
    """Read the file again and write it in one transaction; any error (the portal changed since the preview)
    fails the job and writes nothing."""
    plan = _plan(job)
    job.rows_total = plan.rows_read
    job_progress(job, plan.rows_read, plan.rows_read, force=True)
    if plan.errors:
        raise JobFailed(
            _("The file no longer matches the portal (%(errors)s errors); nothing was changed. Export again.")
            % {"errors": len(plan.errors)}
        )
    written = translations_import(plan=plan, user=job.owner)
    job.data["result"] = {"written": written, "kept": plan.kept, "unchanged": plan.unchanged}
    default_storage.delete(job.source_file.name)
