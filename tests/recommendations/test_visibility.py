"""Who sees which recommendations and who may edit them."""

import pytest
from django.contrib.auth.models import AnonymousUser

from partners.access import can_edit
from recommendations.models import Recommendation
from tests.recommendations.factories import RecommendationFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("person", "sees_hidden", "may_edit"),
    [
        ("anonymous", False, False),
        ("other_member", True, False),
        ("member", True, False),
        ("coordinator", True, True),
    ],
)
def test_hidden_recommendations_are_for_members_and_only_coordinators_edit(people, person, sees_hidden, may_edit):
    user = people[person] or AnonymousUser()
    public = RecommendationFactory(is_public=True)
    hidden = RecommendationFactory(is_public=False, text="An ask of a report still in draft.")

    visible = set(Recommendation.objects.visible_to(user))

    assert public in visible
    assert (hidden in visible) is sees_hidden
    assert public.editable_by(user) is may_edit
    assert can_edit(user, hidden) is may_edit
