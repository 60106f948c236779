"""The status tally (kept by database triggers) always equals a live count of the recommendations."""

from collections import Counter

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.db.models import Count

from platform_site.charts import implementation_status_charts
from recommendations.models import Recommendation, Status, StatusTally

from .factories import MechanismFactory, RecommendationFactory, ReviewFactory

pytestmark = pytest.mark.django_db


def live_counts():
    return Counter(
        {
            (row["review_id"], row["status"], row["is_public"]): row["n"]
            for row in Recommendation.objects.order_by()
            .values("review_id", "status", "is_public")
            .annotate(n=Count("pk"))
        }
    )


def tally_counts():
    return Counter(
        {
            (row.review_id, row.status, row.is_public): row.recommendations
            for row in StatusTally.objects.all()
            if row.recommendations
        }
    )


def test_every_kind_of_write_keeps_the_tally():
    kg = ReviewFactory(state="KG")
    kz = ReviewFactory(state="KZ", mechanism=MechanismFactory(code="UPR", name="UPR"))
    first, second, third = (RecommendationFactory(review=kg) for _ in range(3))
    assert tally_counts() == live_counts() == Counter({(kg.pk, Status.NOT_ASSESSED, True): 3})

    first.status = Status.IMPLEMENTED  # save(): an UPDATE of every column
    first.save()
    second.is_public = False
    second.save()
    Recommendation.objects.filter(pk=third.pk).update(review=kz, status=Status.IN_PROGRESS)  # QuerySet.update
    Recommendation.objects.bulk_create(
        [Recommendation(review=kz, paragraph=f"b{n}", text="Bulk", status=Status.NOT_STARTED) for n in range(5)]
    )
    assert tally_counts() == live_counts()
    assert tally_counts()[(kz.pk, Status.NOT_STARTED, True)] == 5

    Recommendation.objects.filter(pk__in=Recommendation.objects.filter(status=Status.NOT_STARTED)[:2]).delete()
    first.delete()
    assert tally_counts() == live_counts()
    assert sum(tally_counts().values()) == Recommendation.objects.count() == 5


def test_a_rolled_back_write_leaves_the_tally_as_it_was():
    review = ReviewFactory()
    RecommendationFactory(review=review)
    before = tally_counts()
    with pytest.raises(RuntimeError), transaction.atomic():
        RecommendationFactory(review=review, status=Status.IMPLEMENTED)
        raise RuntimeError
    assert tally_counts() == before == live_counts()


def test_the_chart_from_the_tally_equals_the_live_count():
    cmw = ReviewFactory(mechanism=MechanismFactory(code="CMW"), state="KG")
    upr = ReviewFactory(mechanism=MechanismFactory(code="UPR", name="UPR"), state="KZ")
    for status in (Status.IMPLEMENTED, Status.IMPLEMENTED, Status.IN_PROGRESS):
        RecommendationFactory(review=cmw, status=status)
    RecommendationFactory(review=upr, status=Status.IMPLEMENTED, is_public=False)
    moved = RecommendationFactory(review=upr, status=Status.NOT_STARTED)
    moved.status = Status.IMPLEMENTED
    moved.save()

    for tallies, recommendations in [
        (StatusTally.objects.filter(is_public=True), Recommendation.objects.public()),
        (StatusTally.objects.all(), Recommendation.objects.all()),
    ]:
        from_tally = implementation_status_charts(tallies)
        live = implementation_status_charts(recommendations)
        for chart, expected in zip(from_tally, live, strict=True):
            assert [(row.key, row.counts) for row in chart.rows] == [(row.key, row.counts) for row in expected.rows]
    by_mechanism, _by_state = implementation_status_charts(StatusTally.objects.filter(is_public=True))
    assert {row.key: row.total for row in by_mechanism.rows} == {"CMW": 3, "UPR": 1}


def test_the_public_sees_the_public_tally_and_members_all(member):
    RecommendationFactory(is_public=False)
    RecommendationFactory()
    assert sum(row.recommendations for row in StatusTally.objects.visible_to(AnonymousUser())) == 1
    assert sum(row.recommendations for row in StatusTally.objects.visible_to(member)) == 2
