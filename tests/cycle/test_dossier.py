"""The dossier of a follow-up paragraph shows its due date (marked when computed) and the committee's grade."""

import datetime

import pytest

from cycle.models import FollowUp, FollowUpRule, Publication
from cycle.services import follow_up_select
from tests.recommendations.factories import MechanismFactory, RecommendationFactory, ReviewFactory

from .factories import CycleReviewFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def follow_up():
    cmw = MechanismFactory(code="CMW")
    FollowUpRule.objects.create(mechanism=cmw, months=24)
    review = ReviewFactory(mechanism=cmw)
    cycle = CycleReviewFactory(mechanism=cmw, review=review, ends_on=datetime.date(2023, 12, 8))
    (item,) = follow_up_select(cycle=cycle, recommendations=[RecommendationFactory(review=review)])
    FollowUp.objects.filter(pk=item.pk).update(
        grade=FollowUp.Grade.B, committee_assessment_en="Some steps taken", assessed_on=datetime.date(2026, 3, 2)
    )
    return item


def test_dossier_shows_due_date_computed_and_grade(client, follow_up, django_assert_max_num_queries):
    with django_assert_max_num_queries(22):
        response = client.get(f"/en{follow_up.recommendation.get_absolute_url()}")
    html = response.content.decode()
    assert "Committee follow-up" in html
    assert 'datetime="2025-12-08"' in html
    assert "computed by rule" in html
    assert "B — partially satisfactory" in html
    # The platform's own status is still there, beside the committee's grade.
    assert "Implementation status:" in html
    assert "Follow-up report due" in html


def test_a_draft_calendar_entry_keeps_its_follow_up_off_the_public_dossier(client, follow_up, people, client_for):
    follow_up.cycle.publication = Publication.DRAFT
    follow_up.cycle.save()
    url = f"/en{follow_up.recommendation.get_absolute_url()}"
    assert "Committee follow-up" not in client.get(url).content.decode()
    assert "Committee follow-up" not in client_for(people["member"]).get(url).content.decode()
    assert "Committee follow-up" in client_for(people["coordinator"]).get(url).content.decode()
