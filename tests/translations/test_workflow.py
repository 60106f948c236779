"""The coordinators' translation workflow through HTTP: counts, the workbook, and its import with a preview."""

import io

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook, load_workbook

from advocacy.models import EventParticipant
from jobs.models import Job
from partners.access import Workflow
from reports.models import Report
from tests.advocacy.factories import EventFactory, EventParticipantFactory
from tests.reports.factories import ReportFactory
from translations.imports import PREVIEW_KIND, WRITE_KIND

pytestmark = pytest.mark.django_db

OVERVIEW = "/translations/"
EXPORT = "/translations/export.xlsx?language=ky"


@pytest.fixture
def reports(db):
    return [
        ReportFactory(title_ru="Женщины и дети", title_en="Women and children", summary_ru="Интервью", summary_en=""),
        ReportFactory(title_ru="Трудовые мигранты", title_en="", title_ky="Эмгек мигранттары", summary_ru=""),
        ReportFactory(title_ru='=HYPERLINK("http://x")', title_en="", summary_ru="", status=Workflow.DRAFT),
    ]


def exported(client, url=EXPORT):
    response = client.get(url)
    assert response.status_code == 200
    return load_workbook(io.BytesIO(b"".join(response.streaming_content)))


def rows_of(wb):
    ws = wb.active
    header, *rows = [[c.value for c in row] for row in ws.iter_rows()]
    return header, rows


def upload(client, wb, overwrite=False, prefix=""):
    handle = io.BytesIO()
    wb.save(handle)
    handle.seek(0)
    handle.name = "filled.xlsx"
    response = client.post(prefix + OVERVIEW, {"file": handle, **({"overwrite": "1"} if overwrite else {})})
    assert response.status_code == 302, response.content.decode()[:2000]
    return Job.objects.filter(kind=PREVIEW_KIND).latest("pk")


def fill(wb, texts):
    """Write ``texts`` ({(kind, id, field): text}) into the Kyrgyz column."""
    ws = wb.active
    ky = 7  # kind, id, field, target, then Russian, English, Kyrgyz
    for row in ws.iter_rows(min_row=2):
        key = (row[0].value, row[1].value, row[2].value)
        if key in texts:
            ws.cell(row=row[0].row, column=ky, value=texts[key])


@pytest.mark.parametrize(
    ("who", "expected"), [("anonymous", 302), ("other_member", 403), ("member", 403), ("coordinator", 200)]
)
@pytest.mark.parametrize("url", [OVERVIEW, EXPORT])
def test_only_coordinators_reach_the_workflow(people, client_for, who, expected, url):
    response = client_for(people[who]).get(url)
    assert response.status_code == expected
    if expected == 302:
        assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("who", ["anonymous", "other_member", "member"])
def test_nobody_but_coordinators_uploads(people, client_for, who, reports, coordinator):
    wb = exported(client_for(coordinator))  # a good file: only the person may be refused
    fill(wb, {("reports.report", reports[0].pk, "title"): "Аялдар жана балдар"})
    handle = io.BytesIO()
    wb.save(handle)
    handle.seek(0)
    handle.name = "filled.xlsx"
    response = client_for(people[who]).post(OVERVIEW, {"file": handle})
    assert response.status_code in (302, 403)
    assert not Job.objects.exists()


def test_the_page_counts_what_each_language_lacks_and_links_the_records(client_for, coordinator, reports):
    client = client_for(coordinator)
    html = client.get(OVERVIEW).content.decode()
    counts = client.get(OVERVIEW).context["counts"]
    report_counts = next(c for c in counts if c.kind.key == "reports.report")
    title = next(f for f in report_counts.fields if f.field == "title")
    # Kyrgyz: two titles lack it (the draft too: coordinators see drafts); English: two; Russian: none.
    assert title.missing == {"ru": 0, "en": 2, "ky": 2}
    summary = next(f for f in report_counts.fields if f.field == "summary")
    assert summary.missing == {"ru": 0, "en": 1, "ky": 1}  # a field empty in every language is not counted
    assert "?kind=reports.report&amp;field=title&amp;language=ky#records" in html
    listing = client.get(OVERVIEW, {"kind": "reports.report", "field": "title", "language": "ky"}).content.decode()
    assert reports[0].get_absolute_url() in listing
    assert reports[1].get_absolute_url() not in listing


def test_the_page_makes_as_many_queries_whatever_the_number_of_records(
    client_for, coordinator, reports, django_assert_max_num_queries
):
    client = client_for(coordinator)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(OVERVIEW, {"kind": "advocacy.eventparticipant", "field": "role", "language": "ky"})
    EventParticipantFactory.create_batch(15, role="выступающий")
    ReportFactory.create_batch(15, title_ru="Доклад", title_en="")
    with django_assert_max_num_queries(len(few)):
        response = client.get(OVERVIEW, {"kind": "advocacy.eventparticipant", "field": "role", "language": "ky"})
    assert response.context["selected"]["records"]


