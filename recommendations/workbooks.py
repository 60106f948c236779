"""Recommendation status workbooks: the streaming Excel export and the columns the round trip reads back.

django-import-export builds a whole tablib dataset in memory and asks the database once per row for
related values; at 100,000 recommendations that costs minutes and gigabytes. This writer instead

* runs ONE query for the recommendations, joined in SQL to one aggregate per relation (themes, groups,
  bodies, reports, latest confirmed assessment, advocacy actions: ``string_agg`` on PostgreSQL,
  ``group_concat`` on SQLite), streamed with a server-side cursor: nothing per row is kept in Python;
* writes with openpyxl's write-only mode (through lxml), plain values where no style is needed and one
  reused styled cell per wrapped column, so memory stays flat and each cell costs what openpyxl needs.

The number of queries is the same for ten rows and for a million. Every text that a spreadsheet
would read as a formula (starting with =, +, -, @, a tab or a carriage return) is written as a
string cell with Excel's "quote prefix" flag: shown and kept as literal text, never evaluated.
"""

import datetime
from dataclasses import dataclass
from functools import partial

from django.apps import apps
from django.conf import settings
from django.db import connection
from django.db.models import Aggregate, Case, CharField, Count, F, Max, TextField, Value, When, Window
from django.db.models.functions import RowNumber, TruncDate
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


_illegal = ILLEGAL_CHARACTERS_RE.search


def plain_text(ws, value):
    """A text cell's value for ``ws.append``: None when empty, an escaped cell when formula-like, else itself."""
    if not value:
        return None
    if value.startswith(FORMULA_PREFIXES) or _illegal(value):
        value = clean_text(value)
        if is_formula_like(value):
            return escaped_cell(ws, value)
    return value


def styled_text(ws, alignment):
    """A converter to one reused cell with ``alignment``: shared by every row of a column."""
    template = WriteOnlyCell(ws)
    template.alignment = alignment

    def convert(value):
        if not value:
            return None
        if value.startswith(FORMULA_PREFIXES) or _illegal(value):
            value = clean_text(value)
            if is_formula_like(value):
                return escaped_cell(ws, value, alignment)
        template.value = value
        return template

    return convert


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

        return StringAgg(expression, delimiter=delimiter, order_by=ordering or ())
    return GroupConcat(expression, delimiter)


def _joined_per_recommendation(through, ids, expression, ordering=None, extra_filter=None):
    """(recommendation_id, joined): the related names joined by newlines, one row per recommendation."""
    rows = through.objects.filter(recommendation_id__in=ids)
    if extra_filter:
        rows = rows.filter(**extra_filter)
    return rows.order_by().values("recommendation_id").annotate(joined=joined(expression, ordering=ordering))


def _latest_evidence(ids):
    """(recommendation_id, evidence) of each one's latest confirmed assessment (the one its status comes from)."""
    confirmed = StatusAssessment.objects.filter(recommendation_id__in=ids, state=StatusAssessment.State.CONFIRMED)
    confirmed = confirmed.exclude(evidence="")
    newest_first = [F("assessed_on").desc(), F("created_at").desc(), F("pk").desc()]
    if connection.vendor == "postgresql":
        latest = confirmed.order_by("recommendation_id", *newest_first).distinct("recommendation_id")
    else:
        rank = Window(RowNumber(), partition_by=F("recommendation_id"), order_by=newest_first)
        latest = confirmed.annotate(rank=rank).filter(rank=1).order_by()
    return latest.values("recommendation_id", "evidence")


# The recommendation's own columns, by alias in the joined query, in RECOMMENDATION_COLUMNS order.
OWN_COLUMNS = {
    "x_pk": "pk",
    "x_mechanism": "review__mechanism__code",
    "x_state": "review__state",
    "x_symbol": "review__document_symbol",
    "x_paragraph": "paragraph",
    "x_year": "review__year",
    "x_status": "status",
    "x_status_date": "status_date",
}


def _sql(queryset):
    return queryset.query.sql_with_params()


