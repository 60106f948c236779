"""UHRI import: real column names and quirks, CSV and Excel, idempotence, bad input with nothing written, access."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

from jobs.models import Job
from recommendations.models import AffectedGroup, Mechanism, Recommendation, Review, SdgTarget, Theme

HEADERS = [
    "Text",
    "Countries Concerned",
    "Reccomending Body",
    "Document Symbol",
    "Themes",
    "Affected Persons",
    "Sdgs",
    "Document Publication Date",
    "UPR Reccomending States",
    "UPR Position",
    "Type",
    "OHCHR Annotation Id",
    "UPR Session",
    "Regions Concerned",
    "Recommending Regions",
    "Date of publication on UHRI",
]


@pytest.fixture(autouse=True)
def _english():
    """The messages are asserted in the source language: commands and pages run in English here."""
    with translation.override("en"):
        yield


def uhri_rows(serial_dates=True):
    return [
        [
            "Ensure that migrant workers can register their residence.",
            "Kyrgyzstan",
            "CMW",
            "CMW/C/KGZ/CO/1",
            "- Labour rights and right to work\n- Human trafficking",
            "- Migrants\n- Women & girls",
            "- 8.8 - Protect labour rights\n- 10.7 - Facilitate orderly, safe, regular and responsible migration",
            42125 if serial_dates else "2015-05-01",
            "",
            "",
            "Recommendations",
            "ann-1",
            "",
            "- Asia",
            "",
            "2016-01-05",
        ],
        [],  # an empty row in the middle
        [
            "Protect the rights of migrants' families.",
            "Russian Federation",
            "UPR",
            "A/HRC/30/1",
            "- Migrants' rights",
            "- Migrants",
            "",
            "11.05.2015",
            "- Germany\n- France",
            "Supported",
            "Recommendations",
            "ann-2",
            "30",
            "- Eastern Europe",
            "- WEOG",
            "",
        ],
        [
            "Consider ratifying the convention.",
            "Bolivia (Plurinational State of)",
            "Recommending body that is a special rapporteur",
            "A/HRC/31/5",
            "",
            "",
            "",
            "",
            "",
            "",
            "Concerns/Observations",
            "ann-3",
            "",
            "",
            "",
            "",
        ],
    ]


def csv_bytes(rows, headers=HEADERS, encoding="utf-8-sig", delimiter=","):
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(headers)
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


def xlsx_bytes(rows, headers=HEADERS):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(headers)
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def write(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def counts():
    return (
        Recommendation.objects.count(),
        Review.objects.count(),
        Mechanism.objects.count(),
        Theme.objects.count(),
        AffectedGroup.objects.count(),
        SdgTarget.objects.count(),
        Recommendation.history.count(),
    )


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_import_creates_everything_and_is_idempotent(db, tmp_path, kind):
    data = csv_bytes(uhri_rows()) if kind == "csv" else xlsx_bytes(uhri_rows())
    path = write(tmp_path, f"uhri.{kind}", data)
    call_command("import_recommendations", path)
    assert Recommendation.objects.count() == 3
    first = Recommendation.objects.get(uhri_id="ann-1")
    assert first.review.document_symbol == "CMW/C/KGZ/CO/1"
    assert first.review.state == "KG"
    assert first.review.year == 2015
    assert first.review.date == datetime.date(2015, 5, 1)
    assert first.review.mechanism.kind == Mechanism.Kind.TREATY_BODY
    themes = sorted(first.themes.values_list("key", flat=True))
    assert themes == ["Human trafficking", "Labour rights and right to work"]
    assert sorted(first.affected_groups.values_list("key", flat=True)) == ["Migrants", "Women & girls"]
    assert set(first.sdg_targets.values_list("code", "title_en")) == {
        ("8.8", "Protect labour rights"),
        ("10.7", "Facilitate orderly, safe, regular and responsible migration"),
    }
    assert first.uhri_published_on == datetime.date(2016, 1, 5)
    second = Recommendation.objects.get(uhri_id="ann-2")
    assert second.review.state == "RU"
    assert second.upr_response == Recommendation.UprResponse.SUPPORTED
    assert second.recommending_states == "Germany\nFrance"
    assert second.review.date == datetime.date(2015, 5, 11)
    third = Recommendation.objects.get(uhri_id="ann-3")
    assert third.review.state == "BO"
    assert third.kind == Recommendation.Kind.OBSERVATION
    assert third.review.mechanism.kind == Mechanism.Kind.SPECIAL_PROCEDURE
    assert first.history.count() == 1

    before = counts()
    call_command("import_recommendations", path)
    assert counts() == before


def test_newer_export_updates_by_annotation_id(db, tmp_path):
    call_command("import_recommendations", write(tmp_path, "a.csv", csv_bytes(uhri_rows())))
    rows = uhri_rows()
    rows[0][0] = "Ensure that migrant workers can register their residence online."
    rows[0][4] = "- Labour rights and right to work"
    call_command("import_recommendations", write(tmp_path, "b.csv", csv_bytes(rows)))
    assert Recommendation.objects.count() == 3
    first = Recommendation.objects.get(uhri_id="ann-1")
    assert first.text_en.endswith("online.")
    assert list(first.themes.values_list("key", flat=True)) == ["Labour rights and right to work"]
    assert first.history.count() == 2
    assert Recommendation.objects.get(uhri_id="ann-2").history.count() == 1


def test_annotation_ids_are_looked_up_where_they_are_unique(db, tmp_path):
    """Recommendations not from UHRI have no annotation id: a blank key finds none of them."""
    from recommendations.imports.bulk import key_map

    call_command("import_recommendations", write(tmp_path, "a.csv", csv_bytes(uhri_rows())))
    first = Recommendation.objects.get(uhri_id="ann-1")
    Recommendation.objects.filter(pk=first.pk).update(uhri_id="")
    found = key_map(Recommendation, "uhri_id", ["", "ann-2", "ann-9"], non_blank=True)
    assert found == {"ann-2": Recommendation.objects.get(uhri_id="ann-2").pk}
    assert key_map(Recommendation, "uhri_id", [""]) == {"": first.pk}  # without non_blank: any blank row


def test_history_rows_hold_the_linked_items_as_imported(db, tmp_path):
    call_command("import_recommendations", write(tmp_path, "a.csv", csv_bytes(uhri_rows())))
    rows = uhri_rows()
    rows[0][4] = "- Labour rights and right to work"
    call_command("import_recommendations", write(tmp_path, "b.csv", csv_bytes(rows)))
    first = Recommendation.objects.get(uhri_id="ann-1")
    created, updated = first.history.order_by("history_id")
    assert (created.history_type, updated.history_type) == ("+", "~")
    assert created.text_en == updated.text_en == first.text_en
    themes_then = {h.theme.key for h in created.themes.select_related("theme")}
    themes_now = {h.theme.key for h in updated.themes.select_related("theme")}
    assert themes_then and themes_then != themes_now
    assert themes_now == set(first.themes.values_list("key", flat=True))
    groups = {h.affectedgroup_id for h in created.affected_groups.all()}
    assert groups == set(first.affected_groups.values_list("pk", flat=True))


def test_dry_run_writes_nothing(db, tmp_path, capsys):
    call_command("import_recommendations", write(tmp_path, "a.csv", csv_bytes(uhri_rows())), "--dry-run")
    assert counts() == (0, 0, 0, 0, 0, 0, 0)
    assert "3 new" in capsys.readouterr().out


def test_windows_1251_semicolon_csv(db, tmp_path):
    rows = uhri_rows(serial_dates=False)
    rows[0][0] = "Обеспечить регистрацию трудящихся-мигрантов."
    path = write(tmp_path, "ru.csv", csv_bytes(rows, encoding="cp1251", delimiter=";"))
    call_command("import_recommendations", path)
    assert Recommendation.objects.get(uhri_id="ann-1").text_en == "Обеспечить регистрацию трудящихся-мигрантов."


def test_recommending_body_spelling_is_accepted(db, tmp_path):
    headers = ["Recommending Body" if h == "Reccomending Body" else h for h in HEADERS]
    call_command("import_recommendations", write(tmp_path, "a.csv", csv_bytes(uhri_rows(), headers=headers)))
    assert Recommendation.objects.count() == 3


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("report.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n", "not an Excel workbook"),
        ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, ".xls"),
        ("empty.csv", b"", "empty"),
        ("renamed.csv", None, "Columns missing: “Document Symbol”"),
        ("broken.xlsx", b"PK\x03\x04" + b"\x00" * 100, "could not be opened"),
    ],
)
def test_unusable_files_are_refused_with_a_reason(db, tmp_path, name, data, message):
    if data is None:
        headers = ["Symbol of the document" if h == "Document Symbol" else h for h in HEADERS]
        data = csv_bytes(uhri_rows(), headers=headers)
    with pytest.raises(CommandError, match=message.replace("(", r"\(").replace(".", r"\.")):
        call_command("import_recommendations", write(tmp_path, name, data))
    assert counts() == (0, 0, 0, 0, 0, 0, 0)


def test_renamed_column_is_named_in_the_message(db, tmp_path):
    headers = ["Symbol of the document" if h == "Document Symbol" else h for h in HEADERS]
    with pytest.raises(CommandError, match="Symbol of the document"):
        call_command("import_recommendations", write(tmp_path, "a.csv", csv_bytes(uhri_rows(), headers=headers)))


def test_too_large_file(db, tmp_path):
    path = tmp_path / "big.csv"
    with open(path, "wb") as out:
        out.write(csv_bytes([]))
        out.write(b"x" * (2 * 1024 * 1024))
    with pytest.raises(CommandError, match="files up to 1 MB"):
        call_command("import_recommendations", str(path), "--max-mb", "1")
    assert counts() == (0, 0, 0, 0, 0, 0, 0)


def test_bad_cells_name_row_and_column_and_nothing_is_written(db, tmp_path):
    rows = uhri_rows()
    rows[0][7] = "the first of May"  # bad date, row 2
    rows[2][1] = "Narnia"  # unknown country, row 4
    path = write(tmp_path, "bad.csv", csv_bytes(rows))
    with pytest.raises(CommandError, match="2 rows have errors; nothing was imported"):
        call_command("import_recommendations", path)
    assert counts() == (0, 0, 0, 0, 0, 0, 0)
    from recommendations.imports.uhri import uhri_plan

    errors = [str(e) for e in uhri_plan(path).errors]
    assert any("Row 2" in e and "Document Publication Date" in e and "not a date" in e for e in errors)
    assert any("Row 4" in e and "Countries Concerned" in e and "Narnia" in e for e in errors)
    call_command("import_recommendations", path, "--skip-errors")
    assert list(Recommendation.objects.values_list("uhri_id", flat=True)) == ["ann-3"]


def test_formula_text_in_import_is_kept_as_text_in_export(db, tmp_path, client_for, coordinator):
    rows = uhri_rows()
    rows[0][0] = '=HYPERLINK("http://evil","click")'
    call_command("import_recommendations", write(tmp_path, "a.csv", csv_bytes(rows)))
    response = client_for(coordinator).get(reverse("recommendations:export"))
    wb = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    cells = [row[6] for row in wb.worksheets[0].iter_rows(min_row=2) if row[6].value and row[6].value.startswith("=")]
    assert cells and all(c.data_type == "s" for c in cells)


# --- the web upload with its preview ---------------------------------------------------------------


def upload(client, name, data, kind="uhri"):
    return client.post(
        reverse("recommendations:import"), {"kind": kind, "file": SimpleUploadedFile(name, data)}, follow=False
    )


def test_coordinator_previews_then_confirms(client_for, coordinator, db, media_root):
    client = client_for(coordinator)
    rows = uhri_rows()
    rows[2][1] = "Narnia"
    response = upload(client, "uhri.xlsx", xlsx_bytes(rows))
    preview = Job.objects.get(kind="recommendations.import_preview")
    assert response.status_code == 302 and response["Location"] == preview.get_absolute_url()
    # The upload is kept on the default storage, under a random name, for the write job to read again.
    assert preview.source_file.name.startswith("jobs/uploads/")
    assert (media_root / preview.source_file.name).exists()
    content = client.get(preview.get_absolute_url()).content.decode()
    assert "Narnia" in content and "Countries Concerned" in content
    assert preview.data["preview"]["summary"]["create"] == 2
    assert Recommendation.objects.count() == 0
    # Confirming without saying the errors were seen writes nothing.
    again = client.post(reverse("recommendations:import_confirm", args=[preview.pk]), {"confirm": "1"})
    assert again.status_code == 302 and again["Location"] == preview.get_absolute_url()
    assert Recommendation.objects.count() == 0
    done = client.post(
        reverse("recommendations:import_confirm", args=[preview.pk]), {"confirm": "1", "acknowledge": "1"}
    )
    write = Job.objects.get(kind="recommendations.import_write")
    assert done.status_code == 302 and done["Location"] == write.get_absolute_url()
    assert write.state == Job.State.DONE
    assert set(Recommendation.objects.values_list("uhri_id", flat=True)) == {"ann-1", "ann-3"}
    assert Recommendation.history.filter(history_user=coordinator).count() == 2
    assert "2 new, 0 updated" in client.get(write.get_absolute_url()).content.decode()
    # The upload is gone once written.
    assert not (media_root / preview.source_file.name).exists()


def test_a_failed_write_leaves_nothing_half_written(client_for, coordinator, db, monkeypatch):
    client = client_for(coordinator)
    upload(client, "uhri.csv", csv_bytes(uhri_rows()))
    preview = Job.objects.get(kind="recommendations.import_preview")
    from recommendations.imports import uhri

    def broken_history(*args, **kwargs):
        raise RuntimeError("disk full")

    # The history is written last, after the recommendations and their links: all of it must roll back.
    monkeypatch.setattr(uhri, "write_history", broken_history)
    client.post(reverse("recommendations:import_confirm", args=[preview.pk]), {"confirm": "1", "acknowledge": "1"})
    write = Job.objects.get(kind="recommendations.import_write")
    assert write.state == Job.State.FAILED
    assert "unexpected error" in write.error
    assert Recommendation.objects.count() == 0 and Review.objects.count() == 0


def test_cancel_discards_the_upload(client_for, coordinator, db, media_root):
    client = client_for(coordinator)
    upload(client, "uhri.csv", csv_bytes(uhri_rows()))
    preview = Job.objects.get(kind="recommendations.import_preview")
    response = client.post(reverse("recommendations:import_confirm", args=[preview.pk]), {"cancel": "1"})
    assert response.status_code == 302
    assert not (media_root / preview.source_file.name).exists()
    client.post(reverse("recommendations:import_confirm", args=[preview.pk]), {"confirm": "1", "acknowledge": "1"})
    assert Recommendation.objects.count() == 0


def test_only_the_uploader_confirms(client_for, coordinator, db, django_user_model):
    client = client_for(coordinator)
    upload(client, "uhri.csv", csv_bytes(uhri_rows()))
    preview = Job.objects.get(kind="recommendations.import_preview")
    other = django_user_model.objects.create_user("other_coordinator")
    other.groups.set(coordinator.groups.all())
    response = client_for(other).post(
        reverse("recommendations:import_confirm", args=[preview.pk]), {"confirm": "1", "acknowledge": "1"}
    )
    assert response.status_code == 403
    assert Recommendation.objects.count() == 0


def test_two_confirms_of_one_preview_at_once_start_one_write(client_for, coordinator, db):
    """A double click or a replayed POST: both requests read the preview before either recorded its write."""
    from django.core.exceptions import PermissionDenied

    from recommendations.transfers import import_confirm

    upload(client_for(coordinator), "uhri.csv", csv_bytes(uhri_rows()))
    first, second = (Job.objects.get(kind="recommendations.import_preview") for _ in range(2))
    import_confirm(job=first, user=coordinator, acknowledged=True, site_url="")
    with pytest.raises(PermissionDenied):
        import_confirm(job=second, user=coordinator, acknowledged=True, site_url="")
    assert Job.objects.filter(kind="recommendations.import_write").count() == 1


def test_a_discard_read_before_a_confirm_does_not_undo_it(client_for, coordinator, db):
    from django.core.exceptions import PermissionDenied

    from recommendations.transfers import import_confirm, import_discard

    upload(client_for(coordinator), "uhri.csv", csv_bytes(uhri_rows()))
    confirming, discarding = (Job.objects.get(kind="recommendations.import_preview") for _ in range(2))
    write = import_confirm(job=confirming, user=coordinator, acknowledged=True, site_url="")
    with pytest.raises(PermissionDenied):
        import_discard(job=discarding, user=coordinator)
    preview = Job.objects.get(kind="recommendations.import_preview")
    assert preview.data["confirmed_job"] == write.pk and not preview.data.get("discarded")


def test_cancel_after_confirm_says_why_and_keeps_the_write(client_for, coordinator, db):
    client = client_for(coordinator)
    upload(client, "uhri.csv", csv_bytes(uhri_rows()))
    preview = Job.objects.get(kind="recommendations.import_preview")
    url = reverse("recommendations:import_confirm", args=[preview.pk])
    client.post(url, {"confirm": "1", "acknowledge": "1"})
    response = client.post(url, {"cancel": "1"}, follow=True)
    assert response.status_code == 200
    assert "already confirmed or discarded" in response.content.decode()
    assert Job.objects.get(pk=preview.pk).data["confirmed_job"]


def test_large_upload_is_refused(client_for, coordinator, settings, db):
    settings.MAX_IMPORT_MB = 1
    client = client_for(coordinator)
    response = upload(client, "big.csv", csv_bytes([]) + b"x" * (1024 * 1024 + 10))
    assert response.status_code == 200
    assert "files up to 1 MB" in response.content.decode()


@pytest.mark.parametrize(("person", "status"), [("anonymous", 302), ("member", 403), ("other_member", 403)])
def test_only_coordinators_may_import(client_for, people, person, status, tmp_path):
    client = client_for(people[person])
    assert client.get(reverse("recommendations:import")).status_code == status
    response = upload(client, "uhri.csv", csv_bytes(uhri_rows()))
    assert response.status_code == status
    if status == 302:
        assert "/accounts/login/" in response["Location"]
    assert not Job.objects.exists()
    assert Recommendation.objects.count() == 0


def test_a_command_line_import_refreshes_the_public_pages(db, tmp_path):
    """The import writes with raw SQL, so it must raise the page cache's content version itself."""
    from platform_site.page_cache import content_version

    path = write(tmp_path, "uhri.csv", csv_bytes(uhri_rows()))
    before = content_version()
    call_command("import_recommendations", path)
    after = content_version()
    assert after > before
    call_command("import_recommendations", path)  # the same file again writes nothing
    assert content_version() == after


