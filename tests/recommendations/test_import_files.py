"""Uploaded import files that are hostile, damaged or merely unusual (issue 8, points 3–7 and 12).

Each test checks what a coordinator meets: a FileRejected with a message, or an error naming the row and
the column in the plan that the preview shows, with nothing written; or, for what Excel, LibreOffice and
openpyxl really write, a clean import. The plans are checked on both databases.
"""

import codecs
import datetime
import io
import shutil
import subprocess

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse
from django.utils import translation

from jobs.models import Job
from recommendations.imports import files
from recommendations.imports.files import FileRejected
from recommendations.imports.status import status_import, status_plan
from recommendations.imports.uhri import uhri_import, uhri_plan
from recommendations.models import Recommendation, Status, StatusAssessment
from tests.recommendations.crafted import (
    inline_row,
    lie_about_sizes,
    shared_strings_xml,
    sheet_xml,
    status_sheet,
    workbook_bytes,
)
from tests.recommendations.factories import MechanismFactory, RecommendationFactory, ReviewFactory
from tests.recommendations.test_uhri_import import csv_bytes, uhri_rows


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def recs(db):
    review = ReviewFactory(mechanism=MechanismFactory(code="CMW"), document_symbol="CMW/C/KGZ/CO/1")
    return [RecommendationFactory(review=review, paragraph=str(n)) for n in range(1, 4)]


