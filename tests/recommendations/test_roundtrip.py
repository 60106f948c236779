"""The status workbook's round trip: export, partners edit two statuses, upload, preview, confirm."""

import datetime
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from jobs.models import Job
from recommendations.models import Status, StatusAssessment
from recommendations.services import assessment_record
from tests.recommendations.factories import MechanismFactory, RecommendationFactory, ReviewFactory


@pytest.fixture
def recommendations(coordinator):
    review = ReviewFactory(mechanism=MechanismFactory(code="CMW"), document_symbol="CMW/C/KGZ/CO/1")
    recs = [RecommendationFactory(review=review, paragraph=str(n)) for n in range(1, 6)]
    assessment_record(
        recommendation=recs[0],
        user=coordinator,
        status=Status.NOT_STARTED,
        assessed_on=datetime.date(2019, 1, 10),
        evidence="No draft law yet.",
    )
    other = RecommendationFactory(review=ReviewFactory(mechanism=MechanismFactory(code="CESCR", name="CESCR")))
    return recs + [other]


def exported(client):
    response = client.get("/en/recommendations/export.xlsx?mechanism=CMW")
    assert response.status_code == 200
    return openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))


def column(ws, header):
    return [c.value for c in ws[1]].index(header) + 1


def upload(client, wb):
    out = io.BytesIO()
    wb.save(out)
    return client.post(
        "/en/recommendations/import/",
        {"kind": "status", "file": SimpleUploadedFile("status.xlsx", out.getvalue())},
    )


def preview_job():
    """The upload's preview job (the tests' immediate task backend has already run it)."""
    return Job.objects.filter(kind="recommendations.import_preview").latest("pk")


def confirm(client, job, **data):
    return client.post(reverse("recommendations:import_confirm", args=[job.pk]), {"confirm": "1", **data})


def test_two_edits_make_exactly_two_assessments(client_for, coordinator, recommendations):
    client = client_for(coordinator)
    wb = exported(client)
    ws = wb["Recommendations"]
    status_col, date_col, evidence_col = (
        column(ws, "Current status"),
        column(ws, "Status date"),
        column(ws, "Evidence"),
    )
    by_id = {ws.cell(row=r, column=1).value: r for r in range(2, ws.max_row + 1)}
    first, third = recommendations[0], recommendations[2]
    ws.cell(row=by_id[first.pk], column=status_col).value = "In progress"
    ws.cell(row=by_id[first.pk], column=date_col).value = datetime.datetime(2021, 3, 1)
    ws.cell(row=by_id[first.pk], column=evidence_col).value = "The draft law passed its first reading."
    ws.cell(row=by_id[third.pk], column=status_col).value = "Implemented"
    ws.cell(row=by_id[third.pk], column=date_col).value = "15.06.2022"
    before = StatusAssessment.objects.count()

    response = upload(client, wb)
    job = preview_job()
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    page = client.get(response["Location"])
    assert page.status_code == 200
    changes = job.data["preview"]["changes"]
    assert [(c["url"], c["new_status"], c["new_date"]) for c in changes] == [
        (first.get_absolute_url(), Status.IN_PROGRESS, "2021-03-01"),
        (third.get_absolute_url(), Status.IMPLEMENTED, "2022-06-15"),
    ]
    assert "The draft law passed its first reading." in page.content.decode()
    assert job.data["preview"]["unchanged"] == 3
    assert not job.data["preview"]["errors"]
    assert StatusAssessment.objects.count() == before

    response = confirm(client, job)
    write = Job.objects.get(kind="recommendations.import_write")
    assert response.status_code == 302 and response["Location"] == write.get_absolute_url()
    assert write.state == Job.State.DONE and write.data["result"]["recorded"] == 2
    assert "2 new status assessments recorded" in client.get(response["Location"]).content.decode()
    assert StatusAssessment.objects.count() == before + 2
    # A preview is confirmed once: a second confirmation writes nothing more.
    confirm(client, job)
    assert StatusAssessment.objects.count() == before + 2
    first.refresh_from_db()
    third.refresh_from_db()
    assert (first.status, first.status_date) == (Status.IN_PROGRESS, datetime.date(2021, 3, 1))
    assert third.status == Status.IMPLEMENTED
    # History is kept: the earlier assessment is still there.
    assert first.assessments.confirmed().count() == 2
    latest = first.assessments.confirmed().order_by("-assessed_on").first()
    assert latest.evidence == "The draft law passed its first reading."
    assert latest.reviewed_by == coordinator
    # The dossiers show them.
    page = client.get(f"/en/recommendations/{first.pk}/").content.decode()
    assert "The draft law passed its first reading." in page

    # Uploading the same edited workbook again changes nothing more.
    assert upload(client, wb).status_code == 302
    again = preview_job()
    assert again.data["preview"]["changes"] == []
    assert "Nothing to import" in client.get(again.get_absolute_url()).content.decode()
    confirm(client, again)
    assert StatusAssessment.objects.count() == before + 2