@pytest.mark.parametrize(("person", "status"), [("anonymous", 302), ("member", 403), ("other_member", 403)])
def test_only_coordinators_may_confirm(client_for, people, coordinator, person, status):
    upload(client_for(coordinator), "uhri.csv", csv_bytes(uhri_rows()))
    preview = Job.objects.get(kind="recommendations.import_preview")
    response = client_for(people[person]).post(
        reverse("recommendations:import_confirm", args=[preview.pk]), {"confirm": "1", "acknowledge": "1"}
    )
    assert response.status_code == status
    assert Recommendation.objects.count() == 0
    assert not Job.objects.filter(kind="recommendations.import_write").exists()


def test_a_preview_job_page_shows_the_form_to_its_owner_only(client_for, coordinator, member, db):
    upload(client_for(coordinator), "uhri.csv", csv_bytes(uhri_rows()))
    preview = Job.objects.get(kind="recommendations.import_preview")
    confirm_url = reverse("recommendations:import_confirm", args=[preview.pk])
    assert confirm_url in client_for(coordinator).get(preview.get_absolute_url()).content.decode()
    assert client_for(member).get(preview.get_absolute_url()).status_code == 404


def test_the_collector_is_paused_while_reading_and_writing_then_back_on(db, tmp_path, monkeypatch):
    """Reading and writing run with the cyclic garbage collector off (it walked everything the process held every
    700 allocations), and it is back on afterwards, also after a refused file."""
    import gc

    from recommendations.imports import uhri

    seen = []
    monkeypatch.setattr(uhri, "PROGRESS_ROWS", 1)
    write_history = uhri.write_history
    monkeypatch.setattr(uhri, "write_history", lambda *a, **k: seen.append(gc.isenabled()) or write_history(*a, **k))
    assert gc.isenabled()
    plan = uhri.uhri_plan(
        write(tmp_path, "u.xlsx", xlsx_bytes(uhri_rows())), progress=lambda n: seen.append(gc.isenabled())
    )
    assert gc.isenabled() and seen == [False, False, False]
    uhri.uhri_import(plan=plan)
    assert gc.isenabled() and len(seen) > 3 and not any(seen) and Recommendation.objects.count() == 3
    with pytest.raises(uhri.FileRejected):
        uhri.uhri_plan(write(tmp_path, "broken.xlsx", b"PK\x03\x04" + b"\x00" * 100))
    assert gc.isenabled()
    gc.disable()
    try:
        uhri.uhri_plan(write(tmp_path, "u.csv", csv_bytes(uhri_rows())))
        assert not gc.isenabled()  # left as it was
    finally:
        gc.enable()


def test_a_value_repeated_over_rows_is_checked_in_each(db, tmp_path):
    """Each distinct value of a column is cleaned once: every row holding a bad one still has its error, and
    values that are equal in Python but not the same cell (True, 1) are told apart."""
    from recommendations.imports.uhri import uhri_plan

    base = uhri_rows()[0]
    rows = []
    for n, (country, published) in enumerate([("Atlantis", 1), ("Atlantis", True), ("Kyrgyzstan", True), ("", 1)]):
        row = list(base)
        row[1], row[7], row[11] = country, published, f"ann-{n}"
        rows.append(row)
    plan = uhri_plan(write(tmp_path, "u.xlsx", xlsx_bytes(rows)))
    assert [(e.row, e.column) for e in plan.errors] == [
        (2, "Countries Concerned"),
        (3, "Countries Concerned"),
        (3, "Document Publication Date"),
        (4, "Document Publication Date"),
        (5, "Countries Concerned"),
    ]
    assert {e.message for e in plan.errors if e.row in (2, 3) and e.column == "Countries Concerned"} == {
        "Unknown country “Atlantis”."
    }
    assert plan.errors[2].message == plan.errors[3].message
    assert not plan.records  # each row has an error
