"""Recommendation status workbooks: the streaming Excel export and the columns the round trip reads back.

django-import-export builds a whole tablib dataset in memory and asks the database once per row for
related values; at 100,000 recommendations that costs minutes and gigabytes. This writer instead

* runs ONE query for the recommendations, with every related value (themes, groups, bodies, reports,
  latest confirmed assessment, advocacy actions) folded into correlated subqueries that aggregate in
  SQL (``string_agg`` on PostgreSQL, ``group_concat`` on SQLite), streamed with a server-side cursor;
* writes with openpyxl's write-only mode, reusing one styled cell per column, so memory stays flat.

The number of queries is the same for ten rows and for a million. Every text that a spreadsheet
would read as a formula (starting with =, +, -, @, a tab or a carriage return) is written as a
string cell with Excel's "quote prefix" flag: shown and kept as literal text, never evaluated.
"""

import datetime
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.db import connection
from django.db.models import Aggregate, Case, CharField, Count, Max, TextField, Value, When
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from partners.models import Organisation
from partners.translated import translated

from .models import Recommendation, Status, StatusAssessment

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
EXCEL_CELL_LIMIT = 32767
CHUNK_SIZE = 2000
PROGRESS_ROWS = 1000

WRAP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="E8EEF4")
DATE_FORMAT = "yyyy-mm-dd"


@dataclass(frozen=True)
class Column:
    key: str
    header: Promise
    width: float
    kind: str = "text"  # text | wrap | int | date | status


# The "Recommendations" sheet. The round trip finds id, status, status_date and evidence by their
# headers in either language, so partners may reorder or hide the other columns.
RECOMMENDATION_COLUMNS = (
    Column("id", _("ID"), 8, "int"),
    Column("mechanism", _("Mechanism"), 12),
    Column("state", _("State"), 16),
    Column("document_symbol", _("Document symbol"), 22),
    Column("paragraph", _("Paragraph"), 10),
    Column("year", _("Year"), 7, "int"),
    Column("text", _("Text"), 70, "wrap"),
    Column("themes", _("Themes"), 30, "wrap"),
    Column("affected_groups", _("Affected groups"), 24, "wrap"),
    Column("addressed_bodies", _("Addressed state bodies"), 28, "wrap"),
    Column("status", _("Current status"), 24, "status"),
    Column("status_date", _("Status date"), 12, "date"),
    Column("evidence", _("Evidence"), 50, "wrap"),
    Column("reports", _("Reports it came from"), 36, "wrap"),
    Column("actions", _("Advocacy actions"), 10, "int"),
    Column("last_action", _("Last advocacy action"), 12, "date"),
    Column("link", _("Dossier"), 40),
)

ASSESSMENT_COLUMNS = (
    Column("recommendation", _("Recommendation ID"), 10, "int"),
    Column("mechanism", _("Mechanism"), 12),
    Column("document_symbol", _("Document symbol"), 22),
    Column("paragraph", _("Paragraph"), 10),
    Column("status", _("Status"), 24),
    Column("assessed_on", _("Date"), 12, "date"),
    Column("evidence", _("Evidence"), 60, "wrap"),
    Column("source_url", _("Source link"), 36),
    Column("state", _("Review state"), 12),
    Column("organisation", _("Organisation"), 28, "wrap"),
    Column("created_at", _("Recorded"), 12, "date"),
)


def is_formula_like(value: str) -> bool:
    return value.startswith(FORMULA_PREFIXES)


def clean_text(value: str) -> str:
    """What openpyxl may write into a cell: no control characters, no more than Excel holds."""
    if ILLEGAL_CHARACTERS_RE.search(value):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    return value[:EXCEL_CELL_LIMIT]


def escaped_cell(ws, value: str, alignment=None) -> WriteOnlyCell:
    """A string cell that spreadsheets show as the literal text, even when it looks like a formula."""
    cell = WriteOnlyCell(ws, value=value)
    cell.data_type = "s"
    cell.quotePrefix = True
    if alignment is not None:
        cell.alignment = alignment
    return cell


# --- SQL helpers -------------------------------------------------------------------------------------


class GroupConcat(Aggregate):
    """SQLite's group_concat(expression, separator), the fallback for PostgreSQL's string_agg."""

    function = "GROUP_CONCAT"
    template = "%(function)s(%(expressions)s)"
    output_field = TextField()

    def __init__(self, expression, delimiter, **extra):
        super().__init__(expression, Value(delimiter), **extra)


def joined(expression, delimiter="\n", ordering=None):
    if connection.vendor == "postgresql":
        from django.contrib.postgres.aggregates import StringAgg

        return StringAgg(expression, delimiter=delimiter, ordering=ordering or ())
    return GroupConcat(expression, delimiter)


