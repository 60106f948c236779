"""The members' home and the coordinators' review queue: the four people, the review flow, the header count."""

import datetime
import re

import pytest
from django.urls import reverse

from partners.access import Workflow
from recommendations.models import Status, StatusAssessment
from tests.advocacy.factories import EventFactory
from tests.members_support import form_token
from tests.recommendations.factories import AssessmentFactory, RecommendationFactory
from tests.reports.factories import ReportAuthorFactory, ReportFactory

pytestmark = pytest.mark.django_db

HOME = reverse("members:home")
REVIEW = reverse("members:review")


def decide_url(assessment):
    return reverse("members:assessment_decide", kwargs={"pk": assessment.pk})


@pytest.mark.parametrize(
    ("person", "home", "review"),
    [("anonymous", 302, 302), ("other_member", 200, 403), ("member", 200, 403), ("coordinator", 200, 200)],
)
def test_who_may_open_the_members_pages(client_for, people, person, home, review):
    client = client_for(people[person])
    assert client.get(HOME).status_code == home
    assert client.get(REVIEW).status_code == review
    if person == "anonymous":
        assert client.get(HOME)["Location"] == f"{reverse('login')}?next={HOME}"


def test_home_shows_the_members_own_work_only(client_for, member, other_member, organisation, other_organisation):
    EventFactory(owner=organisation, status=Workflow.DRAFT, title="Our draft letter")
    EventFactory(owner=organisation, status=Workflow.PUBLISHED, title="Our press conference")
    EventFactory(owner=other_organisation, status=Workflow.DRAFT, title="Their secret draft")
    report = ReportFactory(status=Workflow.DRAFT, title="Our unfinished report")
    ReportAuthorFactory(report=report, organisation=organisation)
    AssessmentFactory(organisation=organisation, proposed_by=member, evidence="Our evidence")

    body = client_for(member).get(HOME).content.decode()
    assert "Our draft letter" in body
    assert "Our press conference" in body
    assert "Our unfinished report" in body
    assert reverse("advocacy:create") in body
    assert "Their secret draft" not in body

    other_body = client_for(other_member).get(HOME).content.decode()
    assert "Our draft letter" not in other_body
    assert "Their secret draft" in other_body


def test_home_is_one_page_of_few_queries(client_for, member, organisation, django_assert_max_num_queries):
    for n in range(15):
        EventFactory(owner=organisation, status=Workflow.PUBLISHED, title=f"Action {n}")
        AssessmentFactory(organisation=organisation, proposed_by=member)
    client = client_for(member)
    with django_assert_max_num_queries(16):
        assert client.get(HOME).status_code == 200


@pytest.mark.parametrize(("person", "expected"), [("anonymous", 302), ("other_member", 403), ("member", 403)])
def test_direct_posts_to_the_queue_are_refused(client_for, people, organisation, person, expected):
    assessment = AssessmentFactory(organisation=organisation)
    event = EventFactory(owner=organisation, status=Workflow.IN_REVIEW)
    report = ReportFactory(status=Workflow.IN_REVIEW)
    client = client_for(people[person])
    assert client.post(decide_url(assessment), {"decision": "confirm"}).status_code == expected
    assert client.post(reverse("members:event_publish", kwargs={"pk": event.pk})).status_code == expected
    assert client.post(reverse("members:report_publish", kwargs={"pk": report.pk})).status_code == expected
    assessment.refresh_from_db()
    event.refresh_from_db()
    report.refresh_from_db()
    assert assessment.state == StatusAssessment.State.PROPOSED
    assert event.status == Workflow.IN_REVIEW
    assert report.status == Workflow.IN_REVIEW


def test_the_queue_lists_what_waits(client_for, coordinator, organisation, django_assert_max_num_queries):
    for _ in range(5):
        AssessmentFactory(organisation=organisation, evidence="Decree on registration")
    EventFactory(owner=organisation, status=Workflow.IN_REVIEW, title="Letter to parliament")
    EventFactory(owner=organisation, status=Workflow.DRAFT, title="Unfinished draft")
    ReportFactory(status=Workflow.IN_REVIEW, title="Monitoring report for review")
    client = client_for(coordinator)
    with django_assert_max_num_queries(14):
        body = client.get(REVIEW).content.decode()
    assert body.count("Decree on registration") == 5
    assert "Letter to parliament" in body
    assert "Unfinished draft" not in body
    assert "Monitoring report for review" in body