def test_the_workbook_holds_one_row_per_missing_text_with_formulas_escaped(client_for, coordinator, reports):
    header, rows = rows_of(exported(client_for(coordinator)))
    assert header[:4] == ["Вид", "ID", "Поле", "Перевести на"]  # in the coordinator's language
    by_key = {(r[0], r[1], r[2]): r for r in rows}
    assert ("reports.report", reports[0].pk, "title") in by_key
    assert ("reports.report", reports[1].pk, "title") not in by_key  # already in Kyrgyz
    row = by_key[("reports.report", reports[0].pk, "title")]
    assert row[3] == "ky" and row[4:] == ["Женщины и дети", "Women and children", None]
    wb = exported(client_for(coordinator))
    cell = next(c for c in wb.active["E"] if c.value and str(c.value).startswith("=HYPERLINK"))
    assert cell.data_type == "s" and cell.quotePrefix  # shown as text, never run


def test_round_trip_through_http_with_a_preview_then_confirm(client_for, coordinator, reports):
    client = client_for(coordinator)
    wb = exported(client, "/en" + EXPORT)  # the workbook and the messages in English
    fill(
        wb,
        {
            ("reports.report", reports[0].pk, "title"): "Аялдар жана балдар",
            ("reports.report", reports[0].pk, "summary"): "Маек",
        },
    )
    job = upload(client, wb, prefix="/en")
    assert job.state == Job.State.DONE
    preview = job.data["preview"]
    assert preview["change_count"] == 2 and not preview["errors"]
    with translation.override("en"):
        page = client.get(job.get_absolute_url()).content.decode()
    assert "Аялдар жана балдар" in page and "Confirm the import" in page
    reports[0].refresh_from_db()
    assert not reports[0].title_ky  # nothing written before the confirmation
    response = client.post(reverse("translations:confirm", args=[job.pk]), {"confirm": "1"})
    write = Job.objects.get(kind=WRITE_KIND)
    assert response["Location"].endswith(f"/members/jobs/{write.pk}/")
    assert write.state == Job.State.DONE and write.data["result"]["written"] == 2
    reports[0].refresh_from_db()
    assert (reports[0].title_ky, reports[0].summary_ky) == ("Аялдар жана балдар", "Маек")
    with translation.override("ky"):
        assert "Аялдар жана балдар" in client.get(reports[0].get_absolute_url()).content.decode()
    assert reports[0].history.filter(title_ky="Аялдар жана балдар").exists()  # its change history kept


def test_errors_row_by_row_and_nothing_written(client_for, coordinator, reports):
    client = client_for(coordinator)
    wb = exported(client, "/en" + EXPORT)
    ws = wb.active
    fill(wb, {("reports.report", reports[0].pk, "title"): "Аялдар жана балдар"})
    last = ws.max_row
    ws.append(["reports.report", 999999, "title", "ky", "x", "", "жок"])  # unknown id
    ws.append(["reports.report", reports[0].pk, "slug", "ky", "x", "", "жок"])  # not translatable
    ws.append(["reports.report", reports[0].pk, "title", "ky", "", "", "я"])  # the same text twice
    ws.append(["advocacy.event", 1, "title", "ky", "", "", "ж"])  # unknown id too
    ws.append(
        ["reports.report", reports[1].pk, "title", "en", "Трудовые мигранты", "x" * 301, "Эмгек мигранттары"]
    )  # too long
    reports[0].summary_ru = "Интервью с 34 женщинами"  # the source changed since the export
    reports[0].save()
    summary_row = next(
        r[0].row for r in ws.iter_rows(min_row=2) if r[1].value == reports[0].pk and r[2].value == "summary"
    )
    job = upload(client, wb, prefix="/en")
    errors = {(e["row"], e["message"].split(":")[0][:30]) for e in job.data["preview"]["errors"]}
    rows = {row for row, _message in errors}
    assert {last + 1, last + 2, last + 3, last + 4, last + 5, summary_row} <= rows
    messages = " ".join(e["message"] for e in job.data["preview"]["errors"])
    assert "There is no report with id 999999" in messages
    assert "is not a translated field" in messages
    assert "changed in the portal since the export" in messages
    assert "at most 300" in messages
    assert "already in row" in messages
    assert not job.data["preview"]["may_write"]
    response = client.post(reverse("translations:confirm", args=[job.pk]), {"confirm": "1"})
    assert response.status_code == 302 and not Job.objects.filter(kind=WRITE_KIND).exists()
    reports[0].refresh_from_db()
    assert not reports[0].title_ky


def test_the_errors_are_in_the_persons_language(client_for, coordinator, reports):
    client = client_for(coordinator)
    wb = exported(client)
    wb.active.append(["reports.report", 999999, "title", "ky", "x", "", "жок"])
    job = upload(client, wb)
    assert "Нет" in job.data["preview"]["errors"][0]["message"] or "нет" in job.data["preview"]["errors"][0]["message"]


