"""The review calendar through the API: who sees which entry, the fields a reader relies on (source, checked
date, computed dates, links), the calendar page's filters, CSV, and queries that do not grow with a page."""

import csv
import datetime
import io

import pytest

from cycle.models import CycleReview, Deadline, FollowUp, Publication
from tests.api.conftest import SECRET
from tests.api.test_access import body

RESOURCES = ["calendar-reviews", "deadlines", "follow-ups"]
FAR = datetime.date(2030, 1, 1)


def _ids(client, resource, query="", **headers):
    response = client.get(f"/api/v1/{resource}/?page_size=100{query}", **headers)
    assert response.status_code == 200, response.content
    return {item["id"] for item in response.json()["results"]}


@pytest.mark.django_db
@pytest.mark.parametrize("resource", RESOURCES)
def test_each_person_sees_what_the_calendar_shows_them(client_for, people, open_data, resource):
    data = open_data[resource]
    public = {obj.pk for obj in data["public"]}
    members_only = {obj.pk for obj in data["hidden"] if _publication(obj) == Publication.MEMBERS}
    every = public | {obj.pk for obj in data["hidden"]}
    expected = {
        "anonymous": public,
        "other_member": public | members_only,
        "member": public | members_only,
        "coordinator": every,
    }
    for name, user in people.items():
        assert _ids(client_for(user), resource) == expected[name], name
    # A hidden entry has no detail for the public, and a coordinator reaches every one.
    for hidden in data["hidden"]:
        assert client_for(None).get(f"/api/v1/{resource}/{hidden.pk}/").status_code == 404
        assert client_for(people["coordinator"]).get(f"/api/v1/{resource}/{hidden.pk}/").status_code == 200


def _publication(obj):
    if isinstance(obj, FollowUp):
        # A follow-up paragraph is as hidden as its review, or as its recommendation (the platform's own asks
        # are every member's, never the public's).
        return obj.cycle.publication if obj.recommendation.is_public else Publication.MEMBERS
    if isinstance(obj, Deadline) and obj.cycle_id and obj.cycle.publication != Publication.PUBLIC:
        return obj.cycle.publication
    return obj.publication


@pytest.mark.django_db
def test_a_members_token_sees_members_only_entries_and_a_token_of_nobody_does_not(
    client, open_data, member_token, nobody_token
):
    members_deadline = next(d for d in open_data["deadlines"]["hidden"] if d.publication == Publication.MEMBERS)
    assert members_deadline.pk in _ids(client, "deadlines", HTTP_AUTHORIZATION=f"Token {member_token}")
    assert members_deadline.pk not in _ids(client, "deadlines", HTTP_AUTHORIZATION=f"Token {nobody_token}")
    text = body(client.get("/api/v1/deadlines/?format=csv", HTTP_AUTHORIZATION=f"Token {member_token}"))
    assert "SECRET members deadline" in text and "SECRET draft deadline" not in text


@pytest.mark.django_db
def test_a_calendar_review_names_its_source_dates_and_links(client, open_data):
    cycle = open_data["calendar-reviews"]["public"][0]
    data = client.get(f"/api/v1/calendar-reviews/{cycle.pk}/").json()
    assert data["url"] == f"http://testserver/api/v1/calendar-reviews/{cycle.pk}/"
    assert data["page_url"] == f"http://testserver/calendar/reviews/{cycle.pk}/"
    assert data["mechanism"]["code"] == "CMW"
    assert (data["state"], data["review_on"], data["date_precision"]) == ("KZ", "2014-04-02", "day")
    assert (data["source_url"], data["checked_on"]) == ("https://example.org/session-37", "2026-11-01")
    # No adoption date recorded: the follow-up is counted from the session's last day, and says so.
    assert data["adopted_on"] is None
    assert (data["follow_up_counted_from"], data["follow_up_counted_from_is_computed"]) == ("2014-04-11", True)
    assert data["review"] == f"http://testserver/api/v1/reviews/{open_data['reviews']['public'][0].pk}/"
    assert data["previous_review"] is None  # the platform's own review is not public
    assert data["session_ru"] == data["session"] == "20th session"
    english = client.get(f"/api/v1/calendar-reviews/{cycle.pk}/?lang=en").json()
    assert (english["session_en"], english["session"]) == (None, "20th session")  # falls back to Russian
    assert english["page_url"] == f"http://testserver/en/calendar/reviews/{cycle.pk}/"


@pytest.mark.django_db
def test_a_deadline_says_when_its_date_is_computed(client, open_data):
    computed, upcoming = open_data["deadlines"]["public"]
    cycle = open_data["calendar-reviews"]["public"][0]
    data = client.get(f"/api/v1/deadlines/{computed.pk}/").json()
    assert (data["is_computed"], data["due_on"], data["kind"]) == (True, "2016-04-11", "follow_up_report")
    assert data["kind_label"] == str(Deadline.Kind.FOLLOW_UP_REPORT.label)
    assert data["cycle"] == f"http://testserver/api/v1/calendar-reviews/{cycle.pk}/"
    assert data["page_url"] == f"http://testserver/calendar/reviews/{cycle.pk}/#deadline-{computed.pk}"
    assert data["source_url"] == "https://example.org/deadline"
    other = client.get(f"/api/v1/deadlines/{upcoming.pk}/?lang=en").json()
    assert other["is_computed"] is False and other["cycle"] is None
    assert other["page_url"] == f"http://testserver/en/calendar/#deadline-{upcoming.pk}"
    assert other["label"] == "NGO submission"  # no title: the kind's label in the asked language


