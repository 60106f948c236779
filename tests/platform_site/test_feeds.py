"""Sitemap, Atom feeds and the iCalendar of public events: only published, public records, both languages."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils import translation
from icalendar import Calendar

from advocacy.models import Event
from partners.access import Workflow
from tests.advocacy.factories import EventFactory
from tests.partners.factories import OrganisationFactory
from tests.recommendations.factories import RecommendationFactory
from tests.reports.factories import ReportAuthorFactory, ReportFactory

pytestmark = pytest.mark.django_db

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}
ATOM_NS = {"atom": "http://www.w3.org/2005/Atom"}


@pytest.fixture
def records(db):
    """One visible and one hidden record of each kind."""
    return {
        "report": ReportFactory(title="Published report", slug="published-report"),
        "draft_report": ReportFactory(title="Draft report", slug="draft-report", status=Workflow.DRAFT),
        "review_report": ReportFactory(title="Report in review", slug="review-report", status=Workflow.IN_REVIEW),
        "event": EventFactory(title="Side event in Warsaw", starts_on=datetime.date(2016, 9, 28)),
        "members_event": EventFactory(title="Closed NGO briefing", visibility=Event.Visibility.MEMBERS),
        "draft_event": EventFactory(title="Draft event", status=Workflow.DRAFT),
        "recommendation": RecommendationFactory(),
        "hidden_recommendation": RecommendationFactory(is_public=False),
        "organisation": OrganisationFactory(slug="sana-sezim"),
        "hidden_organisation": OrganisationFactory(slug="hidden-contact", is_public=False),
    }


def sitemap_locations(client):
    index = client.get("/sitemap.xml")
    assert index.status_code == 200
    sections = [node.text for node in ET.fromstring(index.content).findall("sm:sitemap/sm:loc", SITEMAP_NS)]
    assert sections
    locations, alternates = set(), set()
    for section in sections:
        response = client.get(section.replace("http://testserver", ""))
        assert response.status_code == 200
        root = ET.fromstring(response.content)
        locations.update(node.text for node in root.findall("sm:url/sm:loc", SITEMAP_NS))
        alternates.update(node.get("href") for node in root.findall("sm:url/xhtml:link", SITEMAP_NS))
    return locations, alternates


def test_sitemap_lists_public_pages_in_every_language(client, records):
    locations, alternates = sitemap_locations(client)
    paths = {location.replace("http://testserver", "") for location in locations}

    for key in ("report", "event", "recommendation", "organisation"):
        url = records[key].get_absolute_url()
        assert url in paths
        assert f"/en{url}" in paths
        assert f"/ky{url}" in paths
    for key in ("draft_report", "review_report", "members_event", "draft_event", "hidden_recommendation"):
        url = records[key].get_absolute_url()
        assert url not in paths and f"/en{url}" not in paths and f"/ky{url}" not in paths
    assert records["hidden_organisation"].get_absolute_url() not in paths
    assert {"/", "/en/", "/ky/", "/reports/", "/en/partners/", "/ky/partners/"} <= paths
    assert "http://testserver/en/reports/published-report/" in alternates
    assert "http://testserver/ky/reports/published-report/" in alternates


def test_sitemap_page_fetches_only_its_rows(client, records, django_assert_max_num_queries):
    RecommendationFactory.create_batch(20)
    with django_assert_max_num_queries(3):
        response = client.get("/sitemap-recommendations.xml")
    assert response.status_code == 200
    assert response.content.count(b"<url>") == 3 * 21  # Russian, English and Kyrgyz
    assert response.content.count(b'hreflang="ky"') == 3 * 21


def atom_entries(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    return root, [entry.findtext("atom:title", namespaces=ATOM_NS) for entry in root.findall("atom:entry", ATOM_NS)]


def test_reports_feed_lists_only_published_reports(client, records):
    ReportAuthorFactory(report=records["report"], organisation=OrganisationFactory(short_name="BDK"))

    root, titles = atom_entries(client.get(reverse("feeds:reports")))

    assert titles == ["Published report"]
    assert "BDK" in root.find("atom:entry/atom:author/atom:name", ATOM_NS).text
    link = root.find("atom:entry/atom:link", ATOM_NS).get("href")
    assert link.endswith(records["report"].get_absolute_url())


def test_events_feed_lists_only_public_events(client, records):
    _root, titles = atom_entries(client.get(reverse("feeds:events")))

    assert titles == ["Side event in Warsaw (28.09.2016)"]


def test_feeds_ignore_who_asks(client_for, member, records):
    _root, titles = atom_entries(client_for(member).get(reverse("feeds:events")))

    assert "Closed NGO briefing (28.09.2016)" not in titles


def test_feeds_in_english(client):
    ReportFactory(title_ru="Доклад", title_en="The report")
    with translation.override("en"):
        url = reverse("feeds:reports")
    assert url.startswith("/en/")

    root, titles = atom_entries(client.get(url))

    assert titles == ["The report"]
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    assert root.findtext("atom:title", namespaces=ATOM_NS) == "New reports"


def test_calendar_lists_public_events(client, records):
    records["event"].ends_on = datetime.date(2016, 9, 30)
    records["event"].save()

    response = client.get(reverse("feeds:events-ical"))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    assert [str(event["summary"]) for event in events] == ["Side event in Warsaw"]
    event = events[0]
    assert event.decoded("dtstart") == datetime.date(2016, 9, 28)
    assert event.decoded("dtend") == datetime.date(2016, 10, 1)  # all-day end is exclusive
    assert str(event["url"]).endswith(records["event"].get_absolute_url())
    assert "Warsaw" in str(event["location"])


@translation.override("en")  # the titles are asserted in English, on the English page
def test_pages_announce_the_feeds(client):
    content = client.get(reverse("reports:list")).content.decode()
    head = content[: content.index("</head>")]

    assert (
        f'<link rel="alternate" type="application/atom+xml" title="New reports" href="{reverse("feeds:reports")}">'
        in head
    )
    assert f'type="application/atom+xml" title="Public events" href="{reverse("feeds:events")}">' in head
    assert f'type="text/calendar" title="Calendar of public events" href="{reverse("feeds:events-ical")}">' in head
    body = content[content.index("<body>") :]
    for url in (reverse("feeds:reports"), reverse("feeds:events-ical"), reverse("sitemap")):
        assert f'href="{url}"' in body
