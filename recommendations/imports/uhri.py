"""Importing the UN Human Rights Index's Excel and CSV exports.

Two steps, so that nothing is written before a person has seen what will happen:

``uhri_plan(source)`` reads and checks every row and compares it with the database (a few queries in
all, not per row): which recommendations are new, which changed (and how), which are the same, and
every error with its row and column. ``uhri_import(plan=..., user=...)`` writes that plan in one
transaction with bulk inserts and updates, and the change history of every row
(django-simple-history's bulk helpers). Rows are matched by OHCHR annotation id, so importing the
same file twice changes nothing and a newer export updates what is already there.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from sys import intern

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from ..models import AffectedGroup, Mechanism, Recommendation, Review, SdgTarget, StatusTally, Theme
from ..resources import CellError, UhriResource
from ..signals import bulk_written
from .bulk import (
    analyze_after_commit,
    collector_paused,
    delete_rows,
    history_models,
    insert_rows,
    key_map,
    reserve_ids,
    update_rows,
    write_history,
)
from .files import FileRejected, normalise_header, read_table

BATCH = 2000
LOOKUP_CHUNK = 5000
MAX_ERRORS_SHOWN = 1000
PROGRESS_ROWS = 1000
REMEMBERED_VALUES = 10_000  # distinct values of a column cleaned once each

TREATY_BODIES = {"CAT", "CCPR", "CED", "CEDAW", "CERD", "CESCR", "CMW", "CRC", "CRPD", "SPT"}
POSITIONS = {"supported": Recommendation.UprResponse.SUPPORTED, "noted": Recommendation.UprResponse.NOTED}
KINDS = {
    "recommendations": Recommendation.Kind.RECOMMENDATION,
    "recommendation": Recommendation.Kind.RECOMMENDATION,
    "concerns/observations": Recommendation.Kind.OBSERVATION,
    "concerns / observations": Recommendation.Kind.OBSERVATION,
    "observations": Recommendation.Kind.OBSERVATION,
}
# The values a recommendation takes from a UHRI row, compared to decide whether it changed.
COMPARED_FIELDS = ("text_en", "kind", "upr_response", "recommending_states", "uhri_published_on", "review_id")


@dataclass
class RowError:
    row: int
    column: str
    message: str

    def __str__(self):
        if self.row:
            return _("Row %(row)s, column “%(column)s”: %(message)s") % {
                "row": self.row,
                "column": self.column,
                "message": self.message,
            }
        return self.message


@dataclass(slots=True)
class UhriRecord:
    row: int
    annotation: str
    text: str
    state: str
    body: str
    symbol: str
    kind: str
    themes: list
    groups: list
    sdgs: list
    published: datetime.date | None
    recommending_states: str
    upr_response: str
    session: str
    uhri_published_on: datetime.date | None
    action: str = "create"  # create | update | unchanged
    changes: list = field(default_factory=list)
    changed_fields: list = field(default_factory=list)
    existing_id: int | None = None


@dataclass
class UhriPlan:
    format: str = ""
    encoding: str = ""
    rows_read: int = 0
    records: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    new_mechanisms: set = field(default_factory=set)
    new_reviews: set = field(default_factory=set)
    new_themes: set = field(default_factory=set)
    new_groups: set = field(default_factory=set)
    new_sdgs: set = field(default_factory=set)

    @property
    def to_create(self):
        return [r for r in self.records if r.action == "create"]

    @property
    def to_update(self):
        return [r for r in self.records if r.action == "update"]

    @property
    def unchanged(self):
        return [r for r in self.records if r.action == "unchanged"]

    @property
    def error_rows(self):
        return len({e.row for e in self.errors})

    def summary(self) -> dict:
        return {
            "rows": self.rows_read,
            "create": len(self.to_create),
            "update": len(self.to_update),
            "unchanged": len(self.unchanged),
            "errors": self.error_rows,
            "new_mechanisms": len(self.new_mechanisms),
            "new_reviews": len(self.new_reviews),
            "new_themes": len(self.new_themes),
            "new_groups": len(self.new_groups),
            "new_sdgs": len(self.new_sdgs),
        }


def _chunks(items, size=LOOKUP_CHUNK):
    items = list(items)
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _header_map(headers):
    """Canonical field name → the header as written in the file; missing required columns are fatal."""
    resource = UhriResource()
    wanted = {}
    for name, resource_field in resource.fields.items():
        spellings = (resource_field.column_name, *UhriResource.aliases.get(name, ()))
        for spelling in spellings:
            wanted[normalise_header(spelling)] = name
    found = {}
    unknown = []
    for header in headers:
        if not header:
            continue
        name = wanted.get(normalise_header(header))
        if name and name not in found:
            found[name] = header
        elif not name:
            unknown.append(header)
    missing = [resource.fields[name].column_name for name in UhriResource.required if name not in found]
    if missing:
        message = _("Columns missing: %(missing)s. Is this a UHRI export with its column names unchanged?") % {
            "missing": ", ".join(f"“{m}”" for m in missing)
        }
        if unknown:
            message += " " + _("Columns not recognised: %(unknown)s.") % {
                "unknown": ", ".join(f"“{u}”" for u in unknown[:10])
            }
        raise FileRejected(message, code="missing_columns")
    optional_missing = [
        resource.fields[name].column_name
        for name in resource.fields
        if name not in found and name not in UhriResource.required
    ]
    return found, unknown, optional_missing, resource


def _mechanism_code(body: str) -> str:
    code = body.strip()
    upper = code.upper()
    if upper in TREATY_BODIES or upper == "UPR":
        return upper
    return code[:30]


def _mechanism_kind(code: str) -> str:
    if code in TREATY_BODIES:
        return Mechanism.Kind.TREATY_BODY
    if code == "UPR":
        return Mechanism.Kind.UPR
    if "OSCE" in code.upper() or "ODIHR" in code.upper():
        return Mechanism.Kind.OSCE
    return Mechanism.Kind.SPECIAL_PROCEDURE


def _remembered(clean, limit=REMEMBERED_VALUES):
    """``clean`` that cleans each distinct value of a column once: a country, a body, a list of themes or a
    date repeats over thousands of rows. The first ``limit`` distinct values (and their errors) are kept; what
    it returns is shared by the rows holding the same value, and not changed by them."""
    known = {}

    def cached(value):
        key = (type(value), value)  # True, 1 and 1.0 are equal keys, and not the same cell
        result = known.get(key, known)
        if result is known:
            try:
                result = clean(value)
            except CellError as error:
                result = _Refused(str(error))
            if len(known) < limit:
                known[key] = result
        if type(result) is _Refused:
            raise CellError(result.message)
        return result

    return cached


@dataclass(frozen=True, slots=True)
class _Refused:
    message: str


def _clean_row(number, raw, columns, cleaners, errors) -> UhriRecord | None:
    """The row as a record, or None with its errors added to ``errors``; ``cleaners`` are (name, header, clean)."""
    values = {}
    row_errors = []
    for name, header, clean in cleaners:
        try:
            values[name] = clean(raw.get(header))
        except CellError as error:
            row_errors.append(RowError(number, header, str(error)))
    for name in ("text", "symbol", "annotation", "body"):
        if name in values and not values[name]:
            row_errors.append(RowError(number, columns[name], _("This cell is empty.")))
    countries = values.get("countries")
    if countries is not None and not countries and "countries" not in {e.column for e in row_errors}:
        row_errors.append(RowError(number, columns["countries"], _("This cell is empty.")))
    kind_text = (values.get("type") or "").strip().casefold()
    kind = Recommendation.Kind.RECOMMENDATION
    if kind_text:
        if kind_text not in KINDS:
            row_errors.append(
                RowError(
                    number,
                    columns["type"],
                    _("“%(value)s” is not a type UHRI uses (Recommendations, Concerns/Observations).")
                    % {"value": values["type"][:40]},
                )
            )
        else:
            kind = KINDS[kind_text]
    position_text = (values.get("position") or "").strip().casefold()
    position = ""
    if position_text:
        if position_text not in POSITIONS:
            row_errors.append(
                RowError(
                    number,
                    columns["position"],
                    _("“%(value)s” is not a UPR position (Supported, Noted).") % {"value": values["position"][:40]},
                )
            )
        else:
            position = POSITIONS[position_text]
    annotation = values.get("annotation", "")
    if len(annotation) > 64:
        row_errors.append(RowError(number, columns["annotation"], _("The annotation id is too long.")))
    symbol = values.get("symbol", "")
    if len(symbol) > 120:
        row_errors.append(RowError(number, columns["symbol"], _("The document symbol is too long.")))
    if row_errors:
        errors.extend(row_errors)
        return None
    published = values.get("published")
    # Values that repeat from row to row (state, body, symbol, vocabularies) are kept once, not once a row:
    # the whole UN index is 300,000 records held at once.
    return UhriRecord(
        row=number,
        annotation=annotation,
        text=values["text"],
        state=intern(countries[0]),
        body=intern(_mechanism_code(values["body"])),
        symbol=intern(symbol),
        kind=kind,
        themes=[intern(t[:255]) for t in values.get("themes", [])],
        groups=[intern(g[:255]) for g in values.get("groups", [])],
        sdgs=[(intern(code), intern(title[:255])) for code, title in values.get("sdgs", [])],
        published=published,
        recommending_states=intern("\n".join(values.get("recommending_states", []))),
        upr_response=position,
        session=intern((values.get("session") or "")[:60]),
        uhri_published_on=values.get("uhri_date"),
    )


@collector_paused()
def uhri_plan(source, *, name: str = "", max_bytes: int | None = None, progress=None) -> UhriPlan:
    """Read and check a UHRI export and compare it with the database. Writes nothing.

    ``progress(rows_read)`` is called every PROGRESS_ROWS rows, for a job page to show.

    Raises FileRejected when the file as a whole cannot be used (type, size, encoding, columns).
    """
    table = read_table(source, name=name, max_bytes=max_bytes)
    columns, unknown, optional_missing, resource = _header_map(table.headers)
    table.read_only(columns.values())
    plan = UhriPlan(format=table.format, encoding=table.encoding)
    if optional_missing:
        plan.warnings.append(
            _("Columns not in the file (left empty): %(columns)s.")
            % {"columns": ", ".join(f"“{c}”" for c in optional_missing)}
        )
    if unknown:
        plan.warnings.append(
            _("Columns ignored: %(columns)s.") % {"columns": ", ".join(f"“{c}”" for c in unknown[:10])}
        )
    # Each column's widget looked up once, not once a cell; a column whose values repeat (all but the text and
    # the annotation id, each row's own) cleans each distinct value once.
    cleaners = []
    for name, header in columns.items():
        clean = resource.fields[name].widget.clean
        cleaners.append((name, header, clean if name in ("text", "annotation") else _remembered(clean)))
    seen = {}
    for number, raw in table.rows:
        plan.rows_read += 1
        if progress is not None and plan.rows_read % PROGRESS_ROWS == 0:
            progress(plan.rows_read)
        record = _clean_row(number, raw, columns, cleaners, plan.errors)
        if record is None:
            continue
        if record.annotation in seen:
            plan.errors.append(
                RowError(
                    number,
                    columns["annotation"],
                    _("The annotation id %(id)s is already in row %(row)s.")
                    % {"id": record.annotation, "row": seen[record.annotation]},
                )
            )
            continue
        seen[record.annotation] = number
        plan.records.append(record)
    if not plan.rows_read:
        raise FileRejected(_("The file has column names but no rows."), code="no_rows")
    _compare(plan)
    return plan


def _existing(model, key_field, keys):
    return key_map(model, key_field, keys)


def _compare(plan: UhriPlan):
    records = plan.records
    mechanisms = _existing(Mechanism, "code", {r.body for r in records})
    plan.new_mechanisms = {r.body for r in records} - set(mechanisms)
    reviews = key_map(Review, "document_symbol", {r.symbol for r in records})
    plan.new_reviews = {r.symbol for r in records} - set(reviews)
    plan.new_themes = {t for r in records for t in r.themes} - set(
        _existing(Theme, "key", {t for r in records for t in r.themes})
    )
    plan.new_groups = {g for r in records for g in r.groups} - set(
        _existing(AffectedGroup, "key", {g for r in records for g in r.groups})
    )
    plan.new_sdgs = {c for r in records for c, _t in r.sdgs} - set(
        _existing(SdgTarget, "code", {c for r in records for c, _t in r.sdgs})
    )

    existing = {}
    # Which annotation ids are known first (a cheap query): a first import loads nothing more.
    known = key_map(Recommendation, "uhri_id", [r.annotation for r in records], non_blank=True)
    for chunk in _chunks(known.values()):
        for values in Recommendation.objects.filter(pk__in=chunk).values("pk", "uhri_id", *COMPARED_FIELDS):
            existing[values["uhri_id"]] = values
    if not existing:
        return
    ids = [v["pk"] for v in existing.values()]
    m2m = {"themes": defaultdict(set), "groups": defaultdict(set), "sdgs": defaultdict(set)}
    for chunk in _chunks(ids):
        for rec_id, key in Recommendation.themes.through.objects.filter(recommendation_id__in=chunk).values_list(
            "recommendation_id", "theme__key"
        ):
            m2m["themes"][rec_id].add(key)
        for rec_id, key in Recommendation.affected_groups.through.objects.filter(
            recommendation_id__in=chunk
        ).values_list("recommendation_id", "affectedgroup__key"):
            m2m["groups"][rec_id].add(key)
        for rec_id, code in Recommendation.sdg_targets.through.objects.filter(recommendation_id__in=chunk).values_list(
            "recommendation_id", "sdgtarget__code"
        ):
            m2m["sdgs"][rec_id].add(code)
    labels = {
        "text_en": _("text"),
        "kind": _("type"),
        "upr_response": _("UPR position"),
        "recommending_states": _("recommending states"),
        "uhri_published_on": _("date of publication on UHRI"),
        "review_id": _("document symbol"),
        "themes": _("themes"),
        "groups": _("affected persons"),
        "sdgs": _("SDG targets"),
    }
    for record in records:
        current = existing.get(record.annotation)
        if current is None:
            continue
        record.existing_id = current["pk"]
        wanted = _field_values(record, reviews.get(record.symbol))
        changes = [name for name in COMPARED_FIELDS if (current[name] or "") != (wanted[name] or "")]
        if set(record.themes) != m2m["themes"][current["pk"]]:
            changes.append("themes")
        if set(record.groups) != m2m["groups"][current["pk"]]:
            changes.append("groups")
        if {c for c, _t in record.sdgs} != m2m["sdgs"][current["pk"]]:
            changes.append("sdgs")
        record.changes = [str(labels[name]) for name in changes]
        record.changed_fields = changes
        record.action = "update" if changes else "unchanged"


def _field_values(record: UhriRecord, review_id):
    return {
        "text_en": record.text,
        "kind": record.kind,
        "upr_response": record.upr_response,
        "recommending_states": record.recommending_states,
        "uhri_published_on": record.uhri_published_on,
        "review_id": review_id,
    }


@dataclass
class UhriResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    vocabulary: dict = field(default_factory=dict)


def _ensure_vocabulary(model, key_field, wanted: dict, user) -> dict:
    """key → pk for every key in ``wanted`` (key → field values), creating the missing ones with history."""
    found = _existing(model, key_field, wanted)
    missing = [model(**values) for key, values in wanted.items() if key not in found]
    if missing:
        bulk_create_with_history(missing, model, batch_size=BATCH, default_user=user)
        found.update(_existing(model, key_field, [getattr(obj, key_field) for obj in missing]))
    return found


def _replace_links(through, owner: str, target: str, links: dict, replace_ids):
    """Set the many-to-many links of the given recommendations to exactly ``links`` (rec id → target ids)."""
    # Through rows are plain links: deleted in SQL, not loaded to send a signal each.
    delete_rows(through, owner, replace_ids)
    insert_rows(
        through, [owner, target], [(rec_id, target_id) for rec_id, targets in links.items() for target_id in targets]
    )


def _new_reviews(review_values: dict, reviews: dict, user, now) -> int:
    """Create the reviews not in ``reviews`` (symbol → pk, completed here) with their history."""
    missing = [values for symbol, values in review_values.items() if symbol not in reviews]
    if not missing:
        return 0
    names = ["mechanism_id", "state", "year", "date", "session", "document_symbol", "url"]
    insert_rows(Review, names, [tuple(values.get(name, "") for name in names) for values in missing])
    created = key_map(Review, "document_symbol", [values["document_symbol"] for values in missing])
    reviews.update(created)
    write_history(Review, created.values(), history_type="+", user=user, date=now)
    return len(missing)


# The columns of a new recommendation: what the file gives, and Python-side defaults written explicitly.
CREATED_COLUMNS = (
    "uhri_id",
    "review_id",
    "kind",
    "text",
    "text_en",
    "text_ru",
    "upr_response",
    "recommending_states",
    "uhri_published_on",
    "paragraph",
    "status",
    "status_date",
    "is_public",
    "created_at",
    "updated_at",
)


@collector_paused()
@transaction.atomic
def uhri_import(*, plan: UhriPlan, user=None) -> UhriResult:
    """Write a plan: new vocabularies, reviews and recommendations, updates, links; all or nothing.

    Every new or changed recommendation gets one history row (with its linked items as imported);
    unchanged ones get none.
    """
    records = [r for r in plan.records if r.action in ("create", "update")]
    result = UhriResult(unchanged=len(plan.unchanged), skipped=plan.error_rows)
    if not records:
        return result
    now = timezone.now()

    mechanisms = _ensure_vocabulary(
        Mechanism,
        "code",
        {r.body: {"code": r.body, "name_en": r.body, "kind": _mechanism_kind(r.body)} for r in records},
        user,
    )
    themes = _ensure_vocabulary(Theme, "key", {t: {"key": t, "name_en": t} for r in records for t in r.themes}, user)
    groups = _ensure_vocabulary(
        AffectedGroup, "key", {g: {"key": g, "name_en": g} for r in records for g in r.groups}, user
    )
    sdgs = _ensure_vocabulary(
        SdgTarget, "code", {c: {"code": c, "title_en": t} for r in records for c, t in r.sdgs}, user
    )
    review_values = {}
    for r in records:
        review_values.setdefault(
            r.symbol,
            {
                "document_symbol": r.symbol,
                "mechanism_id": mechanisms[r.body],
                "state": r.state,
                "year": r.published.year if r.published else None,
                "date": r.published,
                "session": r.session,
            },
        )
    reviews = key_map(Review, "document_symbol", review_values)
    new_reviews = _new_reviews(review_values, reviews, user, now)

    created = [r for r in records if r.action == "create"]
    updated = [r for r in records if r.action == "update"]
    not_assessed = Recommendation._meta.get_field("status").get_default()
    new_rows = [
        (
            r.annotation,
            reviews[r.symbol],
            r.kind,
            r.text,
            r.text,
            None,
            r.upr_response,
            r.recommending_states,
            r.uhri_published_on,
            "",
            not_assessed,
            None,
            True,
            now,
            now,
        )
        for r in created
    ]
    ids = {r.annotation: r.existing_id for r in updated}
    reserved = reserve_ids(Recommendation, len(created))
    if reserved is None:
        insert_rows(Recommendation, CREATED_COLUMNS, new_rows)
        ids.update(key_map(Recommendation, "uhri_id", [r.annotation for r in created], non_blank=True))
    else:  # ids known beforehand: no query to learn them
        new_rows = [(pk, *row) for pk, row in zip(reserved, new_rows, strict=True)]
        insert_rows(Recommendation, ("id", *CREATED_COLUMNS), new_rows)
        ids.update(zip((r.annotation for r in created), reserved, strict=True))
    del new_rows
    # Every compared field is written, so that the history row shows the whole new state.
    update_names = [*COMPARED_FIELDS, "updated_at"]
    update_rows(
        Recommendation,
        update_names,
        [
            (r.existing_id, *(_field_values(r, reviews[r.symbol])[name] for name in COMPARED_FIELDS), now)
            for r in updated
        ],
    )
    replace = [r.existing_id for r in updated]
    _replace_links(
        Recommendation.themes.through,
        "recommendation_id",
        "theme_id",
        {ids[r.annotation]: [themes[t] for t in r.themes] for r in records},
        replace,
    )
    _replace_links(
        Recommendation.affected_groups.through,
        "recommendation_id",
        "affectedgroup_id",
        {ids[r.annotation]: [groups[g] for g in r.groups] for r in records},
        replace,
    )
    _replace_links(
        Recommendation.sdg_targets.through,
        "recommendation_id",
        "sdgtarget_id",
        {ids[r.annotation]: [sdgs[c] for c, _t in r.sdgs] for r in records},
        replace,
    )
    # History last, copied from the rows and links as they now are.
    write_history(Recommendation, [ids[r.annotation] for r in created], history_type="+", user=user, date=now)
    write_history(Recommendation, replace, history_type="~", user=user, date=now)
    result.created = len(created)
    result.updated = len(updated)
    result.vocabulary = {
        "mechanisms": len(plan.new_mechanisms),
        "reviews": new_reviews,
        "themes": len(plan.new_themes),
        "groups": len(plan.new_groups),
        "sdgs": len(plan.new_sdgs),
    }
    if result.created or result.updated:
        bulk_written.send(sender=Recommendation)
        written = [Mechanism, Theme, AffectedGroup, SdgTarget, Review, Recommendation, StatusTally]
        written += [getattr(Recommendation, name).through for name in ("themes", "affected_groups", "sdg_targets")]
        analyze_after_commit(written + [h for model in written for h in history_models(model)])
    return result