def test_the_review_flow_end_to_end(client_for, member, coordinator, organisation):
    recommendation = RecommendationFactory()
    dossier = recommendation.get_absolute_url()
    assess = reverse("recommendations:assess", kwargs={"pk": recommendation.pk})

    # The member proposes.
    client = client_for(member)
    token = form_token(client.get(assess))
    client.post(
        assess,
        {
            "status": Status.PARTIALLY_IMPLEMENTED,
            "assessed_on": "2017-03-01",
            "evidence": "Law 15 adopted",
            "form_token": token,
        },
    )
    assessment = StatusAssessment.objects.get()
    assert "Law 15 adopted" not in client_for(None).get(dossier).content.decode()

    # The coordinator sees it in the queue (and its count in the header) and confirms it.
    client = client_for(coordinator)
    queue = client.get(REVIEW).content.decode()
    assert "Law 15 adopted" in queue
    assert 'class="badge badge--in_review">1<' in queue
    response = client.post(decide_url(assessment), {"decision": "confirm", "comment": ""})
    assert response.status_code == 302 and response["Location"] == REVIEW

    assessment.refresh_from_db()
    recommendation.refresh_from_db()
    assert assessment.state == StatusAssessment.State.CONFIRMED
    assert assessment.reviewed_by == coordinator
    assert recommendation.status == Status.PARTIALLY_IMPLEMENTED

    # The public dossier shows it; the member sees the decision.
    public = client_for(None).get(dossier).content.decode()
    assert "Law 15 adopted" in public
    assert "badge--partially" in public
    assert "Confirmed" in client_for(member).get("/en/members/").content.decode()
    # The coordinator sees the dossier's history: who changed the status.
    history = client_for(coordinator).get(dossier).content.decode()
    assert "history-title" in history
    assert recommendation.history.first().history_user == coordinator


def test_a_rejection_needs_a_comment_and_the_member_reads_it(client_for, member, coordinator, organisation):
    assessment = AssessmentFactory(organisation=organisation, proposed_by=member)
    client = client_for(coordinator)
    client.post(decide_url(assessment), {"decision": "reject", "comment": ""})
    assessment.refresh_from_db()
    assert assessment.state == StatusAssessment.State.PROPOSED

    client.post(decide_url(assessment), {"decision": "reject", "comment": "The decree was never signed."})
    assessment.refresh_from_db()
    assert assessment.state == StatusAssessment.State.REJECTED
    assert assessment.recommendation.status == Status.NOT_ASSESSED

    body = client_for(member).get("/en/members/").content.decode()
    assert "The decree was never signed." in body
    assert "Rejected" in body


def test_a_decision_is_taken_once(client_for, coordinator, organisation):
    assessment = AssessmentFactory(organisation=organisation)
    client = client_for(coordinator)
    client.post(decide_url(assessment), {"decision": "confirm"})
    response = client.post(decide_url(assessment), {"decision": "reject", "comment": "late"}, follow=True)
    assessment.refresh_from_db()
    assert assessment.state == StatusAssessment.State.CONFIRMED
    assert response.status_code == 200


def test_publishing_actions_and_reports_from_the_queue(client_for, coordinator, organisation):
    event = EventFactory(owner=organisation, status=Workflow.IN_REVIEW)
    report = ReportFactory(status=Workflow.IN_REVIEW)
    client = client_for(coordinator)
    client.post(reverse("members:event_publish", kwargs={"pk": event.pk}))
    client.post(reverse("members:report_publish", kwargs={"pk": report.pk}))
    event.refresh_from_db()
    report.refresh_from_db()
    assert event.status == Workflow.PUBLISHED
    assert report.status == Workflow.PUBLISHED
    assert event.history.first().history_user == coordinator
    assert client.get(reverse("members:event_publish", kwargs={"pk": event.pk})).status_code == 405


def test_the_header_count_is_for_coordinators_only(client_for, people, organisation):
    AssessmentFactory(organisation=organisation)
    EventFactory(owner=organisation, status=Workflow.IN_REVIEW)
    ReportFactory(status=Workflow.IN_REVIEW)
    home = reverse("home")
    assert 'class="badge badge--in_review">3<' in client_for(people["coordinator"]).get(home).content.decode()
    for person in ("anonymous", "other_member", "member"):
        assert REVIEW not in client_for(people[person]).get(home).content.decode()


def test_every_proposal_is_counted_whenever_it_was_made(client_for, coordinator, organisation):
    """The counts read the proposals with a range on their creation time (for the planner): none falls outside,
    not even at the first and last moments a date can hold, and the queue pages through all of them."""
    made = [datetime.datetime(1, 1, 1, tzinfo=datetime.UTC), datetime.datetime.max.replace(tzinfo=datetime.UTC)]
    made += [datetime.datetime(year, 6, 1, tzinfo=datetime.UTC) for year in range(1900, 2000, 10)]
    for moment in made:
        StatusAssessment.objects.filter(pk=AssessmentFactory(organisation=organisation).pk).update(created_at=moment)
    AssessmentFactory(organisation=organisation, state=StatusAssessment.State.CONFIRMED)
    client = client_for(coordinator)
    queue = client.get(REVIEW).content.decode()
    assert re.search(r'id="queue-assessments">[^<]+<span class="count-pill">12</span>', queue)
    assert 'class="badge badge--in_review">12<' in queue
    assert 'class="badge badge--in_review">12<' in client.get(reverse("home")).content.decode()
    last = client.get(REVIEW, {"assessments": 2}).context["assessments"]
    assert len(last.object_list) == 2 and last.paginator.count == 12


def test_the_header_count_costs_one_query(client_for, coordinator, member):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def union_queries(user):
        client = client_for(user)
        with CaptureQueriesContext(connection) as queries:
            client.get(reverse("home"))
        return [q["sql"] for q in queries.captured_queries if "UNION" in q["sql"].upper()]

    assert len(union_queries(coordinator)) == 1
    assert union_queries(member) == []
