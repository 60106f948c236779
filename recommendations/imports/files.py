"""Reading an uploaded table (Excel or CSV) safely: what the file really is, its encoding, its size.

Both readers yield ``(row_number, {header: value})`` with the row number a spreadsheet shows, so
that every message can name the row and the column. Completely empty rows are skipped.

Whatever a file holds, reading it does bounded work (the ``MAX_*`` limits below, each ending in a
message, never in an exception or a swollen process); a CSV file's encoding is detected, not assumed;
and ``text_value`` / ``parse_id`` check each cell before it can reach the database.
"""

import codecs
import csv
import datetime
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

import charset_normalizer
import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

DEFAULT_MAX_IMPORT_MB = 20
EXCEL_EPOCH = datetime.date(1899, 12, 30)

# Bounds on the work an upload can cause, whatever it holds (tests/bench/test_upload_limits.py measures
# crafted files against them). Excel's own limits where it has one; else generous for real files.
MAX_COLUMNS = 16384  # Excel's last column, XFD
MAX_ROW_NUMBER = 1048576  # Excel's last row
MAX_CELL_CHARS = 32767  # what one Excel cell holds
# Rows of data in one file (IMPORT_MAX_ROWS): by default the whole UN index (about 267,000 records) fits in
# one file. Reading is linear in the rows and runs in the background worker, not in the request; a crafted
# file of empty rows reaches this limit within a few seconds (tests/bench/test_upload_limits.py).
MAX_ROWS = int(getattr(settings, "IMPORT_MAX_ROWS", 300_000))
MAX_HEADER_SEARCH = 20  # rows looked at for the column names
MAX_SHEET_BYTES = 1024 * 1024 * 1024  # a worksheet's XML, uncompressed (50,000 UHRI rows written inline: 54 MB)
MAX_SHARED_STRINGS_BYTES = 64 * 1024 * 1024
MAX_SMALL_PART_BYTES = 2 * 1024 * 1024  # workbook.xml and its relationships
MAX_SHARED_STRINGS = 500_000  # distinct texts of a workbook
MAX_SHARED_CHARS = 32 * 1024 * 1024  # their characters
MAX_SHARED_CHARS_READ = 64 * 1024 * 1024  # characters of shared texts handed out, repeats included
MAX_RECORD_BYTES = 8 * 1024 * 1024  # XML between two rows (or two shared strings)
MAX_RECORD_ELEMENTS = 200_000  # elements between two rows: 16,384 cells and their values
MAX_STRAY_ELEMENTS = 100_000  # elements outside rows kept by the parser (column widths and the like)
READ_CHUNK = 16 * 1024


def max_import_bytes() -> int:
    return int(getattr(settings, "MAX_IMPORT_MB", DEFAULT_MAX_IMPORT_MB)) * 1024 * 1024


class FileRejected(ValidationError):
    """The whole file cannot be read: nothing in it is imported."""


@dataclass
class Table:
    format: str  # "xlsx" or "csv"
    headers: list[str]
    rows: object  # iterator of (row_number, dict)
    sheet: str = ""
    encoding: str = ""
    notes: list[str] = field(default_factory=list)
    wanted: set | None = None
    formulas: bool = False

    def read_only(self, headers, *, formulas: bool = False):
        """Read only these columns of the rows (call before iterating ``rows``): cells elsewhere cost nothing.

        A formula is read by its cached value; with ``formulas`` it is read as a ``Formula`` instead (which
        ``text_value`` refuses), for imports where a calculated value is never the text meant.
        """
        self.wanted = set(headers)
        self.formulas = formulas

    def column_indexes(self) -> list[tuple[int, str]]:
        return [(i, h) for i, h in enumerate(self.headers) if h and (self.wanted is None or h in self.wanted)]


def _size(source) -> int:
    if isinstance(source, (str, Path)):
        return Path(source).stat().st_size
    if getattr(source, "size", None) is not None:
        return source.size
    position = source.tell()
    source.seek(0, io.SEEK_END)
    size = source.tell()
    source.seek(position)
    return size


