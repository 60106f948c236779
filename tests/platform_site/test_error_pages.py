import pytest

from tests.advocacy.factories import EventFactory
from tests.reports.factories import ReportFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("prefix", "heading"), [("", "Страница не найдена"), ("/en", "Page not found")])
def test_not_found_page_in_the_visitors_language(client, settings, prefix, heading):
    settings.DEBUG = False
    response = client.get(f"{prefix}/reports/no-such-report/")
    assert response.status_code == 404
    body = response.content.decode()
    assert heading in body
    assert 'href="' + (prefix or "") + '/recommendations/"' in body


def test_not_found_page_in_kyrgyz_links_the_kyrgyz_pages(client, settings):
    settings.DEBUG = False
    response = client.get("/ky/reports/no-such-report/")
    assert response.status_code == 404
    body = response.content.decode()
    assert '<html lang="ky"' in body and 'href="/ky/recommendations/"' in body


def test_a_draft_answers_the_same_not_found_page(client, settings):
    settings.DEBUG = False
    draft = ReportFactory(status="draft")
    response = client.get(draft.get_absolute_url())
    assert response.status_code == 404
    assert "Страница не найдена" in response.content.decode()
    assert draft.title not in response.content.decode()


def test_access_denied_page_for_another_organisations_action(client_for, settings, other_member, organisation):
    settings.DEBUG = False
    event = EventFactory(owner=organisation)  # published and public, owned by the member's organisation
    response = client_for(other_member).get(f"/en/advocacy/{event.pk}/edit/")
    assert response.status_code == 403
    assert "Access denied" in response.content.decode()
