"""Site search through HTTP: every kind of record, both languages, never a draft or members-only record."""

import re

import pytest
from django.utils import translation

from advocacy.models import Event
from partners.access import Workflow
from tests.advocacy.factories import EventFactory
from tests.partners.factories import OrganisationFactory
from tests.recommendations.factories import RecommendationFactory
from tests.reports.factories import ReportFactory

pytestmark = pytest.mark.django_db

URL = "/search/"


def link(obj):
    with translation.override("ru"):
        return obj.get_absolute_url()


def search(client, query, prefix=""):
    response = client.get(prefix + URL, {"q": query})
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def records():
    return {
        "report": ReportFactory(
            title_en="Labour migrants in Kazakhstan: without status and rights",
            title_ru="Трудовые мигранты в Казахстане: без статуса и прав",
        ),
        "recommendation": RecommendationFactory(
            text_en="Ratify the convention and protect labour migrants in Kazakhstan.",
            text_ru="Ратифицировать конвенцию и защитить трудовых мигрантов в Казахстане.",
        ),
        "event": EventFactory(
            title_en="Round table on Kazakhstan in Astana", title_ru="Круглый стол в Астане о Казахстане"
        ),
        "partner": OrganisationFactory(
            name_en="International Legal Initiative Kazakhstan", name_ru="Международная правовая инициатива Казахстан"
        ),
        "draft": ReportFactory(
            title_en="Kazakhstan draft report", title_ru="Черновик о Казахстане", status=Workflow.DRAFT
        ),
        "hidden": RecommendationFactory(
            text_en="Hidden Kazakhstan ask", text_ru="Скрытое о Казахстане", is_public=False
        ),
        "closed": EventFactory(
            title_en="Closed Kazakhstan briefing",
            title_ru="Закрытый брифинг о Казахстане",
            visibility=Event.Visibility.MEMBERS,
        ),
        "private": OrganisationFactory(
            name_en="Kazakhstan private partner", name_ru="Казахстан частный", is_public=False
        ),
    }


def test_search_finds_every_kind_in_english(client, records):
    html = search(client, "Kazakhstan", prefix="/en")
    for key in ("report", "recommendation", "event", "partner"):
        assert link(records[key]) in html, key


def test_search_finds_every_kind_in_russian(client, records):
    html = search(client, "Казахстане")
    for key in ("report", "recommendation", "event"):
        assert link(records[key]) in html, key


@pytest.mark.parametrize("prefix", ["", "/en", "/ky"])
def test_search_never_returns_drafts_or_members_only_records_to_the_public(client, records, prefix):
    html = search(client, "Kazakhstan" if prefix else "Казахстане", prefix=prefix)
    for key in ("draft", "hidden", "closed", "private"):
        assert link(records[key]) not in html, key


def test_members_find_members_only_records(client_for, coordinator, records):
    html = search(client_for(coordinator), "Kazakhstan", prefix="/en")
    for key in ("hidden", "closed", "private", "draft"):
        assert link(records[key]) in html, key


def test_empty_and_unmatched_queries(client, records):
    assert 'name="q"' in search(client, "")
    html = search(client, "zzzqqqxxx", prefix="/en")
    assert "Nothing matches" in html


def test_the_best_match_comes_first(client):
    weak = ReportFactory(title_en="Annual report", summary_en="One line mentions passports.")
    strong = ReportFactory(title_en="Passports of migrants", summary_en="Passports confiscated; passports returned.")
    html = search(client, "passports", prefix="/en")
    assert link(strong) in html and link(weak) in html
    from django.db import connection

    if connection.vendor == "postgresql":
        assert html.index(link(strong)) < html.index(link(weak))


def test_more_recommendations_link_to_the_filtered_list(client):
    RecommendationFactory.create_batch(12, text_en="Protect remittances of migrant workers.")
    html = search(client, "remittances", prefix="/en")
    assert "/recommendations/?q=remittances" in html


def test_query_count_does_not_grow_with_matches(client, django_assert_max_num_queries):
    RecommendationFactory.create_batch(30, text_en="Protect remittances of migrant workers.")
    ReportFactory.create_batch(15, title_en="Remittances report")
    with django_assert_max_num_queries(10):
        search(client, "remittances", prefix="/en")


def test_ranking_reads_a_window_of_keys_never_a_subquery_per_row(client):
    """The matching window is fetched first and ranked by key: no statement nests ``IN (SELECT … LIMIT …)``.

    Nested, the planner could run the window once per outer row when it has no statistics (a fresh bulk
    load): site search then took seconds at 200,000 recommendations (tests/bench/test_search.py).
    """
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    RecommendationFactory.create_batch(5, text_en="Protect remittances of migrant workers.")
    ReportFactory.create_batch(3, title_en="Remittances report")
    EventFactory(title_en="Remittances round table")
    with CaptureQueriesContext(connection) as queries:
        html = search(client, "remittances", prefix="/en")
    assert "Remittances round table" in html and "Remittances report" in html
    assert not [query["sql"] for query in queries.captured_queries if _limited_subquery(query["sql"])]


def _limited_subquery(sql: str) -> bool:
    """True when a parenthesised ``SELECT`` inside the statement has its own ``LIMIT``."""
    for start in (m.end() for m in re.finditer(r"\(\s*SELECT\b", sql, re.IGNORECASE)):
        depth, end = 1, start
        while depth and end < len(sql):
            depth += {"(": 1, ")": -1}.get(sql[end], 0)
            end += 1
        if re.search(r"\bLIMIT\b", sql[start:end], re.IGNORECASE):
            return True
    return False
