import datetime

import factory

from cycle.models import CycleReview, Deadline, FollowUp, FollowUpRule, Publication
from tests.recommendations.factories import MechanismFactory, RecommendationFactory


class CycleReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CycleReview

    state = "KG"
    mechanism = factory.SubFactory(MechanismFactory)
    session = "37th session"
    starts_on = datetime.date(2023, 11, 27)
    ends_on = datetime.date(2023, 12, 8)
    review_on = datetime.date(2023, 11, 30)
    source_url = "https://example.org/session-37"
    checked_on = datetime.date(2026, 11, 1)
    publication = Publication.PUBLIC


class DeadlineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Deadline

    state = "KG"
    mechanism = factory.SubFactory(MechanismFactory)
    kind = Deadline.Kind.NGO_SUBMISSION
    due_on = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=10))
    source_url = "https://example.org/deadline"
    checked_on = datetime.date(2026, 11, 1)
    publication = Publication.PUBLIC


class FollowUpFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FollowUp

    cycle = factory.SubFactory(CycleReviewFactory)
    recommendation = factory.LazyAttribute(
        lambda o: RecommendationFactory(review=o.cycle.review) if o.cycle.review_id else RecommendationFactory()
    )


class FollowUpRuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FollowUpRule
        django_get_or_create = ("mechanism",)

    mechanism = factory.SubFactory(MechanismFactory, code="CEDAW", name="CEDAW")
    months = 24
