"""The workbook of missing strings a volunteer fills in LibreOffice or Excel.

One row per record and field: its kind and id, the field, the language to write, the texts in the
languages the portal has (read-only for the translator), and the column of the missing language left
empty. Texts that look like formulas are written as literal text (``escaped_cell``, as in the status
workbook), so that no spreadsheet runs them. The same columns are read back by ``imports``.
"""

from dataclasses import dataclass

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.utils import get_column_letter

from recommendations.workbooks import HEADER_FILL, HEADER_FONT, WRAP, clean_text, escaped_cell, is_formula_like

from .inventory import kinds, language_label, languages, missing_records

SHEET_TITLE = _("Translations")


@dataclass(frozen=True)
class Column:
    key: str
    header: Promise | str
    width: float


def columns() -> list[Column]:
    """kind, id, field, target, then one column per content language (headed by the language's name)."""
    fixed = [
        Column("kind", _("Kind"), 22),
        Column("id", _("ID"), 8),
        Column("field", _("Field"), 14),
        Column("target", _("Translate into"), 10),
    ]
    return fixed + [Column(lang, language_label(lang), 60) for lang in languages()]


def missing_rows(user, language: str, kind_keys=None):
    """(kind, record id, field, {language: text}) of every text ``language`` lacks, by kind, field and id."""
    for kind in kinds().values():
        if kind_keys and kind.key not in kind_keys:
            continue
        for field in kind.fields:
            names = [f"{field}_{lang}" for lang in languages()]
            records = missing_records(user, kind, field, language).values_list("pk", *names)
            for pk, *texts in records.iterator(chunk_size=2000):
                yield kind, pk, field, dict(zip(languages(), (text or "" for text in texts), strict=True))


def _cell(ws, value: str):
    value = clean_text(value)
    if is_formula_like(value):
        return escaped_cell(ws, value, WRAP)
    cell = WriteOnlyCell(ws, value=value)
    cell.alignment = WRAP
    return cell


def translation_workbook(user, language: str, out, kind_keys=None) -> int:
    """Write the workbook of the strings ``language`` lacks into ``out``; returns the number of rows."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title=str(SHEET_TITLE))
    cols = columns()
    for index, column in enumerate(cols, 1):
        ws.column_dimensions[get_column_letter(index)].width = column.width
    ws.freeze_panes = "A2"
    header = []
    for column in cols:
        cell = WriteOnlyCell(ws, value=str(column.header))
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        header.append(cell)
    ws.append(header)
    written = 0
    for kind, pk, field, texts in missing_rows(user, language, kind_keys):
        ws.append([kind.key, pk, field, language, *(_cell(ws, texts[lang]) for lang in languages())])
        written += 1
    wb.save(out)
    return written


def workbook_filename(language: str) -> str:
    return f"translations-{language}-{timezone.localtime():%Y%m%d-%H%M}.xlsx"
