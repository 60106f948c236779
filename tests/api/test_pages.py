"""The human side: /api/ documentation, the members' token page, and the CSV beside every list page."""

import csv
import io

import pytest

from api.models import ApiToken, hash_key
from tests.api.conftest import SECRET
from tests.api.test_access import body

LIST_PAGES = {
    "/recommendations/": "/recommendations/export.csv",
    "/reports/": "/reports/export.csv",
    "/advocacy/": "/advocacy/export.csv",
    "/partners/": "/partners/export.csv",
    "/calendar/": "/calendar/export.csv",
}


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/api/", "/en/api/"])
def test_the_documentation_page_in_both_languages(client, open_data, path, settings):
    settings.DATA_LICENCE = {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"}
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    heading = "Open data and API" if path.startswith("/en/") else "Открытые данные и API"
    assert f"<h1>{heading}</h1>" in html
    assert "http://testserver/api/v1/recommendations/?mechanism=CMW&amp;state=KZ&amp;status=not_implemented" in html
    assert "format=csv" in html and "If-None-Match" in html
    assert 'href="https://creativecommons.org/licenses/by/4.0/" rel="license"' in html
    assert "/api/v1/schema/" in html
    # The schema browser's files come from the portal, and no script is inline (the CSP forbids it).
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    assert "/static/api/swagger-init.js" in html
    assert "<script>" not in html
    assert "script-src 'self'" in response["Content-Security-Policy"]


@pytest.mark.django_db
def test_the_footer_links_to_the_api(client):
    assert 'href="/api/"' in client.get("/").content.decode()
    assert 'href="/en/api/"' in client.get("/en/").content.decode()


@pytest.mark.django_db
def test_the_schema_is_served(client):
    response = client.get("/api/v1/schema/?format=json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/recommendations/" in schema["paths"]
    assert "304" in schema["paths"]["/api/v1/recommendations/"]["get"]["responses"]


@pytest.mark.django_db
@pytest.mark.parametrize("page", list(LIST_PAGES))
def test_every_list_page_links_to_its_csv_with_the_filters(client, open_data, page):
    html = client.get(page + "?kind=ngo").content.decode()
    assert f'href="{LIST_PAGES[page]}?kind=ngo"' in html


@pytest.mark.django_db
@pytest.mark.parametrize("export", list(LIST_PAGES.values()))
def test_list_csv_is_streamed_with_bom_and_public_only(client, open_data, export):
    response = client.get(export)
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = body(response)
    assert text.startswith("\ufeffID,")
    assert SECRET not in text


@pytest.mark.django_db
def test_recommendation_csv_takes_the_list_filters_and_escapes_formulas(client, open_data):
    text = body(client.get("/recommendations/export.csv?mechanism=CMW&state=KZ&status=not_implemented"))
    rows = list(csv.reader(io.StringIO(text[1:])))
    assert len(rows) == 2
    assert rows[1][0] == str(open_data["not_implemented"].pk)
    assert rows[1][12].startswith("'=HYPERLINK")
    assert rows[1][-1] == f"http://testserver/recommendations/{open_data['not_implemented'].pk}/"


@pytest.mark.django_db
def test_members_csv_holds_what_they_see(client_for, member, open_data):
    text = body(client_for(member).get("/advocacy/export.csv"))
    assert "SECRET members-only briefing" in text


@pytest.mark.django_db
def test_list_csv_queries_do_not_grow_with_rows(client, open_data, django_assert_max_num_queries):
    from recommendations.models import Recommendation

    review = open_data["reviews"]["public"][0]
    Recommendation.objects.bulk_create(
        [Recommendation(review=review, paragraph=f"x{n}", text=f"Text {n}") for n in range(300)]
    )
    with django_assert_max_num_queries(14):
        body(client.get("/recommendations/export.csv"))


# --- personal tokens ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_token_page_access(client_for, people):
    client = client_for(None)
    response = client.get("/members/tokens/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    for name in ("other_member", "member", "coordinator"):
        assert client_for(people[name]).get("/members/tokens/").status_code == 200, name


@pytest.mark.django_db
def test_a_logged_in_non_member_may_not_make_tokens(client_for):
    from tests.partners.factories import UserFactory

    client = client_for(UserFactory(username="visitor"))
    assert client.get("/members/tokens/").status_code == 403
    assert client.post("/members/tokens/", {"name": "x"}).status_code == 403
    assert not ApiToken.objects.exists()


@pytest.mark.django_db
def test_a_token_is_shown_once_stored_as_a_hash_and_works(client_for, member, open_data):
    client = client_for(member)
    response = client.post("/members/tokens/", {"name": "nightly sync"})
    assert response.status_code == 200
    key = response.context["new_key"]
    assert key and key in response.content.decode()
    token = ApiToken.objects.get()
    assert token.user == member and token.key_hash == hash_key(key) and key not in (token.key_hash, token.prefix)
    assert response["Cache-Control"].startswith("max-age=0")
    assert key not in client.get("/members/tokens/").content.decode()  # never shown again
    api = client_for(None)
    events = body(api.get("/api/v1/events/", HTTP_AUTHORIZATION=f"Bearer {key}"))
    assert "SECRET members-only briefing" in events
    token.refresh_from_db()
    assert token.last_used_at is not None


@pytest.mark.django_db
def test_a_token_without_a_name_is_refused_in_the_persons_language(client_for, member):
    response = client_for(member).post("/members/tokens/", {"name": ""})
    assert response.status_code == 200
    assert "Обязательное поле." in response.content.decode()
    assert not ApiToken.objects.exists()


@pytest.mark.django_db
def test_only_the_owner_revokes_a_token(client_for, member, other_member, coordinator, member_token):
    token = ApiToken.objects.get()
    for intruder in (other_member, coordinator):
        assert client_for(intruder).post(f"/members/tokens/{token.pk}/revoke/").status_code == 404
    assert client_for(None).post(f"/members/tokens/{token.pk}/revoke/").status_code == 302
    assert ApiToken.objects.filter(pk=token.pk).exists()
    response = client_for(member).post(f"/members/tokens/{token.pk}/revoke/")
    assert response.status_code == 302
    assert not ApiToken.objects.exists()
    assert client_for(None).get("/api/v1/events/", HTTP_AUTHORIZATION=f"Token {member_token}").status_code == 401