def write(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def status_csv(rows, encoding="utf-8"):
    lines = ["ID,Current status,Status date,Evidence"] + [",".join(row) for row in rows]
    return ("\n".join(lines) + "\n").encode(encoding)


def errors_of(plan):
    return {(e.row, e.column): e.message for e in plan.errors}


# --- 3. NUL and other control characters -------------------------------------------------------------


def test_nul_in_status_evidence_is_an_error_row_in_the_preview(client_for, coordinator, recs):
    long_evidence = "Law adopted. " * 700  # the NUL past the first 8 KB, which the type check looks at
    data = status_csv(
        [
            [str(recs[0].pk), "Implemented", "2020-01-02", long_evidence],
            [str(recs[1].pk), "Implemented", "2020-01-02", "Law\x00 adopted."],
        ]
    )
    assert data.index(b"\x00") > 8192
    client = client_for(coordinator)
    response = client.post(
        reverse("recommendations:import"), {"kind": "status", "file": SimpleUploadedFile("s.csv", data)}
    )
    assert response.status_code == 302
    job = preview_job()
    assert {(e["row"], e["column"]) for e in job.data["preview"]["errors"]} == {(3, "Evidence")}
    assert "control character (code U+0000)" in client.get(job.get_absolute_url()).content.decode()
    assert StatusAssessment.objects.count() == 0
    done = client.post(reverse("recommendations:import_confirm", args=[job.pk]), {"confirm": "1", "acknowledge": "1"})
    assert done.status_code == 302
    assert list(StatusAssessment.objects.values_list("recommendation_id", "evidence")) == [
        (recs[0].pk, long_evidence.strip())
    ]


@pytest.mark.parametrize("character", ["\x00", "\x01", "\x1b"])
def test_control_characters_past_the_first_8_kb_of_a_uhri_csv(db, tmp_path, character):
    rows = uhri_rows()
    filler = [list(rows[2]) for _ in range(60)]
    for n, row in enumerate(filler):
        row[11] = f"fill-{n}"
        row[0] = f"Recommendation {n}: " + "protect migrant workers " * 10
    bad = list(rows[0])
    bad[0] = "Ensure that migrant workers" + character + " can register."
    data = csv_bytes(filler + [bad])
    assert data.index(character.encode()) > 8192
    plan = uhri_plan(write(tmp_path, "u.csv", data))
    assert errors_of(plan).keys() == {(62, "Text")}
    assert "control character" in plan.errors[0].message
    uhri_import(plan=plan)  # the rows without errors go in, on PostgreSQL through COPY too
    assert Recommendation.objects.count() == 60
    assert all(character not in text for text in Recommendation.objects.values_list("text", flat=True))


def test_nul_in_a_uhri_identifier_is_refused_not_cleaned(db, tmp_path):
    rows = uhri_rows()
    rows[0][0] = "Ensure that migrant workers can register. " * 250  # the NUL past the first 8 KB
    rows[0][11] = "ann\x00-1"
    plan = uhri_plan(write(tmp_path, "u.csv", csv_bytes(rows)))
    assert set(errors_of(plan)) == {(2, "OHCHR Annotation Id")}


# --- 5. numbers out of range, overlong fields, UTF-16 and UTF-32 -------------------------------------


@pytest.mark.parametrize(
    "value", ["inf", "-inf", "nan", "1e20", "99999999999999999999", "9223372036854775808", "0", "-3", "1.5", "0x1F"]
)
def test_ids_out_of_range_are_error_rows(coordinator, recs, tmp_path, value):
    data = status_csv([[value, "Implemented", "2020-01-02", ""], [str(recs[0].pk), "Implemented", "2020-01-02", ""]])
    plan = status_plan(write(tmp_path, "s.csv", data), user=coordinator)
    assert errors_of(plan) == {(2, "ID"): f"“{value}” is not a recommendation id."}
    assert [c.recommendation.pk for c in plan.changes] == [recs[0].pk]


def test_the_largest_bigint_is_an_id_that_is_simply_not_there(coordinator, recs, tmp_path):
    data = status_csv([[str(2**63 - 1), "Implemented", "2020-01-02", ""], [f"{recs[0].pk}.0", "Implemented", "", ""]])
    plan = status_plan(write(tmp_path, "s.csv", data), user=coordinator)
    assert errors_of(plan)[(2, "ID")] == f"There is no recommendation {2**63 - 1}."
    assert (3, "Status date") in errors_of(plan)  # the id 12.0 was read as 12: its row got as far as the date


@pytest.mark.parametrize("kind", ["uhri", "status"])
def test_a_field_over_128_kb_is_refused_with_its_row(coordinator, recs, tmp_path, kind):
    if kind == "uhri":
        rows = uhri_rows()
        rows[2][0] = "x" * (200 * 1024)
        data, plan = csv_bytes(rows), uhri_plan
    else:
        data = status_csv([[str(recs[0].pk), "Implemented", "2020-01-02", "y" * (200 * 1024)]])

        def plan(path):
            return status_plan(path, user=coordinator)

    with pytest.raises(FileRejected, match="Row [0-9]+ could not be read: a cell holds more than 131 072 characters"):
        plan(write(tmp_path, f"{kind}.csv", data))


def test_a_cell_longer_than_excel_holds_is_an_error_row(db, tmp_path):
    rows = uhri_rows()
    rows[0][0] = "z" * 40000
    plan = uhri_plan(write(tmp_path, "u.csv", csv_bytes(rows)))
    assert errors_of(plan)[(2, "Text")] == "The cell holds 40000 characters; a cell holds at most 32767."


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_with_a_bom_is_read(db, tmp_path, encoding):
    rows = uhri_rows()
    rows[0][0] = "Обеспечить регистрацию трудящихся-мигрантов."
    bom = codecs.BOM_UTF16_LE if encoding.endswith("le") else codecs.BOM_UTF16_BE
    plan = uhri_plan(write(tmp_path, "u.csv", bom + csv_bytes(rows, encoding=encoding)))
    assert not plan.errors and plan.encoding == "utf-16"
    assert plan.records[0].text == "Обеспечить регистрацию трудящихся-мигрантов."


@pytest.mark.parametrize(
    "data",
    [
        codecs.BOM_UTF32_LE + "Text,ID\n".encode("utf-32-le"),  # starts like UTF-16 LE: read so, NULs everywhere
        codecs.BOM_UTF16_LE + csv_bytes(uhri_rows(), encoding="utf-16-le") + b"\x00",  # an odd byte at the end
        codecs.BOM_UTF16_LE + csv_bytes(uhri_rows(), encoding="utf-16-le").replace(b"M\x00", b"\x00\xdc", 1),
    ],
    ids=["utf-32", "truncated-utf-16", "lone-surrogate"],
)
def test_broken_or_utf32_text_is_refused(db, tmp_path, data):
    with pytest.raises(FileRejected, match="UTF-8 .with or without a BOM., UTF-16 with a BOM and Windows-1251"):
        uhri_plan(write(tmp_path, "u.csv", data))


# --- 7. encodings ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Обеспечить регистрацию трудящихся-мигрантов по месту жительства.", "cp1251"),
        ("Обеспечить регистрацию трудящихся-мигрантов по месту жительства.", "utf-8"),
        ("Обеспечить регистрацию трудящихся-мигрантов по месту жительства.", "utf-8-sig"),
        ("Protéger les travailleurs migrants, à l'égard de leurs familles.", "utf-8"),
    ],
)
def test_accepted_encodings_give_the_text_as_written(db, tmp_path, text, encoding):
    rows = uhri_rows(serial_dates=False)
    rows[0][0] = text
    plan = uhri_plan(write(tmp_path, "u.csv", csv_bytes(rows, encoding=encoding, delimiter=";")))
    assert not plan.errors
    assert plan.records[0].text == text


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Protéger les travailleurs migrants et les membres de leur famille, à l'égard de l'État.", "latin-1"),
        ("Garantir que les élèves étrangers reçoivent une éducation égale.", "cp1252"),
        ("移住労働者とその家族の権利を保護すること。", "shift_jis"),
    ],
)
def test_other_encodings_are_refused_rather_than_read_as_cyrillic(db, tmp_path, text, encoding):
    rows = uhri_rows(serial_dates=False)
    for row in (rows[0], rows[2], rows[3]):
        row[0] = text
    with pytest.raises(FileRejected) as refused:
        uhri_plan(write(tmp_path, "u.csv", csv_bytes(rows, encoding=encoding)))
    assert "UTF-8 (with or without a BOM), UTF-16 with a BOM and Windows-1251" in refused.value.messages[0]


