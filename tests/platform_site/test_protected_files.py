"""Uploaded files are served only through views that ask the visibility rule, never from the media folder."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from advocacy.models import Event
from partners.access import Workflow
from recommendations.models import StatusAssessment
from tests.advocacy.factories import EventAttachmentFactory, EventFactory
from tests.members_support import docx_bytes
from tests.recommendations.factories import AssessmentFactory, RecommendationFactory
from tests.reports.factories import ReportFactory

pytestmark = pytest.mark.django_db


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


@pytest.fixture
def members_only_attachment(organisation):
    event = EventFactory(owner=organisation, visibility=Event.Visibility.MEMBERS, status=Workflow.PUBLISHED)
    attachment = EventAttachmentFactory(event=event, title="Programme")
    attachment.file.save("hdim-programme.pdf", ContentFile(b"%PDF-1.4 programme"))
    return attachment


@pytest.fixture
def proposed_evidence(organisation, member):
    assessment = AssessmentFactory(
        recommendation=RecommendationFactory(is_public=True),
        organisation=organisation,
        proposed_by=member,
        state=StatusAssessment.State.PROPOSED,
    )
    assessment.source_file.save("ministry-letter.docx", ContentFile(docx_bytes()))
    return assessment


@pytest.mark.parametrize(
    ("person", "expected"), [("anonymous", 404), ("other_member", 200), ("member", 200), ("coordinator", 200)]
)
def test_members_only_attachment(client_for, people, members_only_attachment, person, expected):
    url = members_only_attachment.get_file_url()
    assert url == reverse(
        "advocacy:attachment", kwargs={"pk": members_only_attachment.event_id, "id": members_only_attachment.pk}
    )
    response = client_for(people[person]).get(url)
    assert response.status_code == expected
    if expected == 200:
        assert response["Content-Type"] == "application/pdf"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert 'filename="hdim-programme' in response["Content-Disposition"]
        assert response["Content-Disposition"].startswith("inline")
        assert _body(response) == b"%PDF-1.4 programme"


@pytest.mark.parametrize(
    ("person", "expected"), [("anonymous", 404), ("other_member", 404), ("member", 404), ("coordinator", 200)]
)
def test_draft_event_attachment_of_another_organisation(client_for, people, other_organisation, person, expected):
    """A draft is seen by its own organisation and coordinators; here it belongs to other_member's."""
    event = EventFactory(owner=other_organisation, status=Workflow.DRAFT)
    attachment = EventAttachmentFactory(event=event)
    expected = 200 if person == "other_member" else expected
    assert client_for(people[person]).get(attachment.get_file_url()).status_code == expected


def test_attachment_under_another_event_is_404(client_for, coordinator, members_only_attachment):
    other_event = EventFactory()
    url = reverse("advocacy:attachment", kwargs={"pk": other_event.pk, "id": members_only_attachment.pk})
    assert client_for(coordinator).get(url).status_code == 404


@pytest.mark.parametrize(
    ("person", "expected"), [("anonymous", 404), ("other_member", 404), ("member", 200), ("coordinator", 200)]
)
def test_proposed_assessment_evidence(client_for, people, proposed_evidence, person, expected):
    response = client_for(people[person]).get(proposed_evidence.get_file_url())
    assert response.status_code == expected
    if expected == 200:
        assert response["Content-Type"] == ("application/vnd.openxmlformats-officedocument.wordprocessingml.document")
        assert response["X-Content-Type-Options"] == "nosniff"
        # Not a type a browser should show in the page: offered as a download.
        assert response["Content-Disposition"].startswith("attachment")
        assert 'filename="ministry-letter' in response["Content-Disposition"]


def test_confirmed_evidence_is_public_and_wrong_recommendation_is_404(client, proposed_evidence):
    StatusAssessment.objects.filter(pk=proposed_evidence.pk).update(state=StatusAssessment.State.CONFIRMED)
    assert client.get(proposed_evidence.get_file_url()).status_code == 200
    elsewhere = reverse(
        "recommendations:evidence", kwargs={"pk": RecommendationFactory().pk, "id": proposed_evidence.pk}
    )
    assert client.get(elsewhere).status_code == 404


def test_assessment_without_file_is_404(client_for, coordinator):
    assessment = AssessmentFactory()
    assert client_for(coordinator).get(assessment.get_file_url()).status_code == 404


@pytest.mark.parametrize(
    ("person", "expected"), [("anonymous", 404), ("other_member", 404), ("member", 200), ("coordinator", 200)]
)
def test_draft_report_file(client_for, people, organisation, person, expected):
    report = ReportFactory(status=Workflow.DRAFT, published_on=None)
    report.authorships.create(organisation=organisation)
    report.file.save("draft.pdf", ContentFile(b"%PDF-1.4 draft"))
    response = client_for(people[person]).get(report.get_file_url())
    assert response.status_code == expected
    if expected == 200:
        assert response["Content-Type"] == "application/pdf"
        assert response["X-Content-Type-Options"] == "nosniff"


def test_pages_link_to_the_views_not_the_media_folder(client_for, coordinator, members_only_attachment, settings):
    """The event page, its edit form, the dossier, the review queue and the admin all use the views."""
    assessment = AssessmentFactory(recommendation=RecommendationFactory(is_public=True))
    assessment.source_file.save("evidence.pdf", ContentFile(b"%PDF-1.4 evidence"))
    client = client_for(coordinator)
    event = members_only_attachment.event
    pages = {
        reverse("advocacy:detail", args=[event.pk]): members_only_attachment.get_file_url(),
        reverse("advocacy:update", args=[event.pk]): members_only_attachment.get_file_url(),
        reverse("members:review"): assessment.get_file_url(),
        reverse("recommendations:detail", args=[assessment.recommendation_id]): None,
        reverse("admin:advocacy_event_change", args=[event.pk]): members_only_attachment.get_file_url(),
        reverse("admin:advocacy_eventattachment_changelist"): members_only_attachment.get_file_url(),
        reverse("admin:recommendations_statusassessment_change", args=[assessment.pk]): assessment.get_file_url(),
        reverse("admin:recommendations_recommendation_change", args=[assessment.recommendation_id]): (
            assessment.get_file_url()
        ),
    }
    for url, link in pages.items():
        response = client.get(url)
        assert response.status_code == 200, url
        page = response.content.decode()
        assert settings.MEDIA_URL not in page, url
        if link:
            assert f'href="{link}"' in page, url


def test_dossier_links_confirmed_evidence(client, proposed_evidence):
    StatusAssessment.objects.filter(pk=proposed_evidence.pk).update(state=StatusAssessment.State.CONFIRMED)
    page = client.get(reverse("recommendations:detail", args=[proposed_evidence.recommendation_id])).content.decode()
    assert f'href="{proposed_evidence.get_file_url()}"' in page


def test_media_folder_is_not_served(client, members_only_attachment, settings):
    assert client.get(settings.MEDIA_URL + members_only_attachment.file.name).status_code == 404
