"""Writing tens of thousands of rows without a model instance per row: for the UHRI import.

Django's ``bulk_create`` spends most of a 50,000-row import building model instances and preparing
each value; on PostgreSQL these helpers stream plain values with ``COPY`` instead, elsewhere they use
``executemany``. The change history is written the way django-simple-history writes it (every tracked
field, date, user, type, and a snapshot of the linked items registered with ``m2m_fields``) but by the
database, copied from the rows just written: ``INSERT … SELECT`` instead of a historical instance a row.

None of this sends model signals, like ``bulk_create``; database triggers fire as for any insert.
"""

import contextlib
import datetime
import gc
import io

from django.db import connection, transaction
from simple_history.models import HistoricalRecords

CHUNK = 5000
MAX_KEYS = 10_000_000


@contextlib.contextmanager
def collector_paused():
    """Python's cyclic garbage collector off for the block (as it was before, after it).

    Reading and writing an import makes millions of short-lived objects (XML elements, cells, records, rows),
    freed by their reference counts, none in a cycle; yet every 700 allocations the collector runs, and its
    older generations walk everything the process holds (Django, the plan's records): a third of the CPU time
    of reading a 50,000-row workbook. What a cycle holds meanwhile is collected once it is back on.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _qn(name):
    return connection.ops.quote_name(name)


def _copy_text(value) -> str:
    """A value in PostgreSQL's COPY text format."""
    if type(value) is str:
        if "\\" in value or "\t" in value or "\n" in value or "\r" in value:
            return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
        return value
    if value is None:
        return "\\N"
    if value is True:
        return "t"
    if value is False:
        return "f"
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    text = str(value)
    if "\\" in text or "\t" in text or "\n" in text or "\r" in text:
        text = text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    return text


class _CopyStream(io.TextIOBase):
    """The rows in COPY's text format, made as the database asks for them rather than all beforehand.

    PostgreSQL inserts what it has received while the next rows are formatted: the two work side by side
    (on two cores) and the text in memory stays a few thousand rows long, whatever the number of rows.
    """

    def __init__(self, rows):
        self.rows = iter(rows)
        self.pending = ""

    def readable(self):
        return True

    def read(self, size=-1):
        if size is None or size < 0:
            size = 1 << 62
        parts, length = [self.pending], len(self.pending)
        for row in self.rows:
            line = "\t".join(map(_copy_text, row)) + "\n"
            parts.append(line)
            length += len(line)
            if length >= size:
                break
        text = "".join(parts)
        self.pending = text[size:]
        return text[:size]

    def readline(self, size=-1):
        return self.read(size)


def _uses_copy(cursor) -> bool:
    return connection.vendor == "postgresql" and hasattr(cursor.cursor, "copy_expert")


def chunks(items, size=CHUNK):
    items = list(items)
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _in(ids) -> tuple[str, list]:
    """A membership test for a list of ids: one array parameter on PostgreSQL, a list of parameters elsewhere."""
    if connection.vendor == "postgresql":
        return "= ANY(%s)", [list(ids)]
    return f"IN ({', '.join(['%s'] * len(ids))})", list(ids)


def _in_chunk_size():
    """Keys per membership test: all in one array on PostgreSQL (one scan, the array hashed), else within the
    parameter limit."""
    if connection.vendor == "postgresql":
        return MAX_KEYS
    limit = connection.features.max_query_params or CHUNK
    return min(CHUNK, max(1, limit - 10))


def reserve_ids(model, count: int) -> list | None:
    """``count`` new primary keys of ``model``, drawn from its sequence in one query (PostgreSQL), else None.

    Rows inserted with them need no second query to learn their ids.
    """
    if connection.vendor != "postgresql" or not count:
        return None
    meta = model._meta
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [meta.db_table, meta.pk.column, count],
        )
        return [row[0] for row in cursor.fetchall()]


