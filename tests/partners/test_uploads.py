"""Uploads are what their content says, whatever their name: checked on the way in (members' forms and the
admin alike), stored under the detected extension, and served with the type their content has."""

import datetime

import pytest
from django import forms
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from advocacy.models import Event, EventAttachment
from partners.access import Workflow
from recommendations.models import Status, StatusAssessment
from reports.models import Report
from tests.advocacy.factories import EventAttachmentFactory, EventFactory
from tests.members_support import PDF_BYTES, PNG_BYTES, fake_pdf, form_token
from tests.recommendations.factories import AssessmentFactory, RecommendationFactory
from tests.reports.factories import ReportFactory

pytestmark = pytest.mark.django_db

DANGEROUS_EXTENSIONS = ["html", "svg", "js", "xhtml", "exe"]
SVG_WITH_SCRIPT = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(document.cookie)"></svg>'


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


def assert_served_as_pdf(response, name):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == f'inline; filename="{name}"'
    assert _body(response) == PDF_BYTES


# ---- Members' forms ------------------------------------------------------------------------------------


def propose_assessment(client, recommendation, upload):
    url = reverse("recommendations:assess", kwargs={"pk": recommendation.pk})
    return client.post(
        url,
        {
            "status": Status.IN_PROGRESS,
            "assessed_on": "2016-05-01",
            "evidence": "The ministry's letter.",
            "source_url": "",
            "source_file": upload,
            "form_token": form_token(client.get(url)),
        },
    )


@pytest.mark.parametrize("extension", DANGEROUS_EXTENSIONS)
def test_a_pdf_named_otherwise_is_stored_and_served_as_a_pdf(client_for, member, extension):
    recommendation = RecommendationFactory()
    client = client_for(member)
    response = propose_assessment(client, recommendation, SimpleUploadedFile(f"evil.{extension}", PDF_BYTES))
    assert response.status_code == 302

    assessment = StatusAssessment.objects.get()
    assert assessment.source_file.name.startswith("evidence/")
    assert assessment.source_file.name.endswith("/evil.pdf")
    assert_served_as_pdf(client.get(assessment.get_file_url()), "evil.pdf")


