import datetime

import pytest
from django.db import IntegrityError, transaction

from recommendations.models import Status, StatusAssessment
from recommendations.services import assessment_confirm, assessment_propose, assessment_reject
from tests.recommendations.factories import RecommendationFactory, ReviewFactory

pytestmark = pytest.mark.django_db


def test_paragraph_is_unique_within_a_review():
    review = ReviewFactory()
    RecommendationFactory(review=review, paragraph="12")
    RecommendationFactory(review=ReviewFactory(), paragraph="12")
    with pytest.raises(IntegrityError), transaction.atomic():
        RecommendationFactory(review=review, paragraph="12")


def test_blank_paragraphs_may_repeat():
    review = ReviewFactory()
    RecommendationFactory(review=review, paragraph="")
    RecommendationFactory(review=review, paragraph="")
    assert review.recommendations.count() == 2


def test_status_comes_from_the_latest_confirmed_assessment_and_history_is_kept(member, coordinator):
    recommendation = RecommendationFactory()
    older = assessment_propose(
        recommendation=recommendation, user=member, status=Status.NOT_STARTED, assessed_on=datetime.date(2019, 1, 1)
    )
    newer = assessment_propose(
        recommendation=recommendation, user=member, status=Status.IN_PROGRESS, assessed_on=datetime.date(2021, 1, 1)
    )
    recommendation.refresh_from_db()
    assert recommendation.status == Status.NOT_ASSESSED  # proposals change nothing

    assessment_confirm(assessment=newer, user=coordinator)
    assessment_confirm(assessment=older, user=coordinator)  # confirmed later, but older by date
    recommendation.refresh_from_db()
    assert recommendation.status == Status.IN_PROGRESS
    assert recommendation.status_date == datetime.date(2021, 1, 1)
    assert recommendation.assessments.count() == 2
    assert recommendation.history.count() >= 2


def test_rejected_assessment_does_not_change_status(member, coordinator):
    recommendation = RecommendationFactory()
    proposal = assessment_propose(
        recommendation=recommendation, user=member, status=Status.IMPLEMENTED, assessed_on=datetime.date(2022, 5, 1)
    )
    assessment_reject(assessment=proposal, user=coordinator, comment="No source.")
    recommendation.refresh_from_db()
    assert recommendation.status == Status.NOT_ASSESSED
    proposal.refresh_from_db()
    assert proposal.state == StatusAssessment.State.REJECTED
    assert proposal.review_comment == "No source."