def test_the_refusal_is_translated(db, tmp_path):
    data = csv_bytes(uhri_rows(), encoding="utf-8").replace(b"migrant", "migrànt".encode("latin-1"))
    with translation.override("ru"), pytest.raises(FileRejected) as refused:
        uhri_plan(write(tmp_path, "u.csv", data))
    assert "Windows-1251" in refused.value.messages[0] and "кодировк" in refused.value.messages[0]


# --- 4. bounded reading of workbooks -----------------------------------------------------------------


def status_workbook(tmp_path, sheet, shared=None, name="s.xlsx"):
    return write(tmp_path, name, workbook_bytes(sheet, shared))


@pytest.mark.parametrize("ref", ["ZZZZZZZZZZ2", "ZZZZZ2", "XFE2", "AAAA2", "A-2"])
def test_cell_references_past_xfd_are_refused(coordinator, recs, tmp_path, ref):
    sheet = sheet_xml(inline_row(1, ["ID", "Current status"]) + f'<row r="2"><c r="{ref}"><v>1</v></c></row>')
    with pytest.raises(FileRejected, match="that Excel cannot have .its last column is XFD"):
        status_plan(status_workbook(tmp_path, sheet), user=coordinator)


def test_the_last_column_xfd_is_read(coordinator, recs, tmp_path):
    row = f'<row r="2"><c r="A2"><v>{recs[0].pk}</v></c><c r="XFD2"><v>1</v></c></row>'
    sheet = sheet_xml(inline_row(1, ["ID", "Current status"]) + row)
    plan = status_plan(status_workbook(tmp_path, sheet), user=coordinator)
    assert not plan.errors and plan.unchanged == 1