def _head(source, n=8192) -> bytes:
    if isinstance(source, (str, Path)):
        with open(source, "rb") as handle:
            return handle.read(n)
    source.seek(0)
    head = source.read(n)
    source.seek(0)
    return head


def check_size(source, limit: int | None = None):
    limit = limit or max_import_bytes()
    size = _size(source)
    if size > limit:
        raise FileRejected(
            _("The file is %(size)s MB; files up to %(limit)s MB can be imported. Split it or filter the export."),
            code="too_large",
            params={"size": f"{size / 1024 / 1024:.1f}", "limit": limit // (1024 * 1024)},
        )
    if size == 0:
        raise FileRejected(_("The file is empty."), code="empty")


def sniff(source, name: str = "") -> str:
    """'xlsx' or 'csv', judged by the bytes (not the name); anything else is refused with a reason."""
    head = _head(source)
    kind = filetype.guess(head)
    if kind is not None and kind.extension in ("xlsx", "zip"):
        return "xlsx"
    if kind is not None and kind.extension == "xls" or head.startswith(b"\xd0\xcf\x11\xe0"):
        raise FileRejected(
            _("This is an old Excel 97–2003 (.xls) file. Save it as an Excel workbook (.xlsx) or as CSV, then retry."),
            code="xls",
        )
    if kind is not None:
        raise FileRejected(
            _("This file is a %(kind)s, not an Excel workbook (.xlsx) or a CSV file."),
            code="wrong_type",
            params={"kind": kind.mime},
        )
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise FileRejected(_("This file is not an Excel workbook (.xlsx) or a CSV file."), code="wrong_type")
    return "csv"


# --- encodings -------------------------------------------------------------------------------------

BOMS_REFUSED = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)  # checked first: UTF-32 LE starts like UTF-16 LE
DETECTION_SAMPLE = 256 * 1024


def _encoding_refused(error=None):
    rejected = FileRejected(
        _(
            "The CSV file's encoding could not be recognised. The portal reads UTF-8 (with or without a BOM), "
            "UTF-16 with a BOM and Windows-1251; save it as “CSV UTF-8” and try again."
        ),
        code="encoding",
    )
    if error is not None:
        rejected.__cause__ = error
    return rejected


def detect_encoding(data: bytes) -> str:
    """The codec to read a CSV upload with: UTF-8 (BOM or not), UTF-16 with a BOM, or Windows-1251.

    Windows-1251 (Russian Excel's "CSV") decodes almost any byte string, so it is accepted only when
    charset-normalizer judges the text to be Windows-1251: Latin-1, Shift-JIS and the rest are refused
    rather than shown as garbled Cyrillic changes.
    """
    if data.startswith(BOMS_REFUSED):
        raise _encoding_refused()
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"  # the BOM tells the byte order; bad sequences are refused while reading
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return "utf-8-sig"  # strips a UTF-8 BOM when there is one
    # Windows-1251 is one byte a character: any cut of the sample is a fair sample.
    best = charset_normalizer.from_bytes(data[:DETECTION_SAMPLE]).best()
    if best is not None and best.encoding == "cp1251":
        return "cp1251"
    raise _encoding_refused()


ENCODING_NAMES = {"utf-8-sig": "utf-8", "utf-16": "utf-16", "cp1251": "windows-1251"}


def _clean_header(value) -> str:
    return re.sub(r"\s+", " ", str(value or "")).strip()


def normalise_header(value) -> str:
    """How headers are compared: spacing, case and a BOM or quotes around them do not matter."""
    return _clean_header(str(value or "").replace("\ufeff", "").strip("\"'")).casefold()


def _read_bytes(source) -> bytes:
    if isinstance(source, (str, Path)):
        return Path(source).read_bytes()
    source.seek(0)
    data = source.read()
    source.seek(0)
    return data


