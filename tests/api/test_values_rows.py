"""Lists built from values() (api/values_rows.py): the serializers' answer to the byte, nothing hidden, few queries."""

import datetime

import pytest

from advocacy.models import EventParticipant
from api import views
from partners.models import Organisation
from recommendations.models import Mechanism, Recommendation, Status, StatusAssessment, Theme
from reports.models import ReportAuthor
from tests.advocacy.factories import EventFactory
from tests.api.conftest import SECRET
from tests.partners.factories import StateBodyFactory
from tests.recommendations.factories import ReviewFactory
from tests.reports.factories import ReportFactory

# Every list the API builds from values(), with its viewset.
FAST_LISTS = {
    name: viewset
    for name, viewset in {
        "recommendations": views.RecommendationViewSet,
        "assessments": views.AssessmentViewSet,
        "organisations": views.OrganisationViewSet,
        "events": views.EventViewSet,
        "reports": views.ReportViewSet,
    }.items()
    if viewset.list_rows is not None
}


def test_the_large_lists_are_built_from_values():
    assert {"recommendations", "assessments", "organisations"} <= set(FAST_LISTS)


@pytest.mark.django_db
@pytest.mark.parametrize("resource", sorted(FAST_LISTS))
@pytest.mark.parametrize("caller", [None, "member", "coordinator"])
def test_a_list_is_the_serializers_answer_to_the_byte(client_for, open_data, monkeypatch, request, resource, caller):
    # The platform's label is its name, in the answer's language.
    Mechanism.objects.filter(code="PLATFORM").update(name_ru="Платформа", name_en="The platform")
    # Two bodies of one name: ordered by name, then id, in the list and in the detail alike.
    namesake = StateBodyFactory(name="Ministry of Labour", slug="ministry-of-labour-2", country="KZ")
    open_data["not_implemented"].addressed_bodies.add(namesake)
    open_data["events"]["public"][0].organisers.add(namesake)
    client = client_for(request.getfixturevalue(caller) if caller else None)
    pages = [f"/api/v1/{resource}/?page_size=100", f"/api/v1/{resource}/?page_size=100&lang=en"]
    if resource == "recommendations":
        pages += ["/api/v1/recommendations/?mechanism=CMW&state=KZ&status=not_implemented&lang=en"]
    first = client.get(f"/api/v1/{resource}/?page_size=1").json()
    assert first["results"]
    if first["next"]:
        pages.append(first["next"])  # a cursor page
    answers = {url: client.get(url).content for url in pages}
    monkeypatch.setattr(FAST_LISTS[resource], "list_rows", None)
    for url, content in answers.items():
        assert b'"results":[{' in content, url
        assert content == client.get(url).content, url


@pytest.mark.django_db
def test_embedded_objects_of_list_pages_are_what_the_caller_may_see(client_for, open_data, coordinator):
    """The list pages' own queries for embedded objects apply each model's visibility rule, as the details do."""
    rec = open_data["not_implemented"]

    def listed(client, resource, pk):
        answer = client.get(f"/api/v1/{resource}/?page_size=100")
        assert answer.status_code == 200
        return next(item for item in answer.json()["results"] if item["id"] == pk), answer.content.decode()

    public = client_for(None)
    item, content = listed(public, "recommendations", rec.pk)
    assert [body["slug"] for body in item["addressed_bodies"]] == ["ministry-of-labour"]
    assert item["latest_assessment"]["id"] == open_data["assessments"]["public"][0].pk  # not the later proposal
    assert SECRET not in content
    assessment, content = listed(public, "assessments", open_data["assessments"]["public"][0].pk)
    assert assessment["organisation"] is None  # assessed by an organisation that is not public
    assert SECRET not in content

    staff = client_for(coordinator)
    item, _content = listed(staff, "recommendations", rec.pk)
    assert [body["slug"] for body in item["addressed_bodies"]] == ["ministry-of-labour", "secret-ministry"]
    assert item["latest_assessment"]["id"] == open_data["assessments"]["public"][0].pk  # proposals are no status
    assessment, _content = listed(staff, "assessments", open_data["assessments"]["public"][0].pk)
    assert assessment["organisation"]["slug"] == "secret-ngo"


@pytest.mark.django_db
@pytest.mark.parametrize("resource", sorted(FAST_LISTS))
def test_full_pages_of_10_and_100_cost_the_same_queries(client, open_data, django_assert_max_num_queries, resource):
    """Every object with every kind of embedded object: the queries do not grow with the page."""
    review = ReviewFactory(state="KZ", year=2020)
    theme = Theme.objects.first()
    body = Organisation.objects.get(slug="ministry-of-labour")
    recs = Recommendation.objects.bulk_create(
        [
            Recommendation(review=review, paragraph=f"p{n}", text=f"Text {n}", status=Status.IN_PROGRESS)
            for n in range(110)
        ]
    )
    for relation, target in (("themes", theme), ("addressed_bodies", body)):
        through = getattr(Recommendation, relation).through
        column = through._meta.get_field(getattr(Recommendation, relation).field.m2m_reverse_field_name()).attname
        through.objects.bulk_create([through(recommendation_id=rec.pk, **{column: target.pk}) for rec in recs])
    StatusAssessment.objects.bulk_create(
        [
            StatusAssessment(
                recommendation=rec,
                status=Status.IN_PROGRESS,
                assessed_on=datetime.date(2024, 1, 1),
                state=StatusAssessment.State.CONFIRMED,
                organisation=body,
            )
            for rec in recs
        ]
    )
    Organisation.objects.bulk_create(
        [Organisation(name=f"Organisation {n}", slug=f"organisation-{n}", kind=body.kind) for n in range(110)]
    )
    report = open_data["reports"]["public"][0]
    if resource == "reports":
        reports = ReportFactory.create_batch(110, mechanism=review.mechanism, review=review)
        for item in reports:
            ReportAuthor.objects.create(report=item, organisation=body)
            item.themes.add(theme)
            item.proposed_recommendations.add(recs[0])
    if resource == "events":
        for event in EventFactory.create_batch(110, owner=body):
            EventParticipant.objects.create(event=event, organisation=body, role="speaker")
            event.organisers.add(body)
            event.addressed_bodies.add(body)
            event.reports_presented.add(report)
            event.recommendations_promoted.add(recs[0])
    counts = []
    for size in (10, 100):
        with django_assert_max_num_queries(8) as captured:
            response = client.get(f"/api/v1/{resource}/?page_size={size}")
        assert len(response.json()["results"]) == size
        counts.append(len(captured))
    assert counts[0] == counts[1]