def test_unchanged_workbook_makes_nothing(client_for, coordinator, recommendations):
    client = client_for(coordinator)
    before = StatusAssessment.objects.count()
    assert upload(client, exported(client)).status_code == 302
    preview = preview_job().data["preview"]
    assert preview["changes"] == [] and preview["unchanged"] == 5
    confirm(client, preview_job())
    assert StatusAssessment.objects.count() == before
    assert not Job.objects.filter(kind="recommendations.import_write").exists()


def test_errors_name_row_and_column_and_nothing_is_written(client_for, coordinator, recommendations):
    client = client_for(coordinator)
    wb = exported(client)
    ws = wb["Recommendations"]
    status_col, date_col = column(ws, "Current status"), column(ws, "Status date")
    ws.cell(row=2, column=status_col).value = "Almost done"
    ws.cell(row=3, column=status_col).value = "Implemented"
    ws.cell(row=3, column=date_col).value = "yesterday"
    ws.cell(row=4, column=status_col).value = "Implemented"  # changed without a date
    ws.cell(row=5, column=1).value = 999999
    ws.cell(row=6, column=status_col).value = "Partially implemented"
    ws.cell(row=6, column=date_col).value = datetime.datetime(2020, 2, 2)
    before = StatusAssessment.objects.count()
    upload(client, wb)
    job = preview_job()
    errors = {(e["row"], e["column"]) for e in job.data["preview"]["errors"]}
    assert errors == {(2, "Current status"), (3, "Status date"), (4, "Status date"), (5, "ID")}
    assert len(job.data["preview"]["changes"]) == 1
    content = client.get(job.get_absolute_url()).content.decode()
    assert "Almost done" in content and "yesterday" in content
    # Without acknowledging the errors nothing is written.
    refused = confirm(client, job)
    assert refused["Location"] == job.get_absolute_url()
    assert "Tick the box" in client.get(refused["Location"]).content.decode()
    assert StatusAssessment.objects.count() == before
    confirm(client, job, acknowledge="1")
    assert StatusAssessment.objects.count() == before + 1


def test_workbook_without_headers_is_refused(client_for, coordinator, recommendations):
    client = client_for(coordinator)
    wb = openpyxl.Workbook()
    wb.active.append(["Something", "Else"])
    wb.active.append([1, 2])
    upload(client, wb)
    job = preview_job()
    assert job.state == Job.State.FAILED
    assert "Columns missing" in client.get(job.get_absolute_url()).content.decode()
    assert not job.source_file.storage.exists(job.source_file.name)
    assert (
        not StatusAssessment.objects.filter(created_at__date=datetime.date.today())
        .exclude(recommendation=recommendations[0])
        .exists()
    )


@pytest.mark.parametrize("person", ["member", "other_member"])
def test_members_may_not_upload(client_for, people, recommendations, person):
    client = client_for(people[person])
    wb = exported(client)
    response = upload(client, wb)
    assert response.status_code == 403