def test_too_many_shared_strings(coordinator, recs, tmp_path, monkeypatch):
    monkeypatch.setattr(files, "MAX_SHARED_STRINGS", 100)
    shared = shared_strings_xml(f"text {n}" for n in range(101))
    with pytest.raises(FileRejected, match="more than 100 different texts"):
        status_plan(status_workbook(tmp_path, status_sheet([[recs[0].pk]]), shared), user=coordinator)


def test_a_shared_string_longer_than_a_cell_holds(coordinator, recs, tmp_path):
    shared = shared_strings_xml(["ok", "x" * 40000])
    with pytest.raises(FileRejected, match="holds more data than an import can read"):
        status_plan(status_workbook(tmp_path, status_sheet([[recs[0].pk]]), shared), user=coordinator)


def test_a_text_without_end_is_refused_before_it_fills_memory(coordinator, recs, tmp_path, monkeypatch):
    monkeypatch.setattr(files, "MAX_RECORD_BYTES", 256 * 1024)
    shared = f'<sst xmlns="{files.NS_MAIN[1:-1]}"><si><t>'.encode() + b"x" * (2 * 1024 * 1024) + b"</t></si></sst>"
    with pytest.raises(FileRejected, match="holds more data than an import can read"):
        status_plan(status_workbook(tmp_path, status_sheet([[recs[0].pk]]), shared), user=coordinator)


def test_shared_string_index_out_of_range(coordinator, recs, tmp_path):
    shared = shared_strings_xml(["ID", "Current status", "Implemented"])
    head = '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>'
    for index in ("-1", "3", "99999999999999999999999"):
        row = f'<row r="2"><c r="A2"><v>{recs[0].pk}</v></c><c r="B2" t="s"><v>{index}</v></c></row>'
        with pytest.raises(FileRejected, match="refers to a text the workbook does not hold"):
            status_plan(status_workbook(tmp_path, sheet_xml(head + row), shared), user=coordinator)


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_too_many_rows(coordinator, recs, tmp_path, monkeypatch, kind):
    monkeypatch.setattr(files, "MAX_ROWS", 50)
    rows = [[recs[0].pk, "Implemented", "2020-01-02", ""]] * 51
    if kind == "xlsx":
        path = status_workbook(tmp_path, status_sheet(rows))
    else:
        path = write(tmp_path, "s.csv", status_csv([[str(v) for v in row] for row in rows]))
    with pytest.raises(FileRejected, match="more than 50 rows"):
        status_plan(path, user=coordinator)
    monkeypatch.setattr(files, "MAX_ROWS", 51)
    assert status_plan(path, user=coordinator).rows_read == 51


def test_a_part_larger_than_allowed_is_refused_by_its_size(coordinator, recs, tmp_path, monkeypatch):
    monkeypatch.setattr(files, "MAX_SHEET_BYTES", 100_000)
    sheet = status_sheet([[recs[0].pk, "Implemented", "2020-01-02", "x" * 100]] * 1000)
    assert len(sheet) > 100_000
    with pytest.raises(FileRejected, match="holds more data than an import can read"):
        status_plan(status_workbook(tmp_path, sheet), user=coordinator)


def test_a_part_whose_size_lies_is_refused(coordinator, recs, tmp_path):
    sheet = status_sheet([[recs[0].pk, "Implemented", "2020-01-02", "x" * 100]] * 1000)
    data = lie_about_sizes(workbook_bytes(sheet), "xl/worksheets/sheet1.xml", 5000)
    with pytest.raises(FileRejected, match="damaged"):
        status_plan(write(tmp_path, "s.xlsx", data), user=coordinator)


