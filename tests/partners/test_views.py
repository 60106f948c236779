"""The public partner pages: the filtered list and one organisation with its reports, events and recommendations."""

import pytest
from django.urls import reverse
from django.utils import translation

from advocacy.models import Event
from partners.access import Workflow
from partners.models import Organisation
from tests.advocacy.factories import EventFactory
from tests.partners.factories import OrganisationFactory, PartnershipFactory, StateBodyFactory
from tests.recommendations.factories import RecommendationFactory
from tests.reports.factories import ReportAuthorFactory, ReportFactory

pytestmark = pytest.mark.django_db


def names(response):
    return {organisation.name for organisation in response.context["object_list"]}


def test_list_shows_public_organisations_with_count(client):
    bir_duino = OrganisationFactory(name="Bir Duino Kyrgyzstan")
    OrganisationFactory(name="A hidden contact", is_public=False)

    response = client.get(reverse("partners:list"))

    assert response.status_code == 200
    assert names(response) == {"Bir Duino Kyrgyzstan"}
    content = response.content.decode()
    assert bir_duino.get_absolute_url() in content
    assert "A hidden contact" not in content


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"kind": "state_body"}, {"Ministry of Labour"}),
        ({"country": "KZ"}, {"Sana Sezim"}),
        ({"member": "true"}, {"Bir Duino Kyrgyzstan", "Sana Sezim"}),
        ({"member": "false"}, {"Ministry of Labour", "FIDH"}),
        ({"kind": "ngo", "country": "KG"}, {"Bir Duino Kyrgyzstan"}),
    ],
)
def test_list_filters(client, params, expected):
    OrganisationFactory(name="Bir Duino Kyrgyzstan", country="KG")
    OrganisationFactory(name="Sana Sezim", country="KZ")
    StateBodyFactory(name="Ministry of Labour", country="KG")
    OrganisationFactory(name="FIDH", kind=Organisation.Kind.INTERNATIONAL_NGO, country="FR", is_platform_member=False)

    response = client.get(reverse("partners:list"), params)

    assert response.status_code == 200
    assert names(response) == expected


def test_list_query_count_does_not_grow_with_rows(client, django_assert_max_num_queries):
    OrganisationFactory.create_batch(5)
    with django_assert_max_num_queries(10) as few:
        client.get(reverse("partners:list"))
    OrganisationFactory.create_batch(25)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("partners:list"))
    assert len(response.context["object_list"]) == 30


def test_hidden_organisation_is_404_for_the_public(client, member):
    hidden = OrganisationFactory(is_public=False)

    assert client.get(hidden.get_absolute_url()).status_code == 404


def test_detail_shows_visible_reports_events_and_recommendations(client):
    organisation = OrganisationFactory(name="Bir Duino Kyrgyzstan", website="https://birduino.example.org")
    published = ReportFactory(title="Shadow report to CMW")
    draft = ReportFactory(title="Draft report", status=Workflow.DRAFT)
    for report in (published, draft):
        ReportAuthorFactory(report=report, organisation=organisation)
    asked = RecommendationFactory(text="Simplify registration of migrants.")
    hidden_ask = RecommendationFactory(text="Hidden ask of the draft.", is_public=False)
    published.proposed_recommendations.add(asked)
    draft.proposed_recommendations.add(hidden_ask)
    side_event = EventFactory(title="Side event at the HDIM")
    side_event.organisers.add(organisation)
    promoted = RecommendationFactory(text="Protect the children left behind.")
    side_event.recommendations_promoted.add(promoted)
    closed = EventFactory(title="Closed NGO briefing", visibility=Event.Visibility.MEMBERS)
    closed.organisers.add(organisation)
    partner = OrganisationFactory(name="ADC Memorial")
    PartnershipFactory(organisation=organisation, partner=partner)

    response = client.get(organisation.get_absolute_url())

    assert response.status_code == 200
    content = response.content.decode()
    assert "https://birduino.example.org" in content
    assert published.get_absolute_url() in content
    assert "Draft report" not in content
    assert side_event.get_absolute_url() in content
    assert "Closed NGO briefing" not in content
    assert asked.get_absolute_url() in content
    assert promoted.get_absolute_url() in content
    assert "Hidden ask of the draft." not in content
    assert partner.get_absolute_url() in content
    assert f"{reverse('reports:list')}?organisation={organisation.slug}" in content


def test_state_body_shows_recommendations_addressed_to_it(client):
    ministry = StateBodyFactory(name="Ministry of Labour")
    recommendation = RecommendationFactory(text="Adopt a migration law.")
    recommendation.addressed_bodies.add(ministry)

    content = client.get(ministry.get_absolute_url()).content.decode()

    assert recommendation.get_absolute_url() in content
    assert f"?body={ministry.pk}" in content


def test_english_detail_with_fallback(client):
    organisation = OrganisationFactory(name_ru="Бир Дуйно", name_en="Bir Duino", description_ru="Только по-русски")
    with translation.override("en"):
        url = organisation.get_absolute_url()

    content = client.get(url).content.decode()

    assert "Bir Duino" in content
    assert "Только по-русски" in content
    assert "Platform member" in content
