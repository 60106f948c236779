"""The status workbook's round trip: a coordinator uploads the workbook partners edited offline.

``status_plan`` compares each row's status, date and evidence with the recommendation's latest
confirmed assessment and lists what would change and every error (writes nothing).
``status_import`` records each change as a new confirmed assessment through
``assessment_record``, all in one transaction: the history is added to, never overwritten, and rows
that did not change make no assessment.
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import OuterRef, Subquery, TextField, Value
from django.db.models.functions import Coalesce
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from partners.access import is_coordinator

from ..models import Recommendation, Status, StatusAssessment, StatusTally
from ..services import assessment_record
from ..workbooks import RECOMMENDATION_COLUMNS
from .bulk import analyze_after_commit, history_models
from .files import CellError, FileRejected, normalise_header, parse_date, parse_id, read_table, shown, text_value
from .uhri import PROGRESS_ROWS, RowError

NEEDED = ("id", "status")
READ = ("id", "status", "status_date", "evidence")
LOOKUP_CHUNK = 2000


@dataclass
class StatusChange:
    row: int
    recommendation: Recommendation
    old_status: str
    new_status: str
    old_date: datetime.date | None
    new_date: datetime.date | None
    old_evidence: str
    new_evidence: str
    warnings: list = field(default_factory=list)

    @property
    def old_status_label(self):
        return Status(self.old_status).label

    @property
    def new_status_label(self):
        return Status(self.new_status).label

    @property
    def evidence_changed(self):
        return self.old_evidence != self.new_evidence


@dataclass
class StatusPlan:
    rows_read: int = 0
    changes: list = field(default_factory=list)
    unchanged: int = 0
    errors: list = field(default_factory=list)
    warnings: list = field(default_factory=list)

    @property
    def error_rows(self):
        return len({e.row for e in self.errors})


def _spellings(key):
    column = next(c for c in RECOMMENDATION_COLUMNS if c.key == key)
    names = {normalise_header(key)}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            names.add(normalise_header(str(column.header)))
    return names


def _status_lookup():
    table = {}
    for value, label in Status.choices:
        table[normalise_header(value)] = value
        for language, _name in settings.LANGUAGES:
            with translation.override(language):
                table[normalise_header(str(label))] = value
    return table


def _sheet_names():
    names = []
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            names.append(str(_("Recommendations")))
    return names


def status_plan(source, *, user, name: str = "", max_bytes: int | None = None, progress=None) -> StatusPlan:
    """Compare an edited status workbook with the database; raises FileRejected for unusable files.

    ``progress(rows_read)`` is called every PROGRESS_ROWS rows, for a job page to show.
    """
    if not is_coordinator(user):
        raise PermissionDenied
    table = read_table(source, name=name, sheet_names=_sheet_names(), max_bytes=max_bytes)
    headers = {}
    for key in READ:
        spellings = _spellings(key)
        for header in table.headers:
            if normalise_header(header) in spellings:
                headers[key] = header
                break
    missing = [key for key in NEEDED if key not in headers]
    if missing:
        with_names = [str(next(c.header for c in RECOMMENDATION_COLUMNS if c.key == key)) for key in missing]
        raise FileRejected(
            _("Columns missing: %(missing)s. Upload the workbook exported from the portal, with its headers.")
            % {"missing": ", ".join(f"“{m}”" for m in with_names)},
            code="missing_columns",
        )
    table.read_only(headers.values())
    plan = StatusPlan()
    for key in ("status_date", "evidence"):
        if key not in headers:
            plan.warnings.append(
                _("Column “%(column)s” is not in the file: it is left as it is.")
                % {"column": next(c.header for c in RECOMMENDATION_COLUMNS if c.key == key)}
            )
    rows = []
    for number, raw in table.rows:
        plan.rows_read += 1
        if progress is not None and plan.rows_read % PROGRESS_ROWS == 0:
            progress(plan.rows_read)
        rows.append((number, raw))
    if not plan.rows_read:
        raise FileRejected(_("The file has column names but no rows."), code="no_rows")

    ids = {}
    seen = {}
    for number, raw in rows:
        value = raw.get(headers["id"])
        try:
            rec_id = parse_id(value)
        except ValueError:
            plan.errors.append(
                RowError(number, headers["id"], _("“%(value)s” is not a recommendation id.") % {"value": shown(value)})
            )
            continue
        if rec_id in seen:
            plan.errors.append(
                RowError(
                    number,
                    headers["id"],
                    _("Recommendation %(id)s is already in row %(row)s.")
                    % {
                        "id": rec_id,
                        "row": seen[rec_id],
                    },
                )
            )
            continue
        seen[rec_id] = number
        ids[number] = rec_id

    latest = (
        StatusAssessment.objects.latest_confirmed_first().filter(recommendation=OuterRef("pk")).values("evidence")[:1]
    )
    found = {}
    id_list = list(ids.values())
    for start in range(0, len(id_list), LOOKUP_CHUNK):
        chunk = id_list[start : start + LOOKUP_CHUNK]
        for rec in (
            Recommendation.objects.visible_to(user)
            .filter(pk__in=chunk)
            .select_related("review__mechanism")
            .annotate(latest_evidence=Coalesce(Subquery(latest), Value(""), output_field=TextField()))
        ):
            found[rec.pk] = rec

    statuses = _status_lookup()
    today = timezone.localdate()
    for number, raw in rows:
        if number not in ids:
            continue
        rec = found.get(ids[number])
        if rec is None:
            plan.errors.append(
                RowError(number, headers["id"], _("There is no recommendation %(id)s.") % {"id": ids[number]})
            )
            continue
        row_errors = []
        try:
            status_text = text_value(raw.get(headers["status"]))
        except CellError as error:
            row_errors.append(RowError(number, headers["status"], str(error)))
            status_text = ""
        new_status = rec.status
        if status_text:
            new_status = statuses.get(normalise_header(status_text))
            if new_status is None:
                row_errors.append(
                    RowError(
                        number,
                        headers["status"],
                        _("“%(value)s” is not a status; choose one from the drop-down list.")
                        % {"value": status_text[:40]},
                    )
                )
        new_date = rec.status_date
        if "status_date" in headers:
            try:
                new_date = parse_date(raw.get(headers["status_date"]))
            except ValueError:
                row_errors.append(
                    RowError(
                        number,
                        headers["status_date"],
                        _("“%(value)s” is not a date (expected for example 2015-05-11 or 11.05.2015).")
                        % {"value": shown(raw.get(headers["status_date"]))},
                    )
                )
        new_evidence = rec.latest_evidence.strip()
        if "evidence" in headers:
            try:
                new_evidence = text_value(raw.get(headers["evidence"]))
            except CellError as error:
                row_errors.append(RowError(number, headers["evidence"], str(error)))
        if row_errors:
            plan.errors.extend(row_errors)
            continue
        old_evidence = rec.latest_evidence.replace("\r\n", "\n").strip()
        if new_status == rec.status and new_date == rec.status_date and new_evidence == old_evidence:
            plan.unchanged += 1
            continue
        if new_status == Status.NOT_ASSESSED:
            plan.errors.append(
                RowError(
                    number,
                    headers["status"],
                    _("“%(value)s” cannot be recorded as an assessment; choose the status the state has reached.")
                    % {"value": Status.NOT_ASSESSED.label},
                )
            )
            continue
        date_column = headers.get("status_date", str(RECOMMENDATION_COLUMNS[11].header))
        if new_date is None:
            plan.errors.append(RowError(number, date_column, _("Enter the date of this assessment.")))
            continue
        if new_date > today:
            plan.errors.append(RowError(number, date_column, _("The date is in the future.")))
            continue
        change = StatusChange(
            row=number,
            recommendation=rec,
            old_status=rec.status,
            new_status=new_status,
            old_date=rec.status_date,
            new_date=new_date,
            old_evidence=old_evidence,
            new_evidence=new_evidence,
        )
        if rec.status_date and new_date < rec.status_date:
            change.warnings.append(
                _(
                    "The date is earlier than the current status date: it is recorded in the history, and the current "
                    "status stays."
                )
            )
        plan.changes.append(change)
    return plan


@transaction.atomic
def status_import(*, plan: StatusPlan, user) -> list[StatusAssessment]:
    """Record every change of the plan as a confirmed assessment; all or nothing."""
    if not is_coordinator(user):
        raise PermissionDenied
    recorded = [
        assessment_record(
            recommendation=change.recommendation,
            user=user,
            status=change.new_status,
            assessed_on=change.new_date,
            evidence=change.new_evidence,
        )
        for change in plan.changes
    ]
    if recorded:
        written = [StatusAssessment, Recommendation, StatusTally]
        analyze_after_commit(written + [h for model in written for h in history_models(model)])
    return recorded