def test_translated_fields_are_written_only_when_empty_unless_overwrite(client_for, coordinator, reports):
    client = client_for(coordinator)
    wb = exported(client)
    fill(wb, {("reports.report", reports[0].pk, "title"): "Аялдар жана балдар"})
    Report.objects.filter(pk=reports[0].pk).update(title_ky="Аялдар")  # translated meanwhile in the portal
    job = upload(client, wb)
    assert job.data["preview"]["kept"] == 1 and job.data["preview"]["change_count"] == 0
    job = upload(client, wb, overwrite=True)
    assert job.data["preview"]["change_count"] == 1
    client.post(reverse("translations:confirm", args=[job.pk]), {"confirm": "1"})
    reports[0].refresh_from_db()
    assert reports[0].title_ky == "Аялдар жана балдар"


def test_participants_roles_are_translated_too(client_for, coordinator):
    participant = EventParticipantFactory(role="выступающий")
    client = client_for(coordinator)
    wb = exported(client)
    fill(wb, {("advocacy.eventparticipant", participant.pk, "role"): "баяндамачы"})
    job = upload(client, wb)
    client.post(reverse("translations:confirm", args=[job.pk]), {"confirm": "1"})
    assert EventParticipant.objects.get(pk=participant.pk).role_ky == "баяндамачы"


def test_someone_else_cannot_confirm_a_preview(client_for, coordinator, people, reports):
    client = client_for(coordinator)
    wb = exported(client)
    fill(wb, {("reports.report", reports[0].pk, "title"): "Аялдар жана балдар"})
    job = upload(client, wb)
    for who in ("member", "other_member"):
        response = client_for(people[who]).post(reverse("translations:confirm", args=[job.pk]), {"confirm": "1"})
        assert response.status_code == 403
    assert not Job.objects.filter(kind=WRITE_KIND).exists()


def test_a_file_without_the_source_texts_columns_is_refused(client_for, coordinator):
    """Without the columns of the texts as exported, nothing shows they are the portal's texts still."""
    event = EventFactory(description_ru="Обсуждение", description_en="")
    client = client_for(coordinator)
    wb = Workbook()
    wb.active.append(["Вид", "ID", "Поле", "Перевести на", "Кыргызча"])
    wb.active.append(["advocacy.event", event.pk, "description", "ky", "Талкуу"])
    job = upload(client, wb)
    assert job.state == Job.State.FAILED
    assert "Не хватает столбцов" in job.error and "“Русский”, “Английский”" in job.error
    assert "preview" not in job.data and not Job.objects.filter(kind=WRITE_KIND).exists()
    event.refresh_from_db()
    assert not event.description_ky


def test_a_formula_in_a_translation_is_an_error_not_an_empty_cell(client_for, coordinator, reports):
    client = client_for(coordinator)
    wb = exported(client, "/en" + EXPORT)
    fill(wb, {("reports.report", reports[0].pk, "title"): '=HYPERLINK("http://evil.example/","click")'})
    fill(wb, {("reports.report", reports[0].pk, "summary"): "Маек"})
    title_row = next(
        r[0].row
        for r in wb.active.iter_rows(min_row=2)
        if r[0].value == "reports.report" and r[1].value == reports[0].pk and r[2].value == "title"
    )
    job = upload(client, wb, prefix="/en")
    preview = job.data["preview"]
    assert [(e["row"], e["column"], e["message"][:40]) for e in preview["errors"]] == [
        (title_row, "Kyrgyz", "The cell holds a formula, not a text (“=")
    ]
    assert not preview["may_write"]
    response = client.post(reverse("translations:confirm", args=[job.pk]), {"confirm": "1"})
    assert response.status_code == 302 and not Job.objects.filter(kind=WRITE_KIND).exists()
    reports[0].refresh_from_db()
    assert not reports[0].title_ky and not reports[0].summary_ky


@pytest.mark.parametrize(
    ("language", "record", "state"),
    [("ru", "Запись", "Состояние"), ("ky", "Жазуу", "Абалы"), ("en", "Record", "State")],
)
def test_the_preview_headers_say_record_and_state(client_for, coordinator, reports, language, record, state):
    client = client_for(coordinator)
    wb = exported(client)
    fill(wb, {("reports.report", reports[0].pk, "title"): "Аялдар жана балдар"})
    job = upload(client, wb)
    with translation.override(language):
        page = client.get(job.get_absolute_url()).content.decode()
    assert f'<th scope="col">{record}</th>' in page and f"<dt>{state}</dt>" in page


def test_a_text_with_control_characters_matches_its_export(client_for, coordinator):
    """The export drops control characters from the source texts; the import compares with what it wrote."""
    report = ReportFactory(title_ru="Доклад\x0bо мигрантах", title_en="", summary_ru="")
    client = client_for(coordinator)
    wb = exported(client)
    fill(wb, {("reports.report", report.pk, "title"): "Мигранттар жөнүндө баяндама"})
    preview = upload(client, wb).data["preview"]
    assert not preview["errors"] and preview["change_count"] == 1