def test_elements_outside_rows_are_bounded(coordinator, recs, tmp_path, monkeypatch):
    monkeypatch.setattr(files, "MAX_STRAY_ELEMENTS", 1000)
    rows = "".join(f"{'<x/>' * 10}{inline_row(n, [recs[0].pk, 'Implemented'])}" for n in range(2, 200))
    sheet = sheet_xml(inline_row(1, ["ID", "Current status"]) + rows)
    with pytest.raises(FileRejected, match="holds more data than an import can read"):
        status_plan(status_workbook(tmp_path, sheet), user=coordinator)


# --- 6. what Excel, LibreOffice and openpyxl write ----------------------------------------------------


def exported_workbook(client):
    response = client.get("/en/recommendations/export.xlsx?mechanism=CMW")
    assert response.status_code == 200
    return openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))


def edit_like_a_partner(wb, recs):
    """Two status changes, a helper formula in a column the import does not read and in an empty row, an
    error value in an unread column, and dates saved as ISO cells (t="d")."""
    ws = wb["Recommendations"]
    headers = [c.value for c in ws[1]]
    status_col, date_col = headers.index("Current status") + 1, headers.index("Status date") + 1
    rows = {ws.cell(row=r, column=1).value: r for r in range(2, ws.max_row + 1)}
    ws.cell(row=rows[recs[0].pk], column=status_col).value = "Implemented"
    ws.cell(row=rows[recs[0].pk], column=date_col).value = datetime.datetime(2021, 3, 1)
    ws.cell(row=rows[recs[1].pk], column=status_col).value = "In progress"
    ws.cell(row=rows[recs[1].pk], column=date_col).value = datetime.date(2022, 6, 15)
    ws.cell(row=2, column=len(headers) + 2).value = "=1+1"
    ws.cell(row=ws.max_row + 3, column=len(headers) + 1).value = "=SUM(1,2)"
    ws.cell(row=3, column=len(headers) + 3).value = "#N/A"
    wb.iso_dates = True
    return wb


def upload_workbook(client, path):
    with open(path, "rb") as handle:
        response = client.post(
            reverse("recommendations:import"), {"kind": "status", "file": SimpleUploadedFile("s.xlsx", handle.read())}
        )
    assert response.status_code == 302
    return preview_job()


def preview_job():
    """The upload's preview job (the tests' immediate task backend has already run it)."""
    return Job.objects.filter(kind="recommendations.import_preview").latest("pk")


def changes_of(job):
    return [(c["url"], c["new_status"], c["new_date"]) for c in job.data["preview"]["changes"]]


def expected_changes(recs):
    return [
        (recs[0].get_absolute_url(), Status.IMPLEMENTED, "2021-03-01"),
        (recs[1].get_absolute_url(), Status.IN_PROGRESS, "2022-06-15"),
    ]


def test_the_export_saved_by_openpyxl_with_formulas_and_iso_dates(client_for, coordinator, recs, tmp_path):
    client = client_for(coordinator)
    path = tmp_path / "edited.xlsx"
    edit_like_a_partner(exported_workbook(client), recs).save(path)
    with zipfile_open(path) as sheet:
        assert b't="d"' in sheet and b"<f>1+1</f>" in sheet
    job = upload_workbook(client, path)
    assert job.state == Job.State.DONE, job.error_text if hasattr(job, "error_text") else job.state
    assert not job.data["preview"]["errors"]
    assert changes_of(job) == expected_changes(recs)
    client.post(reverse("recommendations:import_confirm", args=[job.pk]), {"confirm": "1"})
    assert StatusAssessment.objects.count() == 2


def test_a_formula_and_an_error_in_a_column_read(client_for, coordinator, recs, tmp_path):
    client = client_for(coordinator)
    wb = exported_workbook(client)
    ws = wb["Recommendations"]
    headers = [c.value for c in ws[1]]
    ws.cell(row=2, column=headers.index("Evidence") + 1).value = "#N/A"
    ws.cell(row=3, column=headers.index("Current status") + 1).value = '="Implemented"'  # no cached value
    path = tmp_path / "edited.xlsx"
    wb.save(path)
    plan = status_plan(str(path), user=coordinator)
    assert errors_of(plan) == {(2, "Evidence"): "The cell shows the error “#N/A” instead of a value."}
    assert plan.unchanged == 2  # the formula never calculated reads as empty: the status stays