def _too_many_rows():
    return FileRejected(
        _("The file has more than %(limit)s rows; split it (or filter the export) and import the parts one by one."),
        code="too_many_rows",
        params={"limit": f"{MAX_ROWS:,}".replace(",", " ")},
    )


def read_csv(source) -> Table:
    """Read a CSV file (delimiter guessed among comma, semicolon and tab) in a bounded number of steps.

    Each field is limited by the csv module's field size limit (128 KiB, left as it is: it is global to
    the process); a longer one ends the reading with a message naming the row, not an exception.
    """
    data = _read_bytes(source)
    encoding = detect_encoding(data)
    encoding_name = ENCODING_NAMES[encoding]
    # Decoded as it is read (no second copy of the whole file); newline="" lets csv see quoted line breaks.
    stream = io.TextIOWrapper(io.BytesIO(data), encoding=encoding, newline="")
    del data
    try:
        sample = stream.read(20000)
        stream.seek(0)
    except UnicodeDecodeError as error:
        raise _encoding_refused(error) from error
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(stream, dialect)
    number = 1  # the record being read: the header is record 1; csv may span a record over several lines

    def unreadable(error):
        if isinstance(error, UnicodeDecodeError):
            return _encoding_refused(error)
        return FileRejected(
            _(
                "Row %(row)s could not be read: a cell holds more than %(limit)s characters or a quote is not "
                "closed. Check the file and try again."
            ),
            code="bad_csv",
            params={"row": number, "limit": f"{csv.field_size_limit():,}".replace(",", " ")},
        )

    try:
        headers = [_clean_header(h) for h in next(reader)]
    except StopIteration as error:
        raise FileRejected(_("The file is empty."), code="empty") from error
    except (csv.Error, UnicodeDecodeError) as error:
        raise unreadable(error) from error

    def rows():
        nonlocal number
        try:
            for values in reader:
                number += 1
                if number > MAX_ROWS + 1:
                    raise _too_many_rows()
                if not any(v.strip() for v in values):
                    continue
                yield number, dict(zip(headers, values, strict=False))
        except (csv.Error, UnicodeDecodeError) as error:
            number += 1
            raise unreadable(error) from error

    return Table(format="csv", headers=headers, rows=rows(), encoding=encoding_name)


# --- Excel workbooks --------------------------------------------------------------------------------

NS_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
NS_PACKAGE_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
ROW_TAG, CELL_TAG, V_TAG, IS_TAG = NS_MAIN + "row", NS_MAIN + "c", NS_MAIN + "v", NS_MAIN + "is"
F_TAG = NS_MAIN + "f"
SI_TAG, T_TAG, R_TAG, SHEET_DATA_END_TAG = NS_MAIN + "si", NS_MAIN + "t", NS_MAIN + "r", NS_MAIN + "sheetData"


class SheetError(str):
    """An error value a spreadsheet shows in a cell (``#N/A``, ``#REF!``…): never taken as data."""


class Formula(str):
    """A formula's text, read instead of its value where the import asked so (``Table.read_only``)."""


def _damaged(error=None, *, reason=""):
    rejected = FileRejected(
        _("This file could not be opened as an Excel workbook (.xlsx): it may be damaged.")
        + (" " + reason if reason else ""),
        code="bad_xlsx",
    )
    if error is not None:
        rejected.__cause__ = error
    return rejected


def _too_big_part():
    return FileRejected(
        _(
            "This workbook holds more data than an import can read: once uncompressed, a part of it is too large, "
            "or a cell or a row is far larger than Excel writes. Split it, or save it again from Excel."
        ),
        code="too_large",
    )


def _beyond_xfd(ref):
    return FileRejected(
        _("The workbook has a cell reference “%(ref)s” that Excel cannot have (its last column is XFD).")
        % {"ref": ref[:20]},
        code="bad_xlsx",
    )


