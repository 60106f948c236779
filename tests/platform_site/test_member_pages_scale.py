"""Pages of logged-in people at the scale of the whole UN index (issue 10): each costs the same few queries
however many rows stand behind it, and the review queue shows a page of each kind, not everything waiting."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partners.access import Workflow
from partners.models import Organisation
from tests.advocacy.factories import EventFactory, EventParticipantFactory
from tests.partners.factories import OrganisationFactory, StateBodyFactory
from tests.recommendations.factories import AssessmentFactory, RecommendationFactory, ThemeFactory
from tests.reports.factories import ReportAuthorFactory, ReportFactory

pytestmark = pytest.mark.django_db

HOME = reverse("members:home")
REVIEW = reverse("members:review")
ACTION_FORM = reverse("advocacy:create")


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured), response.content.decode()


def fill_queue(organisation, member, count, start=0):
    """``count`` items of every kind waiting for a coordinator, numbered from ``start``."""
    for index in range(start, start + count):
        AssessmentFactory(organisation=organisation, proposed_by=member, evidence=f"Evidence number {index}.")
        event = EventFactory(owner=organisation, status=Workflow.IN_REVIEW, title=f"Action in review {index}")
        ReportFactory(status=Workflow.IN_REVIEW, title=f"Report in review {index}")
        added = OrganisationFactory(needs_review=True, is_public=False, proposed_by=member, name=f"Added {index}")
        event.organisers.add(added)
        EventParticipantFactory(event=event, organisation=added)


def test_the_review_queue_costs_the_same_with_3_or_30_waiting(client_for, coordinator, member, organisation):
    client = client_for(coordinator)
    fill_queue(organisation, member, 3)
    few, _ = queries(client, REVIEW)
    fill_queue(organisation, member, 27, start=3)
    many, body = queries(client, REVIEW)
    assert many == few
    # Thirty of each kind wait, ten of each show, the oldest first; the counts are the whole section's.
    assert body.count('class="count-pill">30<') == 4
    assert "Evidence number 9." in body and "Evidence number 10." not in body
    assert "Action in review 9<" in body and "Action in review 10<" not in body
    assert "Report in review 9<" in body and "Report in review 10<" not in body
    assert ">Added 9<" in body and ">Added 10<" not in body
    # The header counts everything waiting, from the sections' counts (no second count of the same rows).
    assert 'class="badge badge--in_review">120<' in body


def test_the_queue_counts_what_waits_once(client_for, coordinator, member, organisation):
    fill_queue(organisation, member, 2)
    with CaptureQueriesContext(connection) as captured:
        client_for(coordinator).get(REVIEW)
    counts = [query["sql"] for query in captured.captured_queries if "COUNT(" in query["sql"].upper()]
    assert len(counts) == 4
    assert not any("UNION" in sql.upper() for sql in counts)


def test_each_section_of_the_queue_pages_on_its_own(client_for, coordinator, member, organisation):
    client = client_for(coordinator)
    fill_queue(organisation, member, 25)
    first = client.get(REVIEW).content.decode()
    assert 'href="?assessments=2#queue-assessments" rel="next"' in first
    second = client.get(REVIEW, {"assessments": 2, "events": 1}).content.decode()
    assert "Evidence number 19." in second and "Evidence number 3." not in second
    assert "Action in review 3<" in second  # the other sections stay on their first page
    assert 'href="?assessments=1&amp;events=1#queue-assessments" rel="prev"' in second
    # A page past the end or not a number shows the last or the first page, never an error.
    assert "Evidence number 24." in client.get(REVIEW, {"assessments": 99}).content.decode()
    assert "Evidence number 0." in client.get(REVIEW, {"assessments": "x"}).content.decode()


@pytest.mark.parametrize(("person", "expected"), [("anonymous", 302), ("other_member", 403), ("member", 403)])
def test_only_coordinators_page_through_the_queue(client_for, people, person, expected):
    assert client_for(people[person]).get(REVIEW, {"assessments": 2}).status_code == expected


def test_the_members_home_costs_the_same_with_3_or_30_records(client_for, member, organisation):
    client = client_for(member)

    def add(count):
        for index in range(count):
            AssessmentFactory(organisation=organisation, proposed_by=member)
            EventFactory(owner=organisation, status=Workflow.DRAFT, title=f"Draft {index}")
            EventFactory(owner=organisation, status=Workflow.PUBLISHED)
            ReportAuthorFactory(organisation=organisation, report=ReportFactory(status=Workflow.DRAFT))

    add(3)
    few, _ = queries(client, HOME)
    add(27)
    many, _ = queries(client, HOME)
    assert many == few


def test_the_coordinators_home_costs_the_same_with_3_or_30_waiting(client_for, coordinator, member, organisation):
    client = client_for(coordinator)
    fill_queue(organisation, member, 3)
    few, _ = queries(client, HOME)
    fill_queue(organisation, member, 27, start=3)
    many, body = queries(client, HOME)
    assert many == few
    assert 'class="count-pill">120<' in body


@pytest.mark.parametrize("person", ["member", "coordinator"])
def test_the_action_form_costs_the_same_with_few_or_many_to_pick_from(client_for, people, person):
    client = client_for(people[person])
    few, before = queries(client, ACTION_FORM)
    for _ in range(30):
        OrganisationFactory(is_platform_member=False)  # a coordinator records for any platform member: a short list
        StateBodyFactory()
        RecommendationFactory()
        ReportFactory()
    many, body = queries(client, ACTION_FORM)
    assert many == few
    # The pickers render what is chosen (nothing yet) and search the rest on the server: no option more.
    assert body.count("<option") == before.count("<option")
    assert 'data-lookup-url="/recommendations/lookup/"' in body


def test_the_recommendation_lookup_answers_few_and_costs_the_same(client_for, member):
    client = client_for(member)
    for _ in range(3):
        RecommendationFactory()
    few, _ = queries(client, reverse("recommendations:lookup") + "?q=migrant")
    for _ in range(30):
        RecommendationFactory()
    many, body = queries(client, reverse("recommendations:lookup") + "?q=migrant")
    assert many == few
    assert body.count('"id"') == 20


def history_of(recommendation, coordinator, changes):
    themes = [ThemeFactory() for _ in range(3)]
    for step in range(changes):
        recommendation.recommending_states = f"Change {step}"
        recommendation._history_user = coordinator
        recommendation.save()
        recommendation.themes.add(themes[step % 3])


def test_the_coordinators_dossier_costs_the_same_with_2_or_20_changes(client_for, coordinator, organisation):
    client = client_for(coordinator)
    recommendation = RecommendationFactory()
    EventFactory(owner=organisation).recommendations_promoted.add(recommendation)
    AssessmentFactory(recommendation=recommendation, organisation=organisation, state="confirmed")
    history_of(recommendation, coordinator, 2)
    few, body = queries(client, recommendation.get_absolute_url())
    assert "Change 1" in body
    history_of(recommendation, coordinator, 18)
    many, body = queries(client, recommendation.get_absolute_url())
    assert many == few
    assert "Change 17" in body


@pytest.mark.parametrize("person", ["anonymous", "member"])
def test_the_dossier_costs_the_same_with_2_or_20_linked_records(client_for, people, person, organisation):
    client = client_for(people[person])
    recommendation = RecommendationFactory()

    def link(count):
        for _ in range(count):
            EventFactory(owner=organisation).recommendations_promoted.add(recommendation)
            ReportFactory(status=Workflow.PUBLISHED).proposed_recommendations.add(recommendation)
            AssessmentFactory(recommendation=recommendation, organisation=organisation, state="confirmed")
            recommendation.addressed_bodies.add(StateBodyFactory())

    link(2)
    few, _ = queries(client, recommendation.get_absolute_url())
    link(18)
    many, _ = queries(client, recommendation.get_absolute_url())
    assert many == few
    assert Organisation.objects.count() > 20


def test_the_recommendation_lookup_finds_by_words_symbol_and_paragraph(client_for, member):
    client = client_for(member)
    wanted = RecommendationFactory(text_en="Strengthen labour inspection for domestic workers.")
    other = RecommendationFactory(text_en="Ensure birth registration.")
    lookup = reverse("recommendations:lookup")

    def found(q):
        return {row["id"] for row in client.get(lookup, {"q": q}).json()["results"]}

    assert wanted.pk in found("labour inspection") and other.pk not in found("labour inspection")
    assert wanted.pk in found("inspect")  # the beginning of a word is enough
    symbol = wanted.review.document_symbol
    assert found(symbol) == {wanted.pk}
    assert found(f"{symbol} {wanted.paragraph}") == {wanted.pk}
    assert found(f"{symbol} labour") == {wanted.pk}
    assert found("nowhere-to-be-found") == set()
    assert found("&|!:*()") == set()  # the search syntax's characters are only characters


def test_the_pickers_find_what_they_show_in_kyrgyz(client_for, member):
    """A member on /ky/ types the name the picker shows: Kyrgyz text, names and titles are searched too."""
    client = client_for(member)
    wanted = RecommendationFactory(text_ru="Обеспечить доступ", text_ky="Мигранттардын балдарына мектеп")
    organisation = OrganisationFactory(name_ru="Бир Дуйно", name_ky="Бир Дүйнө Кыргызстан", is_public=True)
    report = ReportFactory(title_ru="Доклад о мигрантах", title_ky="Мигранттар жөнүндө баяндама")

    def found(name, q):
        return {row["id"] for row in client.get(reverse(name), {"q": q}).json()["results"]}

    assert wanted.pk in found("recommendations:lookup", "мектеп")
    assert organisation.pk in found("partners:lookup", "Дүйнө")
    assert report.pk in found("reports:lookup", "баяндама")