def zipfile_open(path):
    import contextlib
    import zipfile

    @contextlib.contextmanager
    def opened():
        with zipfile.ZipFile(path) as archive:
            yield b"".join(archive.read(n) for n in archive.namelist() if n.startswith("xl/worksheets/sheet"))

    return opened()


def test_the_export_resaved_by_libreoffice(client_for, coordinator, recs, tmp_path):
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        pytest.skip("LibreOffice is not installed (apt-get install libreoffice-calc-nogui)")
    client = client_for(coordinator)
    source = tmp_path / "in" / "edited.xlsx"
    source.parent.mkdir()
    edit_like_a_partner(exported_workbook(client), recs).save(source)
    out = tmp_path / "out"
    subprocess.run(
        [office, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to", "xlsx",
         "--outdir", str(out), str(source)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    resaved = out / "edited.xlsx"
    with zipfile_open(resaved) as sheet:
        assert b'<f aca="false">1+1</f>' in sheet  # LibreOffice kept the formulas, with the values it calculated
    job = upload_workbook(client, resaved)
    assert job.state == Job.State.DONE
    assert not job.data["preview"]["errors"]
    assert changes_of(job) == expected_changes(recs)


# --- 12. statistics after a bulk load ----------------------------------------------------------------


def reltuples(model):
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [model._meta.db_table])
        return cursor.fetchone()[0]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="ANALYZE and pg_class are PostgreSQL's")
def test_uhri_import_analyzes_what_it_filled(db, tmp_path, django_capture_on_commit_callbacks):
    # Never analysed, or analysed by an earlier test with other rows (ANALYZE's figures outlive a rollback).
    assert reltuples(Recommendation) != 3
    plan = uhri_plan(write(tmp_path, "u.csv", csv_bytes(uhri_rows())))
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        uhri_import(plan=plan)
    assert len(callbacks) == 1
    assert reltuples(Recommendation) == 3
    assert reltuples(Recommendation.history.model) == 3
    assert reltuples(Recommendation.themes.through) == 3


@pytest.mark.skipif(connection.vendor != "postgresql", reason="ANALYZE and pg_class are PostgreSQL's")
def test_status_import_analyzes_what_it_filled(coordinator, recs, tmp_path, django_capture_on_commit_callbacks):
    assert reltuples(StatusAssessment) != 3
    data = status_csv([[str(rec.pk), "Implemented", "2020-01-02", "Law adopted."] for rec in recs])
    plan = status_plan(write(tmp_path, "s.csv", data), user=coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        status_import(plan=plan, user=coordinator)
    assert reltuples(StatusAssessment) == 3


def test_inline_strings_plain_in_runs_and_empty(db, tmp_path):
    """The inline text of a cell: one <t> (what openpyxl writes), runs without phonetic guides, or none."""
    cells = (
        '<c r="A2" t="inlineStr"><is><t> plain </t></is></c>'
        '<c r="B2" t="inlineStr"><is><r><t>Imple</t></r><r><t>mented</t></r><rPh><t>x</t></rPh></is></c>'
        '<c r="C2" t="inlineStr"><is><t/></is></c><c r="D2" t="inlineStr"/>'
    )
    sheet = sheet_xml(inline_row(1, ["A", "B", "C", "D"]) + f'<row r="2">{cells}</row>')
    table = files.read_table(write(tmp_path, "i.xlsx", workbook_bytes(sheet)))
    assert list(table.rows) == [(2, {"A": " plain ", "B": "Implemented", "C": ""})]