@pytest.mark.django_db
def test_a_follow_up_paragraph_carries_the_committees_grade(client, open_data):
    graded = open_data["follow-ups"]["public"][0]
    data = client.get(f"/api/v1/follow-ups/{graded.pk}/?lang=en").json()
    assert (data["grade"], data["grade_label"]) == ("B", "B — partially satisfactory")
    assert data["paragraph"] == "21"
    assert data["recommendation"]["id"] == open_data["not_implemented"].pk
    assert data["page_url"] == f"http://testserver/en/calendar/reviews/{graded.cycle_id}/"
    assert client.get("/api/v1/follow-ups/?grade=B&page_size=100").json()["results"][0]["id"] == graded.pk
    assert client.get("/api/v1/follow-ups/?grade=A").json()["results"] == []


@pytest.mark.django_db
def test_the_calendar_filters_mean_what_they_mean_on_the_page(client, open_data):
    computed, upcoming = (d.pk for d in open_data["deadlines"]["public"])
    cycle = open_data["calendar-reviews"]["public"][0].pk
    assert _ids(client, "deadlines") == {computed, upcoming}  # no `when`: every date
    assert _ids(client, "deadlines", "&when=past") == {computed}
    assert _ids(client, "deadlines", "&when=upcoming") == {upcoming}
    assert _ids(client, "deadlines", "&state=KG") == {upcoming}
    assert _ids(client, "deadlines", "&mechanism=CMW") == {computed, upcoming}
    assert _ids(client, "deadlines", f"&cycle={cycle}") == {computed}
    assert _ids(client, "calendar-reviews", "&when=past&state=KZ") == {cycle}
    assert _ids(client, "calendar-reviews", "&when=upcoming") == set()
    later = datetime.datetime.now(datetime.UTC) + datetime.timedelta(hours=1)
    assert _ids(client, "deadlines", f"&updated_since={later:%Y-%m-%dT%H:%M:%SZ}") == set()
    Deadline.objects.filter(pk=upcoming).update(updated_at=later + datetime.timedelta(minutes=1))
    assert _ids(client, "deadlines", f"&updated_since={later:%Y-%m-%dT%H:%M:%SZ}") == {upcoming}
    response = client.get("/api/v1/deadlines/?when=tomorrow")
    assert response.status_code == 400 and "when" in response.json()


@pytest.mark.django_db
def test_the_calendar_as_csv_through_the_api(client, open_data):
    computed = open_data["deadlines"]["public"][0]
    response = client.get("/api/v1/deadlines/?format=csv&when=past&lang=en")
    assert response.status_code == 200 and response["Content-Type"] == "text/csv; charset=utf-8"
    text = body(response)
    assert text.startswith("\ufeffID,Type,Date,")
    rows = list(csv.reader(io.StringIO(text[1:])))
    assert len(rows) == 2
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["ID"] == str(computed.pk)
    assert row["Computed by rule"] == "true"
    assert row["Title"] == "'=cmd|' /C calc'!A0"  # a formula is escaped
    assert row["Source link"] == "https://example.org/deadline"
    assert row["Checked on"] == "2026-11-01"
    reviews = body(client.get("/api/v1/calendar-reviews/?format=csv"))
    assert "CMW/C/KAZ/CO/1" in reviews and SECRET not in reviews


@pytest.mark.django_db
@pytest.mark.parametrize("resource", RESOURCES)
def test_calendar_queries_per_page_do_not_grow_with_the_page_size(
    client, open_data, django_assert_max_num_queries, resource
):
    cycle = open_data["calendar-reviews"]["public"][0]
    recommendation = open_data["not_implemented"]
    CycleReview.objects.bulk_create(
        [
            CycleReview(mechanism=cycle.mechanism, state="KG", review_on=FAR, publication=Publication.PUBLIC)
            for _ in range(110)
        ]
    )
    Deadline.objects.bulk_create(
        [
            Deadline(
                mechanism=cycle.mechanism,
                cycle=cycle,
                state="KZ",
                kind="ngo_submission",
                due_on=cycle.review_on,
                publication="public",
            )
            for _ in range(110)
        ]
    )
    others = list(CycleReview.objects.filter(state="KG", review_on=FAR))
    FollowUp.objects.bulk_create([FollowUp(cycle=other, recommendation=recommendation) for other in others])
    counts = []
    for size in (10, 100):
        with django_assert_max_num_queries(10) as captured:
            response = client.get(f"/api/v1/{resource}/?page_size={size}")
        assert response.status_code == 200 and len(response.json()["results"]) == size
        counts.append(len(captured))
    assert counts[0] == counts[1]
