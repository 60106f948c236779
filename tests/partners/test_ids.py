"""Ids from a request beyond 64 bits (or not ids at all) never reach the database: no OverflowError on SQLite.

The action form's multi-selects were the example (shown again after a validation error, their widget filtered
``pk__in`` with the raw values); the fix is in the ORM lookup, so every form, filter and view is covered.
"""

import pytest
from django.urls import reverse

from advocacy.models import Event
from partners.ids import MAX_ID, parse_id, parse_ids
from partners.models import Organisation
from tests.advocacy.test_forms import CREATE_URL, event_data, get_token
from tests.partners.factories import OrganisationFactory
from tests.recommendations.factories import RecommendationFactory

pytestmark = pytest.mark.django_db

BAD_IDS = ["99999999999999999999", "1e20", str(2**63), "-1", "0", "inf", " 7 ", "٣"]
FIELDS = [
    "event-organisers",
    "event-participants",
    "event-addressed_bodies",
    "event-reports_presented",
    "event-recommendations_promoted",
]


@pytest.mark.parametrize("field", FIELDS)
@pytest.mark.parametrize("bad", ["99999999999999999999", "1e20", str(2**63)])
def test_the_action_form_refuses_huge_ids_and_shows_itself_again(client_for, member, field, bad):
    client = client_for(member)
    good = OrganisationFactory(name="Kept Organisation").pk
    response = client.post(CREATE_URL, event_data(get_token(client), **{field: [bad, str(good)]}))
    assert response.status_code == 200
    assert response.context["form"].has_error(field.removeprefix("event-"))
    assert not Event.objects.exists()


def test_chosen_options_survive_beside_a_huge_id(client_for, member):
    client = client_for(member)
    kept = OrganisationFactory(name="Kept Organisation")
    recommendation = RecommendationFactory()
    data = event_data(
        get_token(client),
        **{
            "event-organisers": [str(kept.pk), "99999999999999999999"],
            "event-recommendations_promoted": [str(recommendation.pk), "1e20"],
        },
    )
    body = client.post(CREATE_URL, data).content.decode()
    assert f'<option value="{kept.pk}" selected>' in body
    assert f'<option value="{recommendation.pk}" selected>' in body


@pytest.mark.parametrize(
    "url",
    [
        "/recommendations/?body=99999999999999999999",
        "/recommendations/?theme=99999999999999999999&group=1e20&review=99999999999999999999",
        "/recommendations/export.xlsx?body=99999999999999999999",
        "/reports/?theme=99999999999999999999",
        "/advocacy/?organisation=99999999999999999999",
    ],
)
def test_filters_with_huge_ids_answer(client, url):
    assert client.get(url).status_code == 200


@pytest.mark.parametrize(
    "url", ["/recommendations/99999999999999999999/", "/advocacy/99999999999999999999/", "/advocacy/1e20/"]
)
def test_pages_with_huge_ids_are_not_found(client, url):
    assert client.get(url).status_code == 404


def test_in_lookups_leave_out_what_the_column_cannot_hold():
    organisation = OrganisationFactory()
    assert list(Organisation.objects.filter(pk__in=[organisation.pk, 10**20])) == [organisation]
    assert list(Organisation.objects.filter(pk__in=["99999999999999999999"])) == []
    assert list(Event.objects.filter(organisers__in=[10**20])) == []
    assert list(Event.objects.filter(owner__in=[organisation.pk, -(10**20)])) == []


def test_parse_id():
    assert parse_id("42") == 42 and parse_id(MAX_ID) == MAX_ID
    assert [parse_id(bad) for bad in BAD_IDS if bad != " 7 "] == [None] * (len(BAD_IDS) - 1)
    assert parse_id(" 7 ") == 7
    assert parse_ids(["3", "1e20", "3", "99999999999999999999", "5"]) == [3, 5]


def test_the_review_queue_ignores_huge_ids_in_its_urls(client_for, coordinator):
    url = reverse("members:event_publish", kwargs={"pk": 99999999999999999999})
    assert client_for(coordinator).post(url).status_code == 404