def key_map(model, field_name: str, keys, *, non_blank: bool = False) -> dict:
    """``{value of field_name: pk}`` for the rows whose field_name is in ``keys``: one query a chunk, no instances.

    ``non_blank``: the column is unique only where it is not blank (a partial index, as the annotation ids'):
    saying so lets PostgreSQL look the keys up in that index instead of reading the whole table.
    """
    keys = list(set(keys) - ({""} if non_blank else set()))
    found = {}
    if not keys:
        return found
    meta = model._meta
    column = _qn(meta.get_field(field_name).column)
    blank = f"{column} <> '' AND " if non_blank else ""
    sql = f"SELECT {column}, {_qn(meta.pk.column)} FROM {_qn(meta.db_table)} WHERE {blank}{column} "
    with connection.cursor() as cursor:
        for part in chunks(keys, _in_chunk_size()):
            test, params = _in(part)
            cursor.execute(sql + test, params)
            found.update(cursor.fetchall())
    return found


def insert_rows(model, names, rows):
    """Insert ``rows`` (tuples of Python values in the order of ``names``, field attnames) into ``model``'s table.

    Values are written as given: columns left out take the database's default, so pass every column
    that has no default in the database (Django's field defaults live in Python, not in the table).
    """
    rows = list(rows)
    if not rows:
        return
    fields = [next(f for f in model._meta.concrete_fields if f.attname == name) for name in names]
    table = _qn(model._meta.db_table)
    columns = ", ".join(_qn(f.column) for f in fields)
    with connection.cursor() as cursor:
        if _uses_copy(cursor):
            cursor.cursor.copy_expert(f"COPY {table} ({columns}) FROM STDIN", _CopyStream(rows), size=1 << 16)
            return
        sql = f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * len(fields))})"
        prepared = [[f.get_db_prep_save(v, connection) for f, v in zip(fields, row, strict=True)] for row in rows]
        for part in chunks(prepared):
            cursor.executemany(sql, part)


def delete_rows(model, field_name: str, keys):
    """Delete the rows whose ``field_name`` is in ``keys`` with one statement a chunk (no signal a row)."""
    keys = list(keys)
    column = _qn(model._meta.get_field(field_name).column)
    sql = f"DELETE FROM {_qn(model._meta.db_table)} WHERE {column} "
    with connection.cursor() as cursor:
        for part in chunks(keys, _in_chunk_size()):
            test, params = _in(part)
            cursor.execute(sql + test, params)


def update_rows(model, names, rows):
    """Set ``names`` (attnames) of existing rows: ``rows`` are tuples (pk, value, …) in the order of ``names``."""
    rows = list(rows)
    if not rows:
        return
    meta = model._meta
    fields = [next(f for f in meta.concrete_fields if f.attname == name) for name in names]
    table = _qn(meta.db_table)
    pk = _qn(meta.pk.column)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # One statement a chunk: the new values as parallel arrays, joined on the primary key.
            types = [meta.pk.db_type(connection), *(f.db_type(connection) for f in fields)]
            types = ["bigint" if t.startswith("big") else t for t in types]
            unnest = ", ".join(f"%s::{t}[]" for t in types)
            aliases = ", ".join(["pk", *(f"v{n}" for n in range(len(fields)))])
            sets = ", ".join(f"{_qn(f.column)} = new.v{n}" for n, f in enumerate(fields))
            sql = f"UPDATE {table} SET {sets} FROM unnest({unnest}) AS new({aliases}) WHERE {table}.{pk} = new.pk"
            for part in chunks(rows):
                columns = list(zip(*part, strict=True))
                cursor.execute(sql, [list(c) for c in columns])
            return
        sets = ", ".join(f"{_qn(f.column)} = %s" for f in fields)
        sql = f"UPDATE {table} SET {sets} WHERE {pk} = %s"
        prepared = [
            [*(f.get_db_prep_save(v, connection) for f, v in zip(fields, row[1:], strict=True)), row[0]] for row in rows
        ]
        for part in chunks(prepared):
            cursor.executemany(sql, part)


