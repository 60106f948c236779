"""The anonymous page cache: pages come from it, and a change to the content shows at once."""

import pytest
from django.core.cache import caches

from platform_site.page_cache import content_version
from recommendations.models import Recommendation, Status
from tests.conftest import PASSWORD
from tests.recommendations.factories import RecommendationFactory
from tests.reports.factories import ReportFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 300
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"},
    }
    caches["pages"].clear()
    yield
    caches["pages"].clear()


def test_second_anonymous_request_is_served_from_the_cache(client, django_assert_max_num_queries):
    report = ReportFactory(title="Women and children affected by migration")
    first = client.get(report.get_absolute_url())
    assert first.status_code == 200 and "X-Page-Cache" not in first
    with django_assert_max_num_queries(1):  # the content version only
        second = client.get(report.get_absolute_url())
    assert second["X-Page-Cache"] == "hit"
    assert "Women and children affected by migration" in second.content.decode()


def test_a_saved_change_shows_at_once(client):
    report = ReportFactory(title="Old title")
    client.get(report.get_absolute_url())
    client.get("/reports/")
    report.title = "New title"
    report.save()
    for url in (report.get_absolute_url(), "/reports/"):
        response = client.get(url)
        assert "X-Page-Cache" not in response
        assert "New title" in response.content.decode() and "Old title" not in response.content.decode()


def test_deletes_and_links_raise_the_content_version():
    recommendation = RecommendationFactory()
    report = ReportFactory()
    before = content_version()
    report.proposed_recommendations.add(recommendation)
    assert content_version() > before
    before = content_version()
    report.delete()
    assert content_version() > before


def test_a_post_by_a_logged_in_person_raises_the_version_even_without_signals(client, coordinator):
    """QuerySet.update sends no signal; the POST that made it still moves the version on."""
    recommendation = RecommendationFactory()
    url = f"/en/recommendations/{recommendation.pk}/"
    client.get(url)
    Recommendation.objects.filter(pk=recommendation.pk).update(status=Status.IMPLEMENTED)  # no signal
    assert client.get(url)["X-Page-Cache"] == "hit"
    client.force_login(coordinator, backend="django.contrib.auth.backends.ModelBackend")
    client.post("/i18n/setlang/", {"language": "ru", "next": "/"})  # any write a logged-in person makes
    client.logout()
    response = client.get(url)
    assert "X-Page-Cache" not in response
    assert "Implemented" in response.content.decode()


def test_language_and_query_string_are_part_of_the_key(client):
    ReportFactory(title_ru="Доклад", title_en="Report in English")
    client.get("/reports/")
    english = client.get("/en/reports/")
    assert "X-Page-Cache" not in english and "Report in English" in english.content.decode()
    filtered = client.get("/reports/?year=1990")
    assert "X-Page-Cache" not in filtered


def test_logged_in_people_are_never_served_or_stored(client, member):
    ReportFactory(title="A report")
    client.force_login(member, backend="django.contrib.auth.backends.ModelBackend")
    assert "X-Page-Cache" not in client.get("/reports/")
    assert "X-Page-Cache" not in client.get("/reports/")
    client.logout()
    assert "X-Page-Cache" not in client.get("/reports/")  # nothing was stored for the member


def test_each_visitor_gets_their_own_csrf_token(client):
    client.get("/reports/")  # stores the page; its token is cut out
    other = client.__class__()
    response = other.get("/reports/")
    assert response["X-Page-Cache"] == "hit"
    body = response.content.decode()
    assert "__csrf_token__" not in body
    assert 'name="csrfmiddlewaretoken" value="' in body
    # The language switcher works with the token served from the cache.
    csrf_client = client.__class__(enforce_csrf_checks=True)
    page = csrf_client.get("/reports/")
    token = page.content.decode().split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
    form = {"language": "en", "next": "/en/reports/", "csrfmiddlewaretoken": token}
    switched = csrf_client.post("/i18n/setlang/", form)
    assert switched.status_code == 302


def test_off_when_page_cache_seconds_is_zero(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    ReportFactory()
    client.get("/reports/")
    assert "X-Page-Cache" not in client.get("/reports/")


def test_each_host_and_scheme_has_its_own_cached_page(client, settings):
    """A page cached for one host over http is never served to another host over https: its absolute links
    (hreflang, canonical) name the host and scheme it was made for."""
    settings.ALLOWED_HOSTS = ["127.0.0.1", "portal.example.org"]
    first = client.get("/partners/?x", headers={"host": "127.0.0.1"})
    assert first.status_code == 200 and "X-Page-Cache" not in first
    assert 'href="http://127.0.0.1/en/partners/?x"' in first.content.decode()

    other = client.get("/partners/?x", headers={"host": "portal.example.org"}, secure=True)
    assert "X-Page-Cache" not in other
    body = other.content.decode()
    assert 'href="https://portal.example.org/en/partners/?x"' in body
    assert "127.0.0.1" not in body

    # The same host over plain http is a third page, and each is served from the cache the second time.
    plain = client.get("/partners/?x", headers={"host": "portal.example.org"})
    assert "X-Page-Cache" not in plain
    assert 'href="http://portal.example.org/en/partners/?x"' in plain.content.decode()
    again = client.get("/partners/?x", headers={"host": "portal.example.org"}, secure=True)
    assert again["X-Page-Cache"] == "hit"
    assert 'href="https://portal.example.org/en/partners/?x"' in again.content.decode()


def test_logging_in_changes_no_content(client, member):
    """The log-in form's POST ends with a person logged in, but was sent by a visitor: the pages stay cached."""
    before = content_version()
    response = client.post("/en/accounts/login/", {"username": member.username, "password": PASSWORD})
    assert response.status_code == 302 and "_auth_user_id" in client.session
    assert content_version() == before