def test_an_attachment_is_stored_under_its_content_type(client_for, member, organisation):
    event = EventFactory(owner=organisation, status=Workflow.DRAFT)
    client = client_for(member)
    url = reverse("advocacy:update", kwargs={"pk": event.pk})
    page = client.get(url)
    data = {
        field.html_name: field.value()
        for field in page.context["form"]
        if field.value() is not None and not isinstance(field.value(), list | datetime.date)
    }
    data.update(
        {
            "form_token": form_token(page),
            "event-starts_on": event.starts_on.isoformat(),
            "event-ends_on": event.ends_on.isoformat() if event.ends_on else "",
            "links-TOTAL_FORMS": "0",
            "links-INITIAL_FORMS": "0",
            "attachments-TOTAL_FORMS": "1",
            "attachments-INITIAL_FORMS": "0",
            "attachments-0-title": "Photo",
            "attachments-0-file": SimpleUploadedFile("photo of the hall.svg", PNG_BYTES),
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors if response.context else ""
    attachment = EventAttachment.objects.get()
    assert attachment.file.name.endswith("/photo-of-the-hall.png")
    served = client.get(attachment.get_file_url())
    assert served["Content-Type"] == "image/png"
    assert served["Content-Disposition"] == 'inline; filename="photo-of-the-hall.png"'


# ---- Files stored before these checks, under a misleading name -----------------------------------------


@pytest.fixture
def public_attachment():
    event = EventFactory(visibility=Event.Visibility.PUBLIC, status=Workflow.PUBLISHED)
    return EventAttachmentFactory(event=event)


def test_a_stored_pdf_with_a_bad_extension_is_served_as_a_pdf(client, public_attachment):
    public_attachment.file.save("old.html", ContentFile(PDF_BYTES))
    assert public_attachment.file.name.endswith(".html")
    assert_served_as_pdf(client.get(public_attachment.get_file_url()), "old.pdf")


@pytest.mark.parametrize(
    ("name", "content"),
    [("logo.svg", SVG_WITH_SCRIPT), ("page.html", b"<html><script>alert(1)</script></html>"), ("app.js", b"alert(1)")],
)
def test_a_stored_active_file_is_only_ever_downloaded_as_bytes(client, public_attachment, name, content):
    public_attachment.file.save(name, ContentFile(content))
    response = client.get(public_attachment.get_file_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/octet-stream"
    assert response["X-Content-Type-Options"] == "nosniff"
    stem = name.rsplit(".", 1)[0]
    assert response["Content-Disposition"] == f'attachment; filename="{stem}.bin"'


def test_a_stored_program_is_downloaded_under_its_own_extension(client, public_attachment):
    public_attachment.file.save("manual.pdf", ContentFile(b"MZ\x90\x00" + b"\x00" * 200))
    response = client.get(public_attachment.get_file_url())
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"] == 'attachment; filename="manual.exe"'


# ---- The admin -----------------------------------------------------------------------------------------


def admin_form_data(page) -> dict:
    """What the admin's change form would send back unchanged: its fields, inlines and management forms."""
    bound_forms = [page.context["adminform"].form]
    for inline in page.context["inline_admin_formsets"]:
        bound_forms.append(inline.formset.management_form)
        bound_forms.extend(inline.formset.forms)
    data = {}
    for form in bound_forms:
        for field in form:
            value = field.value()
            if value is None or isinstance(field.field, forms.FileField):
                continue
            if isinstance(value, bool):
                if value:
                    data[field.html_name] = "on"
            elif isinstance(value, list | tuple):
                data[field.html_name] = [str(item) for item in value]
            elif isinstance(value, datetime.date):
                data[field.html_name] = value.isoformat()
            else:
                data[field.html_name] = str(value)
    return data


def admin_upload(client, url, field, upload):
    page = client.get(url)
    assert page.status_code == 200
    return client.post(url, {**admin_form_data(page), field: upload})


@pytest.fixture
def report():
    return ReportFactory(status=Workflow.PUBLISHED)


@pytest.mark.parametrize("extension", DANGEROUS_EXTENSIONS)
def test_the_admin_stores_a_report_file_under_its_content_type(client_for, coordinator, report, extension):
    client = client_for(coordinator)
    url = reverse("admin:reports_report_change", args=[report.pk])
    response = admin_upload(client, url, "file", SimpleUploadedFile(f"evil.{extension}", PDF_BYTES))
    assert response.status_code == 302, response.context["adminform"].form.errors
    report.refresh_from_db()
    assert report.file.name.endswith("/evil.pdf")
    assert_served_as_pdf(client.get(report.get_file_url()), "evil.pdf")


def test_the_admin_refuses_a_report_file_that_is_not_a_document(client_for, coordinator, report):
    client = client_for(coordinator)
    url = reverse("admin:reports_report_change", args=[report.pk])
    response = admin_upload(client, url, "file", SimpleUploadedFile("evil.html", SVG_WITH_SCRIPT))
    assert response.status_code == 200
    assert response.context["adminform"].form.has_error("file", "file_type")
    assert not Report.objects.get(pk=report.pk).file


def test_the_admin_refuses_a_report_file_over_the_limit(client_for, coordinator, report, settings):
    settings.MAX_UPLOAD_MB = 0
    client = client_for(coordinator)
    url = reverse("admin:reports_report_change", args=[report.pk])
    response = admin_upload(client, url, "file", SimpleUploadedFile("report.pdf", PDF_BYTES))
    assert response.status_code == 200
    assert response.context["adminform"].form.has_error("file", "file_too_large")


def test_the_admin_checks_event_attachments(client_for, coordinator, public_attachment):
    client = client_for(coordinator)
    url = reverse("admin:advocacy_eventattachment_change", args=[public_attachment.pk])
    refused = admin_upload(client, url, "file", fake_pdf("programme.pdf"))
    assert refused.status_code == 200
    assert refused.context["adminform"].form.has_error("file", "file_type")

    accepted = admin_upload(client, url, "file", SimpleUploadedFile("agenda.xhtml", PDF_BYTES))
    assert accepted.status_code == 302
    public_attachment.refresh_from_db()
    assert public_attachment.file.name.endswith("/agenda.pdf")


def test_the_admin_checks_assessment_source_files(client_for, coordinator):
    assessment = AssessmentFactory(state=StatusAssessment.State.PROPOSED)
    client = client_for(coordinator)
    url = reverse("admin:recommendations_statusassessment_change", args=[assessment.pk])
    refused = admin_upload(client, url, "source_file", SimpleUploadedFile("letter.exe", b"MZ\x90\x00" + b"\0" * 64))
    assert refused.status_code == 200
    assert refused.context["adminform"].form.has_error("source_file", "file_type")

    accepted = admin_upload(client, url, "source_file", SimpleUploadedFile("letter.js", PDF_BYTES))
    assert accepted.status_code == 302
    assessment.refresh_from_db()
    assert assessment.source_file.name.endswith("/letter.pdf")
