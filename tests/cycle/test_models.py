"""The calendar's visibility rules, the follow-up due date computed by rule, and follow-up selection."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError

from cycle.models import CycleReview, Deadline, FollowUpRule, Publication
from cycle.services import add_months, follow_up_deadline_sync, follow_up_select
from tests.recommendations.factories import MechanismFactory, RecommendationFactory, ReviewFactory

from .factories import CycleReviewFactory, DeadlineFactory

pytestmark = pytest.mark.django_db


def test_visible_to_by_role(people):
    public = DeadlineFactory(publication=Publication.PUBLIC)
    members = DeadlineFactory(publication=Publication.MEMBERS)
    draft = DeadlineFactory(publication=Publication.DRAFT)
    hidden_review = CycleReviewFactory(publication=Publication.DRAFT)
    under_draft_review = DeadlineFactory(publication=Publication.PUBLIC, cycle=hidden_review)

    def seen(user):
        return set(Deadline.objects.visible_to(user or AnonymousUser()))

    assert seen(None) == {public}
    assert seen(people["other_member"]) == {public, members}
    assert seen(people["member"]) == {public, members}
    assert seen(people["coordinator"]) == {public, members, draft, under_draft_review}
    assert list(CycleReview.objects.visible_to(AnonymousUser())) == []


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (datetime.date(2023, 12, 8), 24, datetime.date(2025, 12, 8)),
        (datetime.date(2015, 4, 17), 12, datetime.date(2016, 4, 17)),
        (datetime.date(2024, 2, 29), 12, datetime.date(2025, 2, 28)),
        (datetime.date(2023, 11, 30), 3, datetime.date(2024, 2, 29)),
    ],
)
def test_add_months(day, months, expected):
    assert add_months(day, months) == expected


def test_follow_up_due_date_computed_by_the_mechanisms_rule():
    cmw = MechanismFactory(code="CMW")
    FollowUpRule.objects.create(mechanism=cmw, months=24)
    review = ReviewFactory(mechanism=cmw)
    cycle = CycleReviewFactory(mechanism=cmw, review=review, adopted_on=None, ends_on=datetime.date(2023, 12, 8))
    recs = [RecommendationFactory(review=review) for _ in range(3)]
    follow_up_select(cycle=cycle, recommendations=recs[:2])
    deadline = cycle.deadlines.get(kind=Deadline.Kind.FOLLOW_UP_REPORT)
    assert deadline.is_computed
    assert deadline.due_on == datetime.date(2025, 12, 8)
    assert deadline.publication == cycle.publication
    # The rule changes: the computed date follows.
    FollowUpRule.objects.filter(mechanism=cmw).update(months=12)
    follow_up_deadline_sync(cycle=cycle)
    assert cycle.deadlines.get(kind=Deadline.Kind.FOLLOW_UP_REPORT).due_on == datetime.date(2024, 12, 8)


def test_other_treaty_bodies_default_to_one_year_from_adoption():
    cescr = MechanismFactory(code="CESCR", name="CESCR")
    review = ReviewFactory(mechanism=cescr)
    cycle = CycleReviewFactory(mechanism=cescr, review=review, adopted_on=datetime.date(2015, 6, 19))
    follow_up_select(cycle=cycle, recommendations=[RecommendationFactory(review=review)])
    assert cycle.deadlines.get().due_on == datetime.date(2016, 6, 19)


def test_an_entered_follow_up_date_wins_over_the_rule():
    review = ReviewFactory()
    cycle = CycleReviewFactory(mechanism=review.mechanism, review=review)
    entered = DeadlineFactory(
        cycle=cycle, mechanism=review.mechanism, kind=Deadline.Kind.FOLLOW_UP_REPORT, due_on=datetime.date(2025, 1, 5)
    )
    follow_up_select(cycle=cycle, recommendations=[RecommendationFactory(review=review)])
    assert list(cycle.deadlines.all()) == [entered]
    entered.refresh_from_db()
    assert entered.due_on == datetime.date(2025, 1, 5) and not entered.is_computed


def test_follow_up_refuses_recommendations_of_another_review():
    review = ReviewFactory()
    cycle = CycleReviewFactory(mechanism=review.mechanism, review=review)
    with pytest.raises(ValidationError):
        follow_up_select(cycle=cycle, recommendations=[RecommendationFactory()])
    assert not cycle.follow_ups.exists() and not cycle.deadlines.exists()