def _per_recommendation(rows) -> dict:
    return dict(rows.iterator(chunk_size=CHUNK_SIZE))


def _joined_per_recommendation(through, ids, expression, ordering=None, extra_filter=None) -> dict:
    """recommendation id → the related names joined by newlines, for every exported recommendation.

    One GROUP BY over the whole selection: the database hashes it once, whatever the number of rows,
    where a correlated subquery per row depends on the planner's estimates and can be 100× slower.
    """
    rows = through.objects.filter(recommendation_id__in=ids)
    if extra_filter:
        rows = rows.filter(**extra_filter)
    rows = (
        rows.order_by()
        .values("recommendation_id")
        .annotate(joined=joined(expression, ordering=ordering))
        .values_list("recommendation_id", "joined")
    )
    return _per_recommendation(rows)


def _latest_evidence(ids) -> dict:
    """recommendation id → evidence of its latest confirmed assessment (the one its status comes from)."""
    confirmed = StatusAssessment.objects.filter(recommendation_id__in=ids, state=StatusAssessment.State.CONFIRMED)
    ordered = confirmed.exclude(evidence="").order_by("recommendation_id", "-assessed_on", "-created_at", "-pk")
    if connection.vendor == "postgresql":
        return _per_recommendation(ordered.distinct("recommendation_id").values_list("recommendation_id", "evidence"))
    latest = {}
    for rec_id, evidence in ordered.values_list("recommendation_id", "evidence").iterator(chunk_size=CHUNK_SIZE):
        latest.setdefault(rec_id, evidence)
    return latest


def recommendation_export_rows(queryset, *, user, language: str | None = None):
    """The recommendations as tuples in RECOMMENDATION_COLUMNS order, less the link; status still a code.

    A fixed number of queries: one aggregate per relation over the whole selection (themes, groups,
    bodies, reports, advocacy actions, latest evidence), then the recommendations themselves,
    streamed with a server-side cursor. Reports and actions count only when the person may see them.
    """
    language = (language or translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]
    Report = apps.get_model("reports", "Report")
    Event = apps.get_model("advocacy", "Event")
    ids = queryset.order_by().values("pk")

    theme_name = translated("theme__name", language)
    group_name = translated("affectedgroup__name", language)
    themes = _joined_per_recommendation(Recommendation.themes.through, ids, theme_name, ordering=theme_name)
    groups = _joined_per_recommendation(Recommendation.affected_groups.through, ids, group_name, ordering=group_name)
    bodies = _joined_per_recommendation(
        Recommendation.addressed_bodies.through,
        ids,
        translated("organisation__name", language),
        # A public recommendation may address a body that is not public: its name stays hidden (issue 12).
        extra_filter={"organisation__in": Organisation.objects.visible_to(user)},
    )
    reports = _joined_per_recommendation(
        Recommendation.reports.rel.through,
        ids,
        translated("report__title", language),
        extra_filter={"report__in": Report.objects.visible_to(user)},
    )
    actions = {
        rec_id: (count, last)
        for rec_id, count, last in Recommendation.events.rel.through.objects.filter(
            recommendation_id__in=ids, event__in=Event.objects.visible_to(user)
        )
        .order_by()
        .values("recommendation_id")
        .annotate(n=Count("event_id"), last=Max("event__starts_on"))
        .values_list("recommendation_id", "n", "last")
        .iterator(chunk_size=CHUNK_SIZE)
    }
    evidence = _latest_evidence(ids)

    main = (
        queryset.order_by(*(queryset.query.order_by or Recommendation._meta.ordering))
        .annotate(x_text=translated("text", language))
        .values_list(
            "pk",
            "review__mechanism__code",
            "review__state",
            "review__document_symbol",
            "paragraph",
            "review__year",
            "x_text",
            "status",
            "status_date",
        )
    )
    no_actions = (0, None)
    for pk, mechanism, state, symbol, paragraph, year, text, status, status_date in main.iterator(
        chunk_size=CHUNK_SIZE
    ):
        count, last = actions.get(pk, no_actions)
        yield (
            pk,
            mechanism,
            state,
            symbol,
            paragraph,
            year,
            text,
            themes.get(pk, ""),
            groups.get(pk, ""),
            bodies.get(pk, ""),
            status,
            status_date,
            evidence.get(pk, ""),
            reports.get(pk, ""),
            count,
            last,
        )


# --- the workbook ------------------------------------------------------------------------------------