def _column_index(letters: str) -> int:
    """The 0-based column of a reference's letters ("B" of "B12"); past Excel's last column (XFD) is refused."""
    if not 0 < len(letters) <= 3 or not (letters.isascii() and letters.isalpha() and letters.isupper()):
        raise _beyond_xfd(letters)
    index = 0
    for char in letters:
        index = index * 26 + ord(char) - 64
    if index > MAX_COLUMNS:
        raise _beyond_xfd(letters)
    return index - 1


class _BoundedPart(io.RawIOBase):
    """A part of the zip archive, read at most ``limit`` bytes far: the sizes in a zip's headers may lie."""

    def __init__(self, handle, limit):
        self.handle, self.left = handle, limit

    def readable(self):
        return True

    def read(self, size=-1):
        data = self.handle.read(size if size is not None and size >= 0 else self.left + 1)
        self.left -= len(data)
        if self.left < 0:
            raise _too_big_part()
        return data

    def close(self):
        self.handle.close()
        super().close()


def _open_part(archive, name, limit):
    info = archive.getinfo(name)  # KeyError when missing: the caller says the file is damaged
    if info.file_size > limit:
        raise _too_big_part()
    return _BoundedPart(archive.open(info), limit)


def _records(part, record_tag, *, stop_tag=None, max_records):
    """Yield each ``record_tag`` element (a row, a shared string) of an XML part, complete, then free it.

    ElementTree keeps every parsed element attached to its parent; a record is cleared once used, and
    what is not a record's descendant (nothing, in files Excel, LibreOffice or openpyxl write) is
    counted, so that memory stays bounded: so are the bytes and elements between two records, and
    their number.
    """
    parser = ElementTree.XMLPullParser(events=("end",))
    count = pending = stray = quiet = 0
    with part:
        while True:
            chunk = part.read(READ_CHUNK)
            if not chunk:
                break
            parser.feed(chunk)
            quiet += len(chunk)
            for _event, element in parser.read_events():
                tag = element.tag
                if tag != record_tag:
                    if tag == stop_tag:
                        return
                    pending += 1
                    if pending > MAX_RECORD_ELEMENTS:
                        raise _too_big_part()
                    continue
                count += 1
                if count > max_records:
                    raise _too_many_rows() if record_tag == ROW_TAG else _too_many_strings()
                # Elements since the previous record that are not in this one stay attached to the parent.
                stray += pending - (len(list(element.iter())) - 1)
                if stray > MAX_STRAY_ELEMENTS:
                    raise _too_big_part()
                pending = quiet = 0
                yield element
                element.clear()
            if quiet > MAX_RECORD_BYTES:  # a text or a record growing without end
                raise _too_big_part()
        parser.close()


def _too_many_strings():
    return FileRejected(
        _("The workbook holds more than %(limit)s different texts; split it and import the parts one by one."),
        code="too_many_strings",
        params={"limit": f"{MAX_SHARED_STRINGS:,}".replace(",", " ")},
    )


def _string_item(element) -> str:
    """The text of a shared string or an inline string: its runs, without phonetic guides (rPh)."""
    text = element.find(T_TAG)
    if text is not None:
        return text.text or ""
    return "".join(run.findtext(T_TAG) or "" for run in element.iterfind(R_TAG))


def _shared_strings(archive) -> list[str]:
    try:
        part = _open_part(archive, "xl/sharedStrings.xml", MAX_SHARED_STRINGS_BYTES)
    except KeyError:
        return []
    strings = []
    total = 0
    for element in _records(part, SI_TAG, max_records=MAX_SHARED_STRINGS):
        text = _string_item(element)
        total += len(text)
        if len(text) > MAX_CELL_CHARS or total > MAX_SHARED_CHARS:
            raise _too_big_part()
        strings.append(text)
    return strings


