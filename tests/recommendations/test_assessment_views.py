"""Proposing a status assessment from the dossier: who may, what is checked, and what it changes."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from recommendations.models import Status, StatusAssessment
from tests.members_support import fake_pdf, form_token, pdf_file
from tests.recommendations.factories import RecommendationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def recommendation():
    return RecommendationFactory()


def assess_url(recommendation):
    return reverse("recommendations:assess", kwargs={"pk": recommendation.pk})


def propose(client, recommendation, **data):
    token = form_token(client.get(assess_url(recommendation)))
    payload = {
        "status": Status.IN_PROGRESS,
        "assessed_on": "2016-05-01",
        "evidence": "The government adopted a programme on migrants' children.",
        "source_url": "",
        "form_token": token,
    }
    payload.update(data)
    return client.post(assess_url(recommendation), payload)


@pytest.mark.parametrize(
    ("person", "expected"),
    [("anonymous", 302), ("other_member", 200), ("member", 200), ("coordinator", 200)],
)
def test_who_may_open_the_form(client_for, people, recommendation, person, expected):
    response = client_for(people[person]).get(assess_url(recommendation))
    assert response.status_code == expected
    if person == "anonymous":
        assert response["Location"].startswith(reverse("login"))


def test_anonymous_direct_post_is_refused(client, recommendation):
    response = client.post(assess_url(recommendation), {"status": Status.IMPLEMENTED, "assessed_on": "2016-01-01"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert not StatusAssessment.objects.exists()


def test_hidden_recommendation_is_404_for_a_user_without_membership(client_for, recommendation, django_user_model):
    recommendation.is_public = False
    recommendation.save()
    stranger = django_user_model.objects.create_user("stranger", password="x")
    assert client_for(stranger).get(assess_url(recommendation)).status_code == 404


def test_a_proposal_is_saved_as_proposed_and_changes_nothing_yet(client_for, member, organisation, recommendation):
    client = client_for(member)
    response = propose(client, recommendation, source_file=pdf_file())
    assert response.status_code == 302
    assert response["Location"] == recommendation.get_absolute_url()
    assessment = StatusAssessment.objects.get()
    assert assessment.state == StatusAssessment.State.PROPOSED
    assert assessment.organisation == organisation
    assert assessment.proposed_by == member
    assert assessment.source_file.name.endswith(".pdf")
    recommendation.refresh_from_db()
    assert recommendation.status == Status.NOT_ASSESSED
    # The history knows who proposed it (HistoryRequestMiddleware).
    assert assessment.history.first().history_user == member


def test_evidence_is_required(client_for, member, recommendation):
    response = propose(client_for(member), recommendation, evidence="", source_url="")
    assert response.status_code == 200
    assert "no_evidence" in [e.code for e in response.context["form"].non_field_errors().as_data()]
    assert not StatusAssessment.objects.exists()


def test_typed_values_are_kept_when_the_form_fails(client_for, member, recommendation):
    response = propose(client_for(member), recommendation, source_url="not a url", evidence="Decree 42 of 2016")
    assert response.status_code == 200
    assert "source_url" in response.context["form"].errors
    assert "Decree 42 of 2016" in response.content.decode()
    assert "not a url" in response.content.decode()


def test_a_date_in_the_future_is_refused(client_for, member, recommendation):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = propose(client_for(member), recommendation, assessed_on=tomorrow.isoformat())
    assert response.context["form"].has_error("assessed_on", "date_in_future")


def test_a_file_that_is_not_really_a_pdf_is_refused(client_for, member, recommendation):
    response = propose(client_for(member), recommendation, source_file=fake_pdf())
    assert response.status_code == 200
    assert response.context["form"].has_error("source_file", "file_type")
    assert not StatusAssessment.objects.exists()


def test_a_file_over_the_limit_is_refused(client_for, member, recommendation, settings):
    settings.MAX_UPLOAD_MB = 0
    response = propose(client_for(member), recommendation, source_file=pdf_file())
    assert response.context["form"].has_error("source_file", "file_too_large")


def test_a_member_cannot_propose_for_another_organisation(client_for, member, other_organisation, recommendation):
    response = propose(client_for(member), recommendation, organisation=other_organisation.pk)
    assert response.status_code == 200
    assert response.context["form"].has_error("organisation")
    assert not StatusAssessment.objects.exists()


def test_the_same_form_sent_twice_saves_once(client_for, member, recommendation):
    client = client_for(member)
    token = form_token(client.get(assess_url(recommendation)))
    data = {"status": Status.IMPLEMENTED, "assessed_on": "2017-01-01", "evidence": "A law.", "form_token": token}
    first = client.post(assess_url(recommendation), data)
    second = client.post(assess_url(recommendation), data, follow=True)
    assert first.status_code == 302
    assert StatusAssessment.objects.count() == 1
    assert "already sent" in second.content.decode() or "уже" in second.content.decode()


def test_a_form_without_a_valid_token_saves_nothing(client_for, member, recommendation):
    response = client_for(member).post(
        assess_url(recommendation),
        {"status": Status.IMPLEMENTED, "assessed_on": "2017-01-01", "evidence": "A law.", "form_token": "forged"},
    )
    assert response.status_code == 200
    assert not StatusAssessment.objects.exists()
    assert "A law." in response.content.decode()


def test_the_dossier_offers_the_form_to_members_only(client_for, people, recommendation):
    url = reverse("recommendations:detail", kwargs={"pk": recommendation.pk})
    link = assess_url(recommendation)
    assert link not in client_for(None).get(url).content.decode()
    assert link in client_for(people["member"]).get(url).content.decode()
    assert link in client_for(people["coordinator"]).get(url).content.decode()


def test_recommendation_lookup_answers_with_visible_records_only(client_for, member, recommendation):
    hidden = RecommendationFactory(text="Ratify the convention on domestic workers", is_public=False)
    for _ in range(25):
        RecommendationFactory(text="Ratify the convention on something")
    url = reverse("recommendations:lookup")
    assert client_for(None).get(url, {"q": "ratify"}).status_code == 302
    results = client_for(member).get(url, {"q": "ratify convention"}).json()["results"]
    assert len(results) == 20
    assert client_for(member).get(url, {"q": "domestic"}).json()["results"][0]["id"] == hidden.pk
    assert client_for(member).get(url, {"q": ""}).json()["results"] == []