class StatusWorkbookWriter:
    """Writes the three-sheet status workbook with openpyxl's write-only mode."""

    def __init__(self, *, user, language: str, base_url: str = ""):
        self.user = user
        self.language = language
        self.base_url = base_url.rstrip("/")
        self.wb = Workbook(write_only=True)
        self.status_labels = {value: str(label) for value, label in Status.choices}
        self.state_labels = {value: str(label) for value, label in StatusAssessment.State.choices}
        self._countries = {}

    # helpers

    def country(self, code):
        if not code:
            return ""
        if code not in self._countries:
            self._countries[code] = str(countries.name(code)) or code
        return self._countries[code]

    def _sheet(self, title, columns, *, freeze=True):
        ws = self.wb.create_sheet(title=title)
        for index, column in enumerate(columns, 1):
            ws.column_dimensions[get_column_letter(index)].width = column.width
        if freeze:
            ws.freeze_panes = "A2"
        header = []
        for column in columns:
            cell = WriteOnlyCell(ws, value=str(column.header))
            cell.font = HEADER_FONT
            cell.fill = HEADER_FILL
            cell.alignment = WRAP
            header.append(cell)
        ws.append(header)
        return ws

    def _templates(self, ws, columns):
        """One reusable styled cell per wrapped column: styling a cell per row is what makes writers slow."""
        templates = []
        for column in columns:
            if column.kind in ("wrap", "status"):
                cell = WriteOnlyCell(ws)
                cell.alignment = WRAP if column.kind == "wrap" else TOP
                templates.append(cell)
            else:
                templates.append(None)
        return templates

    def _row(self, ws, values, templates, columns):
        row = []
        for value, template, column in zip(values, templates, columns, strict=True):
            if isinstance(value, str):
                if not value:
                    row.append(None)
                    continue
                value = clean_text(value)
                if is_formula_like(value):
                    row.append(escaped_cell(ws, value, WRAP if column.kind == "wrap" else None))
                    continue
            if template is not None and value is not None:
                template.value = value
                row.append(template)
            else:
                row.append(value)
        return row

    # sheets

    def write_recommendations(self, rows, progress=None) -> int:
        columns = RECOMMENDATION_COLUMNS
        ws = self._sheet(str(_("Recommendations")), columns)
        templates = self._templates(ws, columns)
        status_index = next(i for i, c in enumerate(columns) if c.key == "status")
        link = self.base_url + reverse("recommendations:detail", kwargs={"pk": 999999999}).replace("999999999", "{}")
        labels = self.status_labels
        country = self.country
        count = 0
        for values in rows:
            values = list(values)
            values[2] = country(values[2])
            values[status_index] = labels.get(values[status_index], values[status_index])
            values.append(link.format(values[0]))
            ws.append(self._row(ws, values, templates, columns))
            count += 1
            if progress is not None and count % PROGRESS_ROWS == 0:
                progress(count)
        last_row = count + 1
        ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{last_row}"
        # Status as a drop-down of the labels, kept on a hidden sheet so no label has to avoid commas.
        status_letter = get_column_letter(status_index + 1)
        validation = DataValidation(
            type="list",
            formula1=f"'{self.lists_title}'!$A$1:$A${len(self.status_labels)}",
            allow_blank=True,
            showErrorMessage=True,
            errorTitle=str(_("Unknown status")),
            error=str(_("Choose one of the statuses in the list.")),
        )
        validation.add(f"{status_letter}2:{status_letter}{max(last_row, 2) + 1000}")
        ws.data_validations.append(validation)
        return count

    def write_assessments(self, assessments) -> int:
        columns = ASSESSMENT_COLUMNS
        ws = self._sheet(str(_("Assessments")), columns)
        templates = self._templates(ws, columns)
        count = 0
        for values in assessments.iterator(chunk_size=CHUNK_SIZE):
            values = list(values)
            values[4] = self.status_labels.get(values[4], values[4])
            values[8] = self.state_labels.get(values[8], values[8])
            if isinstance(values[10], datetime.datetime):
                values[10] = timezone.localtime(values[10]).date()
            ws.append(self._row(ws, values, templates, columns))
            count += 1
        ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{count + 1}"
        return count

    def write_summary(self, queryset, *, filters, exported_at, total):
        ws = self.wb.create_sheet(title=str(_("Summary")))
        ws.column_dimensions["A"].width = 30
        for index in range(2, len(Status.choices) + 3):
            ws.column_dimensions[get_column_letter(index)].width = 16
        bold = WriteOnlyCell(ws, value=str(_("Recommendation status")))
        bold.font = Font(bold=True, size=14)
        ws.append([bold])
        date_cell = WriteOnlyCell(ws, value=exported_at.replace(tzinfo=None))
        date_cell.number_format = "yyyy-mm-dd hh:mm"
        date_cell.alignment = Alignment(horizontal="left")
        ws.append([str(_("Exported")), date_cell])
        ws.append([str(_("Recommendations")), total])
        if filters:
            for label, value in filters:
                ws.append([str(label), self._safe(ws, str(value))])
        else:
            ws.append([str(_("Filters")), str(_("none: all recommendations you may see"))])
        base = queryset.order_by()
        self._pivot(
            ws,
            str(_("Mechanism")),
            base.values_list("review__mechanism__code", "status").annotate(n=Count("pk")),
            str,
        )
        self._pivot(
            ws, str(_("State")), base.values_list("review__state", "status").annotate(n=Count("pk")), self.country
        )

    def _safe(self, ws, value):
        value = clean_text(value)
        return escaped_cell(ws, value) if is_formula_like(value) else value

    def _pivot(self, ws, title, counts, label):
        table = {}
        for key, status, n in counts:
            table.setdefault(key or "", {})[status] = n
        ws.append([])
        header = [title, *self.status_labels.values(), str(_("Total"))]
        cells = []
        for value in header:
            cell = WriteOnlyCell(ws, value=value)
            cell.font = HEADER_FONT
            cell.fill = HEADER_FILL
            cell.alignment = WRAP
            cells.append(cell)
        ws.append(cells)
        totals = dict.fromkeys(self.status_labels, 0)
        for key in sorted(table, key=lambda k: label(k) if k else ""):
            line = table[key]
            for status, n in line.items():
                totals[status] = totals.get(status, 0) + n
            ws.append(
                [
                    self._safe(ws, label(key)) if key else "—",
                    *(line.get(status, 0) for status in self.status_labels),
                    sum(line.values()),
                ]
            )
        total_label = WriteOnlyCell(ws, value=str(_("Total")))
        total_label.font = HEADER_FONT
        ws.append([total_label, *totals.values(), sum(totals.values())])

    @property
    def lists_title(self):
        return str(_("Lists"))

    def write_lists(self):
        ws = self.wb.create_sheet(title=self.lists_title)
        ws.sheet_state = "hidden"
        for label in self.status_labels.values():
            ws.append([label])

    def save(self, out):
        self.wb.save(out)


