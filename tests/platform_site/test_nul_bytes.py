"""A NUL character from a request never reaches the database (PostgreSQL refuses it in text: it was a 500).

Addresses and query strings holding one are answered 400 by ``platform_site.middleware`` with the site's page
in the visitor's language; form fields say which field; values the views read by hand go through forms too.
"""

import pytest
from django.urls import reverse

from advocacy.models import Event
from partners.access import Workflow
from reports.models import Report
from tests.advocacy.factories import EventFactory
from tests.recommendations.factories import RecommendationFactory
from tests.reports.factories import ReportFactory

pytestmark = pytest.mark.django_db

PUBLIC_URLS = [
    "/search/?q=%00",
    "/en/search/?q=%00",
    "/search/?q=migrant%00workers",
    "/recommendations/?q=a%00",
    "/recommendations/?body=%00",
    "/recommendations/?page=%00",
    "/recommendations/export.xlsx?q=%00",
    "/reports/?organisation=%00",
    "/advocacy/?organisation=%00",
    "/partners/?country=%00",
    "/partners/?kind=ngo&%00=1",
    "/reports/no%00such/",
    "/feeds/reports/?q=%00",
]
MEMBER_URLS = [
    "/reports/lookup/?q=%00",
    "/recommendations/lookup/?q=a%00",
    "/partners/lookup/?q=a%00",
    "/partners/lookup/?q=a&kind=state_body%00",
    "/en/partners/lookup/?q=a%00",
]


@pytest.fixture
def content():
    RecommendationFactory(text_en="Protect migrant workers.")
    ReportFactory(title_en="Migrant workers report")
    EventFactory(title_en="Migrant workers event")


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_public_pages_answer_400_in_the_sites_look(client, content, url):
    response = client.get(url)
    assert response.status_code == 400
    body = response.content.decode()
    heading = "Request not understood" if url.startswith("/en/") else "Запрос не понят"
    assert heading in body
    assert 'id="site-search"' in body  # the site's header, not a bare error
    assert "\x00" not in body


@pytest.mark.parametrize("url", MEMBER_URLS)
def test_lookups_answer_400(client_for, member, content, url):
    assert client_for(member).get(url).status_code == 400


def test_the_admin_search_answers_400(client_for, coordinator):
    assert client_for(coordinator).get("/admin/partners/organisation/?q=%00").status_code == 400


def test_the_same_pages_without_nul_still_answer(client_for, member, content):
    client = client_for(member)
    assert client.get("/search/", {"q": "migrant"}).status_code == 200
    assert client.get("/partners/lookup/", {"q": "a"}).status_code == 200


def test_a_form_field_with_nul_says_which_field(client_for, member):
    from tests.advocacy.test_forms import CREATE_URL, event_data, get_token

    client = client_for(member)
    response = client.post(CREATE_URL, event_data(get_token(client), **{"event-place": "War\x00saw"}))
    assert response.status_code == 200
    assert response.context["form"].has_error("place", "null_characters_not_allowed")
    assert not Event.objects.exists()


@pytest.mark.parametrize("kind", ["event", "report"])
def test_a_return_comment_with_nul_is_refused_with_a_message(client_for, coordinator, kind):
    if kind == "event":
        record = EventFactory(status=Workflow.IN_REVIEW)
        url = reverse("members:event_return", kwargs={"pk": record.pk})
    else:
        record = ReportFactory(status=Workflow.IN_REVIEW)
        url = reverse("members:report_return", kwargs={"pk": record.pk})
    response = client_for(coordinator).post(url, {"comment": "Fix the\x00 dates"}, follow=True)
    assert response.status_code == 200
    assert [str(message) for message in response.context["messages"]]
    record.refresh_from_db()
    assert record.status == Workflow.IN_REVIEW
    assert "\x00" not in (record.review_comment or "")
    assert Report.objects.filter(review_comment__contains="Fix").count() == 0


def test_the_api_refuses_nul_in_json(client, db):
    # The API's schema documents a 400 as JSON: its callers get no HTML page.
    response = client.get("/api/v1/affected-groups/?cursor=%00")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json()["detail"]
