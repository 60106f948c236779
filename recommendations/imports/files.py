"""Reading an uploaded table (Excel or CSV) safely: what the file really is, its encoding, its size.

Both readers yield ``(row_number, {header: value})`` with the row number a spreadsheet shows, so
that every message can name the row and the column. Completely empty rows are skipped.
"""

import csv
import datetime
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

DEFAULT_MAX_IMPORT_MB = 20
EXCEL_EPOCH = datetime.date(1899, 12, 30)


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


def decode(data: bytes) -> tuple[str, str]:
    """UTF-8 (with or without a BOM), UTF-16 with a BOM, else Windows-1251 (Russian Excel's CSV)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1251"), "windows-1251"
    except UnicodeDecodeError as error:
        raise FileRejected(
            _("The CSV file is neither UTF-8 nor Windows-1251 text. Save it as “CSV UTF-8” and try again."),
            code="encoding",
        ) from error


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


def read_csv(source) -> Table:
    text, encoding = decode(_read_bytes(source))
    sample = text[:20000]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    try:
        headers = [_clean_header(h) for h in next(reader)]
    except StopIteration as error:
        raise FileRejected(_("The file is empty."), code="empty") from error

    def rows():
        # The header is line 1; csv may span a record over several lines, so count records.
        for number, values in enumerate(reader, start=2):
            if not any(v.strip() for v in values):
                continue
            yield number, dict(zip(headers, values, strict=False))

    return Table(format="csv", headers=headers, rows=rows(), encoding=encoding)


NS_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
NS_PACKAGE_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def _column_index(ref: str) -> int:
    index = 0
    for char in ref:
        if "A" <= char <= "Z":
            index = index * 26 + ord(char) - 64
        else:
            break
    return index - 1


def _shared_strings(archive) -> list[str]:
    try:
        handle = archive.open("xl/sharedStrings.xml")
    except KeyError:
        return []
    strings = []
    with handle:
        for _event, element in ElementTree.iterparse(handle):
            if element.tag == NS_MAIN + "si":
                strings.append("".join(t.text or "" for t in element.iter(NS_MAIN + "t")))
                element.clear()
    return strings


def _sheet_paths(archive) -> list[tuple[str, str]]:
    """(name, path in the archive) of each worksheet, in the workbook's order."""
    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {rel.get("Id"): rel.get("Target") for rel in rels.iter(NS_PACKAGE_REL + "Relationship")}
    sheets = []
    for sheet in workbook.iter(NS_MAIN + "sheet"):
        target = targets.get(sheet.get(NS_REL + "id"), "")
        target = target.lstrip("/") if target.startswith("/") else "xl/" + target
        sheets.append((sheet.get("name"), target))
    return sheets


def _xlsx_rows(archive, path, shared):
    """(row number, [values]) of a worksheet: numbers as int or float, text as str, dates as serials.

    openpyxl's read-only reader spends most of its time on styles and cell objects; a UHRI export
    of 50,000 rows needs only the values, which this reads straight from the XML, several times faster.
    """
    cell_tag, row_tag, value_tag = NS_MAIN + "c", NS_MAIN + "row", NS_MAIN + "v"
    text_tag = NS_MAIN + "t"
    with archive.open(path) as handle:
        for _event, row in ElementTree.iterparse(handle):
            if row.tag != row_tag:
                continue
            values = []
            for cell in row:  # a row's children are its cells
                if cell.tag != cell_tag:
                    continue
                ref = cell.get("r")
                if ref:
                    index = _column_index(ref)
                    if index > len(values):
                        values.extend([None] * (index - len(values)))
                kind = cell.get("t")
                if kind == "inlineStr":
                    value = "".join(t.text or "" for t in cell.iter(text_tag))
                else:
                    element = cell.find(value_tag)
                    raw = None if element is None else element.text or ""
                    if raw is None:
                        value = None
                    elif kind == "s":
                        value = shared[int(raw)]
                    elif kind in ("str", "e"):
                        value = raw
                    elif kind == "b":
                        value = raw == "1"
                    else:
                        try:
                            value = int(raw)
                        except ValueError:
                            value = float(raw)
                values.append(value)
            number = int(row.get("r") or 0)
            row.clear()
            yield number, values


def read_xlsx(source, *, sheet_names=()) -> Table:
    """Read the first worksheet (or the first whose name is in ``sheet_names``): values only."""
    handle = source if not isinstance(source, (str, Path)) else open(source, "rb")  # noqa: SIM115
    try:
        archive = zipfile.ZipFile(handle)
        sheets = _sheet_paths(archive)
        shared = _shared_strings(archive)
        if not sheets:
            raise KeyError("no worksheet")
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, ElementTree.ParseError) as error:
        raise FileRejected(
            _("This file could not be opened as an Excel workbook (.xlsx): it may be damaged."), code="bad_xlsx"
        ) from error
    title, path = sheets[0]
    by_name = dict(sheets)
    for name in sheet_names:
        if name in by_name:
            title, path = name, by_name[name]
            break
    iterator = _xlsx_rows(archive, path, shared)
    headers = []
    try:
        for number, values in iterator:
            if any(v not in (None, "") for v in values):
                headers = [_clean_header(v) for v in values]
                break
            if number > 20:
                break
    except (ElementTree.ParseError, KeyError, ValueError, IndexError) as error:
        raise FileRejected(
            _("This file could not be opened as an Excel workbook (.xlsx): it may be damaged."), code="bad_xlsx"
        ) from error
    if not headers:
        raise FileRejected(_("The workbook's first sheet is empty."), code="empty")

    def rows():
        try:
            for number, values in iterator:
                if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
                    continue
                yield number, dict(zip(headers, values, strict=False))
        except (ElementTree.ParseError, KeyError, ValueError, IndexError) as error:
            raise FileRejected(
                _("This file could not be read to the end as an Excel workbook (.xlsx): it may be damaged."),
                code="bad_xlsx",
            ) from error
        finally:
            archive.close()

    return Table(format="xlsx", headers=headers, rows=rows(), sheet=title)


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


def cell_text(value) -> str:
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
