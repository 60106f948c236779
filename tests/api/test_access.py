"""What each caller sees: the public and a token of nobody see public records only, everywhere."""

import json

import pytest
from django.test import Client

from tests.api.conftest import SECRET

LISTS = [
    "recommendations",
    "assessments",
    "reviews",
    "reports",
    "events",
    "organisations",
    "calendar-reviews",
    "deadlines",
    "follow-ups",
]
VOCABULARIES = ["mechanisms", "themes", "affected-groups", "sdg-targets"]


def body(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode("utf-8")


def _callers(client, nobody_token):
    yield "anonymous", client, {}
    yield "token of nobody", client, {"HTTP_AUTHORIZATION": f"Token {nobody_token}"}
    yield "bearer of nobody", client, {"HTTP_AUTHORIZATION": f"Bearer {nobody_token}"}


@pytest.mark.django_db
@pytest.mark.parametrize("resource", LISTS + VOCABULARIES)
def test_lists_and_their_csv_show_the_public_nothing_hidden(client, open_data, nobody_token, resource):
    for caller, http, headers in _callers(client, nobody_token):
        for query in ("?page_size=100", "?page_size=100&lang=en", "?format=csv", "?format=csv&lang=en"):
            response = http.get(f"/api/v1/{resource}/{query}", **headers)
            assert response.status_code == 200, (caller, resource, query)
            assert SECRET not in body(response), (caller, resource, query)


@pytest.mark.django_db
@pytest.mark.parametrize("resource", LISTS)
def test_hidden_objects_have_no_detail_for_the_public(client, open_data, nobody_token, resource):
    for caller, http, headers in _callers(client, nobody_token):
        for hidden in open_data[resource]["hidden"]:
            for suffix in ("", "?format=csv"):
                response = http.get(f"/api/v1/{resource}/{hidden.pk}/{suffix}", **headers)
                assert response.status_code == 404, (caller, resource, hidden)
        for public in open_data[resource]["public"]:
            response = http.get(f"/api/v1/{resource}/{public.pk}/", **headers)
            assert response.status_code == 200, (caller, resource, public)
            assert SECRET not in body(response)


@pytest.mark.django_db
def test_public_lists_hold_exactly_the_public_records(client, open_data):
    for resource in LISTS:
        ids = {item["id"] for item in client.get(f"/api/v1/{resource}/?page_size=100").json()["results"]}
        assert ids == {obj.pk for obj in open_data[resource]["public"]}, resource


@pytest.mark.django_db
def test_embedded_bodies_authors_organisers_are_filtered(client, open_data):
    """A public recommendation addressed to a hidden state body names only the public one."""
    rec = open_data["not_implemented"]
    data = client.get(f"/api/v1/recommendations/{rec.pk}/").json()
    assert [body["slug"] for body in data["addressed_bodies"]] == ["ministry-of-labour"]
    assert data["latest_assessment"]["status"] == "not_implemented"
    assessment = client.get(f"/api/v1/assessments/{data['latest_assessment']['id']}/").json()
    assert assessment["organisation"] is None  # assessed by an organisation that is not public
    report = client.get(f"/api/v1/reports/{open_data['reports']['public'][0].pk}/").json()
    assert [author["organisation"]["slug"] for author in report["authors"]] == ["bir-duino"]
    assert [item["id"] for item in report["proposed_recommendations"]] == [rec.pk]
    event = client.get(f"/api/v1/events/{open_data['events']['public'][0].pk}/").json()
    assert [org["slug"] for org in event["organisers"]] == ["bir-duino"]
    assert event["participants"] == []
    assert [org["slug"] for org in event["addressed_bodies"]] == ["ministry-of-labour"]
    assert len(event["reports_presented"]) == 1
    assert [item["id"] for item in event["recommendations_promoted"]] == [rec.pk]


@pytest.mark.django_db
def test_members_see_what_the_site_shows_them(client_for, open_data, member, member_token):
    client = client_for(member)
    events = {item["title"] for item in client.get("/api/v1/events/?page_size=100").json()["results"]}
    assert "SECRET members-only briefing" in events
    assert "SECRET draft event" in events  # their own organisation's draft
    recs = client.get("/api/v1/recommendations/?page_size=100").json()["results"]
    assert open_data["recommendations"]["hidden"][0].pk in {item["id"] for item in recs}
    # The same through their personal token, without a session.
    anonymous = Client()
    response = anonymous.get("/api/v1/events/?page_size=100", HTTP_AUTHORIZATION=f"Token {member_token}")
    assert "SECRET members-only briefing" in body(response)
    assert response["Cache-Control"] == "private, no-cache"


@pytest.mark.django_db
def test_a_member_of_another_organisation_does_not_see_their_draft(client_for, open_data, other_member, coordinator):
    draft = open_data["reports"]["hidden"][0]
    assert client_for(other_member).get(f"/api/v1/reports/{draft.pk}/").status_code == 404
    assert client_for(coordinator).get(f"/api/v1/reports/{draft.pk}/").status_code == 200
    proposal = open_data["assessments"]["hidden"][0]
    assert client_for(other_member).get(f"/api/v1/assessments/{proposal.pk}/").status_code == 404
    assert client_for(coordinator).get(f"/api/v1/assessments/{proposal.pk}/").status_code == 200


@pytest.mark.django_db
def test_a_wrong_or_revoked_token_is_refused(client, open_data, member_token):
    response = client.get("/api/v1/events/", HTTP_AUTHORIZATION="Token not-a-key")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    from api.models import ApiToken

    ApiToken.objects.all().delete()
    assert client.get("/api/v1/events/", HTTP_AUTHORIZATION=f"Token {member_token}").status_code == 401


@pytest.mark.django_db
def test_the_api_only_reads(client_for, coordinator, open_data):
    client = client_for(coordinator)
    rec = open_data["not_implemented"]
    for method in ("post", "put", "patch", "delete"):
        response = getattr(client, method)(
            f"/api/v1/recommendations/{rec.pk}/", data="{}", content_type="application/json"
        )
        assert response.status_code in (403, 405), method
    rec.refresh_from_db()
    assert rec.text_en == "Ratify ILO Convention No. 189."


@pytest.mark.django_db
def test_anonymous_callers_are_throttled_per_address(client, settings, open_data):
    settings.API_ANON_RATE = "3/minute"
    for _ in range(3):
        assert client.get("/api/v1/themes/", REMOTE_ADDR="10.0.0.1").status_code == 200
    response = client.get("/api/v1/themes/", REMOTE_ADDR="10.0.0.1")
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert client.get("/api/v1/themes/", REMOTE_ADDR="10.0.0.2").status_code == 200


@pytest.mark.django_db
def test_an_ipv6_client_is_throttled_by_its_64_network(client, settings, open_data):
    # One line holds a whole /64: a fresh address per request must not escape the count (as for log-ins).
    settings.API_ANON_RATE = "3/minute"
    codes = [client.get("/api/v1/themes/", REMOTE_ADDR=f"2001:db8:0:1::{n}").status_code for n in range(1, 5)]
    assert codes == [200, 200, 200, 429]
    assert client.get("/api/v1/themes/", REMOTE_ADDR="2001:db8:0:2::1").status_code == 200


@pytest.mark.django_db
def test_the_throttle_trusts_only_the_configured_proxies(client, settings, open_data):
    settings.API_ANON_RATE = "2/minute"
    settings.TRUSTED_PROXIES = 1
    # The client wrote the left entry; the proxy appended what it saw (the right one), which alone counts.
    headers = [{"HTTP_X_FORWARDED_FOR": f"198.51.100.{n}, 203.0.113.7"} for n in range(1, 4)]
    codes = [client.get("/api/v1/themes/", REMOTE_ADDR="10.0.0.1", **h).status_code for h in headers]
    assert codes == [200, 200, 429]
    # Another client behind the same proxy has its own count.
    other = client.get("/api/v1/themes/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.8")
    assert other.status_code == 200


@pytest.mark.django_db
def test_a_token_of_nobody_is_throttled_as_the_public(client, settings, open_data, nobody_token):
    # It sees what the public sees; without a membership it must not be a way round the public's limit.
    settings.API_ANON_RATE = "2/minute"
    auth = {"HTTP_AUTHORIZATION": f"Token {nobody_token}", "REMOTE_ADDR": "10.0.0.9"}
    assert [client.get("/api/v1/themes/", **auth).status_code for _ in range(3)] == [200, 200, 429]


@pytest.mark.django_db
def test_members_are_not_throttled_as_the_public(client_for, settings, member, open_data):
    settings.API_ANON_RATE = "1/minute"
    client = client_for(member)
    assert [client.get("/api/v1/themes/").status_code for _ in range(3)] == [200, 200, 200]


def test_error_answers_are_json(client, db):
    response = client.get("/api/v1/recommendations/?updated_since=yesterday")
    assert response.status_code == 400
    assert "updated_since" in json.loads(response.content)


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["?cursor=%C2%91%00", "?lang=en%00", "?format=csv&state=K%00"])
def test_a_nul_character_gets_the_apis_json_400_not_the_sites_page(client, query):
    """Found by schemathesis: the site's HTML 400 page answered the API, whose schema documents JSON."""
    response = client.get(f"/api/v1/deadlines/{query}")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert list(response.json()) == ["detail"]


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/assessments/?recommendation=99999999999999999999",
        "/api/v1/deadlines/?cycle=99999999999999999999",
        "/api/v1/follow-ups/?cycle=99999999999999999999",
        "/api/v1/follow-ups/?recommendation=1.5",
    ],
)
def test_an_id_filter_out_of_range_is_a_400(client, db, url):
    # Ids past 64 bits reached SQLite's integer binding and answered 500.
    response = client.get(url)
    assert response.status_code == 400
    assert response.json()
