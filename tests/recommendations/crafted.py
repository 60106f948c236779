"""Workbooks and CSV files written byte by byte, as an attacker or a careless tool would: for the tests of
the import readers' limits (tests/recommendations/test_import_files.py) and their benchmark
(tests/bench/test_upload_limits.py)."""

import io
import struct
import zipfile
from xml.sax.saxutils import escape

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
STATUS_HEADERS = ["ID", "Current status", "Status date", "Evidence"]

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>'
)
WORKBOOK = (
    f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Recommendations" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/></Relationships>'
)


def column_letters(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def inline_row(number, values):
    cells = "".join(
        f'<c r="{column_letters(i)}{number}"><v>{v}</v></c>'
        if isinstance(v, (int, float))
        else f'<c r="{column_letters(i)}{number}" t="inlineStr"><is><t>{escape(str(v))}</t></is></c>'
        for i, v in enumerate(values)
        if v is not None
    )
    return f'<row r="{number}">{cells}</row>'


def sheet_xml(rows_xml) -> bytes:
    """A worksheet around ``rows_xml`` (a str, or an iterable of str pieces)."""
    body = rows_xml if isinstance(rows_xml, str) else "".join(rows_xml)
    head = f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}"><sheetData>'
    return f"{head}{body}</sheetData></worksheet>".encode()


def status_sheet(rows) -> bytes:
    """A status worksheet: the headers, then ``rows`` (lists of values) written as inline strings and numbers."""
    return sheet_xml([inline_row(1, STATUS_HEADERS)] + [inline_row(n, row) for n, row in enumerate(rows, start=2)])


def shared_strings_xml(strings) -> bytes:
    items = "".join(f"<si><t>{escape(s)}</t></si>" for s in strings)
    return f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN}">{items}</sst>'.encode()


def workbook_bytes(sheet: bytes, shared: bytes | None = None, *, extra_parts=()) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", RELS)
        if shared is not None:
            archive.writestr("xl/sharedStrings.xml", shared)
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
        for name, data in extra_parts:
            archive.writestr(name, data)
    return out.getvalue()


def streamed_workbook(path, pieces, *, shared: bytes | None = None):
    """Write a workbook whose worksheet is the concatenation of ``pieces`` (bytes), never all in memory."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", RELS)
        if shared is not None:
            archive.writestr("xl/sharedStrings.xml", shared)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as part:
            for piece in pieces:
                part.write(piece)


def lie_about_sizes(data: bytes, name: str, size: int) -> bytes:
    """The archive with ``name``'s uncompressed size claimed to be ``size`` in both its headers."""
    data = bytearray(data)
    encoded = name.encode()
    central = data.find(b"PK\x01\x02")  # the first central directory entry
    while central != -1:
        name_length = struct.unpack_from("<H", data, central + 28)[0]
        if bytes(data[central + 46 : central + 46 + name_length]) == encoded:
            struct.pack_into("<I", data, central + 24, size)
            local = struct.unpack_from("<I", data, central + 42)[0]
            struct.pack_into("<I", data, local + 22, size)
            return bytes(data)
        central = data.find(b"PK\x01\x02", central + 4)
    raise ValueError(name)