def _sheet_paths(archive) -> list[tuple[str, str]]:
    """(name, path in the archive) of each worksheet, in the workbook's order."""
    with _open_part(archive, "xl/workbook.xml", MAX_SMALL_PART_BYTES) as part:
        workbook = ElementTree.fromstring(part.read())
    with _open_part(archive, "xl/_rels/workbook.xml.rels", MAX_SMALL_PART_BYTES) as part:
        rels = ElementTree.fromstring(part.read())
    targets = {rel.get("Id"): rel.get("Target") or "" for rel in rels.iter(NS_PACKAGE_REL + "Relationship")}
    sheets = []
    for sheet in workbook.iter(NS_MAIN + "sheet"):
        target = targets.get(sheet.get(NS_REL + "id"), "")
        target = target.lstrip("/") if target.startswith("/") else "xl/" + target
        sheets.append((sheet.get("name"), target))
    return sheets


def _cell_value(cell, kind, shared):
    """The value of a cell as Excel, LibreOffice and openpyxl write it.

    A formula (``<f>``) is read by the value its application last calculated (``<v>``); one never
    calculated (openpyxl writes none) is empty. Dates saved as ISO text (``t="d"``) become dates.
    """
    if kind == "inlineStr":
        element = cell.find(IS_TAG)
        return None if element is None else _string_item(element)
    raw = cell.findtext(V_TAG)
    if not raw:  # no cached value (<v/> or none): an uncalculated formula, an empty cell
        return None
    if kind == "s":
        if not raw.isdigit() or int(raw) >= len(shared):
            raise _damaged(reason=_("A cell refers to a text the workbook does not hold."))
        return shared[int(raw)]
    if kind == "str":
        return raw
    if kind == "b":
        return raw.strip() == "1"
    if kind == "e":
        return SheetError(raw)
    if kind == "d":
        try:
            moment = datetime.datetime.fromisoformat(raw.strip())
        except ValueError:
            return raw
        return moment.date() if moment.time() == datetime.time() else moment.replace(tzinfo=None)
    try:
        return int(raw)
    except ValueError:
        pass
    try:
        return float(raw)
    except ValueError as error:
        raise _damaged(error) from error


def _xlsx_rows(archive, path, shared, wanted, formulas=lambda: False):
    """(row number, {column index: value}, filled) of each row of a worksheet, in the columns ``wanted()`` names.

    ``wanted`` is called at each row, so the header row can be read whole and the rows after it only in
    the columns the import reads (``formulas()``, also called at each row, says whether a formula is read as
    a ``Formula``). openpyxl's read-only reader spends most of its time on styles and cell objects; a UHRI
    export of 50,000 rows needs only the values, which this reads straight from the XML.
    A third item says whether any cell read holds something: rows with nothing there are skipped.
    """
    try:
        part = _open_part(archive, path, MAX_SHEET_BYTES)
    except KeyError as error:
        raise _damaged(error) from error
    last_row = 0
    shared_chars = 0
    columns_of = {}  # a reference's letters → column index, worked out once a column
    for row in _records(part, ROW_TAG, stop_tag=SHEET_DATA_END_TAG, max_records=MAX_ROWS + MAX_HEADER_SEARCH):
        columns = wanted()
        as_formulas = formulas()
        values = {}
        filled = False
        index = -1
        for cell in row:  # a row's children are its cells
            if cell.tag != CELL_TAG:
                continue
            ref = cell.get("r")
            if ref:
                letters = ref.rstrip("0123456789")
                index = columns_of.get(letters)
                if index is None:
                    index = columns_of[letters] = _column_index(letters)
            else:
                index += 1
                if index >= MAX_COLUMNS:  # cells without a reference, one after another past XFD
                    raise _beyond_xfd("XFE")
            if columns is not None and index not in columns:
                continue  # outside the columns read: helper formulas, notes, anything
            kind = cell.get("t")
            if as_formulas and len(cell) and cell[0].tag == F_TAG:  # <f> comes first in a cell
                values[index] = Formula(cell[0].text or "")
                filled = True
                continue
            if kind == "inlineStr":  # openpyxl's write-only mode writes every text so: inline, one run
                element = cell.find(IS_TAG)
                text = None if element is None else element.find(T_TAG)
                value = text.text or "" if text is not None else _cell_value(cell, kind, shared)
            else:
                value = _cell_value(cell, kind, shared)
            if value is None:
                continue
            if kind == "s":
                shared_chars += len(value)
                if shared_chars > MAX_SHARED_CHARS_READ:
                    raise _too_big_part()
            values[index] = value
            filled = filled or not (isinstance(value, str) and not value.strip())
        number = row.get("r")
        if number is None:
            number = last_row + 1
        elif not number.isdigit() or not 0 < int(number) <= MAX_ROW_NUMBER:
            raise _damaged(reason=_("A row number is not one Excel can have."))
        last_row = number = int(number)
        yield number, values, filled


