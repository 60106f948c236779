"""The home page: latest reports, events, the implementation chart and partners; the shared page frame."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from advocacy.models import Event
from partners.access import Workflow
from platform_site.charts import implementation_status_charts
from recommendations.models import Recommendation, Status
from tests.advocacy.factories import EventFactory
from tests.partners.factories import OrganisationFactory
from tests.recommendations.factories import MechanismFactory, RecommendationFactory, ReviewFactory
from tests.reports.factories import ReportFactory

pytestmark = pytest.mark.django_db


def test_home_shows_reports_events_chart_and_partners(client):
    report = ReportFactory(title="Women and children affected by migration")
    ReportFactory(title="Draft report", status=Workflow.DRAFT)
    today = timezone.localdate()
    upcoming = EventFactory(title="Coming briefing", starts_on=today + datetime.timedelta(days=10))
    past = EventFactory(title="Side event in Warsaw", starts_on=today - datetime.timedelta(days=30))
    EventFactory(title="Closed meeting", visibility=Event.Visibility.MEMBERS, starts_on=today)
    EventFactory(title="Draft event", status=Workflow.DRAFT, starts_on=today)
    RecommendationFactory(status=Status.IN_PROGRESS)
    partner = OrganisationFactory(name="Sana Sezim", is_platform_member=True)
    OrganisationFactory(name="Hidden member", is_platform_member=True, is_public=False)

    response = client.get("/")

    assert response.status_code == 200
    content = response.content.decode()
    for url in (report.get_absolute_url(), upcoming.get_absolute_url(), past.get_absolute_url()):
        assert url in content
    assert partner.get_absolute_url() in content
    for hidden in ("Draft report", "Closed meeting", "Draft event", "Hidden member"):
        assert hidden not in content
    assert "<svg" in content and 'role="img"' in content
    assert "<table" in content
    assert response.context["upcoming_events"][0] == upcoming
    assert response.context["recent_events"][0] == past


def test_every_page_links_the_sections_the_switcher_and_the_feeds(client):
    content = client.get("/").content.decode()

    for name in ("reports:list", "recommendations:list", "advocacy:list", "partners:list"):
        assert f'href="{reverse(name)}"' in content
    assert f'action="{reverse("set_language")}"' in content
    assert 'name="language" value="en"' in content
    assert 'type="application/atom+xml"' in content
    assert 'type="text/calendar"' in content
    assert 'hreflang="en"' in content


def test_language_switcher_keeps_the_page(client):
    report = ReportFactory()
    russian_url = report.get_absolute_url()
    english_url = f"/en{russian_url}"
    page = client.get(russian_url).content.decode()
    assert f'name="next" value="{english_url}"' in page

    response = client.post(reverse("set_language"), {"language": "en", "next": english_url})

    assert response.status_code == 302
    assert response["Location"] == english_url
    english = client.get(english_url).content.decode()
    assert 'lang="en"' in english
    assert f'name="next" value="{russian_url}"' in english
    assert 'name="language" value="ru"' in english

    back = client.post(reverse("set_language"), {"language": "ru", "next": russian_url})
    assert back["Location"] == russian_url
    assert 'lang="ru"' in client.get(back["Location"]).content.decode()


def test_switcher_keeps_the_query_string(client):
    content = client.get(reverse("reports:list"), {"kind": "research"}).content.decode()

    assert 'name="next" value="/en/reports/?kind=research"' in content


def test_home_in_english(client):
    ReportFactory(title_ru="Доклад", title_en="The report")

    content = client.get("/en/").content.decode()

    assert 'lang="en"' in content
    assert "Latest reports" in content
    assert "The report" in content


def test_home_query_count_does_not_grow_with_rows(client, django_assert_max_num_queries):
    def make(count):
        for index in range(count):
            ReportFactory()
            EventFactory()
            RecommendationFactory(review=ReviewFactory(state=["KG", "KZ", "RU"][index % 3]))
            OrganisationFactory()

    make(5)
    with django_assert_max_num_queries(12) as few:
        client.get("/")
    make(25)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/")


def test_chart_counts_by_mechanism_and_state_in_one_query(django_assert_num_queries):
    cmw = ReviewFactory(mechanism=MechanismFactory(code="CMW"), state="KG")
    cescr = ReviewFactory(mechanism=MechanismFactory(code="CESCR", name="CESCR"), state="KG")
    upr = ReviewFactory(mechanism=MechanismFactory(code="UPR", name="UPR"), state="KZ")
    for status in (Status.IMPLEMENTED, Status.IMPLEMENTED, Status.IN_PROGRESS):
        RecommendationFactory(review=cmw, status=status)
    RecommendationFactory(review=cescr, status=Status.NOT_STARTED)
    RecommendationFactory(review=upr, status=Status.NOT_ASSESSED)
    RecommendationFactory(review=upr, status=Status.IMPLEMENTED, is_public=False)

    with django_assert_num_queries(1):
        by_mechanism, by_state = implementation_status_charts(Recommendation.objects.public())

    mechanisms = {row.key: row for row in by_mechanism.rows}
    assert mechanisms["CMW"].counts == {Status.IMPLEMENTED: 2, Status.IN_PROGRESS: 1}
    assert mechanisms["CMW"].total == 3
    assert mechanisms["UPR"].total == 1  # the hidden one is not counted
    assert [row.key for row in by_mechanism.rows] == ["CMW", "CESCR", "UPR"]
    states = {row.key: row.total for row in by_state.rows}
    assert states == {"KG": 4, "KZ": 1}
    # The longest bar fills the bar area; the others are scaled to it, segments side by side.
    cmw_row = mechanisms["CMW"]
    bar_area = by_mechanism.bar_x_end - by_mechanism.label_width
    assert sum(segment.width for segment in cmw_row.segments) == pytest.approx(bar_area, abs=0.05)
    first, second = cmw_row.segments
    assert second.x == pytest.approx(first.x + first.width, abs=0.05)
    assert (first.status, second.status) == (Status.IN_PROGRESS, Status.IMPLEMENTED)
    assert second.width == pytest.approx(2 * first.width, abs=0.05)
    assert mechanisms["CESCR"].segments[0].width == pytest.approx(first.width)  # one recommendation each


def test_chart_without_recommendations():
    by_mechanism, by_state = implementation_status_charts(Recommendation.objects.none())
    assert by_mechanism.rows == [] and by_state.total == 0


def test_home_chart_table_links_to_filtered_lists(client):
    RecommendationFactory(review=ReviewFactory(mechanism=MechanismFactory(code="CMW"), state="KG"))

    content = client.get("/").content.decode()

    assert f"{reverse('recommendations:list')}?mechanism=CMW" in content
    assert f"{reverse('recommendations:list')}?state=KG" in content


def test_chart_folds_the_smallest_rows_past_a_dozen():
    from platform_site.charts import MAX_ROWS

    states = ["KG", "KZ", "RU", "UZ", "TJ", "TM", "AF", "AM", "AZ", "BY", "GE", "MD", "MN", "UA", "TR"]
    for number, state in enumerate(states):
        review = ReviewFactory(mechanism=MechanismFactory(code="CMW"), state=state)
        for _ in range(len(states) - number):  # KG has the most, TR the fewest
            RecommendationFactory(review=review)

    _by_mechanism, by_state = implementation_status_charts(Recommendation.objects.public())

    assert len(by_state.rows) == MAX_ROWS
    assert [row.key for row in by_state.rows[:3]] == ["KG", "KZ", "RU"]
    other = by_state.rows[-1]
    assert other.key == "" and "4" in other.label  # MD, MN, UA and TR
    assert other.total == 4 + 3 + 2 + 1
    assert by_state.total == Recommendation.objects.count()
