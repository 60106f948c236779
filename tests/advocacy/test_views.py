"""The public advocacy list and event page through HTTP: filters, visibility, links, query counts."""

import datetime

import pytest
from django.utils import translation

from advocacy.models import Event
from partners.access import Workflow
from tests.advocacy.factories import EventFactory
from tests.partners.factories import OrganisationFactory, StateBodyFactory
from tests.recommendations.factories import RecommendationFactory
from tests.reports.factories import ReportFactory

pytestmark = pytest.mark.django_db

LIST_URL = "/advocacy/"


def link(obj):
    """The object's path without a language prefix: a substring of its link in either language."""
    with translation.override("ru"):
        return obj.get_absolute_url()


def html_of(response):
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def side_event(organisation):
    return EventFactory(
        title_en="Side event at the OSCE HDIM",
        title_ru="Сайд-ивент на HDIM ОБСЕ",
        kind=Event.Kind.SIDE_EVENT,
        starts_on=datetime.date(2016, 9, 28),
        country="PL",
        forum="OSCE HDIM",
        owner=organisation,
    )


@pytest.fixture
def press_conference():
    return EventFactory(
        title_en="Press conference in Osh",
        title_ru="Пресс-конференция в Оше",
        kind=Event.Kind.PRESS_CONFERENCE,
        starts_on=datetime.date(2017, 2, 10),
        country="KG",
        forum="",
        place="Osh",
    )


@pytest.fixture
def members_only():
    return EventFactory(title_en="Closed NGO briefing", visibility=Event.Visibility.MEMBERS)


@pytest.fixture
def draft():
    return EventFactory(title_en="Draft letter", kind=Event.Kind.LETTER, status=Workflow.DRAFT)


class ListTests:
    def test_public_events_only(self, client, side_event, press_conference, members_only, draft):
        html = html_of(client.get(LIST_URL))
        assert link(side_event) in html and link(press_conference) in html
        assert link(members_only) not in html
        assert link(draft) not in html
        assert "2" in html

    def test_members_see_members_only_events(self, client_for, member, members_only, draft):
        html = html_of(client_for(member).get(LIST_URL))
        assert link(members_only) in html
        assert link(draft) not in html  # someone else's draft

    @pytest.mark.parametrize(
        ("params", "expected"),
        [
            ({"kind": "side_event"}, "side"),
            ({"kind": "press_conference"}, "press"),
            ({"year": "2017"}, "press"),
            ({"country": "PL"}, "side"),
            ({"forum": "OSCE HDIM"}, "side"),
        ],
    )
    def test_filters(self, client, side_event, press_conference, params, expected):
        html = html_of(client.get(LIST_URL, params))
        assert (link(side_event) in html) == (expected == "side")
        assert (link(press_conference) in html) == (expected == "press")

    def test_organisation_filter_covers_organisers_and_participants(self, client, side_event, press_conference):
        fidh = OrganisationFactory(name="FIDH", slug="fidh")
        side_event.organisers.add(fidh)
        press_conference.participations.create(organisation=fidh, role="speaker")
        other = OrganisationFactory(slug="other")
        side_event.organisers.add(other)
        html = html_of(client.get(LIST_URL, {"organisation": "fidh"}))
        assert link(side_event) in html and link(press_conference) in html
        html = html_of(client.get(LIST_URL, {"organisation": "other"}))
        assert link(side_event) in html and link(press_conference) not in html

    def test_english(self, client, side_event):
        html = html_of(client.get("/en" + LIST_URL))
        assert "Side event at the OSCE HDIM" in html and 'lang="en"' in html
        assert "Сайд-ивент на HDIM ОБСЕ" in html_of(client.get(LIST_URL))

    @pytest.mark.parametrize("rows", [5, 40])
    def test_query_count_does_not_grow_with_rows(self, client, django_assert_max_num_queries, rows):
        owner = OrganisationFactory()
        EventFactory.create_batch(rows, owner=owner)
        with django_assert_max_num_queries(10):
            html_of(client.get(LIST_URL, {"kind": "side_event"}))


class DetailTests:
    def test_event_page_links_everything_it_touched(self, client, side_event):
        fidh = OrganisationFactory(name="FIDH", slug="fidh")
        ministry = StateBodyFactory(name="Ministry of Labour", slug="ministry-of-labour")
        side_event.organisers.add(fidh)
        side_event.participations.create(organisation=OrganisationFactory(name="ADC Memorial"), role="speaker")
        side_event.addressed_bodies.add(ministry)
        report = ReportFactory(title_en="Women and children affected by migration")
        draft_report = ReportFactory(title_en="Unfinished draft", status=Workflow.DRAFT)
        side_event.reports_presented.add(report, draft_report)
        rec = RecommendationFactory(text_en="Protect the rights of children left behind.")
        hidden_rec = RecommendationFactory(text_en="A hidden ask", is_public=False)
        side_event.recommendations_promoted.add(rec, hidden_rec)
        side_event.outcome_en = "The ministry agreed to a working group."
        side_event.save()
        side_event.links.create(url="https://example.org/news", title="Press coverage")
        html = html_of(client.get("/en" + link(side_event)))
        for expected in [
            "Side event at the OSCE HDIM",
            link(fidh),
            link(ministry),
            "ADC Memorial",
            "speaker",
            link(report),
            link(rec),
            "The ministry agreed to a working group.",
            "https://example.org/news",
        ]:
            assert expected in html, expected
        assert link(draft_report) not in html
        assert link(hidden_rec) not in html

    def test_members_only_and_draft_events_are_404_for_the_public(self, client, members_only, draft):
        assert client.get(link(members_only)).status_code == 404
        assert client.get(link(draft)).status_code == 404

    def test_members_only_event_shown_to_members(self, client_for, member, members_only):
        assert "Closed NGO briefing" in html_of(client_for(member).get("/en" + link(members_only)))

    def test_owner_sees_own_draft(self, client_for, member, organisation):
        own = EventFactory(title_en="Our draft", status=Workflow.DRAFT, owner=organisation)
        assert "Our draft" in html_of(client_for(member).get("/en" + link(own)))