def recommendation_export_rows(queryset, *, user, language: str | None = None):
    """The recommendations as tuples in RECOMMENDATION_COLUMNS order, less the link; status still a code.

    ONE query, streamed with a server-side cursor: the selection joined to one aggregate per relation
    (themes, groups, bodies, latest evidence, reports, advocacy actions). Each aggregate is one GROUP BY over
    the whole selection, which the database hashes once whatever the number of rows (a correlated subquery
    per row depends on the planner's estimates and can be 100× slower), and the joining happens there too:
    nothing per recommendation is held in Python, so 300,000 rows take the memory of ten. Reports and
    actions count only when the person may see them.
    """
    language = (language or translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]
    Report = apps.get_model("reports", "Report")
    Event = apps.get_model("advocacy", "Event")
    ids = queryset.order_by().values("pk")

    theme_name = translated("theme__name", language)
    group_name = translated("affectedgroup__name", language)
    body_name = translated("organisation__name", language)
    relations = [
        _joined_per_recommendation(Recommendation.themes.through, ids, theme_name, ordering=theme_name),
        _joined_per_recommendation(Recommendation.affected_groups.through, ids, group_name, ordering=group_name),
        _joined_per_recommendation(
            Recommendation.addressed_bodies.through,
            ids,
            body_name,
            ordering=body_name,
            # A public recommendation may address a body that is not public: its name stays hidden (issue 12).
            extra_filter={"organisation__in": Organisation.objects.visible_to(user)},
        ),
        _latest_evidence(ids),
        _joined_per_recommendation(
            Recommendation.reports.rel.through,
            ids,
            translated("report__title", language),
            extra_filter={"report__in": Report.objects.visible_to(user)},
        ),
        Recommendation.events.rel.through.objects.filter(
            recommendation_id__in=ids, event__in=Event.objects.visible_to(user)
        )
        .order_by()
        .values("recommendation_id")
        .annotate(x_count=Count("event_id"), x_last=Max("event__starts_on")),
    ]
    # The list's order, by aliases the outer query can name.
    ordering = list(queryset.query.order_by or Recommendation._meta.ordering)
    order_keys = {f"x_order{n}": F(term.removeprefix("-")) for n, term in enumerate(ordering)}
    main = (
        queryset.order_by()
        .annotate(x_text=translated("text", language), **{a: F(f) for a, f in OWN_COLUMNS.items()}, **order_keys)
        .values_list(*OWN_COLUMNS, "x_text", *order_keys)
    )

    qn = connection.ops.quote_name
    sql, params = _sql(main)
    joins = [f"({sql}) m"]
    for n, relation in enumerate(relations):
        sql, relation_params = _sql(relation)
        joins.append(f"LEFT JOIN ({sql}) r{n} ON r{n}.{qn('recommendation_id')} = m.{qn('x_pk')}")
        params += relation_params

    def own(alias):
        return f"m.{qn(alias)}"

    def related(n, column):
        return f"COALESCE(r{n}.{qn(column)}, '')"

    select = [
        *map(own, ("x_pk", "x_mechanism", "x_state", "x_symbol", "x_paragraph", "x_year", "x_text")),
        related(0, "joined"),
        related(1, "joined"),
        related(2, "joined"),
        own("x_status"),
        own("x_status_date"),
        related(3, "evidence"),
        related(4, "joined"),
        f"COALESCE(r5.{qn('x_count')}, 0)",
        f"r5.{qn('x_last')}",
    ]
    order_by = [
        f"m.{qn(alias)}{' DESC' if term.startswith('-') else ''}"
        for alias, term in zip(order_keys, ordering, strict=True)
    ]
    sql = f"SELECT {', '.join(select)} FROM {' '.join(joins)} ORDER BY {', '.join(order_by)}"
    with connection.chunked_cursor() as cursor:
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(CHUNK_SIZE):
            if connection.vendor == "sqlite":  # aggregated dates come back as text there
                rows = [(*row[:-1], _date(row[-1])) for row in rows]
            yield from rows


def _date(value):
    return datetime.date.fromisoformat(value) if isinstance(value, str) else value


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

    def _converters(self, ws, columns) -> list:
        """Per column, what turns a value into what ``ws.append`` takes (None: the value as it is).

        Chosen once per sheet, so that a row costs one call per text cell and nothing per number or date:
        text goes as a plain value (openpyxl's cheapest cell) unless it must be escaped, and each wrapped
        column reuses one styled cell (a cell styled per row is what makes writers slow).
        """
        converters = []
        for column in columns:
            if column.kind in ("wrap", "status"):
                converters.append(styled_text(ws, WRAP if column.kind == "wrap" else TOP))
            elif column.kind == "text":
                converters.append(partial(plain_text, ws))
            else:
                converters.append(None)
        return converters

    @staticmethod
    def _write_rows(ws, rows, converters, progress=None) -> int:
        append = ws.append
        converting = [(index, convert) for index, convert in enumerate(converters) if convert is not None]
        count = 0
        for values in rows:
            row = list(values)
            for index, convert in converting:
                row[index] = convert(row[index])
            append(row)
            count += 1
            if progress is not None and count % PROGRESS_ROWS == 0:
                progress(count)
        return count

    # sheets

    def write_recommendations(self, rows, progress=None) -> int:
        columns = RECOMMENDATION_COLUMNS
        ws = self._sheet(str(_("Recommendations")), columns)
        converters = self._converters(ws, columns)
        keys = [column.key for column in columns]
        status_index = keys.index("status")
        status_cell, labels = converters[status_index], self.status_labels
        converters[status_index] = lambda code: status_cell(labels.get(code, code))
        state_names = {}

        def state_name(code):
            if code not in state_names:
                state_names[code] = plain_text(ws, self.country(code))
            return state_names[code]

        converters[keys.index("state")] = state_name
        # The dossier link is the last column: built from the id, never formula-like.
        converters[keys.index("link")] = None
        link = self.base_url + reverse("recommendations:detail", kwargs={"pk": 999999999}).replace("999999999", "{}")
        count = self._write_rows(ws, ((*values, link.format(values[0])) for values in rows), converters, progress)
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
        converters = self._converters(ws, columns)
        keys = [column.key for column in columns]
        status_labels, state_labels = self.status_labels, self.state_labels
        converters[keys.index("status")] = lambda code: status_labels.get(code, code)
        converters[keys.index("state")] = lambda code: state_labels.get(code, code)
        count = self._write_rows(ws, assessments.iterator(chunk_size=CHUNK_SIZE), converters)
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
            ),
            # The day it was recorded, in the current time zone, as the database works it out.
            created_on=TruncDate("created_at"),
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
            "created_on",
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
