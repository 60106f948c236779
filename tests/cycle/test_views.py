"""The public calendar, the review-cycle page, /calendar.ics and the sitemap: access by role and no leaks."""

import datetime

import pytest
from django.utils import timezone
from icalendar import Calendar

from cycle.models import Deadline, Publication
from tests.advocacy.factories import EventFactory
from tests.recommendations.factories import MechanismFactory, RecommendationFactory, ReviewFactory
from tests.reports.factories import ReportFactory

from .factories import CycleReviewFactory, DeadlineFactory, FollowUpFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
SOON = TODAY + datetime.timedelta(days=20)


@pytest.fixture
def entries():
    cmw = MechanismFactory(code="CMW", name="Committee on Migrant Workers")
    cescr = MechanismFactory(code="CESCR", name="CESCR")
    return {
        "public_review": CycleReviewFactory(mechanism=cmw, review_on=SOON, session="Public session"),
        "members_review": CycleReviewFactory(
            mechanism=cmw, review_on=SOON, session="Members session", publication=Publication.MEMBERS
        ),
        "draft_review": CycleReviewFactory(
            mechanism=cmw, review_on=SOON, session="Draft session", publication=Publication.DRAFT
        ),
        "public_deadline": DeadlineFactory(mechanism=cmw, title="Public NGO deadline", due_on=SOON),
        "kz_deadline": DeadlineFactory(mechanism=cescr, state="KZ", title="Kazakh deadline", due_on=SOON),
        "members_deadline": DeadlineFactory(
            mechanism=cmw, title="Members deadline", due_on=SOON, publication=Publication.MEMBERS
        ),
        "draft_deadline": DeadlineFactory(
            mechanism=cmw, title="Draft deadline", due_on=SOON, publication=Publication.DRAFT
        ),
        "past_deadline": DeadlineFactory(
            mechanism=cmw, title="Past deadline", due_on=TODAY - datetime.timedelta(days=400)
        ),
    }


SEEN = {
    "anonymous": {"Public session", "Public NGO deadline", "Kazakh deadline"},
    "other_member": {"Public session", "Public NGO deadline", "Kazakh deadline", "Members session", "Members deadline"},
    "member": {"Public session", "Public NGO deadline", "Kazakh deadline", "Members session", "Members deadline"},
    "coordinator": {
        "Public session",
        "Public NGO deadline",
        "Kazakh deadline",
        "Members session",
        "Members deadline",
        "Draft session",
        "Draft deadline",
    },
}
ALL = set().union(*SEEN.values())


@pytest.mark.parametrize("who", list(SEEN))
def test_calendar_by_role(entries, people, client_for, who, django_assert_max_num_queries):
    client = client_for(people[who])
    with django_assert_max_num_queries(12):
        response = client.get("/en/calendar/")
    assert response.status_code == 200
    html = response.content.decode()
    for text in ALL:
        assert (text in html) == (text in SEEN[who]), text
    assert "Past deadline" not in html


def test_calendar_in_russian_and_filters(client, entries):
    response = client.get("/calendar/")
    assert "Календарь обзоров" in response.content.decode()
    html = client.get("/en/calendar/", {"state": "KZ"}).content.decode()
    assert "Kazakh deadline" in html and "Public NGO deadline" not in html
    html = client.get("/en/calendar/", {"mechanism": "CMW"}).content.decode()
    assert "Kazakh deadline" not in html and "Public NGO deadline" in html
    html = client.get("/en/calendar/", {"when": "past"}).content.decode()
    assert "Past deadline" in html and "Public NGO deadline" not in html


def test_calendar_shows_source_checked_on_and_computed(client, entries):
    DeadlineFactory(title="Computed follow-up", due_on=SOON, is_computed=True, checked_on=datetime.date(2026, 10, 5))
    html = client.get("/en/calendar/").content.decode()
    assert "computed by rule" in html
    assert "checked on" in html and "https://example.org/deadline" in html


@pytest.fixture
def cycle():
    review = ReviewFactory()
    cycle = CycleReviewFactory(mechanism=review.mechanism, review=review, review_on=datetime.date(2023, 11, 30))
    plain = RecommendationFactory(review=review, text="Plain recommendation")
    picked = FollowUpFactory(cycle=cycle, recommendation=RecommendationFactory(review=review, text="Picked one"))
    RecommendationFactory(review=review, text="Hidden recommendation", is_public=False)
    DeadlineFactory(cycle=cycle, mechanism=review.mechanism, title="Cycle deadline")
    DeadlineFactory(cycle=cycle, mechanism=review.mechanism, title="Secret deadline", publication=Publication.DRAFT)
    ReportFactory(title="Submitted report", review=review)
    ReportFactory(title="Draft report", review=review, status="draft")
    EventFactory(title="Public action").recommendations_promoted.add(plain)
    EventFactory(title="Members action", visibility="members").recommendations_promoted.add(picked.recommendation)
    return cycle


