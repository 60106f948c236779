"""What the computed list and home page keep per content version (issue 10), through HTTP.

The filter menus' options, the list's counts and the home page's chart are built once per content
version, language and audience: a second visitor does not query them again, any change to the content
shows at once, and members' options or counts never reach the public.
"""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from recommendations.models import Status
from tests.partners.factories import StateBodyFactory
from tests.recommendations.factories import MechanismFactory, RecommendationFactory, ReviewFactory, ThemeFactory

pytestmark = pytest.mark.django_db

LIST_URL = "/recommendations/"


def queries_of(client, url, data=None):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, data)
    assert response.status_code == 200
    return response.content.decode(), [query["sql"] for query in captured.captured_queries]


def touching(sqls, table):
    return [sql for sql in sqls if f'"{table}"' in sql]


@pytest.fixture
def review():
    return ReviewFactory(mechanism=MechanismFactory(code="CMW"), state="KG", year=2015)


def test_menus_are_built_once_then_follow_a_change_at_once(client, review):
    RecommendationFactory(review=review)
    ThemeFactory(name_en="Labour rights", name_ru="Трудовые права")
    first, sqls = queries_of(client, "/en" + LIST_URL)
    assert "Labour rights" in first and "Kyrgyzstan" in first
    assert touching(sqls, "recommendations_theme") and 'DISTINCT "recommendations_review"."state"' in "".join(sqls)

    # Another visitor, other filters: no menu is queried again (a chosen theme is still checked).
    _page, sqls = queries_of(client, "/en" + LIST_URL, {"state": "KG"})
    assert not touching(sqls, "recommendations_theme")
    assert not touching(sqls, "partners_organisation")
    assert "DISTINCT" not in "".join(sqls)

    # Any change raises the content version: the new state and theme are offered on the next request.
    ReviewFactory(mechanism=review.mechanism, state="KZ", year=2016)
    ThemeFactory(name_en="Pensions", name_ru="Пенсии")
    after = client.get("/en" + LIST_URL).content.decode()
    assert "Kazakhstan" in after and "Pensions" in after and '<option value="2016">' in after


def test_menus_are_kept_per_language(client, review):
    RecommendationFactory(review=review)
    assert "Kyrgyzstan" in client.get("/en" + LIST_URL).content.decode()
    russian = client.get(LIST_URL).content.decode()
    assert "Киргизия" in russian or "Кыргызстан" in russian
    assert "Kyrgyzstan" not in russian


def test_members_options_never_reach_the_public(client_for, member, review):
    RecommendationFactory(review=review)
    StateBodyFactory(name_en="Public Ministry", name_ru="Открытое министерство")
    StateBodyFactory(name_en="Hidden Ministry", name_ru="Скрытое министерство", is_public=False)

    members_page = client_for(member).get("/en" + LIST_URL).content.decode()
    assert "Hidden Ministry" in members_page
    public_page = client_for(None).get("/en" + LIST_URL).content.decode()
    assert "Public Ministry" in public_page and "Hidden Ministry" not in public_page
    # And the other way round: the public's menus, kept first, are not what a member is offered.
    assert "Hidden Ministry" in client_for(member).get("/en" + LIST_URL).content.decode()


def test_counts_are_kept_per_filter_and_audience(client, client_for, member, review):
    RecommendationFactory.create_batch(3, review=review)
    RecommendationFactory(review=review, is_public=False)
    page, sqls = queries_of(client, LIST_URL, {"mechanism": "CMW"})
    assert any("COUNT(" in sql for sql in sqls)
    _page, sqls = queries_of(client, LIST_URL, {"mechanism": "CMW"})
    assert not any("COUNT(" in sql for sql in sqls)

    # The members' list is another query (their visibility rule): counted for them, not read from the public's.
    assert client_for(member).get(LIST_URL, {"mechanism": "CMW"}).context["page_obj"].paginator.count == 4
    assert client_for(None).get(LIST_URL, {"mechanism": "CMW"}).context["page_obj"].paginator.count == 3

    RecommendationFactory(review=review)
    assert client.get(LIST_URL, {"mechanism": "CMW"}).context["page_obj"].paginator.count == 4


