"""The public report pages: list with filters and count, one report, its file behind the visibility rule."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import translation

from advocacy.models import Event
from partners.access import Workflow
from reports.models import Report, ReportAuthor
from tests.advocacy.factories import EventFactory
from tests.partners.factories import OrganisationFactory
from tests.recommendations.factories import AffectedGroupFactory, RecommendationFactory, ThemeFactory
from tests.reports.factories import ReportAuthorFactory, ReportFactory

pytestmark = pytest.mark.django_db


def list_url(language="ru"):
    with translation.override(language):
        return reverse("reports:list")


def titles(response):
    return [report.title for report in response.context["object_list"]]


def test_list_shows_published_reports_with_count_and_links(client):
    report = ReportFactory(title="Women and children affected by migration")
    ReportFactory(title="A draft nobody may see", status=Workflow.DRAFT)
    ReportFactory(title="Under review", status=Workflow.IN_REVIEW)

    response = client.get(list_url())

    assert response.status_code == 200
    assert titles(response) == ["Women and children affected by migration"]
    content = response.content.decode()
    assert report.get_absolute_url() in content
    assert "A draft nobody may see" not in content
    assert "1 результат" in content or "1 result" in content


def test_members_see_only_published_reports_in_the_list(client_for, member, organisation):
    draft = ReportFactory(title="Our own draft", status=Workflow.DRAFT)
    ReportAuthorFactory(report=draft, organisation=organisation)
    ReportFactory(title="Published one")

    response = client_for(member).get(list_url())

    assert titles(response) == ["Published one"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"kind": Report.Kind.ALTERNATIVE}, {"Shadow report to CMW"}),
        ({"year": "2015"}, {"Shadow report to CMW"}),
        ({"country": "KZ"}, {"Labour migrants in Kazakhstan"}),
        ({"country": "KG"}, {"Shadow report to CMW"}),
        ({"theme": "theme"}, {"Labour migrants in Kazakhstan"}),
        ({"group": "group"}, {"Shadow report to CMW"}),
        ({"organisation": "bir-duino"}, {"Shadow report to CMW"}),
        ({}, {"Shadow report to CMW", "Labour migrants in Kazakhstan"}),
    ],
)
def test_list_filters(client, params, expected):
    theme = ThemeFactory(key="Migrants")
    group = AffectedGroupFactory(key="Children")
    author = OrganisationFactory(slug="bir-duino")
    cmw = ReportFactory(
        title="Shadow report to CMW",
        kind=Report.Kind.ALTERNATIVE,
        published_on=datetime.date(2015, 3, 1),
        countries=["KG"],
    )
    cmw.affected_groups.add(group)
    ReportAuthorFactory(report=cmw, organisation=author)
    kazakhstan = ReportFactory(
        title="Labour migrants in Kazakhstan",
        kind=Report.Kind.RESEARCH,
        published_on=datetime.date(2016, 6, 1),
        countries=["KZ", "RU"],
    )
    kazakhstan.themes.add(theme)
    ReportAuthorFactory(report=kazakhstan, organisation=OrganisationFactory(slug="fidh"))
    query = {"theme": theme.pk, "group": group.pk}
    params = {key: query.get(value, value) for key, value in params.items()}

    response = client.get(list_url(), params)

    assert response.status_code == 200
    assert set(titles(response)) == expected


def test_filter_keeps_other_parameters_in_page_links(client):
    ReportFactory.create_batch(15, kind=Report.Kind.BRIEFING)

    response = client.get(list_url(), {"kind": Report.Kind.BRIEFING})

    content = response.content.decode()
    assert "15" in content
    assert "?kind=briefing&amp;page=2" in content


def test_list_query_count_does_not_grow_with_rows(client, django_assert_max_num_queries):
    def make(count):
        for _ in range(count):
            report = ReportFactory()
            ReportAuthorFactory(report=report)
            report.themes.add(ThemeFactory())

    make(5)
    with django_assert_max_num_queries(12) as few:
        client.get(list_url())
    make(25)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(list_url())
    assert len(response.context["object_list"]) == 12


def test_detail_shows_authors_recommendations_and_public_events(client):
    report = ReportFactory(
        title="Labour migrants in Kazakhstan: without status and rights",
        summary="What the fact-finding found.",
        method="Interviews with 34 women migrants.",
        languages="Russian, English",
        countries=["KZ"],
        external_url="https://example.org/report.pdf",
    )
    lead = ReportAuthorFactory(report=report, organisation=OrganisationFactory(name="FIDH"))
    public_recommendation = RecommendationFactory(text="Ratify ILO Convention 189.")
    hidden_recommendation = RecommendationFactory(text="A hidden ask.", is_public=False)
    report.proposed_recommendations.add(public_recommendation, hidden_recommendation)
    public_event = EventFactory(title="Side event in Warsaw")
    members_event = EventFactory(title="Closed briefing", visibility=Event.Visibility.MEMBERS)
    draft_event = EventFactory(title="Draft event", status=Workflow.DRAFT)
    for event in (public_event, members_event, draft_event):
        event.reports_presented.add(report)

    response = client.get(report.get_absolute_url())

    assert response.status_code == 200
    content = response.content.decode()
    for text in ("What the fact-finding found.", "Interviews with 34 women migrants.", "Russian, English", "FIDH"):
        assert text in content
    assert lead.get_role_display().lower() in content
    assert "Казахстан" in content
    assert "https://example.org/report.pdf" in content
    assert public_recommendation.get_absolute_url() in content
    assert "badge--not_assessed" in content
    assert "A hidden ask." not in content
    assert public_event.get_absolute_url() in content
    assert "Closed briefing" not in content
    assert "Draft event" not in content
    assert reverse("reports:list") in content  # breadcrumbs


def test_members_see_members_only_events_of_a_report(client_for, member):
    report = ReportFactory()
    EventFactory(title="Closed briefing", visibility=Event.Visibility.MEMBERS).reports_presented.add(report)

    response = client_for(member).get(report.get_absolute_url())

    assert "Closed briefing" in response.content.decode()


@pytest.mark.parametrize("status", [Workflow.DRAFT, Workflow.IN_REVIEW, Workflow.WITHDRAWN])
def test_unpublished_report_and_its_file_are_404_for_the_public(client, status):
    report = ReportFactory(status=status)
    report.file.save("draft.pdf", ContentFile(b"%PDF-1.4 draft"))

    assert client.get(report.get_absolute_url()).status_code == 404
    assert client.get(reverse("reports:file", args=[report.slug])).status_code == 404


def test_authors_see_their_draft_and_its_file(client_for, member, organisation):
    report = ReportFactory(status=Workflow.DRAFT)
    ReportAuthorFactory(report=report, organisation=organisation, role=ReportAuthor.Role.LEAD)
    report.file.save("draft.pdf", ContentFile(b"%PDF-1.4 draft"))

    client = client_for(member)
    assert client.get(report.get_absolute_url()).status_code == 200
    assert client.get(reverse("reports:file", args=[report.slug])).status_code == 200


def test_file_is_served_with_its_type_and_name(client):
    report = ReportFactory()
    report.file.save("women-and-children.pdf", ContentFile(b"%PDF-1.4 published"))

    page = client.get(report.get_absolute_url()).content.decode()
    assert reverse("reports:file", args=[report.slug]) in page

    response = client.get(reverse("reports:file", args=[report.slug]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline")
    assert 'filename="women-and-children' in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == b"%PDF-1.4 published"


def test_file_url_of_a_report_without_file(client):
    with_link = ReportFactory(external_url="https://example.org/elsewhere.pdf")
    without = ReportFactory()

    response = client.get(reverse("reports:file", args=[with_link.slug]))
    assert response.status_code == 302
    assert response["Location"] == "https://example.org/elsewhere.pdf"
    assert client.get(reverse("reports:file", args=[without.slug])).status_code == 404


def test_english_page_shows_english_content_with_russian_fallback(client):
    translated = ReportFactory(title_ru="Женщины и дети", title_en="Women and children", summary_ru="Резюме")
    untranslated = ReportFactory(title_ru="Только по-русски", title_en="")

    english = client.get(list_url("en")).content.decode()
    assert 'lang="en"' in english
    assert "Women and children" in english
    assert "Только по-русски" in english
    assert "Reports" in english

    russian = client.get(list_url("ru")).content.decode()
    assert "Женщины и дети" in russian
    assert "Доклады" in russian or "Reports" in russian

    with translation.override("en"):
        url = translated.get_absolute_url()
    assert url.startswith("/en/")
    detail = client.get(url).content.decode()
    assert "Women and children" in detail
    assert "Резюме" in detail  # no English summary: the Russian one is shown
    assert client.get(untranslated.get_absolute_url()).status_code == 200