def assessment_export_rows(queryset, *, user, language):
    """The whole visible assessment history of the exported recommendations, as tuples."""
    return (
        StatusAssessment.objects.visible_to(user)
        .filter(recommendation__in=queryset.order_by().values("pk"))
        .order_by("recommendation_id", "assessed_on", "created_at", "pk")
        # An assessment stays in the history, but the name of an organisation the person may not see does not.
        .annotate(
            org_name=Case(
                When(
                    organisation__in=Organisation.objects.visible_to(user),
                    then=translated("organisation__name", language),
                ),
                default=Value(""),
                output_field=CharField(),
            )
        )
        .values_list(
            "recommendation_id",
            "recommendation__review__mechanism__code",
            "recommendation__review__document_symbol",
            "recommendation__paragraph",
            "status",
            "assessed_on",
            "evidence",
            "source_url",
            "state",
            "org_name",
            "created_at",
        )
    )


def recommendation_status_workbook(
    queryset, out, *, user, filters=(), base_url: str = "", language=None, progress=None
) -> int:
    """Write the status workbook of ``queryset`` (already limited to what ``user`` may see) to ``out``.

    Returns the number of recommendations written. ``filters`` are (label, value) pairs shown on
    the Summary sheet; ``base_url`` makes the dossier links absolute; ``progress(rows_written)`` is
    called every PROGRESS_ROWS recommendations.
    """
    language = (language or translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]
    with translation.override(language):
        writer = StatusWorkbookWriter(user=user, language=language, base_url=base_url)
        exported_at = timezone.localtime()
        total = writer.write_recommendations(
            recommendation_export_rows(queryset, user=user, language=language), progress=progress
        )
        writer.write_assessments(assessment_export_rows(queryset, user=user, language=language))
        writer.write_summary(queryset, filters=filters, exported_at=exported_at, total=total)
        writer.write_lists()
        writer.save(out)
    return total


def export_filename(filters=(), *, now=None) -> str:
    """recommendations-2025-05-01[-cmw-2015].xlsx: the date and the filters' values in the name."""
    from django.utils.text import slugify

    now = now or timezone.localtime()
    parts = ["recommendations", now.strftime("%Y-%m-%d")]
    for _label, value in filters:
        slug = slugify(str(value))[:30]
        if slug:
            parts.append(slug)
    return "-".join(parts)[:120] + ".xlsx"