def test_rows_show_what_the_model_would(client, review):
    rec = RecommendationFactory(
        review=review, paragraph="12", status=Status.IN_PROGRESS, upr_response="supported", text_en="Ratify."
    )
    page = client.get("/en" + LIST_URL).content.decode()
    assert f'href="/en/recommendations/{rec.pk}/"' in page
    assert "para. 12" in page and "Kyrgyzstan" in page and "2015" in page
    assert '<span class="badge badge--in_progress">In progress</span>' in page
    assert '<span class="badge badge--supported">Supported</span>' in page

    RecommendationFactory(review=review, paragraph="13", text_en="Protect " + "migrant workers " * 30)
    page = client.get("/en" + LIST_URL).content.decode()
    shortened = ("Protect " + "migrant workers " * 30)[:259] + "…"
    assert f">{shortened}</a>" in page


def test_row_texts_are_escaped_and_the_meta_line_is_the_dossiers(client):
    """The meta line and badges are put together in Python: what reviews and imports bring is escaped there."""
    hostile = ReviewFactory(
        mechanism=MechanismFactory(code="X<b>Y"), state="KG", year=2016, document_symbol='A/"><script>1</script>'
    )
    RecommendationFactory(review=hostile, paragraph="<i>7</i>", text_en="Stop <script>alert(1)</script> & co.")
    page = client.get("/en" + LIST_URL, {"year": "2016"}).content.decode()
    line = page[page.index('<p class="card-meta">') :]
    line = line[: line.index("</p>")]
    assert line == (
        '<p class="card-meta"><span class="symbol">X&lt;b&gt;Y</span> · Kyrgyzstan · 2016 · '
        '<span class="symbol">A/&quot;&gt;&lt;script&gt;1&lt;/script&gt;</span> · para. &lt;i&gt;7&lt;/i&gt;'
    )
    assert "Stop &lt;script&gt;alert(1)&lt;/script&gt; &amp; co." in page
    assert "<script>" not in page


def test_a_cached_list_needs_few_queries_whatever_the_rows(client, django_assert_max_num_queries, review):
    theme = ThemeFactory()
    for rec in RecommendationFactory.create_batch(30, review=review):
        rec.themes.add(theme)
    client.get(LIST_URL, {"mechanism": "CMW", "theme": theme.pk})
    # The content version, the two chosen values checked, the page's keys and its rows.
    with django_assert_max_num_queries(5):
        assert client.get(LIST_URL, {"mechanism": "CMW", "theme": theme.pk}).status_code == 200


def test_home_chart_is_summed_once_per_content_version(client, review):
    RecommendationFactory(review=review, status=Status.IMPLEMENTED)
    _page, sqls = queries_of(client, "/")
    assert touching(sqls, "recommendations_statustally")
    _page, sqls = queries_of(client, "/")
    assert not touching(sqls, "recommendations_statustally")
    RecommendationFactory(review=ReviewFactory(mechanism=MechanismFactory(code="CESCR"), state="KZ"))
    page, sqls = queries_of(client, "/en/")
    assert touching(sqls, "recommendations_statustally") and "CESCR" in page


@pytest.mark.parametrize("name", ["mechanism", "state", "year", "status"])
def test_a_value_not_offered_is_refused_without_being_repeated(client, review, name):
    """The message says the choice is not offered; it does not repeat what the address held (any length)."""
    RecommendationFactory(review=review)
    given = "Z" * 300 + "<i>"
    for url, message in (
        ("/en" + LIST_URL, "Select a valid choice. That choice is not one of the available choices."),
        (LIST_URL, "Выберите корректный вариант. Вашего варианта нет среди допустимых значений."),
    ):
        page = client.get(url, {name: given}).content.decode()
        errors = re.findall(r'<ul class="errorlist"[^>]*>(.*?)</ul>', page, re.S)
        assert errors == [f"<li>{message}</li>"]
