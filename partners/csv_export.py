"""Streamed CSV of a list, as the lists offer it: UTF-8 with a BOM, formulas escaped, constant memory.

The BOM lets Excel open Cyrillic text correctly. A cell that a spreadsheet would read as a formula
(starting with =, +, -, @, a tab or a carriage return: the prefixes of recommendations/workbooks.py)
gets a leading apostrophe, as the status workbook's CSV does. Rows come from an iterator (the apps'
``*_csv_rows`` functions run a fixed number of queries and stream with a server-side cursor), and
each line is written out as soon as it is made.
"""

import csv
import datetime

from django.http import StreamingHttpResponse

# The same prefixes as recommendations.workbooks.FORMULA_PREFIXES (this floor cannot import it; a test
# checks that they agree).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"


class _Line:
    """csv.writer's file: hands back the line it was just given."""

    def write(self, value):
        return value


def csv_cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        value = "\n".join(str(item) for item in value)
    value = str(value)
    return "'" + value if value.startswith(FORMULA_PREFIXES) else value


def csv_lines(header, rows):
    """The lines of the CSV, the first with the BOM; ``rows`` is any iterable of sequences."""
    writer = csv.writer(_Line())
    yield BOM + writer.writerow([str(name) for name in header])
    for row in rows:
        yield writer.writerow([csv_cell(value) for value in row])


def csv_response(header, rows, *, filename: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(csv_lines(header, rows), content_type=CSV_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
