"""Import calendar entries from a CSV or Excel table (the admin's upload and ``manage.py import_calendar``).

Columns (headers in any case and order; only the first four are required)::

    entry, state, mechanism, date, precision, session, session_starts, session_ends, adopted_on,
    document_symbol, review_date, title_ru, title_en, source_url, checked_on, publication

``entry`` is ``review`` or a deadline kind (``ngo_submission``, ``list_of_issues``, ``state_report``,
``follow_up_report``, ``mid_term_report``, ``internal``); ``state`` an ISO code (KG); ``mechanism`` a
code (CMW). A deadline's ``review_date`` ties it to the review of the same state and mechanism on that day
(in the file or already stored). A review is found again by state, mechanism and date, a deadline by
state, mechanism, kind and date, so importing the same file twice changes nothing. Every row is checked
first; a file with any error writes nothing, and each error names its row and column.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_countries import countries

from recommendations.imports.files import FileRejected, cell_text, normalise_header, parse_date, read_table
from recommendations.models import Mechanism

from .models import CycleReview, DatePrecision, Deadline, Publication

REQUIRED = ("entry", "state", "mechanism", "date")
KNOWN = REQUIRED + (
    "precision",
    "session",
    "session_starts",
    "session_ends",
    "adopted_on",
    "document_symbol",
    "review_date",
    "title_ru",
    "title_en",
    "source_url",
    "checked_on",
    "publication",
)
REVIEW = "review"


@dataclass
class ImportResult:
    dry_run: bool
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list = field(default_factory=list)  # (row, column, message)


class _Rollback(Exception):
    pass


def _date(row, column, errors, number, required=False):
    value = row.get(column, "")
    try:
        day = parse_date(value)
    except ValueError:
        errors.append((number, column, _("“%(value)s” is not a date (write 2025-04-28).") % {"value": value}))
        return None
    if day is None and required:
        errors.append((number, column, _("A date is required.")))
    return day


def _choice(row, column, choices, default, errors, number):
    value = cell_text(row.get(column, "")).lower() or default
    if value not in choices:
        errors.append(
            (
                number,
                column,
                _("“%(value)s” is not one of: %(choices)s.") % {"value": value, "choices": ", ".join(choices)},
            )
        )
        return None
    return value


def _save(model, lookup, values, result):
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **values)
        obj.full_clean()
        obj.save()
        result.created += 1
        return obj
    changed = {name: value for name, value in values.items() if getattr(obj, name) != value}
    if changed:
        for name, value in changed.items():
            setattr(obj, name, value)
        obj.full_clean()
        obj.save()
        result.updated += 1
    else:
        result.unchanged += 1
    return obj


def _rows(source, name):
    table = read_table(source, name=name)
    headers = {normalise_header(h): h for h in table.headers}
    missing = [column for column in REQUIRED if column not in headers]
    if missing:
        raise FileRejected(
            _("Columns missing: %(columns)s. The first row must name the columns."),
            code="missing_columns",
            params={"columns": ", ".join(missing)},
        )
    for number, raw in table.rows:
        yield number, {normalise_header(key): cell_text(value) for key, value in raw.items() if key}


def calendar_import(*, source, name: str = "", dry_run: bool = False) -> ImportResult:
    """Check every row, then write them all in one transaction (or, for a dry run, roll it back)."""
    result = ImportResult(dry_run=dry_run)
    try:
        rows = list(_rows(source, name))
    except ValidationError as error:
        result.errors.append((0, "", " ".join(error.messages)))
        return result
    mechanisms = {m.code.casefold(): m for m in Mechanism.objects.all()}
    kinds = [REVIEW, *Deadline.Kind.values]
    try:
        with transaction.atomic():
            # Reviews first, so that a deadline may name a review further down the file.
            ordered = sorted(rows, key=lambda item: item[1].get("entry", "").lower() != REVIEW)
            for number, row in ordered:
                _import_row(number, row, mechanisms, kinds, result)
            if result.errors or dry_run:
                raise _Rollback
    except _Rollback:
        pass
    result.errors.sort(key=lambda error: error[0])
    return result


def _import_row(number, row, mechanisms, kinds, result):
    errors = []
    entry = _choice(row, "entry", kinds, "", errors, number)
    state = row.get("state", "").upper()
    if not state or state not in dict(countries):
        errors.append((number, "state", _("“%(value)s” is not an ISO country code (KG, KZ …).") % {"value": state}))
    mechanism = mechanisms.get(row.get("mechanism", "").casefold())
    if mechanism is None:
        errors.append(
            (number, "mechanism", _("No mechanism has the code “%(value)s”.") % {"value": row.get("mechanism")})
        )
    day = _date(row, "date", errors, number, required=True)
    checked_on = _date(row, "checked_on", errors, number)
    precision = _choice(row, "precision", DatePrecision.values, DatePrecision.DAY, errors, number)
    publication = _choice(row, "publication", Publication.values, Publication.DRAFT, errors, number)
    common = {
        "date_precision": precision,
        "source_url": row.get("source_url", ""),
        "checked_on": checked_on,
        "publication": publication,
    }
    if entry == REVIEW:
        starts = _date(row, "session_starts", errors, number)
        ends = _date(row, "session_ends", errors, number)
        adopted = _date(row, "adopted_on", errors, number)
        values = {
            **common,
            "session_ru": row.get("session", ""),
            "starts_on": starts,
            "ends_on": ends,
            "adopted_on": adopted,
            "document_symbol": row.get("document_symbol", ""),
        }
        model, lookup = CycleReview, {"state": state, "mechanism": mechanism, "review_on": day}
    else:
        review_day = _date(row, "review_date", errors, number)
        cycle = None
        if review_day and mechanism and not errors:
            cycle = CycleReview.objects.filter(state=state, mechanism=mechanism, review_on=review_day).first()
            if cycle is None:
                errors.append((number, "review_date", _("No review of this state and mechanism on that date.")))
        values = {
            **common,
            "cycle": cycle,
            "title_ru": row.get("title_ru", ""),
            "title_en": row.get("title_en", ""),
            "is_computed": False,
        }
        model, lookup = Deadline, {"state": state, "mechanism": mechanism, "kind": entry, "due_on": day}
    if errors:
        result.errors.extend(errors)
        return
    try:
        with transaction.atomic():
            _save(model, lookup, values, result)
    except ValidationError as error:
        for column, messages in error.message_dict.items():
            result.errors.extend((number, column, message) for message in messages)