def read_xlsx(source, *, sheet_names=()) -> Table:
    """Read the first worksheet (or the first whose name is in ``sheet_names``): values only."""
    handle = source if not isinstance(source, (str, Path)) else open(source, "rb")  # noqa: SIM115
    try:
        archive = zipfile.ZipFile(handle)
        sheets = _sheet_paths(archive)
        shared = _shared_strings(archive)
        if not sheets:
            raise KeyError("no worksheet")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, OSError, ValueError, ElementTree.ParseError) as error:
        raise _damaged(error) from error
    title, path = sheets[0]
    by_name = dict(sheets)
    for name in sheet_names:
        if name in by_name:
            title, path = name, by_name[name]
            break
    table = Table(format="xlsx", headers=[], rows=None, sheet=title)
    selected = {"columns": None}
    iterator = _xlsx_rows(archive, path, shared, lambda: selected["columns"], lambda: table.formulas)
    headers = []
    try:
        for number, values, _filled in iterator:
            if any(v not in (None, "") for v in values.values()):
                headers = [""] * (max(values) + 1)
                for index, value in values.items():
                    headers[index] = _clean_header(value)
                break
            if number > MAX_HEADER_SEARCH:
                break
    except (zipfile.BadZipFile, OSError, ValueError, ElementTree.ParseError) as error:
        raise _damaged(error) from error
    if not headers:
        raise FileRejected(_("The workbook's first sheet is empty."), code="empty")
    table.headers = headers

    def rows():
        indexes = dict(table.column_indexes())
        selected["columns"] = indexes
        count = 0
        try:
            for number, values, filled in iterator:
                if not filled:
                    continue
                count += 1
                if count > MAX_ROWS:
                    raise _too_many_rows()
                yield number, {indexes[index]: value for index, value in values.items()}
        except (zipfile.BadZipFile, OSError, ValueError, ElementTree.ParseError) as error:
            raise FileRejected(
                _("This file could not be read to the end as an Excel workbook (.xlsx): it may be damaged."),
                code="bad_xlsx",
            ) from error
        finally:
            archive.close()

    table.rows = rows()
    return table


def read_table(source, *, name: str = "", sheet_names=(), max_bytes: int | None = None) -> Table:
    check_size(source, max_bytes)
    kind = sniff(source, name)
    if kind == "xlsx":
        return read_xlsx(source, sheet_names=sheet_names)
    return read_csv(source)


# --- cell values -------------------------------------------------------------------------------------

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y", "%Y/%m/%d", "%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y")


def parse_date(value) -> datetime.date | None:
    """A date from an Excel cell or text: a real date, an Excel serial number, ISO or a day-first date.

    Returns None for an empty cell and raises ValueError for anything else that is not a date.
    """
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if 1 <= value < 2958466:
            return EXCEL_EPOCH + datetime.timedelta(days=int(value))
        raise ValueError(value)
    text = str(value).strip()
    if not text:
        return None
    if ISO_DATE.fullmatch(text):  # the common case, without strptime's cost
        try:
            return datetime.date.fromisoformat(text)
        except ValueError:
            pass
    if re.fullmatch(r"\d{1,7}(\.\d+)?", text):
        return parse_date(float(text))
    # ISO date-times ("2015-05-11T00:00:00Z", "2015-05-11 00:00:00")
    match = re.match(r"^(\d{4}-\d{2}-\d{2})[T ]", text)
    if match:
        text = match.group(1)
    for pattern in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(value)


