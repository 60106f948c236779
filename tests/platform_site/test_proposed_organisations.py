"""Organisations members add from the action form wait for a coordinator before the public sees them.

A member's new organisation (any kind, state bodies included) is members-only and sits in the review
queue beside the action that named it; a coordinator publishes it with one click (or keeps it for members).
A coordinator's own addition is public at once.
"""

import pytest
from django.urls import reverse

from advocacy.models import Event
from partners.models import Organisation
from tests.advocacy.test_forms import CREATE_URL, event_data, get_token
from tests.partners.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

NAME = "Ministry of Internal Affairs of Kyrgyzstan"


def add_from_form(client, kind=Organisation.Kind.NGO, role="addressed_bodies", name=NAME, submit=False):
    data = event_data(
        get_token(client),
        **{
            "event-new_organisation_name": name,
            "event-new_organisation_kind": kind,
            "event-new_organisation_role": role,
        },
    )
    if submit:
        data["submit"] = "1"
    response = client.post(CREATE_URL, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return Organisation.objects.get(name=name), Event.objects.get(title_en=data["event-title_en"])


def public_pages(organisation):
    return [
        reverse("partners:list"),
        f"{reverse('partners:list')}?kind={organisation.kind}",
        reverse("recommendations:list"),
        reverse("advocacy:list"),
        "/sitemap-partners.xml",
        f"{reverse('search')}?q=Internal",
    ]


@pytest.mark.parametrize(
    ("kind", "role"),
    [(Organisation.Kind.NGO, "addressed_bodies"), (Organisation.Kind.NGO, "participants"), ("un_body", "organisers")],
)
def test_a_members_new_organisation_is_not_public(client_for, member, client, kind, role):
    organisation, _event = add_from_form(client_for(member), kind=kind, role=role, submit=True)
    assert not organisation.is_public
    assert organisation.needs_review
    assert organisation.proposed_by == member
    client.logout()
    assert client.get(organisation.get_absolute_url()).status_code == 404
    for url in public_pages(organisation):
        assert NAME not in client.get(url).content.decode(), url


def test_the_member_can_still_choose_it_in_their_forms(client_for, member):
    client = client_for(member)
    organisation, event = add_from_form(client)
    assert list(event.addressed_bodies.all()) == [organisation]
    found = client.get(reverse("partners:lookup"), {"q": "Internal", "kind": "state_body"}).json()["results"]
    assert [result["id"] for result in found] == [organisation.pk]
    page = client.get(reverse("advocacy:update", kwargs={"pk": event.pk})).content.decode()
    assert NAME in page


def test_it_waits_in_the_queue_beside_its_action_and_in_the_count(client_for, member, coordinator):
    organisation, event = add_from_form(client_for(member), submit=True)
    client = client_for(coordinator)
    page = client.get(reverse("members:review"))
    section = page.content.decode().split(f'id="organisation-{organisation.pk}"', 1)[1].split("</section>", 1)[0]
    assert event.get_absolute_url() in section
    assert reverse("members:organisation_publish", kwargs={"pk": organisation.pk}) in section
    # The header's count: the action in review and the organisation.
    assert page.context["review_queue_count"] == 2


def test_a_coordinator_publishes_it_in_one_click(client_for, member, coordinator, client):
    organisation, _event = add_from_form(client_for(member), submit=True)
    coordinator_client = client_for(coordinator)
    response = coordinator_client.post(reverse("members:organisation_publish", kwargs={"pk": organisation.pk}))
    assert response.status_code == 302 and response["Location"] == reverse("members:review")
    organisation.refresh_from_db()
    assert organisation.is_public and not organisation.needs_review
    queue = coordinator_client.get(reverse("members:review")).content.decode()
    assert f'id="organisation-{organisation.pk}"' not in queue
    client.logout()
    assert client.get(organisation.get_absolute_url()).status_code == 200
    assert NAME in client.get(reverse("partners:list")).content.decode()


def test_a_coordinator_may_keep_it_for_members_only(client_for, member, coordinator):
    organisation, _event = add_from_form(client_for(member))
    client = client_for(coordinator)
    assert client.post(reverse("members:organisation_keep", kwargs={"pk": organisation.pk})).status_code == 302
    organisation.refresh_from_db()
    assert not organisation.is_public and not organisation.needs_review
    assert f'id="organisation-{organisation.pk}"' not in client.get(reverse("members:review")).content.decode()


def test_a_coordinators_new_organisation_is_public_at_once(client_for, coordinator):
    organisation, _event = add_from_form(client_for(coordinator))
    assert organisation.is_public and not organisation.needs_review
    assert organisation.proposed_by == coordinator


def test_an_existing_organisation_is_reused_not_proposed_again(client_for, member):
    existing = OrganisationFactory(name=NAME, is_public=True)
    organisation, _event = add_from_form(client_for(member))
    assert organisation == existing and organisation.is_public and not organisation.needs_review


@pytest.mark.parametrize("action", ["members:organisation_publish", "members:organisation_keep"])
@pytest.mark.parametrize(
    ("person", "expected"), [("anonymous", 302), ("other_member", 403), ("member", 403), ("coordinator", 302)]
)
def test_who_may_decide(client_for, people, member, action, person, expected):
    organisation, _event = add_from_form(client_for(member))
    response = client_for(people[person]).post(reverse(action, kwargs={"pk": organisation.pk}))
    assert response.status_code == expected
    organisation.refresh_from_db()
    if person == "anonymous":
        assert response["Location"].startswith(reverse("login"))
    assert organisation.needs_review == (person != "coordinator")
    assert organisation.is_public == (person == "coordinator" and action == "members:organisation_publish")


@pytest.mark.parametrize(
    ("person", "expected"), [("anonymous", 302), ("other_member", 403), ("member", 403), ("coordinator", 200)]
)
def test_who_may_see_the_queue(client_for, people, member, person, expected):
    add_from_form(client_for(member))
    response = client_for(people[person]).get(reverse("members:review"))
    assert response.status_code == expected
    if expected == 200:
        assert NAME in response.content.decode()


def test_deciding_needs_post(client_for, member, coordinator):
    organisation, _event = add_from_form(client_for(member))
    response = client_for(coordinator).get(reverse("members:organisation_publish", kwargs={"pk": organisation.pk}))
    assert response.status_code == 405
    organisation.refresh_from_db()
    assert organisation.needs_review


def test_publishing_twice_says_it_no_longer_waits(client_for, member, coordinator):
    organisation, _event = add_from_form(client_for(member))
    client = client_for(coordinator)
    url = reverse("members:organisation_publish", kwargs={"pk": organisation.pk})
    client.post(url)
    response = client.post(url, follow=True)
    assert any("not waiting" in str(m) or "не ожидает" in str(m) for m in response.context["messages"])