def test_review_cycle_page_by_role(cycle, people, client_for, django_assert_max_num_queries):
    url = f"/en/calendar/reviews/{cycle.pk}/"
    for who in ("anonymous", "other_member", "member", "coordinator"):
        client = client_for(people[who])
        with django_assert_max_num_queries(12):
            response = client.get(url)
        assert response.status_code == 200
        html = response.content.decode()
        assert html.index("Picked one") < html.index("Plain recommendation")
        assert "Cycle deadline" in html and "Submitted report" in html and "Public action" in html
        assert ("Secret deadline" in html) == (who == "coordinator")
        assert ("Hidden recommendation" in html) == (who != "anonymous")
        assert ("Members action" in html) == (who != "anonymous")
        assert ("Draft report" in html) == (who == "coordinator")


def test_members_only_and_draft_review_pages_are_not_public(people, client_for):
    members = CycleReviewFactory(publication=Publication.MEMBERS)
    draft = CycleReviewFactory(publication=Publication.DRAFT)
    expected = {"anonymous": (404, 404), "other_member": (200, 404), "member": (200, 404), "coordinator": (200, 200)}
    for who, (members_status, draft_status) in expected.items():
        client = client_for(people[who])
        assert client.get(f"/en/calendar/reviews/{members.pk}/").status_code == members_status
        assert client.get(f"/en/calendar/reviews/{draft.pk}/").status_code == draft_status


def _ics(client, **params):
    response = client.get("/en/calendar.ics", params)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def test_ics_has_reviews_and_deadlines_as_all_day_entries_and_never_hidden_ones(
    entries, people, client_for, django_assert_max_num_queries
):
    EventFactory(title="Side event in Warsaw")
    for who in ("anonymous", "coordinator"):  # feeds show the public view, whoever asks
        client = client_for(people[who])
        with django_assert_max_num_queries(8):
            calendar = _ics(client)
        summaries = {str(component.get("summary")) for component in calendar.walk("VEVENT")}
        text = " ".join(summaries)
        assert "Public NGO deadline" in text and "CMW reviews Kyrgyzstan" in text and "Side event in Warsaw" in text
        assert "Members" not in text and "Draft" not in text
    deadline = next(c for c in calendar.walk("VEVENT") if "Public NGO deadline" in str(c.get("summary")))
    assert deadline.decoded("dtstart") == SOON and deadline.decoded("dtend") == SOON + datetime.timedelta(days=1)
    assert "Deadline" in [str(c) for c in deadline.get("categories").cats]


def test_ics_filters_by_state_and_mechanism(client, entries):
    EventFactory(title="Side event in Warsaw", country="PL")
    text = " ".join(str(c.get("summary")) for c in _ics(client, state="KZ").walk("VEVENT"))
    assert "Kazakh deadline" in text and "Public NGO deadline" not in text and "Warsaw" not in text
    text = " ".join(str(c.get("summary")) for c in _ics(client, mechanism="CMW").walk("VEVENT"))
    assert "Public NGO deadline" in text and "Kazakh deadline" not in text and "Warsaw" not in text


def test_old_events_feed_still_works(client):
    EventFactory(title="Side event in Warsaw")
    response = client.get("/en/feeds/events.ics")
    assert response.status_code == 200 and b"Side event in Warsaw" in response.content
    assert b"BEGIN:VCALENDAR" in response.content


def test_sitemap_lists_only_public_review_pages(client, entries):
    index = client.get("/sitemap.xml").content.decode()
    assert "sitemap-calendar.xml" in index
    xml = client.get("/sitemap-calendar.xml").content.decode()
    assert f"/calendar/reviews/{entries['public_review'].pk}/" in xml
    assert f"/calendar/reviews/{entries['members_review'].pk}/" not in xml
    assert f"/calendar/reviews/{entries['draft_review'].pk}/" not in xml
    assert "/calendar/" in client.get("/sitemap-pages.xml").content.decode()


def test_nav_links_the_calendar(client):
    html = client.get("/en/").content.decode()
    assert 'href="/en/calendar/"' in html and 'href="/en/calendar.ics"' in html


def test_deadline_kinds_cover_the_issue():
    assert set(Deadline.Kind.values) == {
        "ngo_submission",
        "list_of_issues",
        "state_report",
        "follow_up_report",
        "mid_term_report",
        "internal",
    }


def test_site_search_finds_public_calendar_reviews_only(people, client_for):
    CycleReviewFactory(session="Session of lanterns", publication=Publication.PUBLIC)
    CycleReviewFactory(session="Session of lanterns members", publication=Publication.MEMBERS)
    CycleReviewFactory(session="Session of lanterns draft", publication=Publication.DRAFT)
    for who, expected in (("anonymous", 1), ("member", 2), ("coordinator", 3)):
        html = client_for(people[who]).get("/en/search/", {"q": "lanterns"}).content.decode()
        assert html.count("Session of lanterns") == expected, who