class CellError(ValueError):
    """A cell that cannot be read; the message is shown with the row number and the column."""


# Control characters other than tab and line breaks. PostgreSQL refuses NUL in text (COPY and plain
# inserts alike), Excel's XML cannot hold any of them, and the export would drop them: a cell holding one
# comes from a damaged or mis-encoded file, so its row is refused rather than silently cleaned.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_control_character = CONTROL_CHARACTERS.search


def shown(value, length=40) -> str:
    """A cell's value quoted in a message: short, control characters made visible."""
    return CONTROL_CHARACTERS.sub("\ufffd", cell_text(value)[:length])


def text_value(value) -> str:
    """A cell's text as it may be stored: raises CellError for what no database column should get.

    Refused rather than cleaned, for every column: an identifier silently changed would match or make
    the wrong record, and prose with a NUL in it was damaged on the way (a UTF-16 or UTF-32 file read as
    something else, a truncated copy), so the text around it is doubtful too. The person sees the row
    and the column in the preview, before anything is saved, and can correct the file.
    """
    if type(value) is str and "\r" not in value:  # the common case (CSV, text cells), kept cheap
        text = value.strip()
    elif isinstance(value, SheetError):
        raise CellError(_("The cell shows the error “%(error)s” instead of a value.") % {"error": value[:20]})
    elif isinstance(value, Formula):
        raise CellError(
            _(
                "The cell holds a formula, not a text (“=%(formula)s”). Type the text itself, or begin it "
                "with an apostrophe (') so that the spreadsheet keeps it as text."
            )
            % {"formula": shown(value)}
        )
    else:
        text = cell_text(value)
    if len(text) > MAX_CELL_CHARS:
        raise CellError(
            _("The cell holds %(length)s characters; a cell holds at most %(limit)s.")
            % {"length": len(text), "limit": MAX_CELL_CHARS}
        )
    match = _control_character(text)
    if match:
        raise CellError(
            _(
                "The cell holds an invisible control character (code %(code)s), a sign of a damaged or "
                "wrongly encoded file. Remove it or save the file again as “CSV UTF-8” or .xlsx."
            )
            % {"code": f"U+{ord(match.group()):04X}"}
        )
    return text


MAX_ID = 2**63 - 1  # ids are bigint


def parse_id(value) -> int:
    """A record id from a cell: a whole number from 1 to the largest bigint, else ValueError.

    Excel stores numbers as floats, so 12.0 is 12; text such as "1e20", "inf" or twenty nines is not an
    id (and would overflow the database's integer, or Python's int(float())).
    """
    if isinstance(value, (bool, SheetError)):
        raise ValueError(value)
    if isinstance(value, float):
        if not value.is_integer():
            raise ValueError(value)
        value = int(value)
    if not isinstance(value, int):
        text = str(value or "").strip()
        match = re.fullmatch(r"([0-9]{1,19})(?:\.0*)?", text)
        if match is None:
            raise ValueError(value)
        value = int(match.group(1))
    if not 1 <= value <= MAX_ID:
        raise ValueError(value)
    return value


def cell_text(value) -> str:
    if type(value) is str and "\r" not in value:
        return value.strip()
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.strip()


def split_lines(value) -> list[str]:
    """UHRI's multi-value cells: one value a line, each starting with "- "."""
    if value is None or value == "":
        return []
    items = []
    for line in cell_text(value).split("\n"):
        line = line.strip()
        if line.startswith("- "):
            line = line[2:]
        elif line == "-":
            line = ""
        line = line.strip()
        if line and line not in items:
            items.append(line)
    return items