def write_history(model, ids, *, history_type: str, user=None, date=None):
    """Historical rows of ``model`` for the rows ``ids`` as they now are in the database, linked items included."""
    ids = list(ids)
    if not ids:
        return
    history = model.history.model
    tracked = [f.column for f in history.tracked_fields]
    table = _qn(model._meta.db_table)
    history_table = _qn(history._meta.db_table)
    pk = _qn(model._meta.pk.column)
    columns = ", ".join(_qn(c) for c in tracked)
    meta_columns = ", ".join(
        _qn(c) for c in ("history_date", "history_change_reason", "history_type", "history_user_id")
    )
    user_id = getattr(user, "pk", None)
    date = connection.ops.adapt_datetimefield_value(date)
    sql = (
        f"INSERT INTO {history_table} ({columns}, {meta_columns}) "
        f"SELECT {columns}, %s, %s, %s, %s FROM {table} WHERE {pk} "
    )
    with connection.cursor() as cursor:
        for part in chunks(ids, _in_chunk_size()):
            test, params = _in(part)
            cursor.execute(sql + test, [date, "", history_type, user_id, *params])
        for field in getattr(history, "_history_m2m_fields", ()):
            _write_m2m_history(cursor, model, history, field, date, history_type)


def _write_m2m_history(cursor, model, history, field, date, history_type):
    """simple_history's snapshot of one relation, for the historical rows just written.

    They are found by their date (``now`` of this import, indexed): rows of other transactions are not
    visible, and nothing else in this one writes history at the same microsecond.
    """
    m2m_history = HistoricalRecords.m2m_models[field]
    through = field.remote_field.through
    owner = next(
        f
        for f in through._meta.concrete_fields
        if f.is_relation and f.related_model is model and f.name == field.m2m_field_name()
    )
    copied = [f for f in m2m_history._meta.concrete_fields if f.name not in ("m2m_history_id", "history")]
    history_fk = m2m_history._meta.get_field("history").column
    through_columns = {f.name: f.column for f in through._meta.concrete_fields}
    columns = ", ".join(_qn(c) for c in [history_fk, *(f.column for f in copied)])
    values = ", ".join(["h.history_id", *(f"t.{_qn(through_columns[f.name])}" for f in copied)])
    sql = (
        f"INSERT INTO {_qn(m2m_history._meta.db_table)} ({columns}) SELECT {values} "
        f"FROM {_qn(through._meta.db_table)} t JOIN {_qn(history._meta.db_table)} h "
        f"ON h.{_qn(model._meta.pk.column)} = t.{_qn(owner.column)} "
        "WHERE h.history_date = %s AND h.history_type = %s"
    )
    cursor.execute(sql, [date, history_type])


def analyze_after_commit(models):
    """Have PostgreSQL gather planner statistics on the tables of ``models`` once the transaction commits.

    A bulk load into tables without statistics (fresh ones; autovacuum off or not yet come round) leaves
    the planner guessing, and a guess can turn a query quadratic (issue 8, point 12). ANALYZE samples a
    bounded number of rows, so it costs well under a second a table whatever their size; it runs after the
    commit so that it sees the new rows, and a failure there is logged (``robust``), not raised: the data
    is already saved.
    """
    if connection.vendor != "postgresql":
        return
    tables = sorted({model._meta.db_table for model in models})

    def analyze():
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE " + ", ".join(_qn(table) for table in tables))

    transaction.on_commit(analyze, robust=True)


def history_models(model):
    """The model's historical model and those of its tracked many-to-many links (django-simple-history)."""
    history = getattr(model, "history", None)
    if history is None:
        return []
    historical = history.model
    return [historical, *(HistoricalRecords.m2m_models[f] for f in getattr(historical, "_history_m2m_fields", ()))]
