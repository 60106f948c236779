"""Coordinators send actions and reports in review back to draft with a comment the members read."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

from advocacy.services import event_publish, event_return_to_draft
from partners.access import Workflow
from reports.services import report_return_to_draft
from tests.advocacy.factories import EventFactory
from tests.reports.factories import ReportAuthorFactory, ReportFactory

pytestmark = pytest.mark.django_db

HOME = reverse("members:home")
REVIEW = reverse("members:review")


def _return_url(kind: str, obj, language: str = "ru") -> str:
    """Messages are checked in English (under /en/): the Russian catalogue may translate them any day."""
    with translation.override(language):
        return reverse(f"members:{kind}_return", kwargs={"pk": obj.pk})


def test_an_action_goes_back_to_draft_and_the_member_reads_why(client_for, member, coordinator, organisation):
    event = EventFactory(owner=organisation, status=Workflow.IN_REVIEW, title="Letter to parliament")
    client = client_for(coordinator)
    assert f'action="{_return_url("event", event)}"' in client.get(REVIEW).content.decode()
    response = client.post(_return_url("event", event, "en"), {"comment": "  Add the ministry's reply.  "}, follow=True)
    assert "returned to draft" in response.content.decode()
    event.refresh_from_db()
    assert event.status == Workflow.DRAFT
    assert event.review_comment == "Add the ministry's reply."
    latest = event.history.first()
    assert latest.history_user == coordinator
    assert latest.review_comment == "Add the ministry's reply."

    home = client_for(member).get(HOME).content.decode()
    assert "Letter to parliament" in home
    assert "Add the ministry&#x27;s reply." in home
    # The member can send it again; the queue shows it once more.
    client_for(member).post(reverse("advocacy:submit", kwargs={"pk": event.pk}))
    event.refresh_from_db()
    assert event.status == Workflow.IN_REVIEW


def test_a_report_goes_back_to_draft_and_its_authors_read_why(client_for, member, coordinator, organisation):
    report = ReportFactory(status=Workflow.IN_REVIEW, title="Monitoring report 2024")
    ReportAuthorFactory(report=report, organisation=organisation)
    client = client_for(coordinator)
    client.post(_return_url("report", report), {"comment": "The method section is missing."})
    report.refresh_from_db()
    assert report.status == Workflow.DRAFT
    assert report.review_comment == "The method section is missing."
    assert report.history.first().history_user == coordinator
    home = client_for(member).get(HOME).content.decode()
    assert "Monitoring report 2024" in home
    assert "The method section is missing." in home


@pytest.mark.parametrize("kind", ["event", "report"])
def test_returning_needs_a_comment(client_for, coordinator, organisation, kind):
    obj = EventFactory(owner=organisation, status=Workflow.IN_REVIEW) if kind == "event" else None
    obj = obj or ReportFactory(status=Workflow.IN_REVIEW)
    response = client_for(coordinator).post(_return_url(kind, obj, "en"), {"comment": "   "}, follow=True)
    assert response.status_code == 200
    assert "the comment is what" in response.content.decode()
    obj.refresh_from_db()
    assert obj.status == Workflow.IN_REVIEW
    assert obj.review_comment == ""


@pytest.mark.parametrize("status", [Workflow.DRAFT, Workflow.PUBLISHED, Workflow.WITHDRAWN])
def test_only_what_is_in_review_can_be_returned(coordinator, organisation, status):
    event = EventFactory(owner=organisation, status=status)
    report = ReportFactory(status=status)
    with pytest.raises(ValidationError) as error:
        event_return_to_draft(event=event, user=coordinator, comment="Why")
    assert error.value.code == "not_in_review"
    with pytest.raises(ValidationError) as error:
        report_return_to_draft(report=report, user=coordinator, comment="Why")
    assert error.value.code == "not_in_review"
    event.refresh_from_db()
    report.refresh_from_db()
    assert (event.status, report.status) == (status, status)


@pytest.mark.parametrize(("person", "expected"), [("anonymous", 302), ("other_member", 403), ("member", 403)])
def test_direct_posts_to_return_are_refused(client_for, people, organisation, person, expected):
    event = EventFactory(owner=organisation, status=Workflow.IN_REVIEW)
    report = ReportFactory(status=Workflow.IN_REVIEW)
    ReportAuthorFactory(report=report, organisation=organisation)
    client = client_for(people[person])
    assert client.post(_return_url("event", event), {"comment": "No"}).status_code == expected
    assert client.post(_return_url("report", report), {"comment": "No"}).status_code == expected
    event.refresh_from_db()
    report.refresh_from_db()
    assert (event.status, report.status) == (Workflow.IN_REVIEW, Workflow.IN_REVIEW)
    assert client.get(_return_url("event", event)).status_code in (302, 403, 405)


def test_services_refuse_members(member, organisation):
    event = EventFactory(owner=organisation, status=Workflow.IN_REVIEW)
    with pytest.raises(PermissionDenied):
        event_return_to_draft(event=event, user=member, comment="Mine")


def test_a_withdrawn_action_cannot_be_published(client_for, coordinator, organisation):
    event = EventFactory(owner=organisation, status=Workflow.WITHDRAWN)
    with translation.override("en"), pytest.raises(ValidationError) as error:
        event_publish(event=event, user=coordinator)
    assert error.value.code == "withdrawn"
    assert "withdrawn by its organisation" in error.value.messages[0]
    # From the queue (an old page, a second tab): a message, not an error page, and nothing changes.
    with translation.override("en"):
        url = reverse("members:event_publish", kwargs={"pk": event.pk})
    response = client_for(coordinator).post(url, follow=True)
    assert response.status_code == 200
    assert "withdrawn by its organisation" in response.content.decode()
    event.refresh_from_db()
    assert event.status == Workflow.WITHDRAWN
